import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseGv100ad, parseRegisterCsv, parseRegisterFile } from './index.ts';
import {
  core,
  countBy,
  GV100AD_FILE,
  referenceBytes,
  referenceText,
  ST_KOMMUNEN_FILE,
  SYNTHETIC_GV,
  SYNTHETIC_GV_LINES,
} from './test-support.ts';

describe('parseGv100ad on a synthetic register', () => {
  it('derives state, districts, Einheitsgemeinde and Verbandsgemeinde; kreisfreie Stadt once', () => {
    const result = parseGv100ad(SYNTHETIC_GV);
    expect(result.format).toBe('gv100ad');
    expect(result.warnings).toEqual([]);
    expect(result.units).toEqual([
      {
        ars: '150000000000',
        kind: 'state',
        subtype: 'Land',
        name: 'Sachsen-Anhalt',
        shortName: 'Sachsen-Anhalt',
        seat: 'Magdeburg',
        parentArs: null,
        population: 14000,
        areaHa: 2800,
        memberCount: 4,
        gebietsstand: '2025-11-30',
      },
      {
        ars: '150010000000',
        kind: 'district',
        subtype: 'Kreisfreie Stadt',
        name: 'Musterstadt, Stadt',
        shortName: 'Musterstadt',
        seat: 'Musterstadt',
        parentArs: '150000000000',
        population: 5000,
        areaHa: 100,
        memberCount: 1,
        gebietsstand: '2025-11-30',
      },
      {
        ars: '150810000000',
        kind: 'district',
        subtype: 'Landkreis',
        name: 'Musterkreis',
        shortName: 'Musterkreis',
        seat: 'Musterhausen',
        parentArs: '150000000000',
        population: 9000,
        areaHa: 2700,
        memberCount: 3,
        gebietsstand: '2025-11-30',
      },
      {
        ars: '150810030030',
        kind: 'municipality',
        subtype: 'Einheitsgemeinde',
        name: 'Musterhausen, Stadt',
        shortName: 'Musterhausen',
        parentArs: '150810000000',
        population: 8000,
        areaHa: 2000,
        memberCount: 1,
        gebietsstand: '2025-11-30',
      },
      {
        ars: '150815051000',
        kind: 'municipality',
        subtype: 'Verbandsgemeinde',
        name: 'Mustertal',
        shortName: 'Mustertal',
        seat: 'Oberdorf',
        parentArs: '150810000000',
        population: 1000,
        areaHa: 700,
        memberCount: 2,
        gebietsstand: '2025-11-30',
      },
    ]);
  });

  it('emits members below their association with includeMembers', () => {
    const { units } = parseGv100ad(SYNTHETIC_GV, { includeMembers: true });
    expect(units.slice(5).map((u) => [u.ars, u.subtype, u.parentArs, u.population])).toEqual([
      ['150815051001', 'Mitgliedsgemeinde', '150815051000', 700],
      ['150815051002', 'Mitgliedsgemeinde', '150815051000', 300],
    ]);
  });

  it('accepts CRLF, a BOM, stripped trailing spaces, shuffled records and an array of lines', () => {
    const expected = parseGv100ad(SYNTHETIC_GV).units;
    const crlf = `\uFEFF${SYNTHETIC_GV_LINES.map((l) => l.trimEnd()).join('\r\n')}\r\n\r\n`;
    expect(parseGv100ad(crlf).units).toEqual(expected);
    expect(parseGv100ad([...SYNTHETIC_GV_LINES].reverse()).units).toEqual(expected);
  });

  it('filters by state and warns when the Land is absent', () => {
    const result = parseGv100ad(SYNTHETIC_GV, { state: '03' });
    expect(result.units).toEqual([]);
    expect(result.warnings).toEqual(['no records for Land 03']);
    expect(() => parseGv100ad(SYNTHETIC_GV, { state: '3' })).toThrow(RangeError);
  });

  it('reads an async iterable of lines', async () => {
    const result = await parseGv100ad(createInterface({ input: Readable.from([SYNTHETIC_GV]) }));
    expect(result.units).toEqual(parseGv100ad(SYNTHETIC_GV).units);
  });
});

const gvText = referenceText(GV100AD_FILE);
const kommunenText = referenceText(ST_KOMMUNEN_FILE);

describe.skipIf(gvText === undefined)('GV100AD 30.11.2025 (reference file)', () => {
  const text = gvText ?? '';

  it('Sachsen-Anhalt: 1 state + 14 districts + 119 municipalities = 134 units', () => {
    const { units, warnings, format } = parseGv100ad(text, { state: '15' });
    expect(format).toBe('gv100ad');
    expect(warnings).toEqual([]);
    expect(units).toHaveLength(134);
    expect(countBy(units, (u) => `${u.kind}/${u.subtype}`)).toEqual({
      'state/Land': 1,
      'district/Landkreis': 11,
      'district/Kreisfreie Stadt': 3,
      'municipality/Verbandsgemeinde': 18,
      'municipality/Einheitsgemeinde': 101,
    });
    expect(units[0]).toMatchObject({ ars: '150000000000', name: 'Sachsen-Anhalt', population: 2135597 });
    // Parents first.
    const index = new Map(units.map((u, i) => [u.ars, i]));
    for (const [i, u] of units.entries()) {
      if (u.parentArs !== null) expect(index.get(u.parentArs)).toBeLessThan(i);
    }
  });

  it.skipIf(kommunenText === undefined)(
    'Sachsen-Anhalt equals the 133-list: ARS set, names, population',
    () => {
      const gv = parseGv100ad(text, { state: '15' }).units.filter((u) => u.kind !== 'state');
      const list = parseRegisterCsv(kommunenText ?? '').units.filter((u) => u.kind !== 'state');
      expect(new Set(gv.map((u) => u.ars))).toEqual(new Set(list.map((u) => u.ars)));
      expect(gv).toHaveLength(133);
      const byArs = new Map(list.map((u) => [u.ars, u]));
      for (const u of gv) {
        const other = byArs.get(u.ars);
        expect({ ars: u.ars, name: u.name, population: u.population }).toEqual({
          ars: other?.ars,
          name: other?.name,
          population: other?.population,
        });
      }
    },
  );

  it('Sachsen-Anhalt with members: + 114 Mitgliedsgemeinden of the 18 Verbandsgemeinden', () => {
    const { units } = parseGv100ad(text, { state: '15', includeMembers: true });
    const members = units.filter((u) => u.subtype === 'Mitgliedsgemeinde');
    expect(members).toHaveLength(114);
    expect(units).toHaveLength(134 + 114);
    const vgs = new Map(units.filter((u) => u.subtype === 'Verbandsgemeinde').map((u) => [u.ars, u]));
    for (const vg of vgs.values()) {
      const own = members.filter((m) => m.parentArs === vg.ars);
      expect(own).toHaveLength(vg.memberCount ?? -1);
      expect(own.reduce((s, m) => s + (m.population ?? 0), 0)).toBe(vg.population);
    }
  });

  it('whole Germany: 16 states, 398 districts (+ Hamburg and Berlin folded into their Land), 4,283 municipalities', () => {
    const { units, warnings } = parseGv100ad(text);
    const kinds = countBy(units, (u) => u.kind);
    expect(kinds).toEqual({ state: 16, district: 398, municipality: 4283 });
    // The 400 Kreise of GV100AD: 398 district units + the Stadtstaaten Hamburg (02000) and Berlin (11000).
    expect(warnings.filter((w) => w.includes('Stadtstaat'))).toHaveLength(2);
    expect(countBy(units, (u) => u.subtype)).toEqual({
      Land: 16,
      'Kreisfreie Stadt': 95,
      Stadtkreis: 9,
      Kreis: 42,
      Landkreis: 251,
      Regionalverband: 1,
      Einheitsgemeinde: 3080,
      Amt: 207,
      Samtgemeinde: 114,
      Verbandsgemeinde: 148,
      Verwaltungsgemeinschaft: 573,
      Verwaltungsverband: 120,
      Kirchspielslandgemeinde: 2,
      'Erfüllende Gemeinde': 39,
    });
    expect(new Set(units.map((u) => u.ars)).size).toBe(units.length);
    // Population adds up: Germany = sum of the states.
    const states = units.filter((u) => u.kind === 'state');
    expect(states.reduce((s, u) => s + (u.population ?? 0), 0)).toBe(83577140);
  });

  it('whole Germany with members: every Gemeinde except kreisfreie Städte and gemeindefreie Gebiete', () => {
    const { units } = parseGv100ad(text, { includeMembers: true });
    // 10,751 Gemeinden = 106 kreisfreie (districts) + 3,080 Einheitsgemeinden + 7,565 members.
    expect(units.filter((u) => u.subtype === 'Mitgliedsgemeinde')).toHaveLength(7565);
  });

  it('state totals equal de-laender.csv', () => {
    const laender = referenceText('derived/de-laender.csv');
    if (laender === undefined) return;
    const fromGv = parseGv100ad(text).units.filter((u) => u.kind === 'state');
    const fromCsv = parseRegisterCsv(laender).units;
    expect(fromGv.map((u) => [u.ars, u.name, u.seat, u.population, u.memberCount])).toEqual(
      fromCsv.map((u) => [u.ars, u.name, u.seat, u.population, u.memberCount]),
    );
  });

  it('parseRegisterFile detects GV100AD from bytes and streams the same result', async () => {
    const bytes = referenceBytes(GV100AD_FILE);
    if (!bytes) return;
    const fromBytes = parseRegisterFile(bytes, { state: '15' });
    expect(fromBytes.format).toBe('gv100ad');
    const lines = createInterface({ input: Readable.from([bytes]), crlfDelay: Number.POSITIVE_INFINITY });
    const streamed = await parseGv100ad(lines, { state: '15' });
    expect(streamed.units.map(core)).toEqual(fromBytes.units.map(core));
  });
});
