import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { hasRole, useMe } from '../../session.tsx';
import { FilteredList, useFilteredList } from '../../ui/FilteredList.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import type { Column } from '../../ui/SortableTable.tsx';
import { TlpBadge } from '../../ui/Tlp.tsx';
import { CASE_STATUSES, type IncidentSummary } from './model.ts';

const PAGE_SIZE = 25;

/** Incident reports: the Kommune's own, or the CERT's cases of its state (filters in the URL). */
export default function Incidents() {
  const { t } = useTranslation();
  const me = useMe();
  const cert = hasRole(me, 'cert');
  const mayReport = hasRole(me, 'isb', 'member');
  const list = useFilteredList<IncidentSummary, 'status' | 'ueberfaellig'>({
    filters: [
      {
        kind: 'select',
        param: 'status',
        id: 'incident-status',
        label: t('incidents.caseStatus'),
        options: [
          { value: '', label: t('incidents.all') },
          ...CASE_STATUSES.map((s) => ({ value: s, label: t(`incidents.caseStatuses.${s}`) })),
        ],
      },
      {
        kind: 'select',
        param: 'ueberfaellig',
        id: 'incident-overdue',
        label: t('incidents.deadlines'),
        options: [
          { value: '', label: t('incidents.all') },
          { value: 'true', label: t('incidents.onlyOverdue') },
          { value: 'false', label: t('incidents.onlyOnTime') },
        ],
      },
    ],
    pageSize: PAGE_SIZE,
    load: ({ status, ueberfaellig }, paging) =>
      api.get<Page<IncidentSummary>>(
        `/incidents${query({ status: status || undefined, overdue: ueberfaellig || undefined, ...paging })}`,
      ),
  });

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
      <FilteredList
        list={list}
        label={t('incidents.filters')}
        columns={columns}
        rowKey={(i) => i.id}
        caption={(count, formatted) => t('incidents.caption', { count, formatted })}
        empty={t('incidents.none')}
      />
    </>
  );
}
