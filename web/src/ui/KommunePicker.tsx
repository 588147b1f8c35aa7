import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';
import { InputField, SelectInput } from './controls.tsx';

export interface KommuneOption {
  id: string;
  /** What the list shows, e.g. "Halberstadt, Stadt (Landkreis Harz)". */
  label: string;
}

/**
 * Choosing one Kommune out of many: a search field narrows a native select (each key stroke
 * filters the list, Enter takes the first match). Native controls keep it usable with every
 * screen reader and on touch devices, where ARIA comboboxes are least reliable.
 */
export function KommunePicker({
  options,
  value,
  onChange,
  allLabel,
  loading,
}: {
  options: readonly KommuneOption[];
  value: string;
  onChange(id: string): void;
  /** With it, '' (no Kommune) is a choice of its own: "all Kommunen". */
  allLabel?: string;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [needle, setNeedle] = useState('');
  const matches = useMemo(() => {
    const n = needle.trim().toLocaleLowerCase();
    return n ? options.filter((o) => o.label.toLocaleLowerCase().includes(n)) : options;
  }, [needle, options]);
  // The chosen Kommune stays in the list even when the search no longer matches it.
  const chosen = options.find((o) => o.id === value);
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  const choices = [
    { value: '', label: allLabel ?? t('kommunePicker.choose') },
    ...shown.map((o) => ({ value: o.id, label: o.label })),
  ];
  return (
    <form
      className="filters kommune-picker"
      aria-label={t('kommunePicker.label')}
      onSubmit={(event) => {
        event.preventDefault();
        const first = matches[0];
        if (needle.trim() && first) onChange(first.id);
      }}
    >
      <InputField
        id={`${id}-search`}
        label={t('kommunePicker.search')}
        hint={t('kommunePicker.searchHint')}
        value={needle}
        onChange={setNeedle}
      />
      <SelectInput
        id={`${id}-select`}
        label={t('kommunePicker.kommune')}
        value={value}
        options={choices}
        onChange={onChange}
      />
      <p className="visually-hidden" role="status">
        {loading
          ? ''
          : needle.trim()
            ? t('kommunePicker.matches', { count: matches.length, formatted: formatNumber(matches.length) })
            : ''}
      </p>
    </form>
  );
}
