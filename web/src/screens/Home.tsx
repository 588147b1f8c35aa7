import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Me, type Organisation, type Page, query } from '../api.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { hasRole, useMe } from '../session.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../ui/states.tsx';
import { useAsync } from '../ui/useAsync.ts';
import { KommuneHome } from './assessments/KommuneHome.tsx';

/** The start page: who you are, what you may do here, and the state of things for your role. */
export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading title={t('home.title', { name: me.user.displayName })} lead={t('home.lead')} />
      <div className="cards">
        {hasRole(me, 'admin') ? <AdminStatus /> : null}
        {hasRole(me, 'programme_manager') ? <MinistryStatus /> : null}
        {hasRole(me, 'auditor') ? <AuditorStatus me={me} /> : null}
        {hasRole(me, 'isb', 'member') ? <KommuneHome me={me} /> : null}
        {hasRole(me, 'cert') ? <CertStatus /> : null}
        {hasRole(me, 'observer') ? <ObserverStatus /> : null}
        <AccountStatus me={me} />
      </div>
    </>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function useCount(path: string) {
  return useAsync(() => api.get<Page<unknown>>(path).then((page) => page.total), [path]);
}

function AdminStatus() {
  const { t } = useTranslation();
  const users = useCount('/users?limit=1');
  const organisations = useCount('/organisations?limit=1');
  return (
    <Card id="home-admin" title={t('home.admin.title')}>
      {users.error || organisations.error ? (
        <ProblemAlert error={users.error ?? organisations.error} />
      ) : null}
      {users.loading || organisations.loading ? (
        <Loading />
      ) : (
        <ul className="figures">
          <li>
            <span className="figure">{formatNumber(users.data)}</span> {t('home.admin.users')}
          </li>
          <li>
            <span className="figure">{formatNumber(organisations.data)}</span> {t('home.admin.organisations')}
          </li>
        </ul>
      )}
      <ul className="links">
        <li>
          <Link to="/benutzer">{t('home.admin.manageUsers')}</Link>
        </li>
        <li>
          <Link to="/protokoll">{t('home.admin.verifyAudit')}</Link>
        </li>
      </ul>
    </Card>
  );
}

function MinistryStatus() {
  const { t } = useTranslation();
  const municipalities = useCount('/organisations?type=municipality&limit=1');
  const districts = useCount('/organisations?type=district&limit=1');
  const total = (municipalities.data ?? 0) + (districts.data ?? 0);
  return (
    <Card id="home-ministry" title={t('home.ministry.title')}>
      {municipalities.error || districts.error ? (
        <ProblemAlert error={municipalities.error ?? districts.error} />
      ) : municipalities.loading || districts.loading ? (
        <Loading />
      ) : (
        <p>
          {t('home.ministry.summary', {
            total: formatNumber(total),
            districts: formatNumber(districts.data),
            municipalities: formatNumber(municipalities.data),
          })}
        </p>
      )}
      <p>{t('home.ministry.next')}</p>
      <p>
        <Link to="/land">{t('ministry.homeLink')}</Link>
      </p>
      <p>
        <Link to="/kommunen">{t('home.ministry.open')}</Link>
      </p>
    </Card>
  );
}

function AuditorStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  const assigned = useAsync(
    () =>
      api
        .get<Page<Organisation>>(`/organisations${query({ limit: 500 })}`)
        .then((page) => page.items.filter((o) => me.assignedOrganisationIds.includes(o.id))),
    [me.assignedOrganisationIds.join()],
  );
  return (
    <Card id="home-auditor" title={t('home.auditor.title')}>
      {assigned.error ? <ProblemAlert error={assigned.error} /> : null}
      {assigned.loading ? (
        <Loading />
      ) : assigned.data && assigned.data.length > 0 ? (
        <ul>
          {assigned.data.map((o) => (
            <li key={o.id}>
              {o.name} <span className="muted">({o.subtype ?? t(`organisationTypes.${o.type}`)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('home.auditor.none')}</Empty>
      )}
      <p>{t('home.auditor.next')}</p>
      <p>
        <Link to="/pruefung">{t('auditor.homeLink')}</Link>
      </p>
    </Card>
  );
}

function CertStatus() {
  const { t } = useTranslation();
  return (
    <Card id="home-cert" title={t('home.cert.title')}>
      <p>{t('home.cert.text')}</p>
      <p>
        <Link to="/kommunen">{t('home.cert.municipalities')}</Link>
      </p>
    </Card>
  );
}

function ObserverStatus() {
  const { t } = useTranslation();
  return (
    <Card id="home-observer" title={t('home.observer.title')}>
      <p>{t('home.observer.text')}</p>
      <p>
        <Link to="/auswertungen">{t('observer.homeLink')}</Link>
      </p>
    </Card>
  );
}

function AccountStatus({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card id="home-account" title={t('home.account.title')}>
      <dl className="facts">
        <dt>{t('home.account.email')}</dt>
        <dd>{me.user.email}</dd>
        <dt>{t('home.account.secondFactor')}</dt>
        <dd>{me.user.totpEnabled ? t('common.active') : t('common.inactive')}</dd>
        <dt>{t('home.account.since')}</dt>
        <dd>{formatDateTime(me.session.createdAt)}</dd>
      </dl>
      <p>
        <Link to="/konto">{t('home.account.manage')}</Link>
      </p>
    </Card>
  );
}
