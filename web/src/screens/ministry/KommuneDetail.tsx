import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Organisation, query } from '../../api.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { ScrollRegion } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ScoreChart } from '../../ui/ScoreChart.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { MAX_LIMIT, type MunicipalitiesPage } from './model.ts';
import { AssessmentState, ShareMeter } from './parts.tsx';

const TABLE_ID = 'kommune-themen';

/**
 * One Kommune as the ministry sees it, read-only: its latest assessment's scores per topic and the
 * measures' progress, by the same rules as the state overview (it reads the overview of the
 * Kommune's district and picks the Kommune, so both pages always agree).
 */
export default function KommuneDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();

  const data = useAsync(async () => {
    const organisation = await api.get<Organisation>(`/organisations/${id}`);
    const districtId =
      organisation.type === 'district' ? organisation.id : (organisation.parentId ?? undefined);
    const overview = await api.get<MunicipalitiesPage>(
      `/overview/municipalities${query({ districtId, limit: MAX_LIMIT })}`,
    );
    return { organisation, overview, row: overview.items.find((item) => item.organisationId === id) ?? null };
  }, [id]);

  const back = (
    <p>
      <Link to="/land">{t('ministry.detail.back')}</Link>
    </p>
  );

  if (data.loading && !data.data) {
    return (
      <>
        <PageHeading title={t('ministry.detail.title')} />
        <Loading />
      </>
    );
  }
  if (!data.data) {
    return (
      <>
        <PageHeading title={t('ministry.detail.title')} />
        <ProblemAlert error={data.error} />
        {back}
      </>
    );
  }

  const { organisation, overview, row } = data.data;
  const titles = new Map(overview.topics.map((topic) => [topic.key, topic.title]));
  const topicScores = row?.score?.topics ?? [];

  return (
    <>
      <PageHeading
        title={organisation.name}
        lead={t('ministry.detail.lead', { catalog: overview.catalog.title })}
      />
      {back}
      {!row ? (
        <Empty>{t('ministry.detail.notInOverview')}</Empty>
      ) : (
        <>
          <div className="two-columns">
            <section className="card" aria-labelledby="kommune-fakten">
              <h2 id="kommune-fakten">{t('ministry.detail.facts')}</h2>
              <dl className="facts">
                <dt>{t('ministry.columns.kind')}</dt>
                <dd>{row.subtype ?? '–'}</dd>
                <dt>{t('ministry.columns.district')}</dt>
                <dd>{row.type === 'district' ? '–' : (row.district?.name ?? '–')}</dd>
                <dt>{t('ministry.detail.ars')}</dt>
                <dd className="mono">{row.ars ?? '–'}</dd>
                <dt>{t('ministry.detail.population')}</dt>
                <dd>{formatNumber(row.population)}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="kommune-bewertung">
              <h2 id="kommune-bewertung">{t('ministry.detail.assessment')}</h2>
              {row.assessment ? (
                <>
                  <dl className="facts">
                    <dt>{t('ministry.columns.status')}</dt>
                    <dd>
                      <AssessmentState row={row} />
                    </dd>
                    <dt>{t('ministry.columns.score')}</dt>
                    <dd>
                      <span className="figure">{formatPercent(row.score?.overall)}</span>
                    </dd>
                    <dt>{t('ministry.columns.answered')}</dt>
                    <dd>
                      {t('ministry.answeredOf', {
                        answered: formatNumber(row.assessment.answered),
                        total: formatNumber(row.assessment.total),
                      })}
                    </dd>
                    <dt>{t('ministry.columns.updated')}</dt>
                    <dd>{formatDateTime(row.assessment.updatedAt)}</dd>
                  </dl>
                  <p>
                    <Link to={`/bewertungen/${row.assessment.id}`}>
                      {t('ministry.detail.openAssessment')}
                    </Link>
                  </p>
                </>
              ) : (
                <Empty>{t('ministry.detail.noAssessment')}</Empty>
              )}
            </section>
            <section className="card" aria-labelledby="kommune-massnahmen">
              <h2 id="kommune-massnahmen">{t('ministry.detail.measures')}</h2>
              {row.measures && row.measures.total > 0 ? (
                <>
                  <p>
                    {row.measures.packageId
                      ? t('ministry.detail.package', {
                          version: row.measures.packageVersion,
                          date: formatDate(row.measures.deliveredAt),
                        })
                      : t('ministry.detail.noPackage')}
                  </p>
                  <dl className="facts">
                    <dt>{t('ministry.detail.progress')}</dt>
                    <dd>
                      <ShareMeter
                        done={row.measures.done + row.measures.verified}
                        total={row.measures.total}
                        ratio={row.measures.shareDone}
                      />
                    </dd>
                    <dt>{t('ministry.detail.verified')}</dt>
                    <dd>{formatNumber(row.measures.verified)}</dd>
                  </dl>
                  {row.measures.packageId ? (
                    <p>
                      <Link to={`/massnahmen/pakete/${row.measures.packageId}`}>
                        {t('ministry.detail.openPackage')}
                      </Link>
                    </p>
                  ) : null}
                </>
              ) : (
                <Empty>{t('ministry.noMeasures')}</Empty>
              )}
            </section>
          </div>
          {topicScores.length > 0 ? (
            <section aria-labelledby="kommune-themen-titel">
              <h2 id="kommune-themen-titel">{t('ministry.detail.topics')}</h2>
              <ScoreChart
                bars={topicScores.map((topic) => ({
                  key: topic.key,
                  label: titles.get(topic.key) ?? topic.key,
                  score: topic.score,
                }))}
                caption={t('ministry.detail.chartCaption')}
                summary={t('ministry.detail.chartSummary', {
                  count: topicScores.length,
                  overall: formatPercent(row.score?.overall),
                })}
                tableId={TABLE_ID}
                tableHint={t('ministry.topics.tableHint')}
              />
              <ScrollRegion id={TABLE_ID} label={t('ministry.detail.topics')}>
                <table className="data-table">
                  <caption>{t('ministry.detail.topics')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('ministry.topics.topic')}</th>
                      <th scope="col" className="num">
                        {t('ministry.columns.score')}
                      </th>
                      <th scope="col" className="num">
                        {t('ministry.columns.answered')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {topicScores.map((topic) => (
                      <tr key={topic.key}>
                        <th scope="row">
                          <span className="mono">{topic.key}</span> {titles.get(topic.key) ?? ''}
                        </th>
                        <td className="num">{formatPercent(topic.score)}</td>
                        <td className="num">
                          {t('ministry.answeredOf', {
                            answered: formatNumber(topic.answered),
                            total: formatNumber(topic.total),
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
