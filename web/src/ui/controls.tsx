import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './widgets.css';

/**
 * Native form controls in the KERN look for screens that render many of them at once (an
 * assessment topic has up to 16 questions with a radio group, a text area and a file input each):
 * plain elements stay fast and keep label, hint and error tied together with aria-describedby.
 */

interface Described {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
}

const describedBy = ({ id, hint, error }: Described) =>
  [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

function HintAndError({ id, hint, error }: Described) {
  return (
    <>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** A radio group: fieldset and legend name it; arrow keys move between the options (native). */
export function RadioGroup<V extends string>({
  id,
  legend,
  value,
  choices,
  onChange,
  disabled,
  hint,
  error,
  inline = true,
}: Described & {
  legend: ReactNode;
  value: V | null;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
  disabled?: boolean;
  inline?: boolean;
}) {
  return (
    <fieldset
      className={`choice-group${inline ? ' choice-group--inline' : ''}${error ? ' field--error' : ''}`}
      aria-describedby={describedBy({ id, hint, error })}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="choice-group__options">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={id}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 3,
  maxLength,
  disabled,
  required,
}: Described & {
  label: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  maxLength?: number;
  disabled?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation();
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
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        disabled={disabled}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export function InputField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  required,
}: Described & {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'date' | 'datetime-local' | 'number';
  inputMode?: 'decimal' | 'text' | 'numeric';
  autoComplete?: string;
  required?: boolean;
}) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export function SelectInput<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
  hint,
  error,
}: Described & {
  label: string;
  value: V;
  options: readonly Choice<V>[];
  onChange(value: V): void;
}) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A table's scroll container on narrow screens; reachable by keyboard (axe: scrollable-region-focusable). */
export function ScrollRegion({ id, label, children }: { id?: string; label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <section className="table-scroll" tabIndex={0} aria-label={label} id={id}>
      {children}
    </section>
  );
}

/** A native button in the KERN look (ui/native.tsx styles); `busy` keeps it focusable but inert. */
export function Button({
  children,
  onClick,
  variant = 'secondary',
  busy,
  type = 'button',
  describedBy: description,
}: {
  children: ReactNode;
  onClick?(): void;
  variant?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
  type?: 'button' | 'submit';
  describedBy?: string;
}) {
  return (
    <button
      type={type}
      className={`button button--${variant}`}
      aria-disabled={busy ? true : undefined}
      aria-describedby={description}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {children}
    </button>
  );
}
