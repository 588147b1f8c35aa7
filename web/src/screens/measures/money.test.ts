import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToEuroInput, parseEuroToCents } from './money.ts';

describe('euro input', () => {
  it('reads German and plain amounts', () => {
    expect(parseEuroToCents('1.234,56')).toBe(123456);
    expect(parseEuroToCents('1.234,5 €')).toBe(123450);
    expect(parseEuroToCents('1234')).toBe(123400);
    expect(parseEuroToCents('16.100')).toBe(1610000);
    expect(parseEuroToCents('0,99')).toBe(99);
    expect(parseEuroToCents('1234.56')).toBe(123456);
    expect(parseEuroToCents('  ')).toBeNull();
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['abc', '1,234,5', '12,345', '-5', '1.23.4', '1e5', ',5', '1.2345,00', '12.3456'])
      expect(parseEuroToCents(bad), bad).toBeUndefined();
  });

  it('round-trips every amount it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (cents) => {
        expect(parseEuroToCents(centsToEuroInput(cents))).toBe(cents);
      }),
    );
  });

  it('reads the German display format back (thousands separators)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (cents) => {
        const shown = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2 }).format(cents / 100);
        expect(parseEuroToCents(`${shown} €`)).toBe(cents);
      }),
    );
  });

  it('never throws and yields only non-negative whole cents', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = parseEuroToCents(text);
        if (typeof result === 'number') expect(Number.isSafeInteger(result) && result >= 0).toBe(true);
      }),
    );
  });
});
