/**
 * Helpers for the advisory tests. The real CSAF documents live outside the repository in
 * /work/shared/reference/csaf (see SOURCES.md there); they are read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CSAF_REFERENCE_URL = new URL('../../../../shared/reference/csaf/', import.meta.url);
export const CSAF_REFERENCE_DIR = fileURLToPath(CSAF_REFERENCE_URL);

const warned = new Set<string>();

/** Absolute path of a reference file, or undefined (with one console.warn saying why). */
export function referencePath(relative: string): string | undefined {
  const path = fileURLToPath(new URL(relative, CSAF_REFERENCE_URL));
  if (existsSync(path)) return path;
  if (!warned.has(relative)) {
    warned.add(relative);
    console.warn(
      `skipping tests that need the CSAF reference file ${relative}: not found at ${path} ` +
        '(the shared reference folder is not available here, or the file was removed)',
    );
  }
  return undefined;
}

export function hasReference(...relatives: string[]): boolean {
  return relatives.every((relative) => referencePath(relative) !== undefined);
}

export function readReference(relative: string): Buffer {
  const path = referencePath(relative);
  if (!path) throw new Error(`reference file ${relative} is missing`);
  return readFileSync(path);
}

export function readReferenceJson(relative: string): Record<string, unknown> {
  return JSON.parse(readReference(relative).toString('utf8')) as Record<string, unknown>;
}

/** Every CSAF advisory of the reference set that the validator must accept. */
export const VALID_ADVISORIES = [
  'bsi-wid/wid-sec-w-2023-1632.json',
  'bsi-wid/wid-sec-w-2024-3319.json',
  'cisa/va-24-201-01.json',
  'gocsaf-rolie-provider/white/avendor-advisory-0004.json',
  'isduba-revisions/avendor-advisory-0004.v2.json',
  'isduba-revisions/avendor-advisory-0004.v3-interim.json',
  'isduba-revisions/avendor-advisory-0004.v3-final.json',
  'oasis/examples/bsi-2022-0001.json',
  'oasis/examples/cisco-sa-20180328-smi2.json',
  'oasis/examples/rhsa-2022_0011.json',
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json',
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-06-11.json',
  'oasis/vex/2022-evd-uc-01-a-001.json',
  'oasis/vex/2022-evd-uc-01-f-001.json',
  'oasis/vex/2022-evd-uc-01-na-001.json',
  'oasis/vex/2022-evd-uc-01-ui-001.json',
  'oasis/vex/2022-evd-uc-02-na-001.json',
] as const;

/** The OASIS test cases that are invalid on purpose (`*-0[1-9].json`). */
export const INVALID_TESTCASES = [
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json',
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-06-01.json',
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-13-01.json',
] as const;

// --- API tests -------------------------------------------------------------------------------------

/** Installs products directly (the inventory API belongs to the assets domain). */
export async function installProducts(
  db: import('../../platform/db/database.ts').Executor,
  ars: string,
  products: { vendor?: string; product: string; version?: string; cpe?: string; purl?: string }[],
): Promise<string[]> {
  const organisation = await db
    .selectFrom('organisations')
    .select('id')
    .where('ars', '=', ars)
    .executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('installed_products')
    .values(
      products.map((p) => ({
        organisation_id: organisation.id,
        asset_id: null,
        vendor: p.vendor ?? null,
        product: p.product,
        version: p.version ?? null,
        cpe: p.cpe ?? null,
        purl: p.purl ?? null,
        created_by: null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A reference document with another tracking id and TLP (the reference set is all TLP:WHITE). */
export function relabelled(
  relative: string,
  options: { trackingId: string; label?: 'WHITE' | 'GREEN' | 'AMBER' | 'RED' | null; text?: string },
): Buffer {
  const doc = readReferenceJson(relative) as { document: Record<string, unknown> };
  (doc.document.tracking as Record<string, unknown>).id = options.trackingId;
  const distribution = (doc.document.distribution ?? {}) as Record<string, unknown>;
  if (options.label === null) delete distribution.tlp;
  else if (options.label) distribution.tlp = { label: options.label, url: 'https://www.first.org/tlp/' };
  if (options.text) distribution.text = options.text;
  doc.document.distribution = distribution;
  return Buffer.from(JSON.stringify(doc, null, 2));
}
