/**
 * Test helpers: the real reference files (read in place, never copied; tests skip when absent)
 * and a builder for synthetic GV100AD records.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GV100AD_FIELDS, GV100AD_RECORD_LENGTH } from './gv100ad.ts';
import type { RegisterUnit } from './register.ts';
import { GV100AD_FILE, REFERENCE_DIR, ST_KOMMUNEN_FILE } from './st-seed.ts';

export { GV100AD_FILE, ST_KOMMUNEN_FILE };

const cache = new Map<string, Buffer | undefined>();
const warned = new Set<string>();

/** The reference file as bytes, or undefined (with one console.warn saying why) when absent. */
export function referenceBytes(file: string): Buffer | undefined {
  if (!cache.has(file)) {
    const url = new URL(file, REFERENCE_DIR);
    const path = fileURLToPath(url);
    if (existsSync(path)) cache.set(file, readFileSync(url));
    else cache.set(file, undefined);
  }
  const bytes = cache.get(file);
  if (bytes === undefined && !warned.has(file)) {
    warned.add(file);
    console.warn(
      `register tests: skipping checks on ${file}: reference file not found at ${fileURLToPath(new URL(file, REFERENCE_DIR))}`,
    );
  }
  return bytes;
}

export function referenceText(file: string): string | undefined {
  return referenceBytes(file)?.toString('utf8');
}

/** The fields the brief compares across formats. */
export function core(u: RegisterUnit) {
  return { ars: u.ars, kind: u.kind, parentArs: u.parentArs, name: u.name, population: u.population };
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export interface GvRecord {
  satzart: string;
  /** Key digits: Land (2), Kreis (5), Verband (9: Kreis + Verband) or Gemeinde ARS (12). */
  key: string;
  name?: string;
  seat?: string;
  textkennzeichen?: string;
  areaHa?: number;
  population?: number;
  gebietsstand?: string;
}

/** Builds one synthetic 220-character GV100AD record. */
export function gvLine(r: GvRecord): string {
  const line = Array<string>(GV100AD_RECORD_LENGTH).fill(' ');
  const put = ([from]: readonly [number, number], value: string) => {
    for (let i = 0; i < value.length; i += 1) line[from - 1 + i] = value[i] ?? ' ';
  };
  put(GV100AD_FIELDS.satzart, r.satzart);
  put(GV100AD_FIELDS.gebietsstand, r.gebietsstand ?? '20251130');
  const k = r.key;
  if (k.length === 12) put(GV100AD_FIELDS.land, k.slice(0, 5) + k.slice(9, 12) + k.slice(5, 9));
  else if (k.length === 9) put(GV100AD_FIELDS.land, `${k.slice(0, 5)}   ${k.slice(5, 9)}`);
  else put(GV100AD_FIELDS.land, k);
  put(GV100AD_FIELDS.name, r.name ?? '');
  put(GV100AD_FIELDS.seat, r.seat ?? '');
  put(GV100AD_FIELDS.textkennzeichen, r.textkennzeichen ?? '');
  if (r.areaHa !== undefined) put(GV100AD_FIELDS.areaHa, String(r.areaHa).padStart(11, '0'));
  if (r.population !== undefined) put(GV100AD_FIELDS.population, String(r.population).padStart(11, '0'));
  return line.join('');
}

/**
 * A synthetic (fictional) register of one Land: a kreisfreie Stadt, a Landkreis with one
 * Einheitsgemeinde and one Verbandsgemeinde of two members. Line numbers are fixed (1–11).
 */
export const SYNTHETIC_GV_LINES: readonly string[] = [
  gvLine({ satzart: '10', key: '15', name: 'Sachsen-Anhalt', seat: 'Magdeburg' }),
  gvLine({ satzart: '20', key: '150', name: 'Testbezirk', seat: 'Musterstadt' }),
  gvLine({
    satzart: '40',
    key: '15001',
    name: 'Musterstadt, Stadt',
    seat: 'Musterstadt',
    textkennzeichen: '41',
  }),
  gvLine({ satzart: '50', key: '150010000', name: 'Musterstadt, Stadt', textkennzeichen: '50' }),
  gvLine({
    satzart: '60',
    key: '150010000000',
    name: 'Musterstadt, Stadt',
    textkennzeichen: '61',
    areaHa: 100,
    population: 5000,
  }),
  gvLine({ satzart: '40', key: '15081', name: 'Musterkreis', seat: 'Musterhausen', textkennzeichen: '44' }),
  gvLine({ satzart: '50', key: '150810030', name: 'Musterhausen, Stadt', textkennzeichen: '50' }),
  gvLine({ satzart: '50', key: '150815051', name: 'Mustertal', seat: 'Oberdorf', textkennzeichen: '53' }),
  gvLine({
    satzart: '60',
    key: '150810030030',
    name: 'Musterhausen, Stadt',
    textkennzeichen: '63',
    areaHa: 2000,
    population: 8000,
  }),
  gvLine({
    satzart: '60',
    key: '150815051001',
    name: 'Oberdorf',
    textkennzeichen: '64',
    areaHa: 300,
    population: 700,
  }),
  gvLine({
    satzart: '60',
    key: '150815051002',
    name: 'Unterdorf',
    textkennzeichen: '64',
    areaHa: 400,
    population: 300,
  }),
];
export const SYNTHETIC_GV = `${SYNTHETIC_GV_LINES.join('\n')}\n`;

/** A synthetic file in the st-kommunen-133.csv layout (same fictional units). */
export const SYNTHETIC_KOMMUNEN_CSV = [
  'ars,schluessel,ebene,name,name_kurz,sitz,kreis_ags,kreis_name,anzahl_gemeinden,bevoelkerung,flaeche_ha,gebietsstand,sicherkommunal_pilot_2024',
  '150010000000,15001000,Kreisfreie Stadt,"Musterstadt, Stadt",Musterstadt,Musterstadt,15001,"Musterstadt, Stadt",1,5000,100,2025-11-30,',
  '150810000000,15081,Landkreis,Musterkreis,Musterkreis,Musterhausen,15081,Musterkreis,3,9000,2700,2025-11-30,',
  '150815051000,150815051,Verbandsgemeinde,Mustertal,Mustertal,Oberdorf,15081,Musterkreis,2,1000,700,2025-11-30,ja',
  '150810030030,15081030,Einheitsgemeinde,"Musterhausen, Stadt",Musterhausen,Musterhausen,15081,Musterkreis,1,8000,2000,2025-11-30,',
  '',
].join('\n');
