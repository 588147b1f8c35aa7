import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../api.ts';
import { formatPercent } from '../format.ts';
import { Button } from './controls.tsx';
import { ProblemAlert } from './states.tsx';

/**
 * Pick a file and send its bytes to `path` with a progress bar; the caller shows the result.
 * Errors (problem+json) appear below with their field pointers when the server names them.
 */
export function FileUpload<T>({
  label,
  hint,
  path,
  accept,
  buttonLabel,
  onDone,
  renderErrors,
}: {
  label: string;
  hint?: string;
  path(file: File): string;
  accept?: string;
  buttonLabel: string;
  onDone(result: T): void;
  renderErrors?(error: unknown): ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const send = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    setError(null);
    setProgress(0);
    try {
      const result = await upload<T>(path(file), file, (loaded, total) => setProgress(loaded / total));
      onDone(result);
      if (input.current) input.current.value = '';
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="file-upload">
      <div className={missing ? 'field field--error' : 'field'}>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {missing ? (
          <p className="field__error" id={`${id}-error`}>
            {t('scans.upload.chooseFile')}
          </p>
        ) : null}
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          aria-invalid={missing ? true : undefined}
          aria-describedby={
            [missing ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') ||
            undefined
          }
        />
      </div>
      <div className="actions">
        <Button variant="primary" busy={progress !== null} onClick={send}>
          {buttonLabel}
        </Button>
        {progress !== null ? (
          <span role="status">
            <progress
              className="upload-progress"
              max={1}
              value={progress}
              aria-label={t('scans.upload.progress')}
            />{' '}
            {formatPercent(progress)}
          </span>
        ) : null}
      </div>
      {error ? renderErrors ? renderErrors(error) : <ProblemAlert error={error} /> : null}
    </div>
  );
}

/** Field errors of a problem document, listed by JSON path (RFC 6901 pointer). */
export function PointerErrors({ errors }: { errors: { pointer: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="error-list">
      {errors.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: errors may repeat a pointer
        <li key={i}>
          <code>{e.pointer}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
