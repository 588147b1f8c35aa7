import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { type MeasureFields, type MeasurePackage, poamUrl, xlsxUrl } from './model.ts';

/** One delivered package version: the measures as they were frozen, and the downloads. */
export default function PackageDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useAsync(
    () => api.get<MeasurePackage & { measures: MeasureFields[] }>(`/measure-packages/${id}`),
    [id],
  );
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) {
    return (
      <>
        <PageHeading title={t('measures.packages.fallback')} />
        <ProblemAlert error={data.error} />
        <p>
          <Link to="/massnahmen">{t('measures.back')}</Link>
        </p>
      </>
    );
  }
  const p = data.data;
  const total = p.measures.reduce((sum, m) => sum + (m.costEstimateCents ?? 0), 0);
  const columns: Column<MeasureFields>[] = [
    { key: 'title', label: t('measures.title'), render: (m) => m.title },
    { key: 'priority', label: t('measures.priority'), numeric: true, render: (m) => m.priority },
    { key: 'type', label: t('measures.type'), render: (m) => t(`measures.types.${m.type}`) },
    { key: 'status', label: t('measures.status'), render: (m) => t(`measures.statuses.${m.status}`) },
    { key: 'owner', label: t('measures.owner'), render: (m) => m.owner ?? '–' },
    { key: 'due', label: t('measures.dueDate'), render: (m) => formatDate(m.dueDate) },
    {
      key: 'cost',
      label: t('measures.cost'),
      numeric: true,
      render: (m) => formatMoney(m.costEstimateCents),
    },
  ];
  return (
    <>
      <p>
        <Link to="/massnahmen">{t('measures.back')}</Link>
      </p>
      <PageHeading
        title={t('measures.packages.detailTitle', { version: p.version })}
        lead={t('measures.packages.detailLead', {
          date: formatDateTime(p.deliveredAt),
          by: p.deliveredBy ?? '–',
        })}
      />
      <ul className="links download-links">
        <li>
          <a href={xlsxUrl(p.id)} download>
            {t('measures.packages.xlsx')}
          </a>
        </li>
        <li>
          <a href={poamUrl(p.id)} download={`poam-v${p.version}.json`}>
            {t('measures.packages.poam')}
          </a>
        </li>
      </ul>
      <p>
        {t('measures.packages.summary', {
          count: p.measureCount,
          formatted: formatNumber(p.measureCount),
          cost: formatMoney(total),
        })}
      </p>
      <SortableTable
        caption={t('measures.packages.frozenCaption', { version: p.version })}
        columns={columns}
        rows={p.measures}
        rowKey={(m) => m.id}
      />
    </>
  );
}
