import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import '../../ui/tlp.css';
import { useQueryParams } from '../../ui/useQueryParams.ts';
import { ORG_PARAM } from './model.ts';

/** The scan module's screens, one level below the main navigation; the chosen Kommune goes along. */
export function ScanNav() {
  const { t } = useTranslation();
  const org = useQueryParams().params.get(ORG_PARAM);
  const search = org ? `?${new URLSearchParams({ [ORG_PARAM]: org })}` : '';
  const items = [
    ['/scans', t('scans.nav.overview')],
    ['/scans/befunde', t('scans.nav.findings')],
    ['/scans/inventar', t('scans.nav.assets')],
    ['/scans/freigaben', t('scans.nav.authorisations')],
    ['/scans/laeufe', t('scans.nav.runs')],
    ['/scans/zeitplaene', t('scans.nav.schedules')],
  ] as const;
  return (
    <nav className="subnav" aria-label={t('scans.nav.label')}>
      <ul>
        {items.map(([to, label]) => (
          <li key={to}>
            <NavLink end={to === '/scans'} to={`${to}${search}`}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
