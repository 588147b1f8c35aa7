import i18next from 'i18next';

/** Dates and numbers in the UI language's conventions (de-DE by default). */
const locale = () => (i18next.language === 'en' ? 'en-GB' : 'de-DE');

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** Hectares as square kilometres with one decimal. */
export const formatAreaKm2 = (hectares: number | null | undefined) =>
  hectares === null || hectares === undefined ? '–' : formatNumber(hectares / 100, 1);

/** Sorting of names by the UI language's collation (ä next to a, not after z). */
export const compareText = (a: string, b: string) => a.localeCompare(b, locale(), { sensitivity: 'base' });
