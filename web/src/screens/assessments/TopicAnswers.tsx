import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { AnswerReview } from '../auditor/AnswerReview.tsx';
import {
  type Contradiction,
  ContradictionNotice,
  ContradictionSummary,
  questionAnchor,
  useContradictions,
} from '../auditor/Contradictions.tsx';
import { AnswerForm } from './AnswerForm.tsx';
import { AnswerView } from './AnswerView.tsx';
import { EvidenceFiles } from './Evidence.tsx';
import { AnswerHistoryView } from './History.tsx';
import type { Answer, AnswersByTopic, AnswerWithRequirement, Assessment, Evidence, Sample } from './model.ts';
import { topicPath } from './model.ts';
import './assessments.css';

/**
 * The questions of one topic (one topic at a time keeps a 257-question catalog fast): the Kommune
 * answers while the assessment is a draft, the auditor reviews while it is submitted, everyone
 * else reads. Topic and assessment are in the URL, so links, reloads and the back button work.
 */
export default function TopicAnswers() {
  const { t } = useTranslation();
  const { id = '', topicKey = '' } = useParams();
  const assessment = useAsync(() => api.get<Assessment>(`/assessments/${id}`), [id]);
  const topics = assessment.data?.progress.topics ?? [];
  const index = topics.findIndex((p) => p.topic.key === topicKey);
  const current = index >= 0 ? topics[index] : undefined;
  const topicId = current?.topic.id;
  const actions = assessment.data?.allowedActions ?? [];
  const reviewing = actions.includes('override') || actions.includes('record_sample');
  const showSamples = reviewing || (assessment.data !== undefined && assessment.data.status !== 'draft');
  const contradictions = useContradictions(id);

  const answers = useAsync(async () => {
    if (!assessment.data || !current) return null;
    const [byTopic, samples] = await Promise.all([
      api.get<AnswersByTopic>(`/assessments/${id}/answers${topicId ? `?topicId=${topicId}` : ''}`),
      showSamples
        ? api.get<{ items: Sample[] }>(`/assessments/${id}/samples`).then((r) => r.items)
        : Promise.resolve([] as Sample[]),
    ]);
    const topic = byTopic.topics.find((p) => p.topic.key === topicKey);
    return { topicKey, answers: topic?.answers ?? [], samples };
  }, [id, topicKey, assessment.data === undefined, topicId]);

  const [loaded, setRows] = useState<{ topicKey: string; rows: AnswerWithRequirement[] }>({
    topicKey: '',
    rows: [],
  });
  const [samples, setSamples] = useState<Sample[]>([]);
  useEffect(() => {
    if (answers.data) {
      setRows({ topicKey: answers.data.topicKey, rows: answers.data.answers });
      setSamples(answers.data.samples);
    }
  }, [answers.data]);
  // Another topic's questions never show while this one loads.
  const rows = loaded.topicKey === topicKey ? loaded.rows : [];

  const replace = useCallback(
    (requirementId: string, patch: Partial<AnswerWithRequirement>) =>
      setRows((state) => ({
        ...state,
        rows: state.rows.map((a) => (a.requirementId === requirementId ? { ...a, ...patch } : a)),
      })),
    [],
  );
  const hasRows = rows.length > 0;
  const { hash } = useLocation();
  useEffect(() => {
    // Links from the contradiction summary name a question; it exists only once the rows are in.
    if (!hasRows || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }, [hasRows, hash]);
  useEffect(() => {
    // The questions take input from here on: bench/ui-assessment.bench.ts reads this mark.
    if (hasRows) performance.mark('bastei:topic-interactive', { detail: topicKey });
  }, [hasRows, topicKey]);
  const answered = useMemo(() => rows.filter((a) => a.status !== 'open').length, [rows]);

  if (assessment.loading && !assessment.data) return <Loading />;
  if (!assessment.data) {
    return (
      <>
        <PageHeading title={t('assessment.topicTitleFallback')} />
        <ProblemAlert error={assessment.error} />
        <p>
          <Link to="/bewertungen">{t('assessment.backToList')}</Link>
        </p>
      </>
    );
  }
  const a = assessment.data;
  if (!current) {
    return (
      <>
        <PageHeading title={t('assessment.topicNotFound')} />
        <p>
          <Link to={`/bewertungen/${a.id}`}>{t('assessment.backToOverview')}</Link>
        </p>
      </>
    );
  }
  const previous = index > 0 ? topics[index - 1] : undefined;
  const next = index < topics.length - 1 ? topics[index + 1] : undefined;
  const editable = actions.includes('answer');

  return (
    <div className="topic-page">
      <nav className="breadcrumbs" aria-label={t('assessment.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/bewertungen">{t('assessment.nav')}</Link>
          </li>
          <li>
            <Link to={`/bewertungen/${a.id}`}>{a.organisationName}</Link>
          </li>
          <li aria-current="page">{current.topic.title}</li>
        </ol>
      </nav>
      <PageHeading
        title={current.topic.title}
        lead={t('assessment.topicLead', {
          key: current.topic.key,
          answered: formatNumber(rows.length > 0 ? answered : current.answered),
          total: formatNumber(current.total),
          status: t(`assessment.status.${a.status}`),
        })}
      />
      <p className="mode-hint">
        {editable
          ? t('assessment.modeAnswer')
          : reviewing
            ? t('auditor.modeReview')
            : t('assessment.modeRead', { status: t(`assessment.status.${a.status}`) })}
      </p>
      <ContradictionSummary assessmentId={a.id} contradictions={contradictions} />
      <div className="topic-layout">
        <nav className="topic-nav" aria-label={t('assessment.topicsNav')}>
          <details className="topic-nav__details" open>
            <summary>{t('assessment.topicsNav')}</summary>
            <ol>
              {topics.map((p) => (
                <li key={p.topic.key}>
                  <Link
                    to={topicPath(a.id, p.topic.key)}
                    aria-current={p.topic.key === topicKey ? 'page' : undefined}
                  >
                    <span>{p.topic.title}</span>{' '}
                    <span className="topic-nav__count">
                      {t('assessment.answeredOf', {
                        answered: formatNumber(
                          p.topic.key === topicKey && rows.length > 0 ? answered : p.answered,
                        ),
                        total: formatNumber(p.total),
                      })}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </details>
        </nav>
        <div className="topic-questions">
          {answers.error ? <ProblemAlert error={answers.error} /> : null}
          {answers.loading && rows.length === 0 ? (
            <Loading />
          ) : rows.length === 0 ? (
            <Empty>{t('assessment.noQuestions')}</Empty>
          ) : (
            rows.map((answer, position) => (
              <Question
                key={answer.requirementId}
                position={position + 1}
                answer={answer}
                editable={editable}
                canOverride={actions.includes('override')}
                canSample={actions.includes('record_sample')}
                reviewing={reviewing}
                showSamples={showSamples}
                samples={samples.filter((s) => s.requirementId === answer.requirementId)}
                contradiction={contradictions.get(answer.requirementKey)}
                onSaved={(saved) => replace(answer.requirementId, saved)}
                onEvidence={(evidence) => replace(answer.requirementId, { evidence })}
                onSample={(sample) => setSamples((list) => [...list, sample])}
              />
            ))
          )}
          <nav className="topic-pager" aria-label={t('assessment.topicPager')}>
            {previous ? (
              <Link to={topicPath(a.id, previous.topic.key)} rel="prev">
                ← {previous.topic.title}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link to={topicPath(a.id, next.topic.key)} rel="next">
                {next.topic.title} →
              </Link>
            ) : (
              <Link to={`/bewertungen/${a.id}`}>{t('assessment.backToOverview')} →</Link>
            )}
          </nav>
        </div>
      </div>
    </div>
  );
}

function Question({
  position,
  answer,
  editable,
  canOverride,
  canSample,
  reviewing,
  showSamples,
  samples,
  contradiction,
  onSaved,
  onEvidence,
  onSample,
}: {
  position: number;
  answer: AnswerWithRequirement;
  editable: boolean;
  canOverride: boolean;
  canSample: boolean;
  reviewing: boolean;
  showSamples: boolean;
  samples: Sample[];
  contradiction: Contradiction | undefined;
  onSaved(answer: Answer): void;
  onEvidence(items: Evidence[]): void;
  onSample(sample: Sample): void;
}) {
  const { t } = useTranslation();
  const headingId = `q-${answer.requirementKey}-heading`;
  const guidance = answer.requirement.guidance;
  return (
    <article className="question" aria-labelledby={headingId} id={questionAnchor(answer.requirementKey)}>
      <h2 id={headingId} tabIndex={-1}>
        <span className="question__key">
          {position}. {answer.requirementKey}
        </span>{' '}
        {answer.requirement.title}
      </h2>
      {answer.requirement.statement && answer.requirement.statement !== answer.requirement.title ? (
        <p>{answer.requirement.statement}</p>
      ) : null}
      {guidance ? (
        <details className="guidance">
          <summary>{t('assessment.guidance')}</summary>
          <p>{guidance}</p>
        </details>
      ) : null}
      <div className={reviewing ? 'question__columns' : undefined}>
        <section aria-label={t('assessment.kommuneSide')}>
          {reviewing ? <h3>{t('assessment.kommuneSide')}</h3> : null}
          {/* Where the auditor's column shows, the notice sits there (once per question). */}
          {reviewing || showSamples ? null : <ContradictionNotice contradiction={contradiction} />}
          {editable ? <AnswerForm answer={answer} onSaved={onSaved} /> : <AnswerView answer={answer} />}
          <EvidenceFiles
            assessmentId={answer.assessmentId}
            requirementKey={answer.requirementKey}
            items={answer.evidence}
            editable={editable}
            onChange={onEvidence}
          />
        </section>
        {reviewing || showSamples ? (
          <section aria-label={t('auditor.side')}>
            {reviewing ? <h3>{t('auditor.side')}</h3> : null}
            <AnswerReview
              answer={answer}
              samples={samples}
              contradiction={contradiction}
              canOverride={canOverride}
              canSample={canSample}
              onSaved={onSaved}
              onSample={onSample}
            />
          </section>
        ) : null}
      </div>
      <AnswerHistoryView assessmentId={answer.assessmentId} requirementKey={answer.requirementKey} />
    </article>
  );
}
