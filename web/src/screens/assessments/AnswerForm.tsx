import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { RadioGroup, TextArea } from '../../ui/controls.tsx';
import { describeError } from '../../ui/native.tsx';
import { useAutosave } from './drafts.ts';
import { ANSWER_VALUES, type Answer, type AnswerValue, type AnswerWithRequirement } from './model.ts';

/** The Kommune's answer to one question, saved as it is typed. */
export function AnswerForm({
  answer,
  onSaved,
}: {
  answer: AnswerWithRequirement;
  onSaved(answer: Answer): void;
}) {
  const { t } = useTranslation();
  const base = `q-${answer.requirementKey}`;
  const { value, change, state, error, savedAt } = useAutosave(
    `answer.${answer.assessmentId}.${answer.requirementId}`,
    { status: answer.status as string, justification: answer.justification ?? '' },
    async (v) => {
      const saved = await api.put<Answer>(
        `/assessments/${answer.assessmentId}/answers/${encodeURIComponent(answer.requirementKey)}`,
        { status: v.status, justification: v.justification },
      );
      onSaved(saved);
    },
  );
  const failure = state === 'error' ? describeError(error, t) : null;
  return (
    <div className="answer-form">
      <RadioGroup<AnswerValue>
        id={`${base}-status`}
        legend={t('assessment.answerLegend')}
        value={value.status as AnswerValue}
        choices={ANSWER_VALUES.map((v) => ({ value: v, label: t(`assessment.answer.${v}`) }))}
        onChange={(status) => change({ status })}
      />
      <TextArea
        id={`${base}-justification`}
        label={t('assessment.justification')}
        hint={t('assessment.justificationHint')}
        value={value.justification}
        maxLength={10_000}
        onChange={(justification) => change({ justification })}
      />
      <p className={`save-state save-state--${state}`} role="status">
        {state === 'pending'
          ? t('assessment.save.pending')
          : state === 'saving'
            ? t('assessment.save.saving')
            : state === 'saved'
              ? t('assessment.save.saved', { time: savedAt ? formatDateTime(savedAt.toISOString()) : '' })
              : failure
                ? t('assessment.save.failed', { reason: failure.detail ?? failure.heading })
                : ''}
      </p>
    </div>
  );
}
