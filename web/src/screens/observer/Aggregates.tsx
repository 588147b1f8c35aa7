import { useTranslation } from 'react-i18next';
import { api, query } from '../../api.ts';
import { compareText, formatNumber, formatPercent } from '../../format.ts';
import { ScrollRegion, SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ScoreChart } from '../../ui/ScoreChart.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { oneOf, useQueryParams } from '../../ui/useQueryParams.ts';
import { type AggregateGroup, type AggregatesAnswer, STATUSES } from '../ministry/model.ts';

const TOPICS_TABLE = 'auswertung-themen';

/**
 * The federal observer's view: anonymised figures only, per state, Kommune type and population
 * band, from the aggregates endpoint. Groups the server suppressed are shown as such; nothing
 * here names or links a single Kommune. Scope (all states or one) and status in the URL.
 */
export default function Aggregates() {
  const { t } = useTranslation();
  const { params, update } = useQueryParams();
  const status = oneOf(params.get('status'), ['', ...STATUSES] as const, '');
  const stateKey = params.get('land') ?? '';

  const answer = useAsync(
    () => api.get<AggregatesAnswer>(`/overview/aggregates${query({ status: status || undefined })}`),
    [status],
  );
  const data = answer.data;
  const states = (data?.groups ?? [])
    .filter((g) => g.dimension === 'state' && g.state)
    .sort((a, b) => compareText(a.label, b.label));
  const scopeState = states.find((g) => g.key === stateKey)?.state ?? null;
  const inScope = (g: AggregateGroup) => (scopeState ? g.state?.id === scopeState.id : g.state === null);
  const groups = (data?.groups ?? []).filter(inScope);
  const headline = scopeState
    ? groups.find((g) => g.dimension === 'state')
    : groups.find((g) => g.dimension === 'total');
  const titles = new Map((data?.topics ?? []).map((topic) => [topic.key, topic.title]));
  const suppressedText = t('observer.suppressed', { min: data?.minGroupSize ?? 5 });

  const section = (dimension: AggregateGroup['dimension'], heading: string) => {
    // A state's own group carries the state, so the list of states comes from all groups.
    const rows = dimension === 'state' ? states : groups.filter((g) => g.dimension === dimension);
    if (rows.length === 0) return null;
    const id = `auswertung-${dimension}`;
    return (
      <section aria-labelledby={id}>
        <h2 id={id}>{heading}</h2>
        <ScrollRegion label={heading}>
          <table className="data-table">
            <caption>{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t('observer.group')}</th>
                <th scope="col" className="num">
                  {t('observer.kommunen')}
                </th>
                <th scope="col" className="num">
                  {t('observer.assessed')}
                </th>
                <th scope="col" className="num">
                  {t('observer.mean')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={`${g.dimension}-${g.key}`}>
                  <th scope="row">{g.label}</th>
                  {g.suppressed || !g.figures ? (
                    <td colSpan={3} className="muted">
                      {suppressedText}
                    </td>
                  ) : (
                    <>
                      <td className="num">{formatNumber(g.figures.kommunen)}</td>
                      <td className="num">{formatNumber(g.figures.assessed)}</td>
                      <td className="num">{formatPercent(g.figures.meanScore)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    );
  };

  return (
    <>
      <PageHeading title={t('observer.title')} lead={t('observer.lead')} />
      <form className="filters" aria-label={t('observer.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectInput
          id="land"
          label={t('observer.scope')}
          value={scopeState ? stateKey : ''}
          options={[
            { value: '', label: t('observer.allStates') },
            ...states.map((g) => ({ value: g.key, label: g.label })),
          ]}
          onChange={(value) => update({ land: value })}
        />
        <SelectInput
          id="status"
          label={t('observer.status')}
          value={status}
          options={[
            { value: '', label: t('observer.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`assessment.status.${s}`) })),
          ]}
          onChange={(value) => update({ status: value })}
        />
      </form>
      {answer.error ? <ProblemAlert error={answer.error} /> : null}
      {answer.loading && !data ? (
        <Loading />
      ) : data ? (
        groups.length === 0 ? (
          <Empty>{t('observer.none')}</Empty>
        ) : (
          <>
            <section className="card" aria-labelledby="auswertung-gesamt">
              <h2 id="auswertung-gesamt">{headline?.label ?? t('observer.total')}</h2>
              {!headline || headline.suppressed || !headline.figures ? (
                <p>{suppressedText}</p>
              ) : (
                <ul className="figures">
                  <li>
                    <span className="figure">{formatNumber(headline.figures.kommunen)}</span>{' '}
                    {t('observer.kommunen')}
                  </li>
                  <li>
                    <span className="figure">{formatNumber(headline.figures.assessed)}</span>{' '}
                    {t('observer.assessed')}
                  </li>
                  <li>
                    <span className="figure">{formatPercent(headline.figures.meanScore)}</span>{' '}
                    {t('observer.mean')}
                  </li>
                </ul>
              )}
              <p className="muted">{t('observer.catalog', { catalog: data.catalog.title })}</p>
            </section>
            {scopeState ? null : section('state', t('observer.byState'))}
            {section('type', t('observer.byType'))}
            {section('size', t('observer.bySize'))}
            {headline?.figures ? (
              <section aria-labelledby="auswertung-themen-titel">
                <h2 id="auswertung-themen-titel">{t('observer.topics')}</h2>
                <ScoreChart
                  bars={headline.figures.topics.map((topic) => ({
                    key: topic.key,
                    label: titles.get(topic.key) ?? topic.key,
                    score: topic.suppressed ? null : topic.meanScore,
                  }))}
                  caption={t('observer.topicsCaption', { group: headline.label })}
                  summary={t('observer.topicsSummary', {
                    count: headline.figures.topics.length,
                    mean: formatPercent(headline.figures.meanScore),
                  })}
                  tableId={TOPICS_TABLE}
                  tableHint={t('observer.tableHint')}
                />
                <ScrollRegion id={TOPICS_TABLE} label={t('observer.topics')}>
                  <table className="data-table">
                    <caption>{t('observer.topicsCaption', { group: headline.label })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('observer.topic')}</th>
                        <th scope="col" className="num">
                          {t('observer.mean')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {headline.figures.topics.map((topic) => (
                        <tr key={topic.key}>
                          <th scope="row">
                            <span className="mono">{topic.key}</span> {titles.get(topic.key) ?? ''}
                          </th>
                          <td className={topic.suppressed ? 'muted' : 'num'}>
                            {topic.suppressed ? suppressedText : formatPercent(topic.meanScore)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </section>
            ) : null}
            <details className="rules">
              <summary>{t('observer.rules')}</summary>
              <p>{t('observer.rulesText', { min: data.minGroupSize })}</p>
              <p>{data.rules}</p>
            </details>
          </>
        )
      ) : null}
    </>
  );
}
