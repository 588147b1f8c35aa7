/**
 * Parser for the Destatis Gemeindeverzeichnis GV100AD: fixed width, one record per line, UTF-8,
 * positions as in the Destatis Datensatzbeschreibung (see SOURCES.md of the reference data).
 * Trailing spaces may be missing (lines are padded to 220 characters); blank lines are skipped.
 * Satzart 20 (Regierungsbezirk) and 30 (Region, BW) are validated but produce no unit.
 */
import { type HierarchyColumns, RegisterHierarchy } from './hierarchy.ts';
import {
  assertStateOption,
  GEMEINDE_TYPES,
  isDigits,
  isIsoDate,
  KREIS_SUBTYPES,
  RegisterParseError,
  type RegisterParseOptions,
  type RegisterParseResult,
  VERBAND_SUBTYPES,
} from './register.ts';

export const GV100AD_RECORD_LENGTH = 220;

/** 1-based inclusive character positions. */
export const GV100AD_FIELDS = {
  satzart: [1, 2],
  gebietsstand: [3, 10],
  land: [11, 12],
  regierungsbezirk: [13, 13],
  region: [14, 14],
  kreis: [14, 15],
  gemeinde: [16, 18],
  verband: [19, 22],
  name: [23, 72],
  seat: [73, 122],
  textkennzeichen: [123, 124],
  areaHa: [129, 139],
  population: [140, 150],
} as const satisfies Record<string, readonly [number, number]>;
type FieldName = keyof typeof GV100AD_FIELDS;

const FIELD_LABELS: Record<FieldName, string> = {
  satzart: 'Satzart',
  gebietsstand: 'Gebietsstand',
  land: 'Land',
  regierungsbezirk: 'Regierungsbezirk',
  region: 'Region',
  kreis: 'Kreis',
  gemeinde: 'Gemeinde',
  verband: 'Gemeindeverband',
  name: 'Name',
  seat: 'Verwaltungssitz',
  textkennzeichen: 'Textkennzeichen',
  areaHa: 'Fläche in ha',
  population: 'Bevölkerung',
};

const COLUMNS: HierarchyColumns = {
  key: GV100AD_FIELDS.land[0],
  land: GV100AD_FIELDS.land[0],
  kreis: GV100AD_FIELDS.kreis[0],
  verband: GV100AD_FIELDS.verband[0],
  gemeindeCode: GV100AD_FIELDS.textkennzeichen[0],
};

const SATZARTEN = new Set(['10', '20', '30', '40', '50', '60']);

/** Accumulates GV100AD lines; call {@link Gv100adReader.finish} after the last one. */
export class Gv100adReader {
  private readonly hierarchy = new RegisterHierarchy(COLUMNS, 'unique');
  private lineNo = 0;
  private records = 0;

  constructor(private readonly options: RegisterParseOptions = {}) {
    assertStateOption(options);
  }

  /** Feeds text that may hold several lines (e.g. one item of an async iterable). */
  pushText(text: string): void {
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) this.pushLine(line);
  }

  pushLine(raw: string): void {
    this.lineNo += 1;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.lineNo === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.trim() === '') return;
    this.records += 1;
    this.parseRecord(line, this.lineNo);
  }

  finish(): RegisterParseResult {
    if (this.records === 0) throw new RegisterParseError(1, 1, 'no GV100AD records');
    const { units, warnings } = this.hierarchy.build(this.options);
    return { units, format: 'gv100ad', warnings };
  }

  private parseRecord(rawLine: string, lineNo: number): void {
    // Positions count characters; split astral characters (rare) so each counts once.
    const chars = /[\uD800-\uDFFF]/.test(rawLine) ? Array.from(rawLine) : null;
    const width = chars ? chars.length : rawLine.length;
    const pad = width < GV100AD_RECORD_LENGTH ? ' '.repeat(GV100AD_RECORD_LENGTH - width) : '';
    const field = (name: FieldName): string => {
      const [from, to] = GV100AD_FIELDS[name];
      return chars ? [...chars, ...pad].slice(from - 1, to).join('') : (rawLine + pad).slice(from - 1, to);
    };
    const fail = (name: FieldName, reason: string): never => {
      const [from, to] = GV100AD_FIELDS[name];
      const where = from === to ? `position ${from}` : `positions ${from}–${to}`;
      throw new RegisterParseError(lineNo, from, `${FIELD_LABELS[name]} (${where}) ${reason}`);
    };
    const digits = (name: FieldName): string => {
      const value = field(name);
      if (!isDigits(value)) fail(name, `must be ${value.length} digits, got '${value}'`);
      return value;
    };
    const text = (name: FieldName, required: boolean): string | undefined => {
      const value = field(name).trim();
      if (required && value === '') fail(name, 'is missing');
      return value === '' ? undefined : value;
    };
    const code = (table: Readonly<Record<string, string>>, what: string): string => {
      const value = field('textkennzeichen');
      if (table[value] === undefined) {
        fail('textkennzeichen', `'${value}' is not a ${what} code (${Object.keys(table).join(', ')})`);
      }
      return value;
    };

    const satzart = field('satzart');
    if (!SATZARTEN.has(satzart))
      fail('satzart', `unknown Satzart '${satzart}' (expected 10, 20, 30, 40, 50 or 60)`);
    const stand = digits('gebietsstand');
    const gebietsstand = `${stand.slice(0, 4)}-${stand.slice(4, 6)}-${stand.slice(6, 8)}`;
    if (!isIsoDate(gebietsstand)) fail('gebietsstand', `'${stand}' is not a date YYYYMMDD`);
    const land = digits('land');
    const name = text('name', true) ?? '';

    switch (satzart) {
      case '10':
        this.hierarchy.addLand({ land, name, seat: text('seat', false), gebietsstand, line: lineNo });
        return;
      case '20':
        digits('regierungsbezirk');
        return;
      case '30':
        digits('regierungsbezirk');
        digits('region');
        return;
      case '40': {
        const kreis = `${land}${digits('regierungsbezirk')}${digits('kreis')}`;
        const kennzeichen = code(KREIS_SUBTYPES, 'Kreis');
        this.hierarchy.addKreis({
          kreis,
          name,
          seat: text('seat', false),
          code: kennzeichen,
          gebietsstand,
          line: lineNo,
        });
        return;
      }
      case '50': {
        const verband = `${land}${digits('regierungsbezirk')}${digits('kreis')}${digits('verband')}`;
        const kennzeichen = code(VERBAND_SUBTYPES, 'Gemeindeverband');
        this.hierarchy.addVerband({
          verband,
          name,
          seat: text('seat', false),
          code: kennzeichen,
          gebietsstand,
          line: lineNo,
        });
        return;
      }
      default: {
        // '60': ARS = Land + RB + Kreis (11–15) + Gemeindeverband (19–22) + Gemeinde (16–18).
        const kreis = `${land}${digits('regierungsbezirk')}${digits('kreis')}`;
        const gemeinde = digits('gemeinde');
        const verband = digits('verband');
        const kennzeichen = code(GEMEINDE_TYPES, 'Gemeinde');
        const areaHa = Number(digits('areaHa'));
        const population = Number(digits('population'));
        this.hierarchy.addGemeinde({
          ars: `${kreis}${verband}${gemeinde}`,
          name,
          code: kennzeichen,
          areaHa,
          population,
          gebietsstand,
          line: lineNo,
        });
      }
    }
  }
}

/**
 * Parses GV100AD text (sync) or an async iterable of lines, e.g. from `readline` (async).
 * An item holding line breaks is split into lines. Throws {@link RegisterParseError} on the first
 * bad record; nothing is returned then.
 */
export function parseGv100ad(
  input: string | Iterable<string>,
  options?: RegisterParseOptions,
): RegisterParseResult;
export function parseGv100ad(
  input: AsyncIterable<string>,
  options?: RegisterParseOptions,
): Promise<RegisterParseResult>;
export function parseGv100ad(
  input: string | Iterable<string> | AsyncIterable<string>,
  options?: RegisterParseOptions,
): RegisterParseResult | Promise<RegisterParseResult>;
export function parseGv100ad(
  input: string | Iterable<string> | AsyncIterable<string>,
  options: RegisterParseOptions = {},
): RegisterParseResult | Promise<RegisterParseResult> {
  const reader = new Gv100adReader(options);
  if (typeof input === 'string') {
    reader.pushText(input);
    return reader.finish();
  }
  if (Symbol.asyncIterator in input) {
    return (async () => {
      for await (const item of input) reader.pushText(item);
      return reader.finish();
    })();
  }
  for (const item of input) reader.pushText(item);
  return reader.finish();
}

/** True when the first non-blank line looks like a GV100AD record (Satzart + 8-digit Gebietsstand). */
export function looksLikeGv100ad(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .find((l) => l.trim() !== '');
  return first !== undefined && /^\d{10}/.test(first);
}
