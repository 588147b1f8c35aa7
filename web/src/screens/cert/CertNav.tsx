import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import '../../ui/tlp.css';

/** The CERT's advisory screens, one level below the main navigation. */
export function CertNav() {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t('cert.subnav')}>
      <ul>
        <li>
          <NavLink end to="/sicherheitshinweise">
            {t('cert.advisories')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/sicherheitshinweise/pruefliste">{t('cert.reviewQueue')}</NavLink>
        </li>
        <li>
          <NavLink to="/sicherheitshinweise/aliase">{t('cert.aliases')}</NavLink>
        </li>
        <li>
          <NavLink to="/warnungen">{t('warnings.pageTitle')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
