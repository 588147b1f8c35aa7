import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR_TYPE } from '../api.ts';

/**
 * Plain HTML building blocks in the KERN look, for the screens that must stay light (login,
 * not-found) and for states shown before KoliBri is loaded.
 */

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** An alert box; `error` ones are announced at once (role=alert), others politely. */
export function NativeAlert({
  type,
  title,
  children,
}: {
  type: 'error' | 'info' | 'success';
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <p className="alert__title">{title}</p>
      {children}
    </div>
  );
}

/** Label, hint, input and error message, tied together with aria-describedby and aria-invalid. */
export function NativeField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  autoComplete,
  inputMode,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'text';
  required?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="field__required" title={t('common.required')}>
            {' '}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The readable part of an error: a problem document's title and detail, or a generic text. */
export function describeError(
  error: unknown,
  t: (key: string) => string,
): { heading: string; detail: string | undefined } {
  if (error instanceof ApiError) {
    if (error.problem.type === NETWORK_ERROR_TYPE) return { heading: t('errors.network'), detail: undefined };
    const detail =
      error.problem.detail && error.problem.detail !== error.problem.title ? error.problem.detail : undefined;
    return { heading: error.problem.title, detail };
  }
  return { heading: t('errors.unexpected'), detail: error instanceof Error ? error.message : undefined };
}
