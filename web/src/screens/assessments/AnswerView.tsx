import { useTranslation } from 'react-i18next';
import type { AnswerWithRequirement } from './model.ts';

/** An answer as it stands (read-only): the Kommune's, and the auditor's where it differs. */
export function AnswerView({ answer }: { answer: AnswerWithRequirement }) {
  const { t } = useTranslation();
  return (
    <dl className="facts answer-view">
      <dt>{t('assessment.kommuneAnswer')}</dt>
      <dd>
        <span className={`answer-badge answer-badge--${answer.status}`}>
          {t(`assessment.answer.${answer.status}`)}
        </span>
        {answer.answeredBy ? <span className="muted"> ({answer.answeredBy.name})</span> : null}
      </dd>
      <dt>{t('assessment.justification')}</dt>
      <dd className="prewrap">{answer.justification || '–'}</dd>
      {answer.auditorStatus ? (
        <>
          <dt>{t('assessment.auditorAnswer')}</dt>
          <dd>
            <span className={`answer-badge answer-badge--${answer.auditorStatus}`}>
              {t(`assessment.answer.${answer.auditorStatus}`)}
            </span>
            {answer.overriddenBy ? <span className="muted"> ({answer.overriddenBy.name})</span> : null}
          </dd>
          <dt>{t('assessment.auditorNote')}</dt>
          <dd className="prewrap">{answer.auditorNote || '–'}</dd>
        </>
      ) : null}
    </dl>
  );
}
