import { KolButton } from '@public-ui/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { useDraft } from '../../drafts.ts';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { InputField, SelectInput, TextArea } from '../../ui/controls.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { Empty, Loading, ProblemAlert, SuccessAlert } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { type Measure, type MeasureHistory, type MeasureStatus, PRIORITIES } from './model.ts';
import { centsToEuroInput, parseEuroToCents } from './money.ts';
import '../assessments/assessments.css';

/** One measure: its facts, the next status steps, owner / due date / cost, and its history. */
export default function MeasureDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useAsync(async () => {
    const [measure, history] = await Promise.all([
      api.get<Measure>(`/measures/${id}`),
      api.get<MeasureHistory>(`/measures/${id}/history`),
    ]);
    return { measure, history };
  }, [id]);
  const [current, setCurrent] = useState<Measure | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const measure = current?.id === id ? current : data.data?.measure;

  if (data.loading && !measure) return <Loading />;
  if (!measure) {
    return (
      <>
        <PageHeading title={t('measures.detailFallback')} />
        <ProblemAlert error={data.error} />
        <p>
          <Link to="/massnahmen">{t('measures.back')}</Link>
        </p>
      </>
    );
  }

  const changeStatus = async (status: MeasureStatus) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      const updated = await api.post<Measure>(`/measures/${measure.id}/status`, {
        status,
        ...(note.trim() ? { note } : {}),
      });
      setCurrent(updated);
      setNote('');
      setMessage(t('measures.statusChanged', { status: t(`measures.statuses.${status}`) }));
      data.reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  // The server says which steps this caller may take now (policy and status), not the screen.
  const next = measure.allowedStatusTargets;
  const canEdit = measure.allowedActions.includes('edit');
  const requirementKeys = measure.sources.filter((s) => s.kind === 'requirement').map((s) => s.key);

  return (
    <>
      <p>
        <Link to="/massnahmen">{t('measures.back')}</Link>
      </p>
      <PageHeading title={measure.title} lead={t(`measures.types.${measure.type}`)} />
      {message ? <SuccessAlert label={message} /> : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="measure-facts">
          <h2 id="measure-facts">{t('measures.facts')}</h2>
          <dl className="facts">
            <dt>{t('measures.status')}</dt>
            <dd>
              <span className={`measure-status measure-status--${measure.status}`}>
                {t(`measures.statuses.${measure.status}`)}
              </span>
            </dd>
            <dt>{t('measures.priority')}</dt>
            <dd>{t('measures.priorityValue', { priority: measure.priority })}</dd>
            <dt>{t('measures.owner')}</dt>
            <dd>{measure.owner ?? '–'}</dd>
            <dt>{t('measures.dueDate')}</dt>
            <dd>{formatDate(measure.dueDate)}</dd>
            <dt>{t('measures.cost')}</dt>
            <dd>{formatMoney(measure.costEstimateCents)}</dd>
            <dt>{t('measures.fundingStage')}</dt>
            <dd>{measure.fundingStage ? t('measures.stage', { stage: measure.fundingStage }) : '–'}</dd>
            <dt>{t('measures.sources')}</dt>
            <dd>{requirementKeys.length > 0 ? requirementKeys.join(', ') : '–'}</dd>
          </dl>
          {measure.description ? <p className="prewrap">{measure.description}</p> : null}
          {next.length > 0 ? (
            <div className="status-change">
              <h3>{t('measures.changeStatus')}</h3>
              <TextArea
                id="status-note"
                label={t('measures.statusNote')}
                value={note}
                rows={2}
                maxLength={2_000}
                onChange={setNote}
              />
              <div className="actions">
                {next.map((status) => (
                  <KolButton
                    key={status}
                    _type="button"
                    _variant={status === 'in_progress' && measure.status === 'done' ? 'secondary' : 'primary'}
                    _label={t('measures.setStatus', { status: t(`measures.statuses.${status}`) })}
                    _disabled={busy}
                    _on={{ onClick: () => void changeStatus(status) }}
                  />
                ))}
              </div>
            </div>
          ) : null}
        </section>
        {canEdit ? (
          <MeasureForm
            key={measure.updatedAt}
            measure={measure}
            onSaved={(updated) => {
              setCurrent(updated);
              setProblem(null);
              setMessage(t('measures.saved'));
              data.reload();
            }}
          />
        ) : null}
      </div>
      <section aria-labelledby="measure-history">
        <h2 id="measure-history">{t('measures.history.title')}</h2>
        {data.data && data.data.history.items.length > 0 ? (
          <ol className="history__list">
            {data.data.history.items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never reorder
              <li key={index}>
                <time dateTime={item.changedAt}>{formatDateTime(item.changedAt)}</time>, {item.changedBy}:{' '}
                {describeChange(item, t)}
              </li>
            ))}
          </ol>
        ) : (
          <Empty>{t('measures.history.empty')}</Empty>
        )}
      </section>
    </>
  );
}

function describeChange(
  item: MeasureHistory['items'][number],
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (item.kind === 'created') return t('measures.history.created');
  if (item.kind === 'status') {
    const label = (value: unknown) => (typeof value === 'string' ? t(`measures.statuses.${value}`) : '–');
    const text = t('measures.history.status', {
      from: label(item.previous?.status),
      to: label(item.next.status),
    });
    return typeof item.next.note === 'string' ? `${text} (${item.next.note})` : text;
  }
  return Object.keys(item.next)
    .map((field) => {
      const value = item.next[field];
      const shown =
        value === null || value === undefined
          ? '–'
          : field === 'costEstimateCents'
            ? formatMoney(value as number)
            : field === 'dueDate'
              ? formatDate(value as string)
              : String(value);
      return t('measures.history.field', { field: t(`measures.fields.${field}`), value: shown });
    })
    .join(' · ');
}

function MeasureForm({ measure, onSaved }: { measure: Measure; onSaved(measure: Measure): void }) {
  const { t } = useTranslation();
  const initial = {
    owner: measure.owner ?? '',
    dueDate: measure.dueDate ?? '',
    cost: centsToEuroInput(measure.costEstimateCents),
    priority: String(measure.priority),
    fundingStage: measure.fundingStage ? String(measure.fundingStage) : '',
  };
  const [form, update, clear] = useDraft(`measure.${measure.id}`, initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const cents = parseEuroToCents(form.cost);
    if (cents === undefined) found.costEstimateCents = t('measures.validation.money');
    if (form.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.dueDate))
      found.dueDate = t('measures.validation.date');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    const body: Record<string, unknown> = {};
    if (form.owner !== initial.owner) body.owner = form.owner.trim() || null;
    if (form.dueDate !== initial.dueDate) body.dueDate = form.dueDate || null;
    if (cents !== measure.costEstimateCents) body.costEstimateCents = cents;
    if (form.priority !== initial.priority) body.priority = Number(form.priority);
    if (form.fundingStage !== initial.fundingStage)
      body.fundingStage = form.fundingStage ? Number(form.fundingStage) : null;
    if (Object.keys(body).length === 0) {
      setErrors({});
      return;
    }
    setBusy(true);
    try {
      const updated = await api.patch<Measure>(`/measures/${measure.id}`, body);
      clear();
      onSaved(updated);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="measure-edit">
      <h2 id="measure-edit">{t('measures.edit')}</h2>
      {problem ? <ProblemAlert error={problem} /> : null}
      <form className="form" noValidate onSubmit={submit} aria-labelledby="measure-edit">
        <InputField
          id="owner"
          label={t('measures.owner')}
          hint={t('measures.ownerHint')}
          value={form.owner}
          error={errors.owner}
          onChange={(owner) => update({ owner })}
        />
        <InputField
          id="dueDate"
          type="date"
          label={t('measures.dueDate')}
          value={form.dueDate}
          error={errors.dueDate}
          onChange={(dueDate) => update({ dueDate })}
        />
        <InputField
          id="cost"
          label={t('measures.costInput')}
          hint={t('measures.costHint')}
          inputMode="decimal"
          value={form.cost}
          error={errors.costEstimateCents}
          onChange={(cost) => update({ cost })}
        />
        <SelectInput
          id="priority"
          label={t('measures.priority')}
          value={form.priority}
          error={errors.priority}
          options={PRIORITIES.map((p) => ({ value: p, label: t('measures.priorityValue', { priority: p }) }))}
          onChange={(priority) => update({ priority })}
        />
        <SelectInput
          id="fundingStage"
          label={t('measures.fundingStage')}
          value={form.fundingStage}
          error={errors.fundingStage}
          options={[
            { value: '', label: t('measures.noStage') },
            { value: '1', label: t('measures.stage', { stage: 1 }) },
            { value: '2', label: t('measures.stage', { stage: 2 }) },
          ]}
          onChange={(fundingStage) => update({ fundingStage })}
        />
        <div className="actions">
          <KolButton _type="submit" _variant="primary" _label={t('measures.save')} _disabled={busy} />
        </div>
      </form>
    </section>
  );
}
