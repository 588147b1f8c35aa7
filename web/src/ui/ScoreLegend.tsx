import { useTranslation } from 'react-i18next';
import { formatPercent } from '../format.ts';
import { NO_SCORE, SCORE_CLASSES, type ScoreClass } from './scoreScale.ts';
import './map.css';

/** "25 % bis unter 50 %"; the top class includes 100 %. */
export function classLabel(
  c: ScoreClass,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const last = c.index === SCORE_CLASSES.length - 1;
  return t(last ? 'ministry.legend.rangeLast' : 'ministry.legend.range', {
    from: formatPercent(c.from),
    to: formatPercent(c.to),
  });
}

/** The colour key of the score scale as a plain list (read in order by screen readers). */
export function ScoreLegend({ title, noScore = true }: { title: string; noScore?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="score-legend">
      <p className="score-legend__title">{title}</p>
      <ul>
        {SCORE_CLASSES.map((c) => (
          <li key={c.index}>
            <svg className="score-legend__swatch" width="20" height="20" aria-hidden="true" focusable="false">
              <rect x="0.5" y="0.5" width="19" height="19" fill={c.fill} stroke="#1b1b1f" />
            </svg>
            {classLabel(c, t)}
          </li>
        ))}
        {noScore ? (
          <li>
            <svg className="score-legend__swatch" width="20" height="20" aria-hidden="true" focusable="false">
              <rect x="0.5" y="0.5" width="19" height="19" fill={NO_SCORE.fill} stroke="#1b1b1f" />
              <path d="M0 20 L20 0 M-5 5 L5 -5 M15 25 L25 15" stroke="#1b1b1f" strokeWidth="1" />
            </svg>
            {t('ministry.legend.none')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
