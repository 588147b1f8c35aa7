import { KolInputEmail, KolInputPassword, KolInputText, KolSelect } from '@public-ui/react';

interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown beside the field; KoliBri ties it to the input with aria-describedby. */
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  disabled?: boolean;
}

const message = (error: string | undefined) =>
  error ? { _type: 'error' as const, _description: error } : undefined;

const common = (p: FieldProps) => ({
  _name: p.name,
  _label: p.label,
  _value: p.value,
  _msg: message(p.error),
  _touched: Boolean(p.error),
  _hint: p.hint,
  _required: p.required,
  _disabled: p.disabled,
  _on: { onInput: (_event: Event, value: unknown) => p.onChange(value === undefined ? '' : String(value)) },
});

export function TextField(
  p: FieldProps & { type?: 'text' | 'email' | 'password' | 'search'; inputMode?: string },
) {
  const props = { ...common(p), _autoComplete: p.autoComplete };
  if (p.type === 'email') return <KolInputEmail {...props} />;
  if (p.type === 'password') return <KolInputPassword {...props} />;
  return <KolInputText {...props} _type={p.type === 'search' ? 'search' : 'text'} />;
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(p: FieldProps & { options: Option[] }) {
  const props = common(p);
  return (
    <KolSelect
      {...props}
      _options={p.options}
      _value={p.value}
      _on={{
        onChange: (_event: Event, value: unknown) => {
          const selected = Array.isArray(value) ? value[0] : value;
          p.onChange(selected === undefined || selected === null ? '' : String(selected));
        },
      }}
    />
  );
}
