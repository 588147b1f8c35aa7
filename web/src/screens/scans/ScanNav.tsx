import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import '../../ui/tlp.css';

/** The scan module's screens, one level below the main navigation. */
export function ScanNav() {
  const { t } = useTranslation();
  const items = [
    ['/scans', t('scans.nav.overview')],
    ['/scans/befunde', t('scans.nav.findings')],
    ['/scans/inventar', t('scans.nav.assets')],
    ['/scans/freigaben', t('scans.nav.authorisations')],
    ['/scans/laeufe', t('scans.nav.runs')],
  ] as const;
  return (
    <nav className="subnav" aria-label={t('scans.nav.label')}>
      <ul>
        {items.map(([to, label]) => (
          <li key={to}>
            <NavLink end={to === '/scans'} to={to}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
