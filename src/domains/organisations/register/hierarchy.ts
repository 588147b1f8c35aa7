/**
 * Internal: turns Land / Kreis / Gemeindeverband / Gemeinde records (from GV100AD or from
 * de-gemeinden.csv rows) into {@link RegisterUnit}s. Both full-hierarchy formats share these rules,
 * so they cannot drift apart. Rules are documented in README.md.
 */
import {
  associationArs,
  compactUnit,
  districtArs,
  EINHEITSGEMEINDE,
  GEMEINDEFREI_CODES,
  isStadtstaat,
  KREIS_SUBTYPES,
  KREISFREI_CODES,
  KREISFREIE_GEMEINDE_CODES,
  MITGLIEDSGEMEINDE,
  RegisterParseError,
  type RegisterParseOptions,
  type RegisterUnit,
  STATE_SUBTYPE,
  shortNameOf,
  sortUnits,
  stadtstaatWarning,
  stateArs,
  VERBAND_SUBTYPES,
  VERBANDSFREI_CODE,
} from './register.ts';

type Column = string | number;

export interface LandRecord {
  land: string;
  name: string;
  seat?: string;
  gebietsstand?: string;
  line: number;
}
export interface KreisRecord {
  kreis: string;
  name: string;
  seat?: string;
  /** Textkennzeichen 41–45 */
  code: string;
  gebietsstand?: string;
  line: number;
}
export interface VerbandRecord {
  /** 9 digits: Kreis (5) + Gemeindeverband (4) */
  verband: string;
  name: string;
  seat?: string;
  /** Textkennzeichen 50–58 */
  code: string;
  gebietsstand?: string;
  line: number;
}
export interface GemeindeRecord {
  ars: string;
  name: string;
  /** Textkennzeichen 60–67 */
  code: string;
  areaHa: number;
  population: number;
  gebietsstand?: string;
  line: number;
}

/** Where to point errors about cross-record references (CSV column names or GV100AD positions). */
export interface HierarchyColumns {
  key: Column;
  land: Column;
  kreis: Column;
  verband: Column;
  gemeindeCode: Column;
}

/** Column of each compared field, for inconsistent repeats in merge mode (CSV rows). */
export interface FieldColumns {
  name: Column;
  seat?: Column;
  code?: Column;
}

interface Totals {
  population: number;
  areaHa: number;
  count: number;
}

type Comparable = { name: string; seat?: string; code?: string; line: number };

export class RegisterHierarchy {
  private readonly laender = new Map<string, LandRecord>();
  private readonly kreise = new Map<string, KreisRecord>();
  private readonly verbaende = new Map<string, VerbandRecord>();
  private readonly gemeinden = new Map<string, GemeindeRecord>();

  /**
   * @param mode 'unique': a repeated key is an error (GV100AD records);
   *             'merge': repeats must agree (parent columns repeated on every CSV row).
   */
  constructor(
    private readonly columns: HierarchyColumns,
    private readonly mode: 'unique' | 'merge',
  ) {}

  addLand(rec: LandRecord, fields?: FieldColumns): void {
    this.put(this.laender, rec.land, rec, 'Land', fields);
  }
  addKreis(rec: KreisRecord, fields?: FieldColumns): void {
    this.put(this.kreise, rec.kreis, rec, 'Kreis', fields);
  }
  addVerband(rec: VerbandRecord, fields?: FieldColumns): void {
    this.put(this.verbaende, rec.verband, rec, 'Gemeindeverband', fields);
  }
  addGemeinde(rec: GemeindeRecord): void {
    const seen = this.gemeinden.get(rec.ars);
    if (seen) {
      throw new RegisterParseError(
        rec.line,
        this.columns.key,
        `duplicate Gemeinde ${rec.ars} (first on line ${seen.line})`,
      );
    }
    this.gemeinden.set(rec.ars, rec);
  }

  private put<T extends Comparable>(
    map: Map<string, T>,
    key: string,
    rec: T,
    what: string,
    fields: FieldColumns | undefined,
  ): void {
    const seen = map.get(key);
    if (!seen) {
      map.set(key, rec);
      return;
    }
    if (this.mode === 'unique' || !fields) {
      throw new RegisterParseError(
        rec.line,
        this.columns.key,
        `duplicate ${what} ${key} (first on line ${seen.line})`,
      );
    }
    const checks: [keyof Comparable, Column | undefined][] = [
      ['name', fields.name],
      ['seat', fields.seat],
      ['code', fields.code],
    ];
    for (const [field, column] of checks) {
      if (column === undefined) continue;
      const a = seen[field] ?? '';
      const b = rec[field] ?? '';
      if (a !== b) {
        throw new RegisterParseError(
          rec.line,
          column,
          `${what} ${key}: '${b}' contradicts '${a}' given on line ${seen.line}`,
        );
      }
    }
  }

  build(options: RegisterParseOptions): { units: RegisterUnit[]; warnings: string[] } {
    const { state, includeMembers = false } = options;
    const inScope = (key: string) => state === undefined || key.startsWith(state);
    const cols = this.columns;
    const warnings: string[] = [];
    const units: RegisterUnit[] = [];
    const landTotals = new Map<string, Totals>();
    const kreisTotals = new Map<string, Totals>();
    const verbandTotals = new Map<string, Totals>();
    const add = (map: Map<string, Totals>, key: string, g: GemeindeRecord) => {
      const t = map.get(key) ?? { population: 0, areaHa: 0, count: 0 };
      t.population += g.population;
      t.areaHa += g.areaHa;
      t.count += 1;
      map.set(key, t);
    };
    const withTotals = (unit: RegisterUnit, t: Totals | undefined): RegisterUnit =>
      compactUnit({
        ...unit,
        population: t?.population ?? 0,
        areaHa: t?.areaHa ?? 0,
        memberCount: t?.count ?? 0,
      });

    let skippedGemeindefrei = 0;
    const members: RegisterUnit[] = [];
    for (const g of this.gemeinden.values()) {
      if (!inScope(g.ars)) continue;
      const land = g.ars.slice(0, 2);
      const kreisKey = g.ars.slice(0, 5);
      const verbandKey = g.ars.slice(0, 9);
      if (!this.laender.has(land)) {
        throw new RegisterParseError(g.line, cols.land, `Gemeinde ${g.ars}: Land ${land} not found`);
      }
      const verband = this.verbaende.get(verbandKey);
      if (!verband) {
        throw new RegisterParseError(
          g.line,
          cols.verband,
          `Gemeinde ${g.ars}: Gemeindeverband ${verbandKey} not found`,
        );
      }
      const kreis = this.kreise.get(kreisKey);
      add(landTotals, land, g);
      if (kreis) add(kreisTotals, kreisKey, g);
      add(verbandTotals, verbandKey, g);
      if (GEMEINDEFREI_CODES.has(g.code)) {
        // Gemeindefreie Gebiete (forests, lakes, coastal waters) administer nothing: never emitted.
        skippedGemeindefrei += 1;
        continue;
      }
      if (!kreis) {
        throw new RegisterParseError(g.line, cols.kreis, `Gemeinde ${g.ars}: Kreis ${kreisKey} not found`);
      }
      if (KREISFREI_CODES.has(kreis.code)) {
        // The kreisfreie Stadt is one unit: the district built from its Kreis record.
        if (g.ars !== districtArs(kreisKey) || verband.code !== VERBANDSFREI_CODE) {
          throw new RegisterParseError(
            g.line,
            cols.key,
            `Gemeinde ${g.ars} lies in the kreisfreie Stadt ${kreisKey}, whose only Gemeinde must have ARS ${districtArs(kreisKey)} in a verbandsfrei Gemeindeverband`,
          );
        }
        continue;
      }
      if (KREISFREIE_GEMEINDE_CODES.has(g.code)) {
        throw new RegisterParseError(
          g.line,
          cols.gemeindeCode,
          `Gemeinde ${g.ars} is typed kreisfrei but Kreis ${kreisKey} is a ${KREIS_SUBTYPES[kreis.code]}`,
        );
      }
      if (verband.code === VERBANDSFREI_CODE) {
        units.push(
          compactUnit({
            ars: g.ars,
            kind: 'municipality',
            subtype: EINHEITSGEMEINDE,
            name: g.name,
            shortName: shortNameOf(g.name),
            parentArs: districtArs(kreisKey),
            population: g.population,
            areaHa: g.areaHa,
            memberCount: 1,
            gebietsstand: g.gebietsstand,
          }),
        );
      } else if (includeMembers) {
        members.push(
          compactUnit({
            ars: g.ars,
            kind: 'municipality',
            subtype: MITGLIEDSGEMEINDE,
            name: g.name,
            shortName: shortNameOf(g.name),
            parentArs: associationArs(verbandKey),
            population: g.population,
            areaHa: g.areaHa,
            memberCount: 1,
            gebietsstand: g.gebietsstand,
          }),
        );
      }
    }

    for (const l of this.laender.values()) {
      if (!inScope(l.land)) continue;
      units.push(
        withTotals(
          {
            ars: stateArs(l.land),
            kind: 'state',
            subtype: STATE_SUBTYPE,
            name: l.name,
            shortName: shortNameOf(l.name),
            seat: l.seat,
            parentArs: null,
            gebietsstand: l.gebietsstand,
          },
          landTotals.get(l.land),
        ),
      );
    }
    for (const k of this.kreise.values()) {
      if (!inScope(k.kreis)) continue;
      const land = k.kreis.slice(0, 2);
      if (!this.laender.has(land)) {
        throw new RegisterParseError(k.line, cols.land, `Kreis ${k.kreis}: Land ${land} not found`);
      }
      if (isStadtstaat(k.kreis)) {
        warnings.push(stadtstaatWarning(k.kreis, k.name));
        continue;
      }
      if (!kreisTotals.has(k.kreis)) warnings.push(`Kreis ${k.kreis} (${k.name}) has no Gemeinden`);
      units.push(
        withTotals(
          {
            ars: districtArs(k.kreis),
            kind: 'district',
            subtype: KREIS_SUBTYPES[k.code] ?? k.code,
            name: k.name,
            shortName: shortNameOf(k.name),
            seat: k.seat,
            parentArs: stateArs(land),
            gebietsstand: k.gebietsstand,
          },
          kreisTotals.get(k.kreis),
        ),
      );
    }
    for (const v of this.verbaende.values()) {
      if (!inScope(v.verband) || v.code === VERBANDSFREI_CODE) continue;
      const kreisKey = v.verband.slice(0, 5);
      const kreis = this.kreise.get(kreisKey);
      if (!kreis) {
        throw new RegisterParseError(
          v.line,
          cols.kreis,
          `Gemeindeverband ${v.verband}: Kreis ${kreisKey} not found`,
        );
      }
      if (KREISFREI_CODES.has(kreis.code)) {
        throw new RegisterParseError(
          v.line,
          cols.kreis,
          `Gemeindeverband ${v.verband} is a ${VERBAND_SUBTYPES[v.code]} inside the kreisfreie Stadt ${kreisKey}`,
        );
      }
      if (!verbandTotals.has(v.verband))
        warnings.push(`Gemeindeverband ${v.verband} (${v.name}) has no Gemeinden`);
      units.push(
        withTotals(
          {
            ars: associationArs(v.verband),
            kind: 'municipality',
            subtype: VERBAND_SUBTYPES[v.code] ?? v.code,
            name: v.name,
            shortName: shortNameOf(v.name),
            seat: v.seat,
            parentArs: districtArs(kreisKey),
            gebietsstand: v.gebietsstand,
          },
          verbandTotals.get(v.verband),
        ),
      );
    }
    units.push(...members);

    const seen = new Map<string, RegisterUnit>();
    for (const u of units) {
      const other = seen.get(u.ars);
      if (other) {
        const rec = this.gemeinden.get(u.ars) ?? this.gemeinden.get(other.ars);
        throw new RegisterParseError(
          rec?.line ?? 1,
          cols.key,
          `ARS ${u.ars} would name both '${other.name}' (${other.subtype}) and '${u.name}' (${u.subtype})`,
        );
      }
      seen.set(u.ars, u);
    }
    if (skippedGemeindefrei > 0) {
      warnings.push(`${skippedGemeindefrei} gemeindefreie Gebiete not emitted (counted in Kreis/Land area)`);
    }
    const stands = new Set(units.map((u) => u.gebietsstand).filter((s) => s !== undefined));
    if (stands.size > 1) warnings.push(`mixed Gebietsstand: ${[...stands].sort().join(', ')}`);
    if (state !== undefined && units.length === 0) warnings.push(`no records for Land ${state}`);
    return { units: sortUnits(units), warnings };
  }
}
