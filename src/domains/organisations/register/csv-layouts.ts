/**
 * Parsers for the CSV layouts derived from GV100AD (reference/municipalities/derived/*.csv), detected
 * by their header. UTF-8, comma-separated, RFC-4180 quoting; keys are strings with leading zeros.
 * Rules per layout are documented in README.md.
 */
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { type FieldColumns, type HierarchyColumns, RegisterHierarchy } from './hierarchy.ts';
import {
  assertStateOption,
  associationArs,
  compactUnit,
  districtArs,
  EINHEITSGEMEINDE,
  GEMEINDE_TYPES,
  isDigits,
  isIsoDate,
  isStadtstaat,
  KREIS_SUBTYPES,
  MITGLIEDSGEMEINDE,
  type RegisterFormat,
  RegisterParseError,
  type RegisterParseOptions,
  type RegisterParseResult,
  type RegisterUnit,
  STATE_NAMES,
  STATE_SUBTYPE,
  SUBTYPE_KINDS,
  shortNameOf,
  sortUnits,
  stadtstaatWarning,
  stateArs,
  VERBAND_SUBTYPES,
  VERBANDSFREI_CODE,
} from './register.ts';

type CsvFormat = Exclude<RegisterFormat, 'gv100ad'>;

interface Layout {
  format: CsvFormat;
  /** The reference file this layout was modelled on. */
  file: string;
  required: readonly string[];
  optional: readonly string[];
  parse(rows: readonly CsvRow[], options: RegisterParseOptions, warnings: string[]): RegisterUnit[];
}

/** One data row with typed, validating accessors; errors name the row's line and the column. */
export class CsvRow {
  constructor(
    readonly line: number,
    private readonly values: ReadonlyMap<string, string>,
  ) {}

  fail(column: string, reason: string): never {
    throw new RegisterParseError(this.line, column, reason);
  }
  /** Trimmed value; '' when empty or when the column is absent (optional columns). */
  text(column: string): string {
    return (this.values.get(column) ?? '').trim();
  }
  optional(column: string): string | undefined {
    const v = this.text(column);
    return v === '' ? undefined : v;
  }
  required(column: string): string {
    const v = this.text(column);
    if (v === '') this.fail(column, `${column} is missing`);
    return v;
  }
  digits(column: string, ...lengths: number[]): string {
    const v = this.required(column);
    if (!isDigits(v) || !lengths.includes(v.length)) {
      this.fail(column, `${column} must be ${lengths.join(' or ')} digits, got '${v}'`);
    }
    return v;
  }
  /** Non-negative integer, or undefined when empty and not required. */
  integer(column: string, required = false): number | undefined {
    const v = required ? this.required(column) : this.optional(column);
    if (v === undefined) return undefined;
    if (!isDigits(v) || v.length > 15)
      this.fail(column, `${column} must be a non-negative integer, got '${v}'`);
    return Number(v);
  }
  date(column: string): string | undefined {
    const v = this.optional(column);
    if (v !== undefined && !isIsoDate(v))
      this.fail(column, `${column} must be a date YYYY-MM-DD, got '${v}'`);
    return v;
  }
  /** Value looked up in a text → code table. */
  coded(column: string, table: Readonly<Record<string, string>>): string {
    const v = this.required(column);
    const code = table[v];
    if (code === undefined) {
      this.fail(column, `unknown ${column} '${v}' (expected one of: ${Object.keys(table).join(', ')})`);
    }
    return code;
  }
  /** The value must equal `expected` (a part of another key column). */
  matches(column: string, value: string, expected: string, of: string): void {
    if (value !== expected)
      this.fail(column, `${column} '${value}' does not match ${of} (expected '${expected}')`);
  }
}

const invert = (table: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([code, text]) => [text, code]));
const KREIS_CODES = invert(KREIS_SUBTYPES);
const VERBAND_CODES = invert(VERBAND_SUBTYPES);
const GEMEINDE_CODES = invert(GEMEINDE_TYPES);

const inScope = (options: RegisterParseOptions, key: string) =>
  options.state === undefined || key.startsWith(options.state);

function stateName(options: RegisterParseOptions, land: string, row: CsvRow, column: string): string {
  const name = (options.stateNames ?? STATE_NAMES)[land];
  if (name === undefined) row.fail(column, `unknown Land code '${land}' (no entry in stateNames)`);
  return name;
}

interface Sums {
  population?: number;
  areaHa?: number;
  memberCount?: number;
}
/** Adds b into a; a field becomes undefined as soon as one addend lacks it. */
function addSums(a: Sums | undefined, b: Sums): Sums {
  const plus = (x: number | undefined, y: number | undefined, first: boolean) =>
    first ? y : x === undefined || y === undefined ? undefined : x + y;
  const first = a === undefined;
  return {
    population: plus(a?.population, b.population, first),
    areaHa: plus(a?.areaHa, b.areaHa, first),
    memberCount: plus(a?.memberCount, b.memberCount, first),
  };
}

/** Land units from a land_ags/land_name pair repeated on many rows (must agree). */
class LandCollector {
  private readonly lands = new Map<string, { unit: RegisterUnit; line: number; sums?: Sums }>();

  add(row: CsvRow, land: string, name: string, nameColumn: string, gebietsstand?: string, sums?: Sums): void {
    const seen = this.lands.get(land);
    if (seen) {
      if (seen.unit.name !== name) {
        row.fail(
          nameColumn,
          `Land ${land}: '${name}' contradicts '${seen.unit.name}' given on line ${seen.line}`,
        );
      }
      if (sums) seen.sums = addSums(seen.sums, sums);
      return;
    }
    this.lands.set(land, {
      line: row.line,
      sums: sums ? addSums(undefined, sums) : undefined,
      unit: {
        ars: stateArs(land),
        kind: 'state',
        subtype: STATE_SUBTYPE,
        name,
        shortName: shortNameOf(name),
        parentArs: null,
        gebietsstand,
      },
    });
  }

  units(): RegisterUnit[] {
    return [...this.lands.values()].map(({ unit, sums }) => compactUnit({ ...unit, ...sums }));
  }
}

function checkUniqueArs(units: readonly { unit: RegisterUnit; row: CsvRow }[]): void {
  const seen = new Map<string, CsvRow>();
  for (const { unit, row } of units) {
    const first = seen.get(unit.ars);
    if (first)
      row.fail(
        row.text('ars') !== '' ? 'ars' : 'name',
        `duplicate ARS ${unit.ars} (first on line ${first.line})`,
      );
    seen.set(unit.ars, row);
  }
}

// ---------------------------------------------------------------------------------------------
// de-gemeinden.csv: one row per Gemeinde, with its Verband, Kreis and Land → the full hierarchy.

const GEMEINDEN_COLUMNS: HierarchyColumns = {
  key: 'ars',
  land: 'land_ags',
  kreis: 'kreis_ags',
  verband: 'verband_ars',
  gemeindeCode: 'gemeindetyp',
};
const LAND_FIELDS: FieldColumns = { name: 'land_name' };
const KREIS_FIELDS: FieldColumns = { name: 'kreis_name', code: 'kreis_typ' };
const VERBAND_FIELDS: FieldColumns = { name: 'verband_name', seat: 'verband_sitz', code: 'verband_typ' };

const gemeindenLayout: Layout = {
  format: 'gemeinden-csv',
  file: 'de-gemeinden.csv',
  required: [
    'ars',
    'name',
    'gemeindetyp',
    'verband_ars',
    'verband_name',
    'verband_typ',
    'kreis_ags',
    'kreis_name',
    'kreis_typ',
    'land_ags',
    'land_name',
    'flaeche_ha',
    'bevoelkerung',
  ],
  optional: [
    'ags',
    'name_kurz',
    'verband_sitz',
    'bevoelkerung_maennlich',
    'plz',
    'plz_mehrere',
    'gebietsstand',
  ],
  parse(rows, options, warnings) {
    const hierarchy = new RegisterHierarchy(GEMEINDEN_COLUMNS, 'merge');
    for (const row of rows) {
      const ars = row.digits('ars', 12);
      const ags = row.optional('ags');
      if (ags !== undefined) row.matches('ags', ags, ars.slice(0, 5) + ars.slice(9), 'ars');
      const name = row.required('name');
      const code = row.coded('gemeindetyp', GEMEINDE_CODES);
      const verband = row.digits('verband_ars', 9);
      row.matches('verband_ars', verband, ars.slice(0, 9), 'ars');
      const verbandName = row.required('verband_name');
      const verbandCode = row.coded('verband_typ', VERBAND_CODES);
      const kreis = row.digits('kreis_ags', 5);
      row.matches('kreis_ags', kreis, ars.slice(0, 5), 'ars');
      const land = row.digits('land_ags', 2);
      row.matches('land_ags', land, ars.slice(0, 2), 'ars');
      const landName = row.required('land_name');
      const areaHa = row.integer('flaeche_ha', true) ?? 0;
      const population = row.integer('bevoelkerung', true) ?? 0;
      row.integer('bevoelkerung_maennlich');
      const gebietsstand = row.date('gebietsstand');
      const line = row.line;

      hierarchy.addLand({ land, name: landName, gebietsstand, line }, LAND_FIELDS);
      // Pseudo-Kreise of gemeindefreie Gebiete (07000, 13000) have no Kreis: both columns empty.
      if (row.text('kreis_typ') !== '' || row.text('kreis_name') !== '') {
        const kreisCode = row.coded('kreis_typ', KREIS_CODES);
        const kreisName = row.required('kreis_name');
        hierarchy.addKreis({ kreis, name: kreisName, code: kreisCode, gebietsstand, line }, KREIS_FIELDS);
      }
      hierarchy.addVerband(
        {
          verband,
          name: verbandName,
          seat: row.optional('verband_sitz'),
          code: verbandCode,
          gebietsstand,
          line,
        },
        VERBAND_FIELDS,
      );
      hierarchy.addGemeinde({ ars, name, code, areaHa, population, gebietsstand, line });
    }
    const built = hierarchy.build(options);
    warnings.push(...built.warnings);
    return built.units;
  },
};

// ---------------------------------------------------------------------------------------------
// st-kommunen-133.csv: one row per participating body, level in `ebene`; Land rows are derived.

const kommunenLayout: Layout = {
  format: 'kommunen-csv',
  file: 'st-kommunen-133.csv',
  required: ['ars', 'ebene', 'name'],
  optional: [
    'schluessel',
    'name_kurz',
    'sitz',
    'kreis_ags',
    'kreis_name',
    'anzahl_gemeinden',
    'bevoelkerung',
    'flaeche_ha',
    'gebietsstand',
    'sicherkommunal_pilot_2024',
  ],
  parse(rows, options, warnings) {
    const parsed: { unit: RegisterUnit; row: CsvRow }[] = [];
    const explicitStates = new Set<string>();
    for (const row of rows) {
      const ars = row.digits('ars', 12);
      const subtype = row.required('ebene');
      const kind = subtype === MITGLIEDSGEMEINDE ? undefined : SUBTYPE_KINDS.get(subtype);
      if (kind === undefined) {
        return row.fail(
          'ebene',
          `unknown ebene '${subtype}' (expected one of: ${[...SUBTYPE_KINDS.keys()].filter((s) => s !== MITGLIEDSGEMEINDE).join(', ')})`,
        );
      }
      const name = row.required('name');
      const land = ars.slice(0, 2);
      const kreis = ars.slice(0, 5);
      const schluessel = row.optional('schluessel');
      if (schluessel !== undefined) {
        // The natural key at that level; a kreisfreie Stadt may be given by its 8-digit Gemeinde AGS.
        const expected: Record<RegisterUnit['kind'], string[]> = {
          state: [land],
          district: [kreis, `${kreis}000`],
          municipality: [subtype === EINHEITSGEMEINDE ? kreis + ars.slice(9) : ars.slice(0, 9)],
        };
        const value = row.digits('schluessel', 2, 5, 8, 9);
        if (!expected[kind].includes(value)) {
          row.fail(
            'schluessel',
            `schluessel '${value}' does not match ars (expected '${expected[kind].join("' or '")}')`,
          );
        }
      }
      const kreisAgs = row.optional('kreis_ags');
      if (kreisAgs !== undefined && kind !== 'state')
        row.matches('kreis_ags', row.digits('kreis_ags', 5), kreis, 'ars');
      let parentArs: string | null;
      if (kind === 'state') {
        if (ars !== stateArs(land)) row.fail('ars', `a Land ARS must be ${stateArs(land)}`);
        parentArs = null;
        explicitStates.add(land);
      } else if (kind === 'district') {
        if (ars !== districtArs(kreis)) row.fail('ars', `a ${subtype} ARS must be the Kreis key + 7 zeros`);
        parentArs = stateArs(land);
      } else {
        if (ars === districtArs(kreis)) row.fail('ars', `${ars} is a district ARS, not a ${subtype}`);
        if (subtype !== EINHEITSGEMEINDE && !ars.endsWith('000')) {
          row.fail('ars', `a ${subtype} ARS must be the 9-digit Verband key + 000`);
        }
        parentArs = districtArs(kreis);
      }
      const unit: RegisterUnit = {
        ars,
        kind,
        subtype,
        name,
        shortName: row.optional('name_kurz') ?? shortNameOf(name),
        seat: row.optional('sitz'),
        parentArs,
        population: row.integer('bevoelkerung'),
        areaHa: row.integer('flaeche_ha'),
        memberCount: row.integer('anzahl_gemeinden'),
        gebietsstand: row.date('gebietsstand'),
      };
      if (kind === 'district' && isStadtstaat(kreis)) {
        row.fail('ars', `${ars} is the ARS of the Land itself (Stadtstaat); use ebene '${STATE_SUBTYPE}'`);
      }
      if (inScope(options, ars)) parsed.push({ unit: compactUnit(unit), row });
    }
    checkUniqueArs(parsed);

    const byArs = new Map(parsed.map((p) => [p.unit.ars, p.unit]));
    // Derived Land units: name from stateNames; totals summed over the districts when all have them.
    const lands = new Map<string, { row: CsvRow; sums?: Sums; gebietsstand?: string }>();
    for (const { unit, row } of parsed) {
      const land = unit.ars.slice(0, 2);
      if (!explicitStates.has(land) && !lands.has(land))
        lands.set(land, { row, gebietsstand: unit.gebietsstand });
      if (unit.kind === 'district') {
        const entry = lands.get(land);
        if (entry) entry.sums = addSums(entry.sums, unit);
      }
      if (unit.parentArs !== null && unit.kind !== 'state' && !byArs.has(unit.parentArs)) {
        const land2 = unit.parentArs.slice(0, 2);
        const isDerivedState = unit.kind === 'district' && !explicitStates.has(land2);
        if (!isDerivedState)
          warnings.push(`line ${row.line}: parent ${unit.parentArs} of ${unit.ars} is not in the file`);
      }
      const kreisName = row.optional('kreis_name');
      const district = unit.kind === 'municipality' && unit.parentArs ? byArs.get(unit.parentArs) : undefined;
      if (kreisName !== undefined && district !== undefined && district.name !== kreisName) {
        row.fail('kreis_name', `kreis_name '${kreisName}' contradicts '${district.name}' of ${district.ars}`);
      }
    }
    const units = parsed.map((p) => p.unit);
    for (const [land, { row, sums, gebietsstand }] of lands) {
      const name = stateName(options, land, row, 'ars');
      units.push(
        compactUnit({
          ars: stateArs(land),
          kind: 'state',
          subtype: STATE_SUBTYPE,
          name,
          shortName: name,
          parentArs: null,
          ...sums,
          gebietsstand,
        }),
      );
    }
    if (options.includeMembers)
      warnings.push('includeMembers has no effect: this layout lists no member Gemeinden');
    return units;
  },
};

// ---------------------------------------------------------------------------------------------
// de-kreise.csv: one row per Kreis; Land units from land_ags/land_name, totals summed.

const kreiseLayout: Layout = {
  format: 'kreise-csv',
  file: 'de-kreise.csv',
  required: ['ags', 'name', 'kreistyp', 'land_ags', 'land_name'],
  optional: ['name_kurz', 'sitz', 'anzahl_gemeinden', 'bevoelkerung', 'flaeche_ha', 'gebietsstand'],
  parse(rows, options, warnings) {
    const lands = new LandCollector();
    const parsed: { unit: RegisterUnit; row: CsvRow }[] = [];
    for (const row of rows) {
      const kreis = row.digits('ags', 5);
      const name = row.required('name');
      const subtype = row.required('kreistyp');
      if (KREIS_CODES[subtype] === undefined) {
        row.fail(
          'kreistyp',
          `unknown kreistyp '${subtype}' (expected one of: ${Object.keys(KREIS_CODES).join(', ')})`,
        );
      }
      const land = row.digits('land_ags', 2);
      row.matches('land_ags', land, kreis.slice(0, 2), 'ags');
      const landName = row.required('land_name');
      const unit = compactUnit({
        ars: districtArs(kreis),
        kind: 'district',
        subtype,
        name,
        shortName: row.optional('name_kurz') ?? shortNameOf(name),
        seat: row.optional('sitz'),
        parentArs: stateArs(land),
        population: row.integer('bevoelkerung'),
        areaHa: row.integer('flaeche_ha'),
        memberCount: row.integer('anzahl_gemeinden'),
        gebietsstand: row.date('gebietsstand'),
      });
      if (!inScope(options, kreis)) continue;
      lands.add(row, land, landName, 'land_name', unit.gebietsstand, unit);
      if (isStadtstaat(kreis)) {
        warnings.push(stadtstaatWarning(kreis, name));
        continue;
      }
      parsed.push({ unit, row });
    }
    checkUniqueArs(parsed);
    if (options.includeMembers) warnings.push('includeMembers has no effect: this layout lists no Gemeinden');
    return [...lands.units(), ...parsed.map((p) => p.unit)];
  },
};

// ---------------------------------------------------------------------------------------------
// de-laender.csv: one row per Land.

const laenderLayout: Layout = {
  format: 'laender-csv',
  file: 'de-laender.csv',
  required: ['land_ags', 'name'],
  optional: [
    'sitz_landesregierung',
    'anzahl_kreise',
    'anzahl_gemeinden',
    'bevoelkerung',
    'flaeche_ha',
    'gebietsstand',
  ],
  parse(rows, options, warnings) {
    const parsed: { unit: RegisterUnit; row: CsvRow }[] = [];
    for (const row of rows) {
      const land = row.digits('land_ags', 2);
      const name = row.required('name');
      row.integer('anzahl_kreise');
      const unit = compactUnit({
        ars: stateArs(land),
        kind: 'state',
        subtype: STATE_SUBTYPE,
        name,
        shortName: shortNameOf(name),
        seat: row.optional('sitz_landesregierung'),
        parentArs: null,
        population: row.integer('bevoelkerung'),
        areaHa: row.integer('flaeche_ha'),
        memberCount: row.integer('anzahl_gemeinden'),
        gebietsstand: row.date('gebietsstand'),
      });
      if (inScope(options, land)) parsed.push({ unit, row });
    }
    checkUniqueArs(parsed);
    if (options.includeMembers) warnings.push('includeMembers has no effect: this layout lists no Gemeinden');
    return parsed.map((p) => p.unit);
  },
};

// ---------------------------------------------------------------------------------------------
// de-gemeindeverbaende.csv: one row per Gemeindeverband (Satzart 50).

const gemeindeverbaendeLayout: Layout = {
  format: 'gemeindeverbaende-csv',
  file: 'de-gemeindeverbaende.csv',
  required: ['verband_ars', 'name', 'verbandstyp', 'land_ags', 'land_name'],
  optional: [
    'sitz',
    'kreis_ags',
    'kreis_name',
    'anzahl_gemeinden',
    'bevoelkerung',
    'flaeche_ha',
    'gebietsstand',
  ],
  parse(rows, options, warnings) {
    const lands = new LandCollector();
    const parsed: { unit: RegisterUnit; row: CsvRow }[] = [];
    for (const row of rows) {
      const verband = row.digits('verband_ars', 9);
      const name = row.required('name');
      const code = row.coded('verbandstyp', VERBAND_CODES);
      const kreisAgs = row.optional('kreis_ags');
      if (kreisAgs !== undefined)
        row.matches('kreis_ags', row.digits('kreis_ags', 5), verband.slice(0, 5), 'verband_ars');
      const land = row.digits('land_ags', 2);
      row.matches('land_ags', land, verband.slice(0, 2), 'verband_ars');
      const landName = row.required('land_name');
      const sums: Sums = {
        population: row.integer('bevoelkerung'),
        areaHa: row.integer('flaeche_ha'),
        memberCount: row.integer('anzahl_gemeinden'),
      };
      const gebietsstand = row.date('gebietsstand');
      if (!inScope(options, verband)) continue;
      lands.add(row, land, landName, 'land_name', gebietsstand, sums);
      const base = {
        kind: 'municipality' as const,
        name,
        shortName: shortNameOf(name),
        parentArs: districtArs(verband.slice(0, 5)),
        ...sums,
        gebietsstand,
      };
      if (code !== VERBANDSFREI_CODE) {
        parsed.push({
          unit: compactUnit({
            ...base,
            ars: associationArs(verband),
            subtype: VERBAND_SUBTYPES[code] ?? code,
            seat: row.optional('sitz'),
          }),
          row,
        });
        continue;
      }
      // Verband key 0000: the kreisfreie Stadt (a district; districts are not in this layout).
      // Key 9xxx: a gemeindefreies Gebiet. Both hold for every record of GV100AD 2025.
      if (verband.endsWith('0000') || verband[5] === '9') continue;
      if (sums.memberCount !== undefined && sums.memberCount !== 1) {
        row.fail(
          'anzahl_gemeinden',
          `a verbandsfreie Gemeinde must hold exactly 1 Gemeinde to derive its ARS, got ${sums.memberCount}`,
        );
      }
      // The one Gemeinde of a verbandsfrei Verband has Gemeinde key = last 3 digits of the Verband key.
      parsed.push({
        unit: compactUnit({ ...base, ars: verband + verband.slice(6), subtype: EINHEITSGEMEINDE }),
        row,
      });
    }
    checkUniqueArs(parsed);
    warnings.push(
      'this layout has no Kreis type: district units are not derived (parse de-kreise.csv for them)',
    );
    if (options.includeMembers)
      warnings.push('includeMembers has no effect: this layout lists no member Gemeinden');
    return [...lands.units(), ...parsed.map((p) => p.unit)];
  },
};

export const CSV_LAYOUTS: readonly Layout[] = [
  gemeindenLayout,
  kommunenLayout,
  kreiseLayout,
  laenderLayout,
  gemeindeverbaendeLayout,
];

function detectLayout(header: readonly string[], warnings: string[]): Layout {
  const present = new Set(header);
  // The layout naming most of the header's columns wins; on a tie, one whose required columns are all there.
  let best: { layout: Layout; score: number; complete: boolean } | undefined;
  for (const layout of CSV_LAYOUTS) {
    const known = [...layout.required, ...layout.optional];
    const score = known.filter((c) => present.has(c)).length;
    const complete = layout.required.every((c) => present.has(c));
    if (!best || score > best.score || (score === best.score && complete && !best.complete)) {
      best = { layout, score, complete };
    }
  }
  if (!best || best.score === 0) {
    throw new RegisterParseError(
      1,
      header[0] ?? 1,
      `unknown header '${header.join(',')}' (expected the header of one of: ${CSV_LAYOUTS.map((l) => l.file).join(', ')})`,
    );
  }
  const { layout } = best;
  const missing = layout.required.find((c) => !present.has(c));
  if (missing !== undefined) {
    throw new RegisterParseError(
      1,
      missing,
      `header lacks column '${missing}' (closest layout: ${layout.file})`,
    );
  }
  const known = new Set([...layout.required, ...layout.optional]);
  for (const column of header) {
    if (!known.has(column)) warnings.push(`column '${column}' is not part of ${layout.file} and was ignored`);
  }
  return layout;
}

/**
 * Line and 1-based field number of the quoted field that is not closed properly (RFC 4180: a quote
 * opens at a field start; inside, "" is a quote and a closing quote must precede , or a line break).
 */
function badQuotedField(text: string): { line: number; field: number } | undefined {
  let inQuote = false;
  let fieldStart = true;
  let line = 1;
  let field = 1;
  let open = { line, field };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inQuote) {
      if (ch === '\n') line += 1;
      if (ch !== '"') continue;
      if (text[i + 1] === '"') {
        i += 1;
        continue;
      }
      const next = text[i + 1];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return open;
      inQuote = false;
      fieldStart = false;
    } else if (ch === '"' && fieldStart) {
      inQuote = true;
      open = { line, field };
    } else if (ch === ',') {
      field += 1;
      fieldStart = true;
    } else if (ch === '\n') {
      line += 1;
      field = 1;
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  return inQuote ? open : undefined;
}

/** The header's name for 1-based field `field` of a data line, else the field number. */
function columnName(text: string, line: number, field: number): string | number {
  if (line <= 1) return field;
  try {
    const [header] = parse(text, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
    return header?.[field - 1]?.trim() || field;
  } catch {
    return field;
  }
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** RFC-4180 records with their 1-based start line; csv-parse errors become RegisterParseError. */
function readRecords(text: string): { fields: string[]; line: number }[] {
  let records: CsvRecord[];
  try {
    // With `info: true` csv-parse yields { record, info } objects; its typings only say string[][].
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const open =
        error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? badQuotedField(text)
          : undefined;
      if (open) {
        // csv-parse reports where it gave up, possibly lines later; point at the opening quote instead.
        throw new RegisterParseError(
          open.line,
          columnName(text, open.line, open.field),
          `malformed CSV: quoted field not closed properly (${error.message})`,
        );
      }
      // `column` is csv-parse's 0-based field index when known.
      const ctx = error as CsvError & { lines?: number; column?: number | string };
      const line = ctx.lines ?? 1;
      const column =
        typeof ctx.column === 'number' ? columnName(text, line, ctx.column + 1) : (ctx.column ?? 1);
      throw new RegisterParseError(line, column, `malformed CSV: ${error.message}`);
    }
    throw error;
  }
  return records.map(({ record, info }) => {
    const breaks = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return { fields: record, line: info.lines - breaks };
  });
}

/** Parses one of the derived CSV layouts (detected from the header). */
export function parseRegisterCsv(text: string, options: RegisterParseOptions = {}): RegisterParseResult {
  assertStateOption(options);
  const records = readRecords(text);
  const head = records[0];
  if (!head) throw new RegisterParseError(1, 1, 'empty CSV: no header');
  const header = head.fields.map((h) => h.trim());
  header.forEach((column, i) => {
    if (column === '') throw new RegisterParseError(head.line, i + 1, `header field ${i + 1} is empty`);
    if (header.indexOf(column) !== i)
      throw new RegisterParseError(head.line, column, `duplicate column '${column}'`);
  });
  const warnings: string[] = [];
  const layout = detectLayout(header, warnings);
  const rows = records.slice(1).map(({ fields, line }) => {
    if (fields.length !== header.length) {
      const column =
        fields.length < header.length ? (header[fields.length] ?? fields.length + 1) : header.length + 1;
      throw new RegisterParseError(
        line,
        column,
        `row has ${fields.length} fields, header has ${header.length}`,
      );
    }
    return new CsvRow(line, new Map(header.map((h, i) => [h, fields[i] ?? ''])));
  });
  const units = layout.parse(rows, options, warnings);
  if (options.state !== undefined && units.length === 0) warnings.push(`no rows for Land ${options.state}`);
  return { units: sortUnits(units), format: layout.format, warnings };
}
