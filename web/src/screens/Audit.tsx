import { KolButton } from '@public-ui/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AuditEntry,
  type AuditPage,
  api,
  type ChainVerification,
  type Organisation,
  type Page,
  query,
} from '../api.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { may, useMe } from '../session.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { type Column, SortableTable } from '../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../ui/states.tsx';
import { useAsync } from '../ui/useAsync.ts';

const PAGE_SIZE = 50;

/** The change history the caller may see (newest first), and for admins the chain check. */
export default function Audit() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading title={t('audit.title')} lead={t('audit.lead')} />
      {may(me, 'auditVerify') ? <ChainCheck /> : null}
      <AuditList />
    </>
  );
}

function ChainCheck() {
  const { t } = useTranslation();
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      setResult(await api.get<ChainVerification>('/audit/verify'));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="chain-heading">
      <h2 id="chain-heading">{t('audit.chain.title')}</h2>
      <p>{t('audit.chain.text')}</p>
      <div className="actions">
        <KolButton
          _type="button"
          _variant="primary"
          _label={busy ? t('audit.chain.busy') : t('audit.chain.verify')}
          _disabled={busy}
          _on={{ onClick: verify }}
        />
      </div>
      {busy ? <Loading label={t('audit.chain.busy')} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      {result?.ok ? (
        <SuccessAlert label={t('audit.chain.ok')}>
          <p>
            {t('audit.chain.checked', { count: result.checked, formatted: formatNumber(result.checked) })}
          </p>
        </SuccessAlert>
      ) : null}
      {result && !result.ok ? (
        <ProblemAlert
          title={t('audit.chain.broken')}
          error={
            new Error(
              t('audit.chain.brokenAt', {
                id: result.firstBroken?.id ?? '?',
                reason: result.firstBroken?.reason ?? '',
                checked: formatNumber(result.checked),
              }),
            )
          }
        />
      ) : null}
    </section>
  );
}

function AuditList() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<number | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const first = useAsync(() => api.get<AuditPage>(`/audit${query({ limit: PAGE_SIZE })}`), []);
  const organisations = useAsync(() => api.get<Page<Organisation>>('/organisations?limit=500'), []);

  useEffect(() => {
    if (first.data) {
      setEntries(first.data.items);
      setCursor(first.data.nextBeforeId);
    }
  }, [first.data]);

  const names = new Map((organisations.data?.items ?? []).map((o) => [o.id, o.name]));
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.get<AuditPage>(`/audit${query({ limit: PAGE_SIZE, beforeId: cursor })}`);
      setEntries((current) => [...current, ...page.items]);
      setCursor(page.nextBeforeId);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const columns: Column<AuditEntry>[] = [
    {
      key: 'time',
      label: t('audit.time'),
      render: (e) => <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>,
    },
    { key: 'actor', label: t('audit.actor'), render: (e) => e.actor },
    { key: 'action', label: t('audit.action'), render: (e) => <span className="mono">{e.action}</span> },
    {
      key: 'resource',
      label: t('audit.resource'),
      render: (e) => (
        <>
          {e.resourceType}
          {e.resourceId ? <span className="muted mono"> {e.resourceId.slice(0, 8)}</span> : null}
        </>
      ),
    },
    {
      key: 'organisation',
      label: t('audit.organisation'),
      render: (e) => (e.organisationId ? (names.get(e.organisationId) ?? e.organisationId.slice(0, 8)) : '–'),
    },
  ];

  return (
    <section aria-labelledby="audit-entries">
      <h2 id="audit-entries">{t('audit.entries')}</h2>
      {first.error ? <ProblemAlert error={first.error} /> : null}
      {first.loading && entries.length === 0 ? (
        <Loading />
      ) : entries.length === 0 && !first.error ? (
        <Empty>{t('audit.none')}</Empty>
      ) : entries.length > 0 ? (
        <>
          <SortableTable
            caption={t('audit.caption', { count: entries.length, formatted: formatNumber(entries.length) })}
            columns={columns}
            rows={entries}
            rowKey={(e) => String(e.id)}
          />
          {moreError ? <ProblemAlert error={moreError} /> : null}
          {cursor ? (
            <div className="actions">
              <KolButton
                _type="button"
                _variant="secondary"
                _label={loadingMore ? t('common.loading') : t('audit.more')}
                _disabled={loadingMore}
                _on={{ onClick: loadMore }}
              />
            </div>
          ) : (
            <p className="muted">{t('audit.end')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
