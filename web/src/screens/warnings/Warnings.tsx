import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page, query } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { hasRole, useMe } from '../../session.tsx';
import { FilteredList, useFilteredList } from '../../ui/FilteredList.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import type { Column } from '../../ui/SortableTable.tsx';
import { TlpBadge } from '../../ui/Tlp.tsx';
import type { Warning } from './model.ts';

const PAGE_SIZE = 25;

/** Warnings: those addressed to the Kommune, or the CERT's published ones with their progress. */
export default function Warnings() {
  const { t } = useTranslation();
  const me = useMe();
  const cert = hasRole(me, 'cert');
  // The CERT sees its published warnings; "open" is the Kommune's view of what it still has to answer.
  const list = useFilteredList<Warning, 'offen'>({
    filters: cert
      ? []
      : [
          {
            kind: 'select',
            param: 'offen',
            id: 'warnings-open',
            label: t('warnings.show'),
            options: [
              { value: '', label: t('warnings.all') },
              { value: 'true', label: t('warnings.onlyOpen') },
            ],
          },
        ],
    pageSize: PAGE_SIZE,
    load: ({ offen }, paging) =>
      api.get<Page<Warning>>(`/warnings${query({ open: offen || undefined, ...paging })}`),
  });
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
      <FilteredList
        list={list}
        label={t('warnings.filters')}
        columns={columns}
        rowKey={(w) => w.id}
        caption={(count, formatted) => t('warnings.caption', { count, formatted })}
        empty={t('warnings.none')}
      />
    </>
  );
}
