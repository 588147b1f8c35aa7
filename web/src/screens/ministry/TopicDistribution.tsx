import { useTranslation } from 'react-i18next';
import { api, type Organisation, type Page, query } from '../../api.ts';
import { compareText, formatNumber, formatPercent } from '../../format.ts';
import { ScrollRegion, SelectInput } from '../../ui/controls.tsx';
import { DistributionChart } from '../../ui/DistributionChart.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { classLabel, ScoreLegend } from '../../ui/ScoreLegend.tsx';
import { SCORE_CLASSES } from '../../ui/scoreScale.ts';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { oneOf, useQueryParams } from '../../ui/useQueryParams.ts';
import { type Distribution, STATUSES, type TopicsAnswer } from './model.ts';
import { ViewTabs } from './parts.tsx';

const TABLE_ID = 'themen-tabelle';

/** Per topic, how the Kommunen spread over the score classes; filters district and status in the URL. */
export default function TopicDistribution() {
  const { t } = useTranslation();
  const { params, update } = useQueryParams();
  const district = params.get('kreis') ?? '';
  const status = oneOf(params.get('status'), ['', ...STATUSES] as const, '');

  const districts = useAsync(
    () =>
      api
        .get<Page<Organisation>>('/organisations?type=district&limit=500')
        .then((p) => p.items.slice().sort((a, b) => compareText(a.name, b.name))),
    [],
  );
  const topics = useAsync(
    () =>
      api.get<TopicsAnswer>(
        `/overview/topics${query({ districtId: district || undefined, status: status || undefined })}`,
      ),
    [district, status],
  );

  const data = topics.data;
  // Matched by lower bound, so the chart's classes and the API's buckets cannot drift apart silently.
  const counts = (d: Distribution) =>
    SCORE_CLASSES.map((c) => d.buckets.find((b) => Math.abs(b.from - c.from) < 1e-9)?.count ?? 0);
  const rows = data
    ? [
        { key: t('ministry.topics.overallKey'), title: t('ministry.topics.overall'), ...data.overall },
        ...data.items,
      ]
    : [];

  return (
    <>
      <PageHeading title={t('ministry.topics.title')} lead={t('ministry.topics.lead')} />
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
          onChange={(value) => update({ kreis: value })}
        />
        <SelectInput
          id="status"
          label={t('ministry.filterStatus')}
          value={status}
          options={[
            { value: '', label: t('ministry.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`assessment.status.${s}`) })),
          ]}
          onChange={(value) => update({ status: value })}
        />
      </form>
      {districts.error ? <ProblemAlert error={districts.error} /> : null}
      {topics.error ? <ProblemAlert error={topics.error} /> : null}
      {topics.loading && !data ? (
        <Loading />
      ) : data ? (
        data.assessed === 0 ? (
          <Empty>{t('ministry.topics.none')}</Empty>
        ) : (
          <>
            <p>
              {t('ministry.topics.summary', {
                kommunen: formatNumber(data.kommunen),
                assessed: formatNumber(data.assessed),
                mean: formatPercent(data.overall.mean),
                median: formatPercent(data.overall.median),
              })}
            </p>
            <ScoreLegend title={t('ministry.legend.title')} noScore={false} />
            <DistributionChart
              rows={rows.map((row) => ({ key: row.key, counts: counts(row) }))}
              caption={t('ministry.topics.chartCaption')}
              summary={t('ministry.topics.chartSummary', {
                count: data.items.length,
                assessed: formatNumber(data.assessed),
              })}
              tableId={TABLE_ID}
              tableHint={t('ministry.topics.tableHint')}
              axisLabel={t('ministry.topics.axis')}
            />
            <ScrollRegion id={TABLE_ID} label={t('ministry.topics.tableCaption')}>
              <table className="data-table">
                <caption>{t('ministry.topics.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ministry.topics.topic')}</th>
                    {SCORE_CLASSES.map((c) => (
                      <th key={c.index} scope="col" className="num">
                        {classLabel(c, t)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('ministry.topics.noScore')}
                    </th>
                    <th scope="col" className="num">
                      {t('ministry.topics.mean')}
                    </th>
                    <th scope="col" className="num">
                      {t('ministry.topics.median')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        <span className="mono">{row.key}</span> {row.title}
                      </th>
                      {counts(row).map((count, i) => (
                        <td key={SCORE_CLASSES[i]?.index} className="num">
                          {formatNumber(count)}
                        </td>
                      ))}
                      <td className="num">{formatNumber(row.noScore)}</td>
                      <td className="num">{formatPercent(row.mean)}</td>
                      <td className="num">{formatPercent(row.median)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
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
