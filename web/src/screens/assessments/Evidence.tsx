import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, upload } from '../../api.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { describeError } from '../../ui/native.tsx';
import type { Evidence } from './model.ts';

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${formatNumber(bytes)} B` : `${formatNumber(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;

/** Evidence files of one answer: download links, and while editable upload (with progress) and removal. */
export function EvidenceFiles({
  assessmentId,
  requirementKey,
  items,
  editable,
  onChange,
}: {
  assessmentId: string;
  requirementKey: string;
  items: Evidence[];
  editable: boolean;
  onChange(items: Evidence[]): void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  const send = async (file: File) => {
    setProblem(null);
    setMessage('');
    setProgress({ name: file.name, percent: 0 });
    try {
      const path = `/assessments/${assessmentId}/evidence?requirementId=${encodeURIComponent(requirementKey)}&filename=${encodeURIComponent(file.name)}`;
      const evidence = await upload<Evidence>(path, file, (loaded, total) =>
        setProgress({ name: file.name, percent: Math.round((loaded / total) * 100) }),
      );
      onChange([...items.filter((e) => e.id !== evidence.id), evidence]);
      setMessage(t('assessment.evidence.uploaded', { name: evidence.originalName }));
    } catch (error) {
      setProblem(error);
    } finally {
      setProgress(null);
    }
  };

  const remove = async (evidence: Evidence) => {
    setProblem(null);
    setMessage('');
    try {
      await api.delete(`/assessments/${assessmentId}/evidence/${evidence.id}`);
      onChange(items.filter((e) => e.id !== evidence.id));
      setMessage(t('assessment.evidence.removed', { name: evidence.originalName }));
    } catch (error) {
      setProblem(error);
    }
  };

  const error = problem ? describeError(problem, t) : null;
  return (
    <div className="evidence">
      <h3 className="evidence__title">{t('assessment.evidence.title')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('assessment.evidence.none')}</p>
      ) : (
        <ul className="evidence__list">
          {items.map((e) => (
            <li key={e.id}>
              <a href={`/api/v1/assessments/${assessmentId}/evidence/${e.id}`} download={e.originalName}>
                {e.originalName}
              </a>{' '}
              <span className="muted">
                ({sizeText(e.size)}, {e.uploadedBy?.name ?? '–'}, {formatDateTime(e.uploadedAt)})
              </span>
              {editable ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => void remove(e)}
                >
                  {t('assessment.evidence.remove')}
                  <span className="visually-hidden"> {e.originalName}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="field evidence__upload">
          <label htmlFor={inputId}>{t('assessment.evidence.upload')}</label>
          <p className="field__hint" id={`${inputId}-hint`}>
            {t('assessment.evidence.hint')}
          </p>
          <input
            id={inputId}
            type="file"
            aria-describedby={`${inputId}-hint`}
            disabled={progress !== null}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.txt"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void send(file);
            }}
          />
        </div>
      ) : null}
      {progress ? (
        <div className="evidence__progress">
          <progress
            max={100}
            value={progress.percent}
            aria-label={t('assessment.evidence.progressLabel', { name: progress.name })}
          />
        </div>
      ) : null}
      <p className="visually-hidden" role="status">
        {progress ? t('assessment.evidence.uploading', { name: progress.name }) : message}
      </p>
      {error ? (
        <p className="field__error" role="alert">
          {error.heading}
          {error.detail ? ` ${error.detail}` : ''}
        </p>
      ) : null}
    </div>
  );
}
