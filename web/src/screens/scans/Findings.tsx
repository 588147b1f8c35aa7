import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page, query } from '../../api.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { InputField, SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { FINDING_STATES, type Finding, SEVERITIES, SOURCES } from './model.ts';
import { ScanNav } from './ScanNav.tsx';

const PAGE_SIZE = 50;

/** Findings of the Kommune with filters by state, severity, source and host (all in the URL). */
export default function Findings() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const severity = params.get('severity') ?? '';
  const source = params.get('source') ?? '';
  const host = params.get('host') ?? '';
  const [hostText, setHostText] = useState(host);
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);
  const list = useAsync(
    () =>
      api.get<Page<Finding>>(
        `/scan-findings${query({
          state: state || undefined,
          severity: severity || undefined,
          source: source || undefined,
          host: host || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })}`,
      ),
    [state, severity, source, host, page],
  );
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    next.delete('seite');
    setParams(next);
  };
  const columns: Column<Finding>[] = [
    {
      key: 'title',
      label: t('scans.finding.title'),
      render: (f) => <Link to={`/scans/befunde/${f.id}`}>{f.title}</Link>,
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
  const choices = (values: readonly string[], prefix: string) => [
    { value: '', label: t('scans.all') },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })),
  ];
  return (
    <>
      <PageHeading title={t('scans.findingsTitle')} />
      <ScanNav />
      <form
        className="filters"
        aria-label={t('scans.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          update({ host: hostText.trim() });
        }}
      >
        <SelectInput
          id="f-state"
          label={t('scans.finding.state')}
          value={state}
          options={choices(FINDING_STATES, 'scans.states')}
          onChange={(v) => update({ state: v })}
        />
        <SelectInput
          id="f-severity"
          label={t('scans.finding.severity')}
          value={severity}
          options={choices(SEVERITIES, 'scans.severity')}
          onChange={(v) => update({ severity: v })}
        />
        <SelectInput
          id="f-source"
          label={t('scans.source')}
          value={source}
          options={choices(SOURCES, 'scans.sources')}
          onChange={(v) => update({ source: v })}
        />
        <InputField
          id="f-host"
          label={t('scans.finding.host')}
          hint={t('scans.hostHint')}
          value={hostText}
          onChange={setHostText}
        />
      </form>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        list.data.items.length === 0 ? (
          <Empty>{t('scans.noFindings')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('scans.findingsCaption', {
                count: list.data.total,
                formatted: formatNumber(list.data.total),
              })}
              columns={columns}
              rows={list.data.items}
              rowKey={(f) => f.id}
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
