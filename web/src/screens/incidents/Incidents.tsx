import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { hasRole, useMe } from '../../session.tsx';
import { SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { TlpBadge } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { CASE_STATUSES, type IncidentSummary } from './model.ts';

const PAGE_SIZE = 25;

/** Incident reports: the Kommune's own, or the CERT's cases of its state (filters in the URL). */
export default function Incidents() {
  const { t } = useTranslation();
  const me = useMe();
  const cert = hasRole(me, 'cert');
  const mayReport = hasRole(me, 'isb', 'member');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const overdue = params.get('ueberfaellig') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);
  const list = useAsync(
    () =>
      api.get<Page<IncidentSummary>>(
        `/incidents${query({
          status: status || undefined,
          overdue: overdue || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })}`,
      ),
    [status, overdue, page],
  );
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    next.delete('seite');
    setParams(next);
  };

  const columns: Column<IncidentSummary>[] = [
    {
      key: 'reference',
      label: t('incidents.reference'),
      render: (i) => (i.redacted ? i.reference : <Link to={`/vorfaelle/${i.id}`}>{i.reference}</Link>),
    },
    { key: 'title', label: t('incidents.title'), render: (i) => i.title ?? t('incidents.redacted') },
    ...(mayReport
      ? []
      : [{ key: 'org', label: t('incidents.kommune'), render: (i: IncidentSummary) => i.organisationName }]),
    { key: 'tlp', label: 'TLP', render: (i) => <TlpBadge tlp={i.tlp} /> },
    {
      key: 'status',
      label: t('incidents.caseStatus'),
      render: (i) => t(`incidents.caseStatuses.${i.caseStatus}`),
    },
    {
      key: 'deadline',
      label: t('incidents.deadlines'),
      render: (i) =>
        i.overdue ? (
          <span className="deadline deadline--overdue">{t('incidents.deadlineStates.overdue')}</span>
        ) : (
          t('incidents.onTime')
        ),
    },
    {
      key: 'requests',
      label: t('incidents.openRequests'),
      numeric: true,
      render: (i) => formatNumber(i.openRequests),
    },
    { key: 'created', label: t('incidents.created'), render: (i) => formatDateTime(i.createdAt) },
  ];

  return (
    <>
      <PageHeading
        title={t('incidents.pageTitle')}
        lead={cert ? t('incidents.leadCert') : t('incidents.lead')}
      />
      {mayReport ? (
        <p>
          <Link className="button button--primary" to="/vorfaelle/neu">
            {t('incidents.report')}
          </Link>
        </p>
      ) : null}
      <form className="filters" aria-label={t('incidents.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectInput
          id="incident-status"
          label={t('incidents.caseStatus')}
          value={status}
          options={[
            { value: '', label: t('incidents.all') },
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`incidents.caseStatuses.${s}`) })),
          ]}
          onChange={(v) => update({ status: v })}
        />
        <SelectInput
          id="incident-overdue"
          label={t('incidents.deadlines')}
          value={overdue}
          options={[
            { value: '', label: t('incidents.all') },
            { value: 'true', label: t('incidents.onlyOverdue') },
            { value: 'false', label: t('incidents.onlyOnTime') },
          ]}
          onChange={(v) => update({ ueberfaellig: v })}
        />
      </form>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        list.data.items.length === 0 ? (
          <Empty>{t('incidents.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('incidents.caption', {
                count: list.data.total,
                formatted: formatNumber(list.data.total),
              })}
              columns={columns}
              rows={list.data.items}
              rowKey={(i) => i.id}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                p === 1 ? next.delete('seite') : next.set('seite', String(p));
                setParams(next);
              }}
            />
          </>
        )
      ) : null}
    </>
  );
}
