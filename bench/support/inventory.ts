/**
 * The generated test world of the advisory benchmarks (advisory-import, advisory-matching): a pool
 * of products, 50 installed products per Kommune drawn from it, the CERT's alias table, and
 * advisories made from the real reference documents (../shared/reference/csaf) with new tracking
 * ids and products swapped for ones from the same pool, so that matches happen.
 *
 * Everything draws from one seeded generator, in a fixed order (inventory first, then the
 * advisories), so every run of a bench sees the same data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AliasEntry } from '../../src/domains/advisories/matching/aliases.ts';

export const CSAF_REFERENCE = new URL('../../../shared/reference/csaf/', import.meta.url);

/** WID (BSI), CISA, ISDuBA, the OASIS examples (Cisco: 259 leaves) and VEX documents. */
export const BASE_DOCUMENTS = [
  'bsi-wid/wid-sec-w-2023-1632.json',
  'bsi-wid/wid-sec-w-2024-3319.json',
  'cisa/va-24-201-01.json',
  'isduba-revisions/avendor-advisory-0004.v3-final.json',
  'oasis/examples/bsi-2022-0001.json',
  'oasis/examples/cisco-sa-20180328-smi2.json',
  'oasis/examples/rhsa-2022_0011.json',
  'oasis/vex/2022-evd-uc-01-a-001.json',
  'oasis/vex/2022-evd-uc-01-f-001.json',
  'oasis/vex/2022-evd-uc-02-na-001.json',
] as const;
/** Index in BASE_DOCUMENTS (and so in the generated list) of a WID- and a Cisco-shaped advisory. */
export const WID_SHAPED = 1;
export const CISCO_SHAPED = 5;

export const PRODUCTS_PER_KOMMUNE = 50;
const POOL_SIZE = 400;
const ALIASED = 150;
const VERSIONS = [
  '1.0',
  '1.2.3',
  '2.0.1',
  '2.4.41',
  '2.4.58',
  '3.1',
  '7.1.1-12',
  '12.2(55)SE',
  '1.0.0-rc1',
  '4.2',
];

/** The reference documents that are not there (the bench then exits 0 saying so). */
export function missingReferences(): string[] {
  return BASE_DOCUMENTS.filter((file) => !existsSync(fileURLToPath(new URL(file, CSAF_REFERENCE))));
}

/** Load average and cores, printed with every figure: the benches share a busy machine. */
export function machineLoad(): string {
  const [one, five] = loadavg();
  return `load average ${one?.toFixed(2)} (1 min) / ${five?.toFixed(2)} (5 min)`;
}

export interface PoolProduct {
  vendor: string;
  product: string;
  cpeVendor: string;
  cpeProduct: string;
}

export interface GeneratedProduct {
  organisationId: string;
  /** Index in the pool: unique per Kommune. */
  poolIndex: number;
  vendor: string;
  product: string;
  version: string | null;
  cpe: string | null;
  purl: string | null;
}

type Json = Record<string, unknown>;

export class BenchWorld {
  private seed = 0x5eed_cafe;
  readonly pool: PoolProduct[] = [
    { vendor: 'Apache', product: 'HTTP Server', cpeVendor: 'apache', cpeProduct: 'http_server' },
    { vendor: 'Debian', product: 'Debian Linux', cpeVendor: 'debian', cpeProduct: 'debian_linux' },
    { vendor: 'Cisco', product: 'IOS', cpeVendor: 'cisco', cpeProduct: 'ios' },
  ];
  private readonly bases: Json[];

  constructor() {
    for (let i = this.pool.length; i < POOL_SIZE; i++) {
      this.pool.push({
        vendor: `Vendor ${i}`,
        product: `Product ${i}`,
        cpeVendor: `vendor${i}`,
        cpeProduct: `product_${i}`,
      });
    }
    this.bases = BASE_DOCUMENTS.map(
      (file) => JSON.parse(readFileSync(new URL(file, CSAF_REFERENCE), 'utf8')) as Json,
    );
  }

  /** mulberry32: small, seeded, good enough to spread products. */
  random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  /** 50 distinct pool products per Kommune; about a third with a CPE, some with a purl, a fifth without version. */
  inventory(organisationIds: readonly string[]): GeneratedProduct[] {
    const products: GeneratedProduct[] = [];
    for (const organisationId of organisationIds) {
      const chosen = new Set<number>();
      while (chosen.size < PRODUCTS_PER_KOMMUNE) chosen.add(Math.floor(this.random() * this.pool.length));
      for (const poolIndex of chosen) {
        const p = this.pool[poolIndex] as PoolProduct;
        const version = this.random() < 0.2 ? null : this.pick(VERSIONS);
        const shape = this.random();
        products.push({
          organisationId,
          poolIndex,
          vendor: p.vendor,
          product: p.product,
          version,
          cpe:
            shape < 0.3
              ? `cpe:2.3:a:${p.cpeVendor}:${p.cpeProduct}:${version ? version.replace(/[()]/g, '\\$&') : '*'}:*:*:*:*:*:*:*`
              : shape < 0.45
                ? `cpe:/a:${p.cpeVendor}:${p.cpeProduct}`
                : null,
          purl: shape >= 0.45 && shape < 0.6 ? `pkg:generic/${p.cpeVendor}/${p.cpeProduct}` : null,
        });
      }
    }
    return products;
  }

  /** The CERT's curated spellings for the first 150 pool products. */
  aliases(): AliasEntry[] {
    return this.pool.slice(0, ALIASED).map((p) => ({
      id: `${p.cpeVendor}:${p.cpeProduct}`,
      cpes: [`${p.cpeVendor}:${p.cpeProduct}`],
      purls: [`pkg:generic/${p.cpeVendor}/${p.cpeProduct}`],
      names: [`${p.vendor} ${p.product}`],
    }));
  }

  /** Advisory `i`: reference document `i mod 10` with tracking id BASTEI-BENCH-i and pool products. */
  advisory(i: number): Json {
    const doc = structuredClone(this.bases[i % this.bases.length] as Json);
    ((doc.document as Json).tracking as Json).id = `BASTEI-BENCH-${String(i).padStart(4, '0')}`;
    this.mutateBranches((doc.product_tree as Json | undefined)?.branches, null);
    return doc;
  }

  advisories(count: number): Json[] {
    return Array.from({ length: count }, (_, i) => this.advisory(i));
  }

  private mutateBranches(branches: unknown, current: PoolProduct | null): void {
    if (!Array.isArray(branches)) return;
    for (const branch of branches as Json[]) {
      let identity = current;
      if (branch.category === 'vendor') {
        identity = this.pick(this.pool);
        branch.name = identity.vendor;
      } else if (branch.category === 'product_name' && identity) {
        branch.name = identity.product;
      }
      const helper = (branch.product as Json | undefined)?.product_identification_helper as Json | undefined;
      if (identity && helper) {
        if (typeof helper.cpe === 'string') helper.cpe = rewriteCpe(helper.cpe, identity);
        if (typeof helper.purl === 'string')
          helper.purl = `pkg:generic/${identity.cpeVendor}/${identity.cpeProduct}`;
      }
      this.mutateBranches(branch.branches, identity);
    }
  }
}

function rewriteCpe(cpe: string, p: PoolProduct): string {
  const parts = cpe.split(':');
  const at = cpe.startsWith('cpe:2.3:') ? 3 : 2;
  parts[at] = p.cpeVendor;
  parts[at + 1] = p.cpeProduct;
  return parts.join(':');
}

/**
 * The document as its next revision (version + 1, a new revision history entry), changed in place.
 * `minute` makes the release date unique per run.
 */
export function nextRevision(doc: Json, minute: number): Json {
  const tracking = (doc.document as Json).tracking as Json;
  const history = tracking.revision_history as Json[];
  const last = String((history[history.length - 1] as Json).number);
  const number = /^\d+$/.test(last) ? String(Number(last) + 1) : `${Number.parseInt(last, 10) + 1}.0.0`;
  const date = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  history.push({ number, date, summary: `Bench revision ${minute}` });
  tracking.version = number;
  tracking.current_release_date = date;
  return doc;
}
