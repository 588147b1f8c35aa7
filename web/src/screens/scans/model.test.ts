import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldBinder, presetOf, SCHEDULE_PRESETS } from './model.ts';

describe('schedule presets', () => {
  it('recognises each preset, also with other white space', () => {
    for (const preset of SCHEDULE_PRESETS) {
      expect(presetOf(preset.cron)).toBe(preset.key);
      expect(presetOf(`  ${preset.cron.replaceAll(' ', '   ')}\t`)).toBe(preset.key);
    }
  });

  it('never throws and names a preset only for its expression', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const key = presetOf(text);
        if (key !== null)
          expect(text.trim().split(/\s+/).join(' ')).toBe(SCHEDULE_PRESETS.find((p) => p.key === key)!.cron);
      }),
    );
  });

  it('leaves other expressions as they are', () => {
    expect(presetOf('0 2 * * 1-5')).toBeNull();
    expect(presetOf('')).toBeNull();
  });
});

describe('fieldBinder', () => {
  it('gives value and error and writes one field back', () => {
    let form = { name: 'a', target: 'b' };
    const bind = fieldBinder(
      form,
      (next) => {
        form = next;
      },
      { 'targets.0.url': 'kein gültiges Ziel' },
    );
    expect(bind('name')).toMatchObject({ value: 'a', error: undefined });
    const target = bind('target', 'targets.0.url');
    expect(target.error).toBe('kein gültiges Ziel');
    target.onChange('c');
    expect(form).toEqual({ name: 'a', target: 'c' });
  });
});
