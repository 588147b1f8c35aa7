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
  SYNTHETIC_KOMMUNEN_CSV,
} from './test-support.ts';

describe('CSV layouts on synthetic data', () => {
  it('kommunen layout: the same units as GV100AD, state derived from the built-in Länder table', () => {
    const csv = parseRegisterCsv(SYNTHETIC_KOMMUNEN_CSV);
    expect(csv.format).toBe('kommunen-csv');
    expect(csv.warnings).toEqual([]);
    const gv = parseGv100ad(SYNTHETIC_GV).units;
    // Einheitsgemeinde seats and the Land seat are not in GV100AD; the list has them.
    const strip = ({ seat: _seat, ...rest }: { seat?: string }) => rest;
    expect(csv.units.map(strip)).toEqual(gv.map(strip));
  });

  it('kommunen layout: stateNames override and unknown Land code', () => {
    const renamed = parseRegisterCsv(SYNTHETIC_KOMMUNEN_CSV, { stateNames: { '15': 'Land Fünfzehn' } });
    expect(renamed.units[0]?.name).toBe('Land Fünfzehn');
    expect(() => parseRegisterCsv(SYNTHETIC_KOMMUNEN_CSV, { stateNames: {} })).toThrow(
      "line 2, column ars: unknown Land code '15' (no entry in stateNames)",
    );
  });

  it('kreise, laender and gemeindeverbaende layouts', () => {
    const kreise = parseRegisterCsv(
      [
        'ags,name,name_kurz,kreistyp,sitz,land_ags,land_name,anzahl_gemeinden,bevoelkerung,flaeche_ha,gebietsstand',
        '02000,"Hamburg, Freie und Hansestadt",Hamburg,Kreisfreie Stadt,Hamburg,02,Hamburg,1,1862565,75509,2025-11-30',
        '15081,Musterkreis,Musterkreis,Landkreis,Musterhausen,15,Sachsen-Anhalt,3,9000,2700,2025-11-30',
      ].join('\n'),
    );
    expect(kreise.format).toBe('kreise-csv');
    expect(kreise.units.map((u) => [u.ars, u.kind, u.name, u.population])).toEqual([
      ['020000000000', 'state', 'Hamburg', 1862565],
      ['150000000000', 'state', 'Sachsen-Anhalt', 9000],
      ['150810000000', 'district', 'Musterkreis', 9000],
    ]);
    expect(kreise.warnings).toEqual([
      'Kreis 02000 (Hamburg, Freie und Hansestadt) is the Land itself (Stadtstaat): folded into the state unit, not emitted as a district',
    ]);

    const laender = parseRegisterCsv(
      'land_ags,name,sitz_landesregierung,anzahl_kreise,anzahl_gemeinden,bevoelkerung,gebietsstand\n15,Sachsen-Anhalt,Magdeburg,14,218,2135597,2025-11-30\n',
    );
    expect(laender.format).toBe('laender-csv');
    expect(laender.units).toEqual([
      {
        ars: '150000000000',
        kind: 'state',
        subtype: 'Land',
        name: 'Sachsen-Anhalt',
        shortName: 'Sachsen-Anhalt',
        seat: 'Magdeburg',
        parentArs: null,
        population: 2135597,
        memberCount: 218,
        gebietsstand: '2025-11-30',
      },
    ]);

    const verbaende = parseRegisterCsv(
      [
        'verband_ars,name,verbandstyp,sitz,kreis_ags,kreis_name,land_ags,land_name,anzahl_gemeinden,bevoelkerung,flaeche_ha,gebietsstand',
        '150010000,"Musterstadt, Stadt",verbandsfreie Gemeinde,,15001,"Musterstadt, Stadt",15,Sachsen-Anhalt,1,5000,100,2025-11-30',
        '150810030,"Musterhausen, Stadt",verbandsfreie Gemeinde,,15081,Musterkreis,15,Sachsen-Anhalt,1,8000,2000,2025-11-30',
        '150815051,Mustertal,Verbandsgemeinde,Oberdorf,15081,Musterkreis,15,Sachsen-Anhalt,2,1000,700,2025-11-30',
        '150819501,"Forst, gemfr. Gebiet",verbandsfreie Gemeinde,,15081,Musterkreis,15,Sachsen-Anhalt,1,0,50,2025-11-30',
      ].join('\n'),
    );
    expect(verbaende.format).toBe('gemeindeverbaende-csv');
    expect(verbaende.units.map((u) => [u.ars, u.subtype, u.parentArs, u.population, u.areaHa])).toEqual([
      ['150000000000', 'Land', null, 14000, 2850],
      ['150810030030', 'Einheitsgemeinde', '150810000000', 8000, 2000],
      ['150815051000', 'Verbandsgemeinde', '150810000000', 1000, 700],
    ]);
    expect(verbaende.warnings).toEqual([
      'this layout has no Kreis type: district units are not derived (parse de-kreise.csv for them)',
    ]);
  });

  it('warns about unknown extra columns and includeMembers without effect', () => {
    const withExtra = SYNTHETIC_KOMMUNEN_CSV.replace('sicherkommunal_pilot_2024', 'bemerkung');
    expect(parseRegisterCsv(withExtra, { includeMembers: true }).warnings).toEqual([
      "column 'bemerkung' is not part of st-kommunen-133.csv and was ignored",
      'includeMembers has no effect: this layout lists no member Gemeinden',
    ]);
  });
});

const gemeindenText = referenceText('derived/de-gemeinden.csv');
const gvText = referenceText(GV100AD_FILE);

describe.skipIf(gemeindenText === undefined || gvText === undefined)(
  'de-gemeinden.csv (reference file)',
  () => {
    it('state 15 gives the same 134 units as GV100AD', () => {
      const csv = parseRegisterCsv(gemeindenText ?? '', { state: '15' });
      const gv = parseGv100ad(gvText ?? '', { state: '15' });
      expect(csv.format).toBe('gemeinden-csv');
      expect(csv.units).toHaveLength(134);
      expect(csv.units.map(core)).toEqual(gv.units.map(core));
    });

    it('whole Germany, with members, gives the same units as GV100AD (all fields but seats)', () => {
      const csv = parseRegisterCsv(gemeindenText ?? '', { includeMembers: true });
      const gv = parseGv100ad(gvText ?? '', { includeMembers: true });
      // de-gemeinden.csv has no Land and Kreis seats; everything else must agree.
      const noSeat = ({ seat: _seat, ...rest }: { seat?: string }) => rest;
      expect(csv.units.map(noSeat)).toEqual(gv.units.map(noSeat));
      expect(csv.warnings).toEqual(gv.warnings);
    });
  },
);

const kommunenText = referenceText(ST_KOMMUNEN_FILE);

describe.skipIf(kommunenText === undefined)('st-kommunen-133.csv (reference file)', () => {
  it('gives the 133 Kommunen + the derived state Sachsen-Anhalt', () => {
    const bytes = referenceBytes(ST_KOMMUNEN_FILE);
    const { units, format, warnings } = parseRegisterFile(bytes ?? '');
    expect(format).toBe('kommunen-csv');
    expect(warnings).toEqual([]);
    expect(units).toHaveLength(134);
    expect(countBy(units, (u) => u.subtype)).toEqual({
      Land: 1,
      'Kreisfreie Stadt': 3,
      Landkreis: 11,
      Verbandsgemeinde: 18,
      Einheitsgemeinde: 101,
    });
    expect(units[0]).toEqual({
      ars: '150000000000',
      kind: 'state',
      subtype: 'Land',
      name: 'Sachsen-Anhalt',
      shortName: 'Sachsen-Anhalt',
      parentArs: null,
      population: 2135597,
      areaHa: 2055484,
      memberCount: 218,
      gebietsstand: '2025-11-30',
    });
    expect(units.find((u) => u.ars === '150905051000')).toMatchObject({
      name: 'Arneburg-Goldbeck',
      subtype: 'Verbandsgemeinde',
      seat: 'Goldbeck',
      parentArs: '150900000000',
    });
  });

  it.skipIf(gvText === undefined)('agrees with GV100AD (state 15) on every field except seats', () => {
    const list = parseRegisterCsv(kommunenText ?? '').units;
    const gv = parseGv100ad(gvText ?? '', { state: '15' }).units;
    const noSeat = ({ seat: _seat, ...rest }: { seat?: string }) => rest;
    expect(list.map(noSeat)).toEqual(gv.map(noSeat));
  });
});

describe.skipIf(gvText === undefined)('de-kreise, de-laender, de-gemeindeverbaende (reference files)', () => {
  const gv = gvText === undefined ? [] : parseGv100ad(gvText).units;
  const gvByArs = new Map(gv.map((u) => [u.ars, u]));

  it('de-kreise.csv: 16 states + 398 districts equal to GV100AD', () => {
    const text = referenceText('derived/de-kreise.csv');
    if (text === undefined) return;
    const { units } = parseRegisterCsv(text);
    expect(countBy(units, (u) => u.kind)).toEqual({ state: 16, district: 398 });
    for (const u of units.filter((x) => x.kind === 'district')) expect(u).toEqual(gvByArs.get(u.ars));
  });

  it('de-laender.csv: the 16 Länder', () => {
    const text = referenceText('derived/de-laender.csv');
    if (text === undefined) return;
    const { units } = parseRegisterCsv(text);
    expect(units.map((u) => [u.ars, u.name])).toEqual(
      gv.filter((u) => u.kind === 'state').map((u) => [u.ars, u.name]),
    );
  });

  it('de-gemeindeverbaende.csv: the municipalities of GV100AD (names: the Verband spelling)', () => {
    const text = referenceText('derived/de-gemeindeverbaende.csv');
    if (text === undefined) return;
    const { units } = parseRegisterCsv(text);
    const municipalities = units.filter((u) => u.kind === 'municipality');
    expect(municipalities).toHaveLength(4283);
    const differentName = municipalities.filter((u) => gvByArs.get(u.ars)?.name !== u.name);
    // Verband records spell 8 verbandsfreie Gemeinden differently from their Gemeinde record.
    expect(differentName.map((u) => u.ars)).toHaveLength(8);
    const noName = ({ name: _n, shortName: _s, ...rest }: { name: string; shortName: string }) => rest;
    for (const u of municipalities) expect(noName(u)).toEqual(noName(gvByArs.get(u.ars) ?? u));
    const st = parseRegisterCsv(text, { state: '15' }).units;
    expect(countBy(st, (u) => u.subtype)).toEqual({ Land: 1, Verbandsgemeinde: 18, Einheitsgemeinde: 101 });
  });
});
