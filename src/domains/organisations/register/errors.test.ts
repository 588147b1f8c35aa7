import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGv100ad, parseRegisterCsv, parseRegisterFile, RegisterParseError } from './index.ts';
import {
  GV100AD_FILE,
  gvLine,
  referenceText,
  ST_KOMMUNEN_FILE,
  SYNTHETIC_GV,
  SYNTHETIC_GV_LINES,
  SYNTHETIC_KOMMUNEN_CSV,
} from './test-support.ts';

/** Runs fn, expects a RegisterParseError and returns it. */
function parseError(fn: () => unknown): RegisterParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RegisterParseError);
    return error as RegisterParseError;
  }
  throw new Error('expected a RegisterParseError');
}

/** The synthetic GV100AD text with line `lineNo` (1-based) replaced. */
function gvWith(lineNo: number, line: string): string {
  return SYNTHETIC_GV_LINES.map((l, i) => (i + 1 === lineNo ? line : l)).join('\n');
}
/** Overwrites characters of line `lineNo` from 1-based position `pos`. */
function gvPatched(lineNo: number, pos: number, text: string): string {
  const line = SYNTHETIC_GV_LINES[lineNo - 1] ?? '';
  return gvWith(lineNo, line.slice(0, pos - 1) + text + line.slice(pos - 1 + text.length));
}

describe('GV100AD errors name line and character position', () => {
  const cases: [string, string, number, number, string][] = [
    [
      'unknown Satzart',
      gvPatched(3, 1, '70'),
      3,
      1,
      "Satzart (positions 1–2) unknown Satzart '70' (expected 10, 20, 30, 40, 50 or 60)",
    ],
    [
      'bad Gebietsstand',
      gvPatched(1, 3, '20251331'),
      1,
      3,
      "Gebietsstand (positions 3–10) '20251331' is not a date YYYYMMDD",
    ],
    ['non-digit Land', gvPatched(6, 11, '1x'), 6, 11, "Land (positions 11–12) must be 2 digits, got '1x'"],
    ['non-digit Kreis', gvPatched(6, 14, '8 '), 6, 14, "Kreis (positions 14–15) must be 2 digits, got '8 '"],
    [
      'ARS: Gemeinde not 3 digits',
      gvPatched(9, 16, '0x0'),
      9,
      16,
      "Gemeinde (positions 16–18) must be 3 digits, got '0x0'",
    ],
    [
      'ARS: Verband not 4 digits',
      gvPatched(10, 19, '50 1'),
      10,
      19,
      "Gemeindeverband (positions 19–22) must be 4 digits, got '50 1'",
    ],
    ['missing name', gvPatched(8, 23, ' '.repeat(50)), 8, 23, 'Name (positions 23–72) is missing'],
    [
      'unknown Textkennzeichen',
      gvPatched(6, 123, '47'),
      6,
      123,
      "Textkennzeichen (positions 123–124) '47' is not a Kreis code (41, 42, 43, 44, 45)",
    ],
    [
      'non-numeric population',
      gvPatched(10, 140, '0000000070x'),
      10,
      140,
      "Bevölkerung (positions 140–150) must be 11 digits, got '0000000070x'",
    ],
    [
      'missing area',
      gvPatched(10, 129, ' '.repeat(11)),
      10,
      129,
      "Fläche in ha (positions 129–139) must be 11 digits, got '           '",
    ],
    [
      'Gemeindeverband not found',
      gvPatched(10, 19, '5052'),
      10,
      19,
      'Gemeinde 150815052001: Gemeindeverband 150815052 not found',
    ],
    ['Kreis not found', gvPatched(6, 14, '82'), 9, 14, 'Gemeinde 150810030030: Kreis 15081 not found'],
    [
      'Kreis of an association not found',
      `${SYNTHETIC_GV}${gvLine({ satzart: '50', key: '150825051', name: 'Fremdtal', textkennzeichen: '53' })}`,
      12,
      14,
      'Gemeindeverband 150825051: Kreis 15082 not found',
    ],
    [
      'duplicate record',
      gvWith(11, SYNTHETIC_GV_LINES[9] ?? ''),
      11,
      11,
      'duplicate Gemeinde 150815051001 (first on line 10)',
    ],
    [
      'kreisfrei type in a Landkreis',
      gvPatched(9, 123, '61'),
      9,
      123,
      'Gemeinde 150810030030 is typed kreisfrei but Kreis 15081 is a Landkreis',
    ],
  ];
  it.each(cases)('%s', (_name, text, line, column, reason) => {
    const error = parseError(() => parseGv100ad(text));
    expect({ line: error.line, column: error.column, reason: error.reason }).toEqual({
      line,
      column,
      reason,
    });
    expect(error.message).toBe(`line ${line}, column ${column}: ${reason}`);
  });

  it('all or nothing: a bad last record fails the whole file', () => {
    const text = `${SYNTHETIC_GV_LINES.join('\n')}\n${gvLine({ satzart: '60', key: '15081505100x', name: 'X' })}\n`;
    expect(parseError(() => parseGv100ad(text)).line).toBe(12);
  });

  it('empty input', () => {
    expect(parseError(() => parseGv100ad('\n\n')).message).toBe('line 1, column 1: no GV100AD records');
  });

  it('invalid UTF-8 is reported with line and column', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${SYNTHETIC_GV_LINES[0]}\nABC`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    expect(parseError(() => parseRegisterFile(bytes)).message).toBe(
      'line 2, column 4: not valid UTF-8 (convert the file to UTF-8 first)',
    );
  });
});

describe('CSV errors name line and column', () => {
  const csvLines = SYNTHETIC_KOMMUNEN_CSV.split('\n');
  const csvWith = (lineNo: number, line: string) =>
    csvLines.map((l, i) => (i + 1 === lineNo ? line : l)).join('\n');
  const row4 = csvLines[3] ?? '';
  const cases: [string, string, number, string | number, string][] = [
    [
      'ARS not 12 digits',
      csvWith(4, row4.replace('150815051000', '15081505100')),
      4,
      'ars',
      "ars must be 12 digits, got '15081505100'",
    ],
    [
      'ragged row (too few)',
      csvWith(3, '150810000000,15081,Landkreis'),
      3,
      'name',
      'row has 3 fields, header has 13',
    ],
    ['ragged row (too many)', csvWith(3, `${csvLines[2]},x`), 3, 14, 'row has 14 fields, header has 13'],
    [
      'missing name',
      csvWith(4, row4.replace('Mustertal,Mustertal', ',Mustertal')),
      4,
      'name',
      'name is missing',
    ],
    [
      'non-numeric population',
      csvWith(4, row4.replace(',1000,', ',1.000,')),
      4,
      'bevoelkerung',
      "bevoelkerung must be a non-negative integer, got '1.000'",
    ],
    [
      'unknown ebene',
      csvWith(4, row4.replace('Verbandsgemeinde', 'Zweckverband')),
      4,
      'ebene',
      "unknown ebene 'Zweckverband'",
    ],
    [
      'bad date',
      csvWith(2, (csvLines[1] ?? '').replace('2025-11-30', '2025-02-30')),
      2,
      'gebietsstand',
      "gebietsstand must be a date YYYY-MM-DD, got '2025-02-30'",
    ],
    [
      'key mismatch',
      csvWith(4, row4.replace(',15081,Musterkreis', ',15082,Musterkreis')),
      4,
      'kreis_ags',
      "kreis_ags '15082' does not match ars (expected '15081')",
    ],
    [
      'duplicate ARS',
      `${SYNTHETIC_KOMMUNEN_CSV}${row4}\n`,
      6,
      'ars',
      'duplicate ARS 150815051000 (first on line 4)',
    ],
    ['unknown header', 'foo,bar\n1,2\n', 1, 'foo', "unknown header 'foo,bar'"],
    [
      'incomplete header',
      'ags,name,kreistyp,land_ags\n',
      1,
      'land_name',
      "header lacks column 'land_name' (closest layout: de-kreise.csv)",
    ],
    [
      'quote not closed before later quotes',
      csvWith(3, '150810000000,15081,Landkreis,"Musterkreis'),
      3,
      'name',
      'malformed CSV: quoted field not closed properly',
    ],
    [
      'quote never closed',
      `${SYNTHETIC_KOMMUNEN_CSV}1,2,"x\n`,
      6,
      'ebene',
      'malformed CSV: quoted field not closed properly',
    ],
    [
      'quote inside an unquoted field',
      csvWith(3, '150810000000,15081,Land"kreis'),
      3,
      'ebene',
      'malformed CSV: Invalid Opening Quote',
    ],
  ];
  it.each(cases)('%s', (_name, text, line, column, reason) => {
    const error = parseError(() => parseRegisterCsv(text));
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason.startsWith(reason)).toBe(true);
    expect(error.message.startsWith(`line ${line}, column ${column}: ${reason}`)).toBe(true);
  });

  it('line numbers count the physical lines of multi-line quoted fields', () => {
    const text = csvWith(
      2,
      (csvLines[1] ?? '').replace(
        '"Musterstadt, Stadt",Musterstadt,',
        '"Muster-\nstadt, Stadt",Musterstadt,',
      ),
    );
    const bad = `${text.trimEnd()}\n${row4.replace('Verbandsgemeinde', 'Zweckverband')}\n`;
    expect(parseError(() => parseRegisterCsv(bad)).line).toBe(7);
  });

  it('de-gemeinden layout: contradicting repeats of the Verband columns', () => {
    const header =
      'ars,ags,name,name_kurz,gemeindetyp,verband_ars,verband_name,verband_typ,verband_sitz,kreis_ags,kreis_name,kreis_typ,land_ags,land_name,flaeche_ha,bevoelkerung,bevoelkerung_maennlich,plz,plz_mehrere,gebietsstand';
    const row = (ars: string, name: string, verband: string) =>
      `${ars},${ars.slice(0, 5)}${ars.slice(9)},${name},${name},Kreisangehörige Gemeinde,${ars.slice(0, 9)},${verband},Verbandsgemeinde,Oberdorf,15081,Musterkreis,Landkreis,15,Sachsen-Anhalt,300,700,350,39000,nein,2025-11-30`;
    const text = [
      header,
      row('150815051001', 'Oberdorf', 'Mustertal'),
      row('150815051002', 'Unterdorf', 'Mustertal-Süd'),
    ].join('\n');
    const error = parseError(() => parseRegisterCsv(text));
    expect(error.message).toBe(
      "line 3, column verband_name: Gemeindeverband 150815051: 'Mustertal-Süd' contradicts 'Mustertal' given on line 2",
    );
    expect(
      parseRegisterCsv([header, row('150815051001', 'Oberdorf', 'Mustertal')].join('\n')).units.map(
        (u) => u.ars,
      ),
    ).toEqual(['150000000000', '150810000000', '150815051000']);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: mutated lines and rows must either parse or throw RegisterParseError — nothing else.

type Mutation =
  | { op: 'replace' | 'insert'; line: number; pos: number; text: string }
  | { op: 'delete'; line: number; pos: number; length: number }
  | { op: 'dropLine' | 'duplicateLine'; line: number }
  | { op: 'swapLines'; line: number; other: number };

const noise = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.constantFrom(',', '"', '\n', '\r\n', ' ', '0', '9', '-', 'ä', '\uD83D', '\uFEFF', '\u0000'),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('replace' as const, 'insert' as const),
    line: fc.nat(),
    pos: fc.nat(230),
    text: noise,
  }),
  fc.record({
    op: fc.constant('delete' as const),
    line: fc.nat(),
    pos: fc.nat(230),
    length: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ op: fc.constantFrom('dropLine' as const, 'duplicateLine' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
);

function mutate(lines: readonly string[], mutations: readonly Mutation[]): string {
  const out = [...lines];
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.line % out.length;
    const line = out[i] ?? '';
    switch (m.op) {
      case 'replace':
        out[i] = line.slice(0, m.pos) + m.text + line.slice(m.pos + m.text.length);
        break;
      case 'insert':
        out[i] = line.slice(0, m.pos) + m.text + line.slice(m.pos);
        break;
      case 'delete':
        out[i] = line.slice(0, m.pos) + line.slice(m.pos + m.length);
        break;
      case 'dropLine':
        out.splice(i, 1);
        break;
      case 'duplicateLine':
        out.splice(i, 0, line);
        break;
      case 'swapLines': {
        const j = m.other % out.length;
        out[i] = out[j] ?? '';
        out[j] = line;
        break;
      }
    }
  }
  return out.join('\n');
}

function onlyRegisterParseErrors(parse: () => unknown): boolean {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof RegisterParseError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
  }
  return true;
}

/** A slice of a reference file (kept in memory only) or the synthetic fixture when absent. */
function sample(
  file: string,
  fallback: readonly string[],
  pick: (lines: string[]) => string[],
): readonly string[] {
  const text = referenceText(file);
  return text === undefined ? fallback : pick(text.split('\n'));
}

describe('fuzz: only RegisterParseError is ever thrown', () => {
  const runs = Number(process.env.REGISTER_FUZZ_RUNS ?? 200);
  const gvLines = sample(GV100AD_FILE, SYNTHETIC_GV_LINES, (lines) =>
    lines.filter((l) => l.slice(10, 12) === '15'),
  );
  const stRows = (lines: string[]) => [lines[0] ?? '', ...lines.slice(1).filter((l) => l.startsWith('15'))];
  const csvSamples: [string, readonly string[]][] = [
    ['st-kommunen-133.csv', sample(ST_KOMMUNEN_FILE, SYNTHETIC_KOMMUNEN_CSV.split('\n'), (lines) => lines)],
    ['de-gemeinden.csv', sample('derived/de-gemeinden.csv', SYNTHETIC_KOMMUNEN_CSV.split('\n'), stRows)],
    [
      'de-gemeindeverbaende.csv',
      sample('derived/de-gemeindeverbaende.csv', SYNTHETIC_KOMMUNEN_CSV.split('\n'), stRows),
    ],
    ['de-kreise.csv', sample('derived/de-kreise.csv', SYNTHETIC_KOMMUNEN_CSV.split('\n'), (lines) => lines)],
    [
      'de-laender.csv',
      sample('derived/de-laender.csv', SYNTHETIC_KOMMUNEN_CSV.split('\n'), (lines) => lines),
    ],
  ];

  it('mutated GV100AD records', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, members) =>
        onlyRegisterParseErrors(() =>
          parseRegisterFile(mutate(gvLines, mutations), { includeMembers: members }),
        ),
      ),
      { numRuns: runs },
    );
  });

  it.each(csvSamples)('mutated CSV rows (%s)', (_file, lines) => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) =>
        onlyRegisterParseErrors(() => parseRegisterFile(mutate(lines, mutations))),
      ),
      { numRuns: runs },
    );
  });

  it('arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        onlyRegisterParseErrors(() => parseRegisterFile(bytes)),
      ),
      { numRuns: runs },
    );
  });
});
