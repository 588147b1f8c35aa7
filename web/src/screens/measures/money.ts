/**
 * Euro amounts as typed in a German form ("1.234,56", "1234,5", "1.234 €") to integer cents, and
 * cents back to that editable form. Also accepts a decimal point when it cannot be a thousands
 * separator ("1234.56"). Returns null for empty input, undefined for anything unreadable.
 */
export function parseEuroToCents(input: string): number | null | undefined {
  const text = input.replace(/[\s\u00a0€]/g, '').replace(/EUR$/i, '');
  if (text === '') return null;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(text) || /^\d+(,\d{1,2})?$/.test(text)) {
    normalised = text.replace(/\./g, '').replace(',', '.');
  } else if (/^\d+\.\d{1,2}$/.test(text)) {
    normalised = text;
  } else {
    return undefined;
  }
  const [whole = '0', fraction = ''] = normalised.split('.');
  if (whole.length > 13) return undefined;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 123456 → "1234,56" (no thousands separator, so it reads back unambiguously). */
export function centsToEuroInput(cents: number | null): string {
  if (cents === null) return '';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}
