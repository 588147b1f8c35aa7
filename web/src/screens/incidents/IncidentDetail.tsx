import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Page } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { Button, InputField, ScrollRegion, SelectInput, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { TlpBadge } from '../../ui/Tlp.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { fieldErrors, isoToLocal, localToIso } from '../scans/model.ts';
import { Deadlines } from './Deadlines.tsx';
import { CASE_STATUSES, type Incident, type InfoRequest, nextKinds, type SubmissionKind } from './model.ts';
import { draftFromReport, type ReportDraft, ReportForm, reportFromDraft } from './ReportForm.tsx';

/** One incident report: the Kommune's view (deadlines, next submission, answers) and the CERT's case. */
export default function IncidentDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const incident = useAsync(() => api.get<Incident>(`/incidents/${id}`), [id]);
  const [done, setDone] = useState('');
  const changed = (message: string) => {
    setDone(message);
    incident.reload();
  };

  if (incident.loading && !incident.data) return <Loading />;
  if (!incident.data) return incident.error ? <ProblemAlert error={incident.error} /> : null;
  const i = incident.data;
  const r = i.report;
  const cert = i.viewer === 'cert';
  const yes = (b: boolean) => (b ? t('incidents.yes') : t('incidents.no'));

  return (
    <>
      <nav aria-label={t('incidents.breadcrumb')} className="breadcrumbs">
        <Link to="/vorfaelle">{t('incidents.pageTitle')}</Link>
      </nav>
      <PageHeading title={`${i.reference}: ${r.title}`} />
      <p>
        <TlpBadge tlp={r.tlp} large /> <span className="badge">PAP:{r.pap}</span>
      </p>
      {done ? <SuccessAlert label={done} /> : null}
      {incident.error ? <ProblemAlert error={incident.error} /> : null}
      {i.dataProtection ? (
        <section className="notice" aria-labelledby="dp-title">
          <h2 id="dp-title">{t('incidents.dataProtectionTitle')}</h2>
          <p>{i18n.language === 'en' ? i.dataProtection.reminderEn : i.dataProtection.reminder}</p>
          <p>
            {i.dataProtection.authority} –{' '}
            {t('incidents.dueAt', { date: formatDateTime(i.dataProtection.dueAt) })}
          </p>
        </section>
      ) : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('incidents.overview')}</h2>
          <dl className="facts">
            <dt>{t('incidents.kommune')}</dt>
            <dd>{i.organisationName}</dd>
            <dt>{t('incidents.cert')}</dt>
            <dd>{i.certOrganisationName}</dd>
            <dt>{t('incidents.caseStatus')}</dt>
            <dd>{t(`incidents.caseStatuses.${i.case.status}`)}</dd>
            <dt>{t('incidents.assignee')}</dt>
            <dd>{i.case.assignee?.name ?? '–'}</dd>
            <dt>{t('incidents.category')}</dt>
            <dd>{t(`incidents.categories.${r.category}`)}</dd>
            <dt>{t('incidents.startedAt')}</dt>
            <dd>{formatDateTime(r.startedAt)}</dd>
            <dt>{t('incidents.detectedAt')}</dt>
            <dd>{formatDateTime(r.detectedAt)}</dd>
            <dt>{t('incidents.awareAt')}</dt>
            <dd>{formatDateTime(r.awareAt)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t('incidents.deadlines')}</h2>
          <Deadlines deadlines={i.deadlines} />
          <p className="muted">{i.deadlineRule}</p>
        </section>
      </div>
      <section className="card" aria-labelledby="report-title-h">
        <h2 id="report-title-h">{t('incidents.reportVersion', { version: i.latestVersion })}</h2>
        <p className="prewrap">{r.description}</p>
        <dl className="facts">
          <dt>{t('incidents.form.impact')}</dt>
          <dd>
            {[
              r.impact.availability ? t('incidents.impact.availability') : null,
              r.impact.integrity ? t('incidents.impact.integrity') : null,
              r.impact.confidentiality ? t('incidents.impact.confidentiality') : null,
            ]
              .filter(Boolean)
              .join(', ') || '–'}
          </dd>
          <dt>{t('incidents.impact.services')}</dt>
          <dd>{r.impact.affectedServices.join(', ') || '–'}</dd>
          <dt>{t('incidents.impact.citizens')}</dt>
          <dd>{formatNumber(r.impact.citizensAffected)}</dd>
          <dt>{t('incidents.impact.ongoing')}</dt>
          <dd>{yes(r.impact.ongoing)}</dd>
          <dt>{t('incidents.suspectedMalicious')}</dt>
          <dd>{yes(r.suspectedMalicious)}</dd>
          <dt>{t('incidents.personalData')}</dt>
          <dd>{yes(r.personalData)}</dd>
          <dt>{t('incidents.measuresTaken')}</dt>
          <dd className="prewrap">{r.measuresTaken ?? '–'}</dd>
        </dl>
        {r.observables.length > 0 ? (
          <ScrollRegion label={t('incidents.form.observables')}>
            <table className="data-table">
              <caption>{t('incidents.form.observables')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('incidents.observableValue')}</th>
                  <th scope="col">{t('incidents.observableType')}</th>
                  <th scope="col">{t('incidents.forDetection')}</th>
                  <th scope="col">{t('incidents.observableComment')}</th>
                </tr>
              </thead>
              <tbody>
                {r.observables.map((o, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a value may repeat under two types
                  <tr key={n}>
                    <th scope="row" className="mono">
                      {o.value}
                    </th>
                    <td>{t(`incidents.observableTypes.${o.type}`)}</td>
                    <td>{yes(o.forDetection)}</td>
                    <td>{o.comment ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
        <h3>{t('incidents.submissions')}</h3>
        <ol>
          {i.submissions.map((s) => (
            <li key={s.version}>
              {t('incidents.versionLine', {
                version: s.version,
                kind: t(`incidents.kinds.${s.kind}`),
                date: formatDateTime(s.submittedAt),
                by: s.submittedBy,
              })}
            </li>
          ))}
        </ol>
        <p className="download-links">
          <a href={`/api/v1/incidents/${i.id}/export.json`} download>
            {t('incidents.exportJson')}
          </a>{' '}
          ·{' '}
          <a href={`/api/v1/incidents/${i.id}/export.misp.json`} download>
            {t('incidents.exportMisp')}
          </a>
        </p>
      </section>
      <Requests incident={i} cert={cert} onChanged={changed} />
      {i.viewer === 'kommune' ? <NextSubmission incident={i} onChanged={changed} /> : null}
      {cert ? <CasePanel incident={i} onChanged={changed} /> : null}
    </>
  );
}

function Requests({
  incident,
  cert,
  onChanged,
}: {
  incident: Incident;
  cert: boolean;
  onChanged(m: string): void;
}) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [dueAt, setDueAt] = useState(() => isoToLocal(new Date(Date.now() + 2 * 86_400_000)));
  const [error, setError] = useState<unknown>(null);
  const ask = async () => {
    setError(null);
    try {
      await api.post(`/incidents/${incident.id}/requests`, { question, dueAt: localToIso(dueAt) ?? dueAt });
      setQuestion('');
      onChanged(t('incidents.requestSent'));
    } catch (caught) {
      setError(caught);
    }
  };
  const errors = fieldErrors(error);
  return (
    <section className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('incidents.requests')}</h2>
      {incident.requests.length === 0 ? <p>{t('incidents.noRequests')}</p> : null}
      {incident.requests.map((q) => (
        <Request
          key={q.id}
          incidentId={incident.id}
          request={q}
          mayAnswer={incident.viewer === 'kommune'}
          onChanged={onChanged}
        />
      ))}
      {cert ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void ask();
          }}
        >
          <h3>{t('incidents.newRequest')}</h3>
          {error ? <ProblemAlert error={error} /> : null}
          <TextArea
            id="request-question"
            label={t('incidents.question')}
            value={question}
            required
            error={errors.question}
            onChange={setQuestion}
          />
          <InputField
            id="request-due"
            type="datetime-local"
            label={t('incidents.answerDue')}
            value={dueAt}
            error={errors.dueAt}
            onChange={setDueAt}
          />
          <Button type="submit" variant="primary">
            {t('incidents.sendRequest')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

function Request({
  incidentId,
  request,
  mayAnswer,
  onChanged,
}: {
  incidentId: string;
  request: InfoRequest;
  mayAnswer: boolean;
  onChanged(m: string): void;
}) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setError(null);
    try {
      await api.post(`/incidents/${incidentId}/requests/${request.id}/answer`, { answer });
      onChanged(t('incidents.answerSent'));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <article className="card">
      <h3>
        {t('incidents.requestFrom', { by: request.requestedBy, date: formatDateTime(request.requestedAt) })}
      </h3>
      <p className="prewrap">{request.question}</p>
      <p className={`deadline deadline--${request.state === 'answered' ? 'met' : request.state}`}>
        {t('incidents.dueAt', { date: formatDateTime(request.dueAt) })} –{' '}
        {t(`incidents.requestStates.${request.state}`)}
      </p>
      {request.answer ? (
        <p className="prewrap">
          <strong>
            {t('incidents.answerBy', {
              by: request.answeredBy ?? '',
              date: formatDateTime(request.answeredAt),
            })}
          </strong>{' '}
          {request.answer}
        </p>
      ) : mayAnswer ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          {error ? <ProblemAlert error={error} /> : null}
          <TextArea
            id={`answer-${request.id}`}
            label={t('incidents.answer')}
            value={answer}
            required
            error={fieldErrors(error).answer}
            onChange={setAnswer}
          />
          <Button type="submit" variant="primary">
            {t('incidents.sendAnswer')}
          </Button>
        </form>
      ) : null}
    </article>
  );
}

function NextSubmission({ incident, onChanged }: { incident: Incident; onChanged(m: string): void }) {
  const { t } = useTranslation();
  const kinds = nextKinds(incident);
  const [kind, setKind] = useState<SubmissionKind>(kinds[0] ?? 'notification');
  const [draft, setDraft] = useState<ReportDraft>(() => draftFromReport(incident.report));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (kinds.length === 0) return null;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/incidents/${incident.id}/submissions`, { kind, report: reportFromDraft(draft) });
      onChanged(t('incidents.submitted', { kind: t(`incidents.kinds.${kind}`) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="next-title">
      <h2 id="next-title">{t('incidents.nextSubmission')}</h2>
      <details>
        <summary>{t('incidents.openForm')}</summary>
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <SelectInput
            id="next-kind"
            label={t('incidents.submissionKind')}
            value={kind}
            options={kinds.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
            onChange={(v) => setKind(v as SubmissionKind)}
          />
          {error ? <ProblemAlert error={error} /> : null}
          <ReportForm
            draft={draft}
            error={error}
            organisationId={incident.organisationId}
            onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          />
          <Button type="submit" variant="primary" busy={busy}>
            {t('incidents.submitKind', { kind: t(`incidents.kinds.${kind}`) })}
          </Button>
        </form>
      </details>
    </section>
  );
}

interface AdvisoryRef {
  id: string;
  trackingId: string;
  title: string;
}

function CasePanel({ incident, onChanged }: { incident: Incident; onChanged(m: string): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [task, setTask] = useState('');
  const [note, setNote] = useState('');
  const [advisoryId, setAdvisoryId] = useState('');
  const [intermediateDue, setIntermediateDue] = useState(() =>
    isoToLocal(new Date(Date.now() + 3 * 86_400_000)),
  );
  const advisories = useAsync(() => api.get<Page<AdvisoryRef>>('/advisories?current=true&limit=200'), []);
  const names = new Map((advisories.data?.items ?? []).map((a) => [a.id, `${a.trackingId}: ${a.title}`]));
  const c = incident.case;
  const run = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await action();
      onChanged(message);
    } catch (caught) {
      setError(caught);
    }
  };
  const base = `/incidents/${incident.id}/case`;
  const errors = fieldErrors(error);
  return (
    <section aria-labelledby="case-title">
      <h2 id="case-title">{t('incidents.casePanel')}</h2>
      {error ? <ProblemAlert error={error} /> : null}
      <div className="two-columns">
        <div className="card">
          <h3>{t('incidents.caseStatus')}</h3>
          <SelectInput
            id="case-status"
            label={t('incidents.caseStatus')}
            value={c.status}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`incidents.caseStatuses.${s}`) }))}
            onChange={(v) => run(() => api.patch(base, { status: v }), t('incidents.saved'))}
          />
          <p>
            {t('incidents.assignee')}: {c.assignee?.name ?? '–'}
          </p>
          <div className="actions">
            <Button
              onClick={() =>
                run(
                  () =>
                    api
                      .get<{ user: { id: string } }>('/me')
                      .then((me) => api.patch(base, { assigneeUserId: me.user.id })),
                  t('incidents.saved'),
                )
              }
            >
              {t('incidents.assignMe')}
            </Button>
            {c.assignee ? (
              <Button
                onClick={() => run(() => api.patch(base, { assigneeUserId: null }), t('incidents.saved'))}
              >
                {t('incidents.unassign')}
              </Button>
            ) : null}
          </div>
          <h3>{t('incidents.intermediate')}</h3>
          {c.intermediateRequest ? (
            <p>
              {t('incidents.intermediateRequested', { date: formatDateTime(c.intermediateRequest.dueAt) })}
            </p>
          ) : null}
          <div className="inline-form">
            <InputField
              id="intermediate-due"
              type="datetime-local"
              label={t('incidents.intermediateDue')}
              value={intermediateDue}
              error={errors.intermediateReportDueAt}
              onChange={setIntermediateDue}
            />
            <Button
              onClick={() =>
                run(
                  () => api.patch(base, { intermediateReportDueAt: localToIso(intermediateDue) }),
                  t('incidents.saved'),
                )
              }
            >
              {t('incidents.requestIntermediate')}
            </Button>
          </div>
        </div>
        <div className="card">
          <h3>{t('incidents.tasks')}</h3>
          {(c.tasks ?? []).length === 0 ? <p>{t('incidents.noTasks')}</p> : null}
          {(c.tasks ?? []).map((task) => (
            <Checkbox
              key={task.id}
              id={`task-${task.id}`}
              label={task.title}
              checked={task.done}
              onChange={(checked) =>
                run(() => api.patch(`${base}/tasks/${task.id}`, { done: checked }), t('incidents.saved'))
              }
            />
          ))}
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(
                () => api.post(`${base}/tasks`, { title: task }).then(() => setTask('')),
                t('incidents.taskAdded'),
              );
            }}
          >
            <InputField
              id="task-title"
              label={t('incidents.newTask')}
              value={task}
              error={errors.title}
              onChange={setTask}
            />
            <Button type="submit">{t('incidents.addTask')}</Button>
          </form>
        </div>
      </div>
      <div className="two-columns">
        <div className="card">
          <h3>{t('incidents.notes')}</h3>
          {(c.notes ?? []).map((n) => (
            <blockquote key={n.id}>
              <p className="prewrap">{n.text}</p>
              <footer className="muted">
                {n.author}, {formatDateTime(n.createdAt)}
              </footer>
            </blockquote>
          ))}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run(
                () => api.post(`${base}/notes`, { text: note }).then(() => setNote('')),
                t('incidents.noteAdded'),
              );
            }}
          >
            <TextArea
              id="note-text"
              label={t('incidents.newNote')}
              hint={t('incidents.notesHint')}
              value={note}
              error={errors.text}
              onChange={setNote}
            />
            <Button type="submit">{t('incidents.addNote')}</Button>
          </form>
        </div>
        <div className="card">
          <h3>{t('incidents.advisories')}</h3>
          <ul>
            {(c.advisoryIds ?? []).map((a) => (
              <li key={a}>
                <Link to={`/sicherheitshinweise/${a}`}>{names.get(a) ?? a}</Link>{' '}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => run(() => api.delete(`${base}/advisories/${a}`), t('incidents.saved'))}
                >
                  {t('incidents.unlink', { name: names.get(a) ?? a })}
                </button>
              </li>
            ))}
          </ul>
          <div className="inline-form">
            <SelectInput
              id="advisory-link"
              label={t('incidents.linkAdvisory')}
              value={advisoryId}
              options={[
                { value: '', label: t('incidents.chooseAdvisory') },
                ...(advisories.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.trackingId}: ${a.title}`,
                })),
              ]}
              onChange={setAdvisoryId}
            />
            <Button
              onClick={() =>
                advisoryId && run(() => api.post(`${base}/advisories`, { advisoryId }), t('incidents.saved'))
              }
            >
              {t('incidents.link')}
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}
