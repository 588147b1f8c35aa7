import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber, formatPercent } from '../format.ts';
import { SCORE_CLASSES } from './scoreScale.ts';
import './map.css';

export interface DistributionRow {
  key: string;
  /** Kommunen per score class, in the order of SCORE_CLASSES. */
  counts: number[];
}

const ROW = 32;
const BAR = 22;
const LABEL_WIDTH = 80;
const AXIS = 24;

/**
 * How the Kommunen spread over the score classes: one 100 % stacked bar per row (topic), its
 * length the share of Kommunen, its colours the classes of the map. An image for screen readers (caption and summary); the figures are in the
 * table the caller shows with it (`tableId`).
 */
export function DistributionChart({
  rows,
  caption,
  summary,
  tableId,
  tableHint,
  axisLabel,
}: {
  rows: DistributionRow[];
  caption: string;
  summary: string;
  tableId: string;
  tableHint: string;
  axisLabel: string;
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

  const plot = Math.max(80, width - LABEL_WIDTH - 4);
  const height = rows.length * ROW + AXIS;
  const x = (ratio: number) => LABEL_WIDTH + ratio * plot;

  return (
    <figure className="distribution-chart">
      <figcaption>
        {caption} <a href={`#${tableId}`}>{tableHint}</a>
      </figcaption>
      <div ref={container} className="distribution-chart__canvas">
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
        >
          <title id={titleId}>{caption}</title>
          <desc id={descId}>{summary}</desc>
          {rows.map((row, index) => {
            const y = index * ROW + (ROW - BAR) / 2;
            const total = row.counts.reduce((a, b) => a + b, 0);
            let start = 0;
            return (
              <g key={row.key}>
                <text className="distribution-chart__label" x={0} y={y + BAR - 6}>
                  {row.key}
                </text>
                {total === 0 ? (
                  <rect className="distribution-chart__empty" x={x(0)} y={y} width={plot} height={BAR} />
                ) : (
                  SCORE_CLASSES.map((cls, i) => {
                    const count = row.counts[i] ?? 0;
                    const share = count / total;
                    const left = start;
                    start += share;
                    if (count === 0) return null;
                    const segment = share * plot;
                    return (
                      <g key={cls.index}>
                        <rect
                          x={x(left)}
                          y={y}
                          width={Math.max(segment - 1, 1)}
                          height={BAR}
                          fill={cls.fill}
                        />
                        {segment >= 26 ? (
                          <text
                            className="distribution-chart__count"
                            x={x(left) + segment / 2}
                            y={y + BAR - 6}
                            textAnchor="middle"
                            fill={cls.text}
                          >
                            {formatNumber(count)}
                          </text>
                        ) : null}
                      </g>
                    );
                  })
                )}
              </g>
            );
          })}
          {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
            <text
              key={tick}
              className="distribution-chart__axis"
              x={x(tick)}
              y={rows.length * ROW + 17}
              textAnchor={tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}
            >
              {formatPercent(tick)}
            </text>
          ))}
        </svg>
      </div>
      <p className="distribution-chart__note">{axisLabel}</p>
    </figure>
  );
}
