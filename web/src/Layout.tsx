import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from './api.ts';
import { type Language, switchLanguage } from './i18n.ts';
import { hasRole, may, useSession } from './session.tsx';

/** Header, navigation by role, the main landmark and a skip link; screens render into <main>. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, status, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const firstRender = useRef(true);

  // After a navigation, focus the new page's heading so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path changes only
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);

  const other: Language = i18n.language === 'en' ? 'de' : 'en';

  return (
    <div className="app">
      {/* A plain in-page link: the browser scrolls to <main> and focuses it (tabIndex -1). */}
      <a className="skip-link" href="#inhalt">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__claim">{t('app.claim')}</span>
            </span>
          </Link>
          <div className="header-tools">
            {me ? (
              <p className="who">
                <span className="who__name">{me.user.displayName}</span>
                <span className="who__org">{describeMemberships(me, t)}</span>
              </p>
            ) : null}
            <button type="button" className="link-button" lang={other} onClick={() => switchLanguage(other)}>
              {t('layout.switchLanguage')}
            </button>
            {me ? (
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  await signOut();
                  navigate('/anmelden', { replace: true });
                }}
              >
                {t('layout.signOut')}
              </button>
            ) : null}
          </div>
        </div>
        {status === 'signed-in' && me ? <MainNavigation me={me} /> : null}
      </header>
      <main id="inhalt" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </div>
  );
}

function MainNavigation({ me }: { me: Me }) {
  const { t } = useTranslation();
  const items = [
    { to: '/', label: t('nav.home'), show: true },
    // Ministry and admin reach these through deep links until their own screens exist.
    { to: '/pruefung', label: t('auditor.nav'), show: hasRole(me, 'auditor') },
    { to: '/bewertungen', label: t('assessment.nav'), show: hasRole(me, 'isb', 'member') },
    { to: '/massnahmen', label: t('measures.nav'), show: hasRole(me, 'isb', 'member', 'auditor') },
    {
      to: '/scans',
      label: t('scans.nav.main'),
      show: hasRole(me, 'isb', 'member', 'programme_manager', 'admin'),
    },
    { to: '/vorfaelle', label: t('incidents.nav'), show: hasRole(me, 'isb', 'member', 'cert') },
    { to: '/warnungen', label: t('warnings.nav'), show: hasRole(me, 'isb', 'member', 'cert') },
    { to: '/sicherheitshinweise', label: t('cert.nav'), show: hasRole(me, 'cert') },
    { to: '/land', label: t('ministry.nav'), show: hasRole(me, 'programme_manager') },
    { to: '/auswertungen', label: t('observer.nav'), show: hasRole(me, 'observer') },
    { to: '/kommunen', label: t('nav.municipalities'), show: may(me, 'municipalities') },
    { to: '/benutzer', label: t('nav.users'), show: may(me, 'users') },
    { to: '/kataloge', label: t('admin.catalogs.nav'), show: may(me, 'catalogImport') },
    { to: '/protokoll', label: t('nav.audit'), show: may(me, 'audit') },
    { to: '/konto', label: t('nav.account'), show: true },
  ].filter((item) => item.show);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function describeMemberships(me: Me, t: (key: string) => string): string {
  return me.memberships.map((m) => `${t(`roles.${m.role}`)}, ${m.organisationName}`).join(' · ');
}
