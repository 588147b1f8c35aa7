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
import type { Warning } from './model.ts';

const PAGE_SIZE = 25;

/** Warnings: those addressed to the Kommune, or the CERT's published ones with their progress. */
export default function Warnings() {
  const { t } = useTranslation();
  const me = useMe();
  const cert = hasRole(me, 'cert');
  const [params, setParams] = useSearchParams();
  const open = params.get('offen') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);
  const list = useAsync(
    () =>
      api.get<Page<Warning>>(
        `/warnings${query({ open: open || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
    [open, page],
  );
  const columns: Column<Warning>[] = [
    {
      key: 'title',
      label: t('warnings.title'),
      render: (w) => <Link to={`/warnungen/${w.id}`}>{w.title}</Link>,
    },
    { key: 'tlp', label: 'TLP', render: (w) => <TlpBadge tlp={w.tlp} /> },
    { key: 'published', label: t('warnings.published'), render: (w) => formatDateTime(w.publishedAt) },
    cert
      ? {
          key: 'progress',
          label: t('warnings.progress'),
          render: (w) =>
            w.progress
              ? t('warnings.progressLine', {
                  acknowledged: formatNumber(w.progress.acknowledged),
                  recipients: formatNumber(w.progress.recipients),
                  responded: formatNumber(w.progress.responded),
                })
              : '–',
        }
      : {
          key: 'state',
          label: t('warnings.yourState'),
          render: (w) => {
            const r = w.recipients[0];
            if (!r?.acknowledgedAt) return <strong>{t('warnings.unread')}</strong>;
            return r.status ? t(`warnings.statements.${r.status}`) : t('warnings.acknowledged');
          },
        },
  ];
  return (
    <>
      <PageHeading
        title={t('warnings.pageTitle')}
        lead={cert ? t('warnings.leadCert') : t('warnings.lead')}
      />
      {!cert ? (
        <form className="filters" aria-label={t('warnings.filters')} onSubmit={(e) => e.preventDefault()}>
          <SelectInput
            id="warnings-open"
            label={t('warnings.show')}
            value={open}
            options={[
              { value: '', label: t('warnings.all') },
              { value: 'true', label: t('warnings.onlyOpen') },
            ]}
            onChange={(v) => setParams(v ? { offen: v } : {})}
          />
        </form>
      ) : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        list.data.items.length === 0 ? (
          <Empty>{t('warnings.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('warnings.caption', {
                count: list.data.total,
                formatted: formatNumber(list.data.total),
              })}
              columns={columns}
              rows={list.data.items}
              rowKey={(w) => w.id}
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
