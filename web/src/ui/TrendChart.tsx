import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../format.ts';
import { ScrollRegion } from './controls.tsx';
import './tlp.css';

export interface TrendPoint {
  date: string;
  high: number;
  medium: number;
  low: number;
  info: number;
}

const W = 640;
const H = 200;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };
const SERIES = ['high', 'medium', 'low'] as const;

/**
 * Open findings per day as lines (high, medium, low). The lines differ in colour and dash, so
 * they do not rely on colour alone; the exact figures are in the table below the chart.
 */
export function TrendChart({ points, caption }: { points: TrendPoint[]; caption: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const tableId = useId();
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map((s) => p[s])));
  const x = (i: number) =>
    PAD.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const last = points.at(-1);
  const summary = last
    ? t('scans.trend.summary', {
        date: formatDate(last.date),
        high: formatNumber(last.high),
        medium: formatNumber(last.medium),
        low: formatNumber(last.low),
      })
    : t('scans.trend.empty');
  return (
    <figure className="trend-chart">
      <figcaption>
        {caption} <a href={`#${tableId}`}>{t('scans.trend.toTable')}</a>
      </figcaption>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
        <title id={titleId}>{caption}</title>
        <desc id={descId}>{summary}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              className="trend-chart__grid"
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(max * f)}
              y2={y(max * f)}
            />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end">
              {formatNumber(Math.round(max * f))}
            </text>
          </g>
        ))}
        {points.length > 0 ? (
          <>
            <text x={PAD.left} y={H - 8}>
              {formatDate(points[0]!.date)}
            </text>
            <text x={W - PAD.right} y={H - 8} textAnchor="end">
              {formatDate(points.at(-1)!.date)}
            </text>
          </>
        ) : null}
        {SERIES.map((s) => (
          <polyline
            key={s}
            className={`trend-chart__${s}`}
            fill="none"
            strokeWidth={2.5}
            points={points.map((p, i) => `${x(i)},${y(p[s])}`).join(' ')}
          />
        ))}
      </svg>
      <p className="muted">
        {SERIES.map((s) => t(`scans.severity.${s}`)).join(' · ')}: {t('scans.trend.legend')}
      </p>
      <ScrollRegion id={tableId} label={t('scans.trend.table')}>
        <table className="data-table">
          <caption>{t('scans.trend.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scans.trend.date')}</th>
              {SERIES.map((s) => (
                <th key={s} scope="col" className="num">
                  {t(`scans.severity.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points
              .filter((_, i) => i === points.length - 1 || i % 7 === 0)
              .map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDate(p.date)}</th>
                  {SERIES.map((s) => (
                    <td key={s} className="num">
                      {formatNumber(p[s])}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}
