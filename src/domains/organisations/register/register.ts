/**
 * Output model of the municipality-register parsers (GV100AD and the derived CSV layouts).
 *
 * One {@link RegisterUnit} is one body that can take part in the programme: a Land, a district
 * (Landkreis, Kreis, kreisfreie Stadt, Stadtkreis, Regionalverband) or a self-administering
 * municipality (an association such as a Verbandsgemeinde/Amt/Samtgemeinde/Verwaltungsgemeinschaft,
 * or a verbandsfreie Gemeinde, called 'Einheitsgemeinde' here). Keys are the 12-digit ARS.
 * See README.md in this folder for the derivation rules.
 */
import { z } from 'zod';

export type RegisterUnitKind = 'state' | 'district' | 'municipality';

export interface RegisterUnit {
  /** Amtlicher Regionalschlüssel, 12 digits. */
  ars: string;
  kind: RegisterUnitKind;
  /** German type as users say it, e.g. 'Land', 'Landkreis', 'Kreisfreie Stadt', 'Verbandsgemeinde'. */
  subtype: string;
  name: string;
  shortName: string;
  seat?: string;
  /** state → null; district → Land ARS; municipality → district ARS (members: association ARS). */
  parentArs: string | null;
  population?: number;
  areaHa?: number;
  /** Number of Satzart-60 records (Gemeinden incl. gemeindefreie Gebiete) in the unit. */
  memberCount?: number;
  /** YYYY-MM-DD */
  gebietsstand?: string;
}

export type RegisterFormat =
  | 'gv100ad'
  | 'gemeinden-csv'
  | 'kommunen-csv'
  | 'kreise-csv'
  | 'laender-csv'
  | 'gemeindeverbaende-csv';

export interface RegisterParseOptions {
  /** Two-digit Land code; only units of this Land are returned (all lines are still validated). */
  state?: string;
  /**
   * Also emit the member Gemeinden of associations (kind 'municipality', subtype 'Mitgliedsgemeinde',
   * parentArs = the association's ARS). Only layouts that list Gemeinden support this.
   */
  includeMembers?: boolean;
  /** Land names by two-digit code, for layouts without a Land name column. Defaults to {@link STATE_NAMES}. */
  stateNames?: Readonly<Record<string, string>>;
}

export interface RegisterParseResult {
  units: RegisterUnit[];
  format: RegisterFormat;
  warnings: string[];
}

/**
 * Thrown for any malformed input. `line` is 1-based; `column` is a CSV column name (or 1-based field
 * number when the header does not name it) or, for GV100AD, the 1-based character position.
 */
export class RegisterParseError extends Error {
  override readonly name = 'RegisterParseError';
  readonly line: number;
  readonly column: string | number;
  /** The message without the "line …, column …:" prefix. */
  readonly reason: string;

  constructor(line: number, column: string | number, reason: string) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** The 16 Länder by their two-digit key (facts; Destatis Land keys). */
export const STATE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  '10': 'Saarland',
  '11': 'Berlin',
  '12': 'Brandenburg',
  '13': 'Mecklenburg-Vorpommern',
  '14': 'Sachsen',
  '15': 'Sachsen-Anhalt',
  '16': 'Thüringen',
});

export const STATE_SUBTYPE = 'Land';
/** Subtype of a verbandsfreie Gemeinde (what Sachsen-Anhalt and the 133-list call it). */
export const EINHEITSGEMEINDE = 'Einheitsgemeinde';
/** Subtype of a member Gemeinde of an association (only with `includeMembers`). */
export const MITGLIEDSGEMEINDE = 'Mitgliedsgemeinde';

/** GV100AD Textkennzeichen of Satzart 40 (Kreis) → district subtype. */
export const KREIS_SUBTYPES: Readonly<Record<string, string>> = Object.freeze({
  '41': 'Kreisfreie Stadt',
  '42': 'Stadtkreis',
  '43': 'Kreis',
  '44': 'Landkreis',
  '45': 'Regionalverband',
});
/** Kreis Textkennzeichen whose Kreis is a single city (the city is the district). */
export const KREISFREI_CODES: ReadonlySet<string> = new Set(['41', '42']);

/** GV100AD Textkennzeichen of Satzart 50 (Gemeindeverband) → subtype; '50' is not an association. */
export const VERBANDSFREI_CODE = '50';
export const VERBAND_SUBTYPES: Readonly<Record<string, string>> = Object.freeze({
  '50': 'verbandsfreie Gemeinde',
  '51': 'Amt',
  '52': 'Samtgemeinde',
  '53': 'Verbandsgemeinde',
  '54': 'Verwaltungsgemeinschaft',
  '55': 'Kirchspielslandgemeinde',
  '56': 'Verwaltungsverband',
  '57': 'Verwaltungsgemeinschaft (Trägermodell)',
  '58': 'Erfüllende Gemeinde',
});

/** GV100AD Textkennzeichen of Satzart 60 (Gemeinde) → Gemeindetyp text (as in de-gemeinden.csv). */
export const GEMEINDE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '60': 'Markt',
  '61': 'Kreisfreie Stadt',
  '62': 'Stadtkreis',
  '63': 'Stadt',
  '64': 'Kreisangehörige Gemeinde',
  '65': 'Gemeindefreies Gebiet, bewohnt',
  '66': 'Gemeindefreies Gebiet, unbewohnt',
  '67': 'Große Kreisstadt',
});
export const GEMEINDEFREI_CODES: ReadonlySet<string> = new Set(['65', '66']);
export const KREISFREIE_GEMEINDE_CODES: ReadonlySet<string> = new Set(['61', '62']);

/** Every subtype a parser can produce, with its kind (used to read `ebene` columns back). */
export const SUBTYPE_KINDS: ReadonlyMap<string, RegisterUnitKind> = new Map<string, RegisterUnitKind>([
  [STATE_SUBTYPE, 'state'],
  ...Object.values(KREIS_SUBTYPES).map((s): [string, RegisterUnitKind] => [s, 'district']),
  ...Object.entries(VERBAND_SUBTYPES)
    .filter(([code]) => code !== VERBANDSFREI_CODE)
    .map(([, s]): [string, RegisterUnitKind] => [s, 'municipality']),
  [EINHEITSGEMEINDE, 'municipality'],
  [MITGLIEDSGEMEINDE, 'municipality'],
]);

export function stateArs(land: string): string {
  return `${land}0000000000`;
}
export function districtArs(kreis: string): string {
  return `${kreis}0000000`;
}
export function associationArs(verband: string): string {
  return `${verband}000`;
}

/**
 * Hamburg (02000) and Berlin (11000): the Kreis is the Land itself, and its district ARS would equal
 * the Land ARS. Such a Kreis is folded into the state unit (ARS are unique in the organisations tree).
 */
export function isStadtstaat(kreis: string): boolean {
  return districtArs(kreis) === stateArs(kreis.slice(0, 2));
}
export function stadtstaatWarning(kreis: string, name: string): string {
  return `Kreis ${kreis} (${name}) is the Land itself (Stadtstaat): folded into the state unit, not emitted as a district`;
}

/** "Halle (Saale), Stadt" → "Halle (Saale)": the part before the first ", " (the name_kurz rule). */
export function shortNameOf(name: string): string {
  const i = name.indexOf(', ');
  return (i > 0 ? name.slice(0, i) : name).trim();
}

/** Copy without undefined optional properties (so results deep-equal across formats). */
export function compactUnit(unit: RegisterUnit): RegisterUnit {
  const out: RegisterUnit = {
    ars: unit.ars,
    kind: unit.kind,
    subtype: unit.subtype,
    name: unit.name,
    shortName: unit.shortName,
    parentArs: unit.parentArs,
  };
  if (unit.seat !== undefined && unit.seat !== '') out.seat = unit.seat;
  if (unit.population !== undefined) out.population = unit.population;
  if (unit.areaHa !== undefined) out.areaHa = unit.areaHa;
  if (unit.memberCount !== undefined) out.memberCount = unit.memberCount;
  if (unit.gebietsstand !== undefined) out.gebietsstand = unit.gebietsstand;
  return out;
}

/**
 * Parents first: states, districts, municipalities below a district, then municipalities below a
 * municipality (members); ARS order within each level.
 */
export function sortUnits(units: readonly RegisterUnit[]): RegisterUnit[] {
  const municipalityArs = new Set(units.filter((u) => u.kind === 'municipality').map((u) => u.ars));
  const level = (u: RegisterUnit): number => {
    if (u.kind === 'state') return 0;
    if (u.kind === 'district') return 1;
    return u.parentArs !== null && municipalityArs.has(u.parentArs) ? 3 : 2;
  };
  return units
    .map((u) => ({ u, l: level(u) }))
    .sort((a, b) => a.l - b.l || (a.u.ars < b.u.ars ? -1 : a.u.ars > b.u.ars ? 1 : 0))
    .map((x) => x.u);
}

export function assertStateOption(options: RegisterParseOptions): void {
  if (options.state !== undefined && !/^\d{2}$/.test(options.state)) {
    throw new RangeError(`option state must be a two-digit Land code, got '${options.state}'`);
  }
}

const DIGITS = /^\d+$/;
export function isDigits(value: string, length?: number): boolean {
  return DIGITS.test(value) && (length === undefined || value.length === length);
}

/** YYYY-MM-DD with a real calendar date. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---------------------------------------------------------------------------------------------
// Seed table: a compact, JSON-able form of RegisterUnit[] (e.g. st-seed.generated.json).

/** [ars, kind, subtype, name, shortName, parentArs, population, areaHa] */
export type SeedRow = [
  ars: string,
  kind: RegisterUnitKind,
  subtype: string,
  name: string,
  shortName: string,
  parentArs: string | null,
  population: number | null,
  areaHa: number | null,
];

export const SEED_COLUMNS = [
  'ars',
  'kind',
  'subtype',
  'name',
  'shortName',
  'parentArs',
  'population',
  'areaHa',
] as const;

const ARS = z.string().regex(/^\d{12}$/, 'must be 12 digits');
const COUNT = z.number().int().nonnegative().nullable();
const SEED_ROW_FIELDS = [
  ARS,
  z.enum(['state', 'district', 'municipality']),
  z.string().min(1),
  z.string().min(1),
  z.string().min(1),
  ARS.nullable(),
  COUNT,
  COUNT,
] as const;

export function toSeedTable(units: readonly RegisterUnit[]): SeedRow[] {
  return units.map((u) => [
    u.ars,
    u.kind,
    u.subtype,
    u.name,
    u.shortName,
    u.parentArs,
    u.population ?? null,
    u.areaHa ?? null,
  ]);
}

/**
 * Validates and expands a seed table (row i is "line" i + 1 in errors; the column is the tuple
 * field name). Seat, memberCount and gebietsstand are not in the seed and stay undefined.
 */
export function fromSeedTable(rows: unknown): RegisterUnit[] {
  if (!Array.isArray(rows)) throw new RegisterParseError(1, 1, 'seed table must be an array of rows');
  const units = rows.map((row: unknown, i): RegisterUnit => {
    const line = i + 1;
    if (!Array.isArray(row) || row.length !== SEED_COLUMNS.length) {
      throw new RegisterParseError(line, 1, `seed row must be a tuple of ${SEED_COLUMNS.length} values`);
    }
    SEED_ROW_FIELDS.forEach((schema, j) => {
      const result = schema.safeParse(row[j]);
      if (!result.success) {
        throw new RegisterParseError(
          line,
          SEED_COLUMNS[j] ?? j + 1,
          result.error.issues[0]?.message ?? 'invalid',
        );
      }
    });
    const [ars, kind, subtype, name, shortName, parentArs, population, areaHa] = row as SeedRow;
    if ((kind === 'state') !== (parentArs === null)) {
      throw new RegisterParseError(line, 'parentArs', 'only a state has no parent');
    }
    return compactUnit({
      ars,
      kind,
      subtype,
      name,
      shortName,
      parentArs,
      population: population ?? undefined,
      areaHa: areaHa ?? undefined,
    });
  });
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.ars)) throw new RegisterParseError(i + 1, 'ars', `duplicate ARS ${u.ars}`);
    seen.add(u.ars);
  });
  return units;
}
