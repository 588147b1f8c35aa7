import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Organisation, type Page, query } from '../../api.ts';
import { compareText, formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { type Column, SortableTable, type SortDirection } from '../../ui/SortableTable.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { oneOf, pageParam, useQueryParams } from '../../ui/useQueryParams.ts';
import {
  kommunePath,
  type MunicipalitiesPage,
  type MunicipalityOverview,
  SORT_KEYS,
  STATUS_FILTER,
} from './model.ts';
import { AssessmentState, ShareMeter, ViewTabs } from './parts.tsx';

const PAGE_SIZE = 25;

/**
 * The ministry's table of all Kommunen of the state with the latest assessment's status, score
 * and the measures' progress. Filter (district, status), sort and page are the server's and live
 * in the URL (`kreis`, `status`, `sortierung`, `richtung`, `seite`).
 */
export default function StateOverview() {
  const { t } = useTranslation();
  const { params, update } = useQueryParams();
  const district = params.get('kreis') ?? '';
  const status = oneOf(params.get('status'), ['', ...STATUS_FILTER] as const, '');
  const sort = oneOf(params.get('sortierung'), SORT_KEYS, 'name');
  const direction: SortDirection = params.get('richtung') === 'ab' ? 'desc' : 'asc';
  const page = pageParam(params.get('seite'));

  const districts = useAsync(
    () =>
      api
        .get<Page<Organisation>>('/organisations?type=district&limit=500')
        .then((p) => p.items.slice().sort((a, b) => compareText(a.name, b.name))),
    [],
  );
  const list = useAsync(
    () =>
      api.get<MunicipalitiesPage>(
        `/overview/municipalities${query({
          districtId: district || undefined,
          status: status || undefined,
          sort,
          order: direction,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })}`,
      ),
    [district, status, sort, direction, page],
  );

  const columns: Column<MunicipalityOverview>[] = [
    {
      key: 'name',
      label: t('ministry.columns.name'),
      sortable: true,
      render: (r) => <Link to={kommunePath(r.organisationId)}>{r.name}</Link>,
    },
    { key: 'kind', label: t('ministry.columns.kind'), render: (r) => r.subtype ?? '–' },
    {
      key: 'district',
      label: t('ministry.columns.district'),
      sortable: true,
      render: (r) => r.district?.name ?? '–',
    },
    {
      key: 'status',
      label: t('ministry.columns.status'),
      sortable: true,
      render: (r) => <AssessmentState row={r} />,
    },
    {
      key: 'score',
      label: t('ministry.columns.score'),
      sortable: true,
      numeric: true,
      render: (r) =>
        r.score?.overall === null || r.score?.overall === undefined ? '–' : formatPercent(r.score.overall),
    },
    {
      key: 'answered',
      label: t('ministry.columns.answered'),
      numeric: true,
      render: (r) =>
        r.assessment
          ? t('ministry.answeredOf', {
              answered: formatNumber(r.assessment.answered),
              total: formatNumber(r.assessment.total),
            })
          : '–',
    },
    {
      key: 'measures',
      label: t('ministry.columns.measures'),
      render: (r) =>
        r.measures && r.measures.total > 0 ? (
          <ShareMeter
            done={r.measures.done + r.measures.verified}
            total={r.measures.total}
            ratio={r.measures.shareDone}
          />
        ) : (
          <span className="muted">{t('ministry.noMeasures')}</span>
        ),
    },
    {
      key: 'updated',
      label: t('ministry.columns.updated'),
      render: (r) => (r.assessment ? formatDateTime(r.assessment.updatedAt) : '–'),
    },
  ];

  const data = list.data;
  return (
    <>
      <PageHeading title={t('ministry.title')} lead={t('ministry.lead')} />
      <ViewTabs />
      <form className="filters" aria-label={t('ministry.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectInput
          id="kreis"
          label={t('ministry.filterDistrict')}
          value={district}
          options={[
            { value: '', label: t('ministry.allDistricts') },
            ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
          onChange={(value) => update({ kreis: value, seite: null })}
        />
        <SelectInput
          id="status"
          label={t('ministry.filterStatus')}
          value={status}
          options={[
            { value: '', label: t('ministry.allStatuses') },
            ...STATUS_FILTER.map((s) => ({
              value: s,
              label: s === 'none' ? t('ministry.noAssessment') : t(`assessment.status.${s}`),
            })),
          ]}
          onChange={(value) => update({ status: value, seite: null })}
        />
      </form>
      {districts.error ? <ProblemAlert error={districts.error} /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.loading && !data ? (
        <Loading />
      ) : data ? (
        data.total === 0 ? (
          <Empty>{t('ministry.none')}</Empty>
        ) : (
          <>
            <SortableTable
              caption={t('ministry.caption', {
                count: data.total,
                formatted: formatNumber(data.total),
                catalog: data.catalog.title,
              })}
              columns={columns}
              rows={data.items}
              rowKey={(r) => r.organisationId}
              sort={sort}
              direction={direction}
              onSort={(key) =>
                update({
                  sortierung: key === 'name' ? null : key,
                  richtung: key === sort && direction === 'asc' ? 'ab' : null,
                  seite: null,
                })
              }
            />
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              onPage={(p) => update({ seite: p === 1 ? null : String(p) })}
            />
            <details className="rules">
              <summary>{t('ministry.rules')}</summary>
              <p>{data.rules}</p>
            </details>
          </>
        )
      ) : null}
    </>
  );
}
