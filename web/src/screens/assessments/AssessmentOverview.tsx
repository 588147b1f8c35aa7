import { KolButton } from '@public-ui/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { formatDateTime, formatNumber, formatPercent } from '../../format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ScrollRegion } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ScoreChart } from '../../ui/ScoreChart.tsx';
import { Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { ContradictionSummary, useContradictions } from '../auditor/Contradictions.tsx';
import { MeasuresPanel } from '../auditor/MeasuresPanel.tsx';
import { type Assessment, type AssessmentStatus, type Scores, STATUS_ORDER, topicPath } from './model.ts';
import { PhasesPanel } from './Phases.tsx';
import './assessments.css';

type Transition = 'submit' | 'verify' | 'freeze';

/**
 * One assessment: where it stands in its lifecycle, the next step for the caller (submit, verify,
 * freeze, measures), progress and score per topic as a table and as a chart.
 */
export default function AssessmentOverview() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useAsync(async () => {
    const [assessment, scores] = await Promise.all([
      api.get<Assessment>(`/assessments/${id}`),
      api.get<Scores>(`/assessments/${id}/scores`),
    ]);
    return { assessment, scores };
  }, [id]);
  const [confirm, setConfirm] = useState<Transition | null>(null);
  const ready = data.data !== undefined;
  useEffect(() => {
    // Topics, chart and actions are on screen: bench/ui-assessment.bench.ts reads this mark.
    if (ready) performance.mark('bastei:assessment-interactive');
  }, [ready]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const contradictions = useContradictions(id);

  if (data.loading && !data.data) return <Loading />;
  if (!data.data) {
    return (
      <>
        <PageHeading title={t('assessment.overviewFallback')} />
        <ProblemAlert error={data.error} />
        <p>
          <Link to="/bewertungen">{t('assessment.backToList')}</Link>
        </p>
      </>
    );
  }
  const { assessment: a, scores } = data.data;
  const topics = a.progress.topics ?? [];
  const scoreByKey = new Map(scores.topics.map((s) => [s.topic.key, s]));
  const transitions = (['submit', 'verify', 'freeze'] as const).filter((x) => a.allowedActions.includes(x));
  const firstOpen = topics.find((p) => p.answered < p.total) ?? topics[0];

  const run = async (transition: Transition) => {
    setConfirm(null);
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      await api.post<Assessment>(`/assessments/${a.id}/${transition}`);
      setMessage(t(transitionKey(a, transition, 'done')));
      data.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <nav className="breadcrumbs" aria-label={t('assessment.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/bewertungen">{t('assessment.nav')}</Link>
          </li>
          <li aria-current="page">{a.organisationName}</li>
        </ol>
      </nav>
      <PageHeading
        title={a.title}
        lead={`${a.organisationName} · ${t(`assessment.phase.${a.phase}`)} · ${t(`assessment.status.${a.status}`)}`}
      />
      <Lifecycle status={a.status} />
      <ContradictionSummary assessmentId={a.id} contradictions={contradictions} />
      {message ? <SuccessAlert label={message} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      {data.error ? <ProblemAlert error={data.error} /> : null}

      <div className="two-columns">
        <section className="card" aria-labelledby="assessment-state">
          <h2 id="assessment-state">{t('assessment.stateTitle')}</h2>
          <p className="progress-line">
            <progress max={a.progress.total} value={a.progress.answered} aria-labelledby="overall-progress" />{' '}
            <span id="overall-progress">
              {t('assessment.progressText', {
                answered: formatNumber(a.progress.answered),
                total: formatNumber(a.progress.total),
              })}
            </span>
          </p>
          <dl className="facts">
            <dt>{t('assessment.overallScore')}</dt>
            <dd>{formatPercent(scores.overall.score)}</dd>
            <dt>{t('assessment.catalog')}</dt>
            <dd>
              {a.catalog.title} ({a.catalog.version})
            </dd>
            <dt>{t('assessment.created')}</dt>
            <dd>
              {formatDateTime(a.createdAt)}
              {a.createdBy ? `, ${a.createdBy.name}` : ''}
            </dd>
            {a.submittedAt ? (
              <>
                <dt>{t('assessment.submitted')}</dt>
                <dd>
                  {formatDateTime(a.submittedAt)}
                  {a.submittedBy ? `, ${a.submittedBy.name}` : ''}
                </dd>
              </>
            ) : null}
            {a.verifiedAt ? (
              <>
                <dt>{t('assessment.verified')}</dt>
                <dd>
                  {formatDateTime(a.verifiedAt)}
                  {a.verifiedBy ? `, ${a.verifiedBy.name}` : ''}
                </dd>
              </>
            ) : null}
            {a.frozenAt ? (
              <>
                <dt>{t('assessment.frozen')}</dt>
                <dd>{formatDateTime(a.frozenAt)}</dd>
                <dt>{t('assessment.snapshot')}</dt>
                <dd>
                  <code className="hash">{a.snapshotSha256}</code>
                </dd>
              </>
            ) : null}
          </dl>
        </section>

        <section className="card" aria-labelledby="assessment-next">
          <h2 id="assessment-next">{t('assessment.nextTitle')}</h2>
          <p>{nextStepText(a, t)}</p>
          {a.allowedActions.includes('answer') && firstOpen ? (
            <p>
              <Link className="button-link" to={topicPath(a.id, firstOpen.topic.key)}>
                {t('assessment.continueAnswering')}
              </Link>
            </p>
          ) : null}
          {a.allowedActions.includes('override') && firstOpen ? (
            <p>
              <Link className="button-link" to={topicPath(a.id, topics[0]!.topic.key)}>
                {t('auditor.startReview')}
              </Link>
            </p>
          ) : null}
          {transitions.length > 0 ? (
            <div className="actions">
              {transitions.map((transition) => (
                <KolButton
                  key={transition}
                  _type="button"
                  _variant="primary"
                  _label={t(transitionKey(a, transition, 'button'))}
                  _disabled={busy}
                  _on={{ onClick: () => setConfirm(transition) }}
                />
              ))}
            </div>
          ) : null}
        </section>
      </div>

      <PhasesPanel key={a.id} assessment={a} />

      {a.status === 'verified' || a.status === 'frozen' ? <MeasuresPanel assessment={a} /> : null}

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{t('assessment.topicsTitle')}</h2>
        <ScoreChart
          caption={t('assessment.chart.caption')}
          summary={t('assessment.chart.summary', {
            overall: formatPercent(scores.overall.score),
            count: topics.length,
          })}
          tableId="topics-table"
          tableHint={t('assessment.chart.tableHint')}
          bars={topics.map((p) => ({
            key: p.topic.key.length > 10 ? `${p.topic.key.slice(0, 9)}…` : p.topic.key,
            label: p.topic.title,
            score: scoreByKey.get(p.topic.key)?.score ?? null,
          }))}
        />
        <ScrollRegion id="topics-table" label={t('assessment.topicsCaption')}>
          <table className="data-table">
            <caption>{t('assessment.topicsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.topic')}</th>
                <th scope="col" className="num">
                  {t('assessment.answered')}
                </th>
                <th scope="col" className="num">
                  {t('assessment.gaps')}
                </th>
                <th scope="col" className="num">
                  {t('assessment.score')}
                </th>
              </tr>
            </thead>
            <tbody>
              {topics.map((p) => {
                const score = scoreByKey.get(p.topic.key);
                return (
                  <tr key={p.topic.key}>
                    <th scope="row">
                      <Link to={topicPath(a.id, p.topic.key)}>{p.topic.title}</Link>{' '}
                      <span className="muted mono">{p.topic.key}</span>
                    </th>
                    <td className="num">
                      {t('assessment.answeredOf', {
                        answered: formatNumber(p.answered),
                        total: formatNumber(p.total),
                      })}
                    </td>
                    <td className="num">
                      {score ? formatNumber(score.counts.no + score.counts.partial) : '–'}
                    </td>
                    <td className="num">{formatPercent(score?.score)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('assessment.overall')}</th>
                <td className="num">
                  {t('assessment.answeredOf', {
                    answered: formatNumber(a.progress.answered),
                    total: formatNumber(a.progress.total),
                  })}
                </td>
                <td className="num">
                  {formatNumber(scores.overall.counts.no + scores.overall.counts.partial)}
                </td>
                <td className="num">{formatPercent(scores.overall.score)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
        <p className="muted">{t('assessment.scoreFormula')}</p>
      </section>

      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(transitionKey(a, confirm, 'confirmTitle')) : ''}
        confirmLabel={confirm ? t(`assessment.transition.${confirm}.confirm`) : ''}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && void run(confirm)}
      >
        {confirm ? (
          <p>
            {t(`assessment.transition.${confirm}.confirmText`, {
              answered: formatNumber(a.progress.answered),
              total: formatNumber(a.progress.total),
              open: formatNumber(a.progress.total - a.progress.answered),
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

/** The lifecycle as a list of steps; the current one is marked for screen readers too. */
function Lifecycle({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  const current = STATUS_ORDER.indexOf(status);
  return (
    <ol className="lifecycle" aria-label={t('assessment.lifecycle')}>
      {STATUS_ORDER.map((step, index) => (
        <li
          key={step}
          className={index < current ? 'done' : index === current ? 'current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          {t(`assessment.status.${step}`)}
        </li>
      ))}
    </ol>
  );
}

/** A later phase is not a self-assessment: its submit step is named for the assessment as such. */
function transitionKey(a: Assessment, transition: Transition, field: 'button' | 'confirmTitle' | 'done') {
  return a.phase !== 'self' && transition === 'submit'
    ? `phases.submit.${field}`
    : `assessment.transition.${transition}.${field}`;
}

export function nextStepText(a: Assessment, t: (key: string, options?: Record<string, unknown>) => string) {
  const open = a.progress.total - a.progress.answered;
  switch (a.status) {
    case 'draft':
      if (a.allowedActions.includes('submit'))
        return open > 0
          ? t(a.phase === 'self' ? 'assessment.next.draftIsb' : 'phases.next.draftIsb', {
              open: formatNumber(open),
            })
          : t(a.phase === 'self' ? 'assessment.next.draftComplete' : 'phases.next.draftComplete');
      return a.allowedActions.includes('answer')
        ? t('assessment.next.draftMember', { open: formatNumber(open) })
        : t('assessment.next.draftOther');
    case 'submitted':
      return a.allowedActions.includes('verify')
        ? t('auditor.next.submitted')
        : t('assessment.next.submitted');
    case 'verified':
      return a.allowedActions.includes('freeze') ? t('auditor.next.verified') : t('assessment.next.verified');
    default:
      return t('assessment.next.frozen');
  }
}
