import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { formatNumber, formatPercent } from '../../format.ts';
import type { MunicipalityOverview } from './model.ts';
import '../../ui/map.css';

/** Between the three views of the state overview; the current one is marked with aria-current. */
export function ViewTabs() {
  const { t } = useTranslation();
  const views = [
    { to: '/land', label: t('ministry.views.table') },
    { to: '/land/karte', label: t('ministry.views.map') },
    { to: '/land/themen', label: t('ministry.views.topics') },
  ];
  return (
    <nav className="view-tabs" aria-label={t('ministry.views.label')}>
      <ul>
        {views.map((view) => (
          <li key={view.to}>
            <NavLink to={view.to} end>
              {view.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The latest assessment's status and phase, or that there is none. */
export function AssessmentState({ row }: { row: MunicipalityOverview }) {
  const { t } = useTranslation();
  if (!row.assessment) return <span className="muted">{t('ministry.noAssessment')}</span>;
  return (
    <>
      {t(`assessment.status.${row.assessment.status}`)}
      <span className="muted"> ({t(`assessment.phase.${row.assessment.phase}`)})</span>
    </>
  );
}

/** A share as a small bar (decoration) and as text, e.g. "3 von 84 (4 %)". */
export function ShareMeter({ done, total, ratio }: { done: number; total: number; ratio: number | null }) {
  const { t } = useTranslation();
  const width = 72;
  const share = ratio ?? (total > 0 ? done / total : 0);
  return (
    <span className="meter">
      <svg width={width} height="10" aria-hidden="true" focusable="false">
        <rect x="0.5" y="0.5" width={width - 1} height="9" fill="#e8e9ee" stroke="#767882" />
        <rect x="1" y="1" width={Math.max(0, (width - 2) * share)} height="8" fill="#2d47a3" />
      </svg>
      <span>
        {t('ministry.share', {
          done: formatNumber(done),
          total: formatNumber(total),
          percent: formatPercent(share),
        })}
      </span>
    </span>
  );
}

/** The accessible name of a Kommune on the map and the tiles: "Halberstadt: 72 %". */
export function areaLabel(
  name: string,
  score: number | null | undefined,
  assessed: boolean,
  t: (key: string) => string,
): string {
  if (!assessed) return `${name}: ${t('ministry.noAssessment')}`;
  return `${name}: ${score === null || score === undefined ? t('ministry.noScore') : formatPercent(score)}`;
}
