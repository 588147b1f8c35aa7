/**
 * Product identities and the CERT-curated alias table.
 *
 * Every product, in an advisory or in a municipality's inventory, is known by identity keys:
 * - `cpe:vendor:product`  from a CPE 2.2/2.3 (strong)
 * - `purl:pkg:type/ns/name` from a purl (strong)
 * - `name:apache http server` from vendor + product name, normalised (weak)
 *
 * The alias table says which keys denote the same product, e.g. `apache:http_server` ↔
 * "Apache HTTP Server" ↔ `pkg:generic/apache/httpd`: each of them resolves to `alias:<id>`.
 * A match through the alias table counts as an identity match (the CERT vouched for the spelling);
 * a match through normalised names alone only ever reaches `review`.
 */
import { parseCpe } from './cpe.ts';
import { parsePurl } from './purl.ts';

export interface AliasEntry {
  /** Canonical id, e.g. `apache:http_server`. */
  id: string;
  /** Display name. */
  label?: string;
  /** `vendor:product` pairs or full CPEs (2.2 or 2.3); versions are ignored. */
  cpes?: readonly string[];
  /** purls, with or without version. */
  purls?: readonly string[];
  /** Names as people write them, with or without the vendor ("Apache HTTP Server", "Apache httpd"). */
  names?: readonly string[];
}

/** Lower case, no diacritics (ß → ss), punctuation to single spaces: "Apache HTTP-Server®" → "apache http server". */
export function normaliseName(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function cpeIdentity(cpe: string | null | undefined): string | null {
  if (!cpe) return null;
  const parsed = parseCpe(cpe);
  return parsed ? `cpe:${parsed.key}` : null;
}

export function purlIdentity(purl: string | null | undefined): string | null {
  if (!purl) return null;
  const parsed = parsePurl(purl);
  return parsed ? `purl:${parsed.key}` : null;
}

/**
 * Name keys of a product: vendor + product ("open source imagemagick"; the vendor is not repeated
 * when the product name starts with it: "cisco ios"), and the product name alone.
 */
export function nameIdentities(
  vendor: string | null | undefined,
  product: string | null | undefined,
): string[] {
  const p = product ? normaliseName(product) : '';
  if (p === '') return [];
  const v = vendor ? normaliseName(vendor) : '';
  const composed = v === '' || p === v || p.startsWith(`${v} `) ? p : `${v} ${p}`;
  return composed === p ? [`name:${p}`] : [`name:${composed}`, `name:${p}`];
}

function cpeEntryKey(value: string): string | null {
  if (/^cpe:/i.test(value)) return cpeIdentity(value);
  const m = /^([^:\s]+):([^:\s]+)$/.exec(value.trim().toLowerCase());
  return m ? `cpe:${m[1]}:${m[2]}` : null;
}

export class AliasTable {
  static readonly EMPTY = new AliasTable([]);

  readonly entries: readonly AliasEntry[];
  private readonly byKey = new Map<string, string>();

  /** Throws when an entry is malformed or two entries claim the same spelling. */
  constructor(entries: readonly AliasEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      if (!entry.id || entry.id.trim() === '') throw new Error('alias entry without id');
      const target = `alias:${entry.id}`;
      const keys: string[] = [];
      for (const cpe of entry.cpes ?? []) {
        const key = cpeEntryKey(cpe);
        if (!key) throw new Error(`alias ${entry.id}: not a CPE or vendor:product: ${cpe}`);
        keys.push(key);
      }
      for (const purl of entry.purls ?? []) {
        const key = purlIdentity(purl);
        if (!key) throw new Error(`alias ${entry.id}: not a purl: ${purl}`);
        keys.push(key);
      }
      for (const name of entry.names ?? []) {
        const normalised = normaliseName(name);
        if (normalised === '') throw new Error(`alias ${entry.id}: empty name`);
        keys.push(`name:${normalised}`);
      }
      for (const key of keys) {
        const existing = this.byKey.get(key);
        if (existing && existing !== target) {
          throw new Error(`alias ${entry.id}: ${key} already belongs to ${existing.slice('alias:'.length)}`);
        }
        this.byKey.set(key, target);
      }
    }
  }

  /** `alias:<id>` for a known identity key, else null. */
  resolve(key: string): string | null {
    return this.byKey.get(key) ?? null;
  }

  get size(): number {
    return this.entries.length;
  }
}
