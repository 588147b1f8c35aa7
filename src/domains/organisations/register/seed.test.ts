import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromSeedTable, parseGv100ad, RegisterParseError, type SeedRow, toSeedTable } from './index.ts';
import { buildSachsenAnhaltSeed, formatSeedTable, ST_SEED_SIZE, ST_SEED_URL } from './st-seed.ts';
import { GV100AD_FILE, referenceText, ST_KOMMUNEN_FILE, SYNTHETIC_GV } from './test-support.ts';

describe('seed table', () => {
  it('round-trips the seed fields of RegisterUnit', () => {
    const units = parseGv100ad(SYNTHETIC_GV, { includeMembers: true }).units;
    const rows = toSeedTable(units);
    expect(rows[4]).toEqual([
      '150815051000',
      'municipality',
      'Verbandsgemeinde',
      'Mustertal',
      'Mustertal',
      '150810000000',
      1000,
      700,
    ]);
    const json = JSON.parse(JSON.stringify(rows)) as unknown;
    const back = fromSeedTable(json);
    expect(back).toEqual(units.map(({ seat: _s, memberCount: _m, gebietsstand: _g, ...rest }) => rest));
    expect(toSeedTable(back)).toEqual(rows);
  });

  it('keeps absent population and area as null', () => {
    const row: SeedRow = [
      '150000000000',
      'state',
      'Land',
      'Sachsen-Anhalt',
      'Sachsen-Anhalt',
      null,
      null,
      null,
    ];
    expect(fromSeedTable([row])).toEqual([
      {
        ars: '150000000000',
        kind: 'state',
        subtype: 'Land',
        name: 'Sachsen-Anhalt',
        shortName: 'Sachsen-Anhalt',
        parentArs: null,
      },
    ]);
    expect(toSeedTable(fromSeedTable([row]))).toEqual([row]);
  });

  it('rejects malformed rows with row number and field', () => {
    const good: SeedRow = ['150810000000', 'district', 'Landkreis', 'X', 'X', '150000000000', 1, 1];
    const cases: [unknown, string][] = [
      [{}, 'line 1, column 1: seed table must be an array of rows'],
      [[good, ['1508100000', ...good.slice(1)]], 'line 2, column ars: must be 12 digits'],
      [[good, [...good.slice(0, 1), 'county', ...good.slice(2)]], 'line 2, column kind:'],
      [[good, [...good.slice(0, 6), -1, 1]], 'line 2, column population:'],
      [[good, [...good.slice(0, 5), null, 1, 1]], 'line 2, column parentArs: only a state has no parent'],
      [[good, good], 'line 2, column ars: duplicate ARS 150810000000'],
      [[good.slice(0, 7)], 'line 1, column 1: seed row must be a tuple of 8 values'],
    ];
    for (const [input, message] of cases) {
      expect(() => fromSeedTable(input)).toThrow(RegisterParseError);
      expect(() => fromSeedTable(input)).toThrow(message);
    }
  });
});

const haveReference =
  referenceText(GV100AD_FILE) !== undefined && referenceText(ST_KOMMUNEN_FILE) !== undefined;

describe.skipIf(!haveReference)('st-seed.generated.json', () => {
  it('equals what the parsers produce from st-kommunen-133.csv and GV100AD (state 15)', () => {
    const committedText = readFileSync(ST_SEED_URL, 'utf8');
    const committed = JSON.parse(committedText) as SeedRow[];
    const built = buildSachsenAnhaltSeed();
    expect(committed).toEqual(built);
    expect(committed).toHaveLength(ST_SEED_SIZE);
    expect(committedText).toBe(formatSeedTable(built));
    expect(fromSeedTable(committed)).toHaveLength(ST_SEED_SIZE);
  });
});
