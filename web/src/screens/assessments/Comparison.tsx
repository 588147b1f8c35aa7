import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { ScrollRegion, SelectInput } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { oneOf, useQueryParams } from '../../ui/useQueryParams.ts';
import {
  type AnswersByTopic,
  type AnswerValue,
  type Assessment,
  CHANGE_KINDS,
  type ChangeKind,
  type ComparedSide,
  type Comparison,
  comparePath,
  listAssessments,
  phasesOf,
  previousPhaseId,
} from './model.ts';
import './assessments.css';

const FILTERS = ['changed', 'all', ...CHANGE_KINDS] as const;
type Filter = (typeof FILTERS)[number];

const matches = (filter: Filter, change: ChangeKind) =>
  filter === 'all' || (filter === 'changed' ? change !== 'unchanged' : filter === change);

/**
 * Two snapshots of a Kommune side by side, per requirement: improved, worsened, unchanged,
 * applicability changed, added, removed. `?mit=` names the base (default: the previous phase),
 * `?klasse=` and `?thema=` the filter, so every view is a deep link.
 */
export default function ComparisonScreen() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { params, update } = useQueryParams();
  const filter = oneOf(params.get('klasse'), FILTERS, 'changed');
  const topicFilter = params.get('thema') ?? '';

  // With ?mit= (a deep link) the comparison loads side by side with the assessment and its
  // phases; without it the base is the predecessor, else the phase before in the Kommune's list.
  const context = useAsync(() => api.get<Assessment>(`/assessments/${id}`), [id]);
  const organisationId = context.data?.organisationId;
  const phaseList = useAsync(
    async () =>
      organisationId ? phasesOf((await listAssessments(organisationId)).items, organisationId) : null,
    [organisationId],
  );
  const baseId =
    params.get('mit') ||
    context.data?.predecessorId ||
    (context.data && phaseList.data ? previousPhaseId(context.data, phaseList.data) : undefined) ||
    '';

  const compared = useAsync(async () => {
    if (!baseId) return null;
    // The comparison names requirements by key; their titles come with the answers, fetched
    // side by side (the base's only when requirements were removed, the rest are the target's).
    const [comparison, targetAnswers] = await Promise.all([
      api.get<Comparison>(`/assessments/${id}/compare/${encodeURIComponent(baseId)}`),
      api.get<AnswersByTopic>(`/assessments/${id}/answers`),
    ]);
    const sides = [targetAnswers];
    if (comparison.summary.removed > 0)
      sides.push(await api.get<AnswersByTopic>(`/assessments/${baseId}/answers`));
    const titles = new Map<string, string>();
    for (const side of sides) {
      for (const topic of side.topics) {
        for (const answer of topic.answers) {
          if (titles.has(answer.requirementKey)) continue;
          const { title, titleEn } = answer.requirement;
          titles.set(answer.requirementKey, i18n.language === 'en' && titleEn ? titleEn : title);
        }
      }
    }
    return { comparison, titles };
  }, [id, baseId, i18n.language]);

  const ready = Boolean(compared.data && context.data);
  useEffect(() => {
    if (ready) performance.mark('bastei:comparison-interactive');
  }, [ready]);

  const back = (
    <p>
      <Link to={`/bewertungen/${id}`}>{t('compare.backToAssessment')}</Link>
    </p>
  );
  if ((context.loading && !context.data) || (!baseId && phaseList.loading)) return <Loading />;
  if (!context.data) {
    return (
      <>
        <PageHeading title={t('compare.fallbackTitle')} />
        <ProblemAlert error={context.error} />
        <p>
          <Link to="/bewertungen">{t('assessment.backToList')}</Link>
        </p>
      </>
    );
  }
  const target = context.data;
  const phases = phaseList.data ?? [];
  const phaseName = (assessmentId: string, side?: ComparedSide) => {
    const found = phases.find((p) => p.id === assessmentId);
    const phase = found?.phase ?? side?.phase;
    return phase ? t(`assessment.phase.${phase}`) : t('compare.unknownPhase');
  };
  const others = phases.filter((p) => p.id !== target.id);

  const heading = (
    <>
      <nav className="breadcrumbs" aria-label={t('assessment.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/bewertungen">{t('assessment.nav')}</Link>
          </li>
          <li>
            <Link to={`/bewertungen/${target.id}`}>{target.title}</Link>
          </li>
          <li aria-current="page">{t('compare.crumb')}</li>
        </ol>
      </nav>
      <PageHeading
        title={
          baseId
            ? t('compare.title', { target: phaseName(target.id), base: phaseName(baseId) })
            : t('compare.fallbackTitle')
        }
        lead={target.organisationName}
      />
    </>
  );
  const basePicker =
    others.length > 0 ? (
      <form className="filters" aria-label={t('compare.baseLabel')} onSubmit={(e) => e.preventDefault()}>
        <SelectInput
          id="compare-base"
          label={t('compare.baseLabel')}
          value={baseId}
          options={[
            ...(baseId && !others.some((p) => p.id === baseId)
              ? [{ value: baseId, label: phaseName(baseId) }]
              : []),
            ...others.map((p) => ({
              value: p.id,
              label: `${t(`assessment.phase.${p.phase}`)}: ${p.title} (${t(`assessment.status.${p.status}`)}, ${formatDateTime(p.createdAt)})`,
            })),
          ]}
          onChange={(value) => update({ mit: value })}
        />
      </form>
    ) : null;

  if (!baseId) {
    return (
      <>
        {heading}
        {phaseList.error ? <ProblemAlert error={phaseList.error} /> : <Empty>{t('compare.noBase')}</Empty>}
        {back}
      </>
    );
  }
  if (!compared.data) {
    return (
      <>
        {heading}
        {basePicker}
        {compared.loading ? <Loading /> : <ProblemAlert error={compared.error} />}
        {back}
      </>
    );
  }

  const { comparison: c, titles } = compared.data;
  const kindLabel = (kind: ChangeKind) => t(`compare.kinds.${kind}`);
  const answerLabel = (value: AnswerValue | null) =>
    value ? t(`assessment.answer.${value}`) : t('compare.notIncluded');
  const topicTitle = new Map(c.topics.map((topic) => [topic.key, topic.title]));
  const rows = c.changes.filter(
    (change) => matches(filter, change.change) && (!topicFilter || change.topicKey === topicFilter),
  );
  const filterLabel = t(`compare.filter.${filter}`);
  const changesCaption = `${t('compare.changesCaption', {
    count: rows.length,
    formatted: formatNumber(rows.length),
    filter: filterLabel,
  })}${topicFilter ? ` – ${topicTitle.get(topicFilter) ?? topicFilter}` : ''}`;
  const sideFacts = (side: ComparedSide, label: string) => (
    <>
      <dt>{label}</dt>
      <dd>
        <Link to={`/bewertungen/${side.assessmentId}`}>{phaseName(side.assessmentId, side)}</Link>
        {' · '}
        {t(`assessment.status.${side.status}`)}
        {side.frozenAt ? ` · ${t('compare.frozenAt', { date: formatDateTime(side.frozenAt) })}` : ''}
        {' · '}
        {t('compare.scoreValue', { score: formatPercent(side.score) })}
        {' · '}
        {side.catalog.key} {side.catalog.version}
      </dd>
    </>
  );

  return (
    <>
      {heading}
      {compared.error ? <ProblemAlert error={compared.error} /> : null}
      <dl className="facts">
        {sideFacts(c.base, t('compare.base'))}
        {sideFacts(c.target, t('compare.target'))}
      </dl>
      {basePicker}

      <section aria-labelledby="compare-summary">
        <h2 id="compare-summary">{t('compare.summaryTitle')}</h2>
        <ScrollRegion label={t('compare.summaryCaption')}>
          <table className="data-table compare-summary">
            <caption>{t('compare.summaryCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('compare.kind')}</th>
                <th scope="col" className="num">
                  {t('compare.requirements')}
                </th>
              </tr>
            </thead>
            <tbody>
              {CHANGE_KINDS.map((kind) => (
                <tr key={kind} className={`change-row change-row--${kind}`}>
                  <th scope="row">
                    <Link
                      to={`?${new URLSearchParams({ mit: baseId, klasse: kind }).toString()}`}
                      aria-current={filter === kind ? 'true' : undefined}
                    >
                      {kindLabel(kind)}
                    </Link>
                  </th>
                  <td className="num">{formatNumber(c.summary[kind])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="compare-topics">
        <h2 id="compare-topics">{t('compare.topicsTitle')}</h2>
        {c.topics.length === 0 ? (
          <Empty>{t('compare.noTopics')}</Empty>
        ) : (
          <ScrollRegion label={t('compare.topicsCaption')}>
            <table className="data-table">
              <caption>{t('compare.topicsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('assessment.topic')}</th>
                  <th scope="col" className="num">
                    {t('compare.baseScore')}
                  </th>
                  <th scope="col" className="num">
                    {t('compare.targetScore')}
                  </th>
                  {CHANGE_KINDS.map((kind) => (
                    <th key={kind} scope="col" className="num">
                      {kindLabel(kind)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.topics.map((topic) => (
                  <tr key={topic.key}>
                    <th scope="row">
                      <Link
                        to={`?${new URLSearchParams({ mit: baseId, klasse: filter, thema: topic.key }).toString()}`}
                      >
                        {topic.title}
                      </Link>{' '}
                      <span className="muted mono">{topic.key}</span>
                    </th>
                    <td className="num">{formatPercent(topic.baseScore)}</td>
                    <td className="num">{formatPercent(topic.targetScore)}</td>
                    {CHANGE_KINDS.map((kind) => (
                      <td key={kind} className="num">
                        {formatNumber(topic.summary[kind])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="compare-changes">
        <h2 id="compare-changes">{t('compare.changesTitle')}</h2>
        <form className="filters" aria-label={t('compare.filterLabel')} onSubmit={(e) => e.preventDefault()}>
          <SelectInput
            id="compare-kind"
            label={t('compare.kind')}
            value={filter}
            options={FILTERS.map((f) => ({ value: f, label: t(`compare.filter.${f}`) }))}
            onChange={(value) => update({ klasse: value === 'changed' ? null : value })}
          />
          <SelectInput
            id="compare-topic"
            label={t('assessment.topic')}
            value={topicFilter}
            options={[
              { value: '', label: t('compare.allTopics') },
              ...c.topics.map((topic) => ({ value: topic.key, label: topic.title })),
            ]}
            onChange={(value) => update({ thema: value })}
          />
        </form>
        {rows.length === 0 ? (
          <Empty>{t('compare.noneForFilter', { filter: filterLabel })}</Empty>
        ) : (
          <ScrollRegion label={changesCaption}>
            <table className="data-table">
              <caption>{changesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('compare.requirement')}</th>
                  <th scope="col">{t('assessment.topic')}</th>
                  <th scope="col">{t('compare.baseAnswer')}</th>
                  <th scope="col">{t('compare.targetAnswer')}</th>
                  <th scope="col">{t('compare.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((change) => (
                  <tr key={change.requirementKey} className={`change-row change-row--${change.change}`}>
                    <th scope="row">
                      <span className="mono">{change.requirementKey}</span>{' '}
                      {titles.get(change.requirementKey) ?? ''}
                    </th>
                    <td>{topicTitle.get(change.topicKey) ?? change.topicKey}</td>
                    <td>{answerLabel(change.base)}</td>
                    <td>{answerLabel(change.target)}</td>
                    <td>
                      <span className={`change-badge change-badge--${change.change}`}>
                        {kindLabel(change.change)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <p>
        <Link to={comparePath(target.id, baseId)}>{t('compare.reset')}</Link>
      </p>
      {back}
    </>
  );
}
