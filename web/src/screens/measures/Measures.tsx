import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Organisation, type Page, query } from '../../api.ts';
import { compareText, formatDate, formatDateTime, formatMoney, formatNumber } from '../../format.ts';
import { SelectField } from '../../ui/fields.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { type Column, SortableTable } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import {
  MEASURE_STATUSES,
  MEASURE_TYPES,
  type Measure,
  type MeasurePackage,
  PRIORITIES,
  poamUrl,
  xlsxUrl,
} from './model.ts';
import '../assessments/assessments.css';

const PAGE_SIZE = 25;

/**
 * The measures package of the caller's Kommune(n): filters (status, type, priority, Kommune) and
 * page in the URL; the delivered package versions with their downloads.
 */
export default function Measures() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const type = params.get('art') ?? '';
  const priority = params.get('prioritaet') ?? '';
  const organisationId = params.get('kommune') ?? '';
  const assessmentId = params.get('bewertung') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1);

  const measures = useAsync(
    () =>
      api.get<Page<Measure>>(
        `/measures${query({
          status: status || undefined,
          type: type || undefined,
          priority: priority || undefined,
          organisationId: organisationId || undefined,
          assessmentId: assessmentId || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })}`,
      ),
    [status, type, priority, organisationId, assessmentId, page],
  );
  const context = useAsync(async () => {
    const [packages, organisations] = await Promise.all([
      api.get<{ items: MeasurePackage[] }>('/measure-packages'),
      api.get<Page<Organisation>>('/organisations?limit=500'),
    ]);
    return { packages: packages.items, organisations: organisations.items };
  }, []);
  const names = new Map((context.data?.organisations ?? []).map((o) => [o.id, o.name]));
  const packageOrganisations = [...new Set((context.data?.packages ?? []).map((p) => p.organisationId))];
  const many =
    packageOrganisations.length > 1 ||
    (measures.data?.items ?? []).some((m) => m.organisationId !== measures.data?.items[0]?.organisationId);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  const columns: Column<Measure>[] = [
    {
      key: 'title',
      label: t('measures.title'),
      render: (m) => <Link to={`/massnahmen/${m.id}`}>{m.title}</Link>,
    },
    ...(many
      ? [
          {
            key: 'organisation',
            label: t('measures.organisation'),
            render: (m: Measure) => names.get(m.organisationId) ?? '–',
          },
        ]
      : []),
    { key: 'priority', label: t('measures.priority'), numeric: true, render: (m) => m.priority },
    { key: 'type', label: t('measures.type'), render: (m) => t(`measures.types.${m.type}`) },
    {
      key: 'status',
      label: t('measures.status'),
      render: (m) => (
        <span className={`measure-status measure-status--${m.status}`}>
          {t(`measures.statuses.${m.status}`)}
        </span>
      ),
    },
    { key: 'owner', label: t('measures.owner'), render: (m) => m.owner ?? '–' },
    { key: 'due', label: t('measures.dueDate'), render: (m) => formatDate(m.dueDate) },
    {
      key: 'cost',
      label: t('measures.cost'),
      numeric: true,
      render: (m) => formatMoney(m.costEstimateCents),
    },
  ];

  const organisationOptions = [
    { value: '', label: t('measures.filters.allOrganisations') },
    ...packageOrganisations
      .map((id) => ({ value: id, label: names.get(id) ?? id }))
      .sort((a, b) => compareText(a.label, b.label)),
  ];

  return (
    <>
      <PageHeading title={t('measures.pageTitle')} lead={t('measures.lead')} />
      <form className="filters" aria-label={t('measures.filters.label')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          name="status"
          label={t('measures.status')}
          value={status}
          options={[
            { value: '', label: t('measures.filters.all') },
            ...MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measures.statuses.${s}`) })),
          ]}
          onChange={(value) => update({ status: value, seite: null })}
        />
        <SelectField
          name="art"
          label={t('measures.type')}
          value={type}
          options={[
            { value: '', label: t('measures.filters.all') },
            ...MEASURE_TYPES.map((s) => ({ value: s, label: t(`measures.types.${s}`) })),
          ]}
          onChange={(value) => update({ art: value, seite: null })}
        />
        <SelectField
          name="prioritaet"
          label={t('measures.priority')}
          value={priority}
          options={[
            { value: '', label: t('measures.filters.all') },
            ...PRIORITIES.map((p) => ({ value: p, label: t('measures.priorityValue', { priority: p }) })),
          ]}
          onChange={(value) => update({ prioritaet: value, seite: null })}
        />
        {organisationOptions.length > 2 ? (
          <SelectField
            name="kommune"
            label={t('measures.organisation')}
            value={organisationId}
            options={organisationOptions}
            onChange={(value) => update({ kommune: value, seite: null })}
          />
        ) : null}
      </form>
      {assessmentId ? (
        <p>
          {t('measures.filteredByAssessment')}{' '}
          <Link to={`/bewertungen/${assessmentId}`}>{t('measures.toAssessment')}</Link>{' '}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => update({ bewertung: null, seite: null })}
          >
            {t('measures.clearAssessment')}
          </button>
        </p>
      ) : null}
      {measures.error ? <ProblemAlert error={measures.error} /> : null}
      {measures.loading && !measures.data ? (
        <Loading />
      ) : measures.data ? (
        measures.data.items.length === 0 ? (
          <Empty>{status || type || priority ? t('measures.noneFiltered') : t('measures.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('measures.caption', {
                count: measures.data.total,
                formatted: formatNumber(measures.data.total),
              })}
              columns={columns}
              rows={measures.data.items}
              rowKey={(m) => m.id}
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={measures.data.total}
              onPage={(p) => update({ seite: p === 1 ? null : String(p) })}
            />
          </>
        )
      ) : null}

      <section aria-labelledby="packages-heading">
        <h2 id="packages-heading">{t('measures.packages.title')}</h2>
        {context.error ? <ProblemAlert error={context.error} /> : null}
        {context.loading && !context.data ? (
          <Loading />
        ) : (context.data?.packages ?? []).length === 0 ? (
          <Empty>{t('measures.packages.none')}</Empty>
        ) : (
          <SortableTable
            caption={t('measures.packages.caption')}
            columns={[
              {
                key: 'version',
                label: t('measures.packages.versionLabel'),
                render: (p: MeasurePackage) => (
                  <Link to={`/massnahmen/pakete/${p.id}`}>
                    {t('measures.packages.version', { version: p.version })}
                  </Link>
                ),
              },
              ...(many
                ? [
                    {
                      key: 'organisation',
                      label: t('measures.organisation'),
                      render: (p: MeasurePackage) => names.get(p.organisationId) ?? '–',
                    },
                  ]
                : []),
              {
                key: 'delivered',
                label: t('measures.packages.deliveredAt'),
                render: (p) => formatDateTime(p.deliveredAt),
              },
              { key: 'by', label: t('measures.packages.deliveredBy'), render: (p) => p.deliveredBy ?? '–' },
              {
                key: 'count',
                label: t('measures.packages.count'),
                numeric: true,
                render: (p) => formatNumber(p.measureCount),
              },
              {
                key: 'downloads',
                label: t('measures.packages.downloads'),
                render: (p) => (
                  <ul className="plain">
                    <li>
                      <a href={xlsxUrl(p.id)} download>
                        {t('measures.packages.xlsx')}
                        <span className="visually-hidden">
                          {' '}
                          {t('measures.packages.version', { version: p.version })}
                        </span>
                      </a>
                    </li>
                    <li>
                      <a href={poamUrl(p.id)} download={`poam-v${p.version}.json`}>
                        {t('measures.packages.poam')}
                        <span className="visually-hidden">
                          {' '}
                          {t('measures.packages.version', { version: p.version })}
                        </span>
                      </a>
                    </li>
                  </ul>
                ),
              },
            ]}
            rows={[...(context.data?.packages ?? [])].sort(
              (a, b) =>
                compareText(names.get(a.organisationId) ?? '', names.get(b.organisationId) ?? '') ||
                b.version - a.version,
            )}
            rowKey={(p) => p.id}
          />
        )}
      </section>
    </>
  );
}
