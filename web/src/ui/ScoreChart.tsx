import { useEffect, useId, useRef, useState } from 'react';
import { formatPercent } from '../format.ts';
import './widgets.css';

export interface ScoreBar {
  key: string;
  label: string;
  /** 0…1, or null when nothing in the topic is applicable. */
  score: number | null;
}

const ROW = 30;
const BAR = 18;
const LABEL_WIDTH = 92;
const VALUE_WIDTH = 56;
const AXIS = 22;

/**
 * Scores as a horizontal SVG bar chart. The SVG is drawn in CSS pixels of its container (measured),
 * so its text keeps its size from 360 px up. Screen readers get the figure's caption and a summary;
 * the exact values are in the table the caller shows beside it (`tableId`).
 */
export function ScoreChart({
  bars,
  caption,
  summary,
  tableId,
  tableHint,
}: {
  bars: ScoreBar[];
  caption: string;
  summary: string;
  tableId?: string;
  tableHint?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const plot = Math.max(60, width - LABEL_WIDTH - VALUE_WIDTH);
  const height = bars.length * ROW + AXIS;
  const x = (ratio: number) => LABEL_WIDTH + ratio * plot;

  return (
    <figure className="score-chart">
      <figcaption>
        {caption}
        {tableId && tableHint ? (
          <>
            {' '}
            <a href={`#${tableId}`}>{tableHint}</a>
          </>
        ) : null}
      </figcaption>
      <div ref={container} className="score-chart__canvas">
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
        >
          <title id={titleId}>{caption}</title>
          <desc id={descId}>{summary}</desc>
          {[0, 0.5, 1].map((tick) => (
            <g key={tick}>
              <line className="score-chart__grid" x1={x(tick)} x2={x(tick)} y1={0} y2={bars.length * ROW} />
              <text
                className="score-chart__axis"
                x={x(tick)}
                y={bars.length * ROW + 16}
                textAnchor={tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}
              >
                {formatPercent(tick)}
              </text>
            </g>
          ))}
          {bars.map((bar, index) => {
            const y = index * ROW + (ROW - BAR) / 2;
            return (
              <g key={bar.key}>
                <text className="score-chart__label" x={0} y={y + BAR - 4}>
                  {bar.key}
                </text>
                <rect className="score-chart__track" x={x(0)} y={y} width={plot} height={BAR} />
                {bar.score !== null ? (
                  <rect
                    className="score-chart__bar"
                    x={x(0)}
                    y={y}
                    width={Math.max(bar.score * plot, bar.score > 0 ? 2 : 0)}
                    height={BAR}
                  />
                ) : null}
                <text className="score-chart__value" x={width - 2} y={y + BAR - 4} textAnchor="end">
                  {bar.score === null ? '–' : formatPercent(bar.score)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
