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

/** A calendar date (`2026-03-31`, no time zone) or the date part of a timestamp. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(new Date(dateOnly ? `${value}T00:00:00Z` : value));
}

/** Integer cents as euros: 123456 → "1.234,56 €". */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '–';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A share between 0 and 1 as whole percent: 0.5 → "50 %". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}
