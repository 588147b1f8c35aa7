import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page, query } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { FilteredList, useFilteredList } from '../../ui/FilteredList.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import type { Column } from '../../ui/SortableTable.tsx';
import { useScanKommune } from './kommune.tsx';
import { FINDING_STATES, type Finding, SEVERITIES, SOURCES } from './model.ts';
import { ScanNav } from './ScanNav.tsx';

const PAGE_SIZE = 50;

/** Findings with filters by Kommune, state, severity, source and host (all in the URL). */
export default function Findings() {
  const { t } = useTranslation();
  const { kommune, picker, link } = useScanKommune({ allLabel: t('kommunePicker.all') });
  const choices = (values: readonly string[], prefix: string) => [
    { value: '', label: t('scans.all') },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })),
  ];
  const list = useFilteredList<Finding, 'state' | 'severity' | 'source' | 'host'>({
    filters: [
      {
        kind: 'select',
        param: 'state',
        id: 'f-state',
        label: t('scans.finding.state'),
        options: choices(FINDING_STATES, 'scans.states'),
      },
      {
        kind: 'select',
        param: 'severity',
        id: 'f-severity',
        label: t('scans.finding.severity'),
        options: choices(SEVERITIES, 'scans.severity'),
      },
      {
        kind: 'select',
        param: 'source',
        id: 'f-source',
        label: t('scans.source'),
        options: choices(SOURCES, 'scans.sources'),
      },
      {
        kind: 'text',
        param: 'host',
        id: 'f-host',
        label: t('scans.finding.host'),
        hint: t('scans.hostHint'),
      },
    ],
    pageSize: PAGE_SIZE,
    load: ({ state, severity, source, host }, paging) =>
      api.get<Page<Finding>>(
        `/scan-findings${query({
          organisationId: kommune?.id,
          state: state || undefined,
          severity: severity || undefined,
          source: source || undefined,
          host: host || undefined,
          ...paging,
        })}`,
      ),
    deps: [kommune?.id],
  });
  const columns: Column<Finding>[] = [
    {
      key: 'title',
      label: t('scans.finding.title'),
      render: (f) => <Link to={link(`/scans/befunde/${f.id}`)}>{f.title}</Link>,
    },
    {
      key: 'severity',
      label: t('scans.finding.severity'),
      render: (f) => (
        <span className={`severity severity--${f.severity}`}>{t(`scans.severity.${f.severity}`)}</span>
      ),
    },
    { key: 'state', label: t('scans.finding.state'), render: (f) => t(`scans.states.${f.state}`) },
    { key: 'host', label: t('scans.finding.host'), render: (f) => `${f.host}${f.port ? `:${f.port}` : ''}` },
    { key: 'source', label: t('scans.source'), render: (f) => t(`scans.sources.${f.source}`) },
    { key: 'lastSeen', label: t('scans.finding.lastSeen'), render: (f) => formatDate(f.lastSeen) },
  ];
  return (
    <>
      <PageHeading title={t('scans.findingsTitle')} />
      <ScanNav />
      {picker}
      <FilteredList
        list={list}
        label={t('scans.filters')}
        columns={columns}
        rowKey={(f) => f.id}
        caption={(count, formatted) => t('scans.findingsCaption', { count, formatted })}
        empty={t('scans.noFindings')}
      />
    </>
  );
}
