import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { Button, RadioGroup, TextArea } from '../../ui/controls.tsx';
import { describeError } from '../../ui/native.tsx';
import { useStoredState } from '../assessments/drafts.ts';
import {
  ANSWER_VALUES,
  type Answer,
  type AnswerValue,
  type AnswerWithRequirement,
  SAMPLE_RESULTS,
  type Sample,
  type SampleResult,
} from '../assessments/model.ts';
import { type Contradiction, ContradictionNotice } from './Contradictions.tsx';

type OverrideChoice = AnswerValue | 'none';

/**
 * On-site verification of one answer: the auditor's own answer beside the Kommune's (an override
 * needs a note), and the technical samples taken for it.
 */
export function AnswerReview({
  answer,
  samples,
  contradiction,
  canOverride,
  canSample,
  onSaved,
  onSample,
}: {
  answer: AnswerWithRequirement;
  samples: Sample[];
  /** Open scan findings that contradict the answer (the auditor checks these first). */
  contradiction?: Contradiction | undefined;
  canOverride: boolean;
  canSample: boolean;
  onSaved(answer: Answer): void;
  onSample(sample: Sample): void;
}) {
  const { t } = useTranslation();
  const base = `r-${answer.requirementKey}`;
  const [form, update, drop] = useStoredState(`override.${answer.assessmentId}.${answer.requirementId}`, {
    status: (answer.auditorStatus ?? 'none') as string,
    note: answer.auditorNote ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    setProblem(null);
    const status = form.status === 'none' ? null : (form.status as AnswerValue);
    if (status && !form.note.trim()) {
      setErrors({ note: t('auditor.review.noteRequired') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await api.put<Answer>(
        `/assessments/${answer.assessmentId}/answers/${encodeURIComponent(answer.requirementKey)}/override`,
        { status, note: form.note },
      );
      drop();
      onSaved(saved);
      setMessage(status ? t('auditor.review.saved') : t('auditor.review.removed'));
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const failure = problem ? describeError(problem, t) : null;
  return (
    <div className="review">
      <ContradictionNotice contradiction={contradiction} />
      {canOverride ? (
        <form
          className="form review__form"
          noValidate
          onSubmit={save}
          aria-label={t('auditor.review.formLabel', { key: answer.requirementKey })}
        >
          <RadioGroup<OverrideChoice>
            id={`${base}-status`}
            legend={t('auditor.review.legend')}
            value={form.status as OverrideChoice}
            choices={[
              { value: 'none', label: t('auditor.review.none') },
              ...ANSWER_VALUES.map((v) => ({ value: v, label: t(`assessment.answer.${v}`) })),
            ]}
            onChange={(status) => update({ status })}
          />
          <TextArea
            id={`${base}-note`}
            label={t('auditor.review.note')}
            hint={t('auditor.review.noteHint')}
            value={form.note}
            error={errors.note}
            maxLength={10_000}
            onChange={(note) => update({ note })}
          />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('auditor.review.save')}
            </Button>
          </div>
          <p className="save-state" role="status">
            {message}
          </p>
          {failure ? (
            <p className="field__error" role="alert">
              {failure.heading}
              {failure.detail ? ` ${failure.detail}` : ''}
            </p>
          ) : null}
        </form>
      ) : null}
      <Samples answer={answer} samples={samples} editable={canSample} onSample={onSample} />
    </div>
  );
}

function Samples({
  answer,
  samples,
  editable,
  onSample,
}: {
  answer: AnswerWithRequirement;
  samples: Sample[];
  editable: boolean;
  onSample(sample: Sample): void;
}) {
  const { t } = useTranslation();
  const base = `s-${answer.requirementKey}`;
  const [form, update, drop] = useStoredState(`sample.${answer.assessmentId}.${answer.requirementId}`, {
    description: '',
    result: 'passed',
  });
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const record = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!form.description.trim()) {
      setError(t('auditor.samples.descriptionRequired'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const sample = await api.post<Sample>(`/assessments/${answer.assessmentId}/samples`, {
        requirementId: answer.requirementKey,
        description: form.description,
        result: form.result,
      });
      drop();
      update({ description: '' });
      drop();
      onSample(sample);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.fieldErrors().description);
      setProblem(failure);
    } finally {
      setBusy(false);
    }
  };

  const failure = problem ? describeError(problem, t) : null;
  return (
    <div className="samples">
      <h3>{t('auditor.samples.title')}</h3>
      {samples.length === 0 ? (
        <p className="muted">{t('auditor.samples.none')}</p>
      ) : (
        <ul className="samples__list">
          {samples.map((s) => (
            <li key={s.id}>
              <span className={`sample-result sample-result--${s.result}`}>
                {t(`auditor.samples.result.${s.result}`)}
              </span>{' '}
              {s.description}{' '}
              <span className="muted">
                ({s.recordedBy?.name ?? '–'}, {formatDateTime(s.recordedAt)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form
          className="form"
          noValidate
          onSubmit={record}
          aria-label={t('auditor.samples.formLabel', { key: answer.requirementKey })}
        >
          <TextArea
            id={`${base}-description`}
            label={t('auditor.samples.description')}
            value={form.description}
            error={error}
            rows={2}
            maxLength={5_000}
            onChange={(description) => update({ description })}
          />
          <RadioGroup<SampleResult>
            id={`${base}-result`}
            legend={t('auditor.samples.resultLegend')}
            value={form.result as SampleResult}
            choices={SAMPLE_RESULTS.map((r) => ({ value: r, label: t(`auditor.samples.result.${r}`) }))}
            onChange={(result) => update({ result })}
          />
          <div className="actions">
            <Button type="submit" busy={busy}>
              {t('auditor.samples.record')}
            </Button>
          </div>
          {failure ? (
            <p className="field__error" role="alert">
              {failure.heading}
              {failure.detail ? ` ${failure.detail}` : ''}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
