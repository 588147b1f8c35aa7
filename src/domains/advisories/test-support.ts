/**
 * Helpers for the advisory tests. The real CSAF documents live outside the repository in
 * /work/shared/reference/csaf (see SOURCES.md there); they are read in place, never copied.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db/database.ts';

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

/**
 * A small valid CSAF 2.0 base document written for the tests (needs no reference files), for
 * tests that only need some stored advisory, e.g. to link it to an incident.
 */
export function minimalCsaf(
  trackingId: string,
  label: 'WHITE' | 'GREEN' | 'AMBER' | 'RED' = 'WHITE',
): Buffer {
  const date = '2026-01-15T08:00:00.000Z';
  return Buffer.from(
    JSON.stringify({
      document: {
        category: 'csaf_base',
        csaf_version: '2.0',
        distribution: { tlp: { label, url: 'https://www.first.org/tlp/' } },
        lang: 'de-DE',
        publisher: { category: 'coordinator', name: 'Bastei Testdaten', namespace: 'https://bastei.invalid' },
        title: `Testmeldung ${trackingId}`,
        tracking: {
          current_release_date: date,
          id: trackingId,
          initial_release_date: date,
          revision_history: [{ date, number: '1', summary: 'Erste Fassung' }],
          status: 'final',
          version: '1',
        },
      },
    }),
  );
}

/**
 * Stores `minimalCsaf(trackingId)` for the (only) CERT as a current advisory, as the import would,
 * without loading the validator library (seconds): for fixtures that only need some advisory.
 */
export async function importTestAdvisory(db: Db, trackingId: string): Promise<string> {
  const cert = await db
    .selectFrom('organisations')
    .select(['id', 'ancestor_ids'])
    .where('type', '=', 'cert')
    .executeTakeFirstOrThrow();
  const state = await db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'state')
    .where('id', 'in', cert.ancestor_ids)
    .executeTakeFirstOrThrow();
  const bytes = minimalCsaf(trackingId);
  const date = '2026-01-15T08:00:00.000Z';
  const row = await db
    .insertInto('advisories')
    .values({
      organisation_id: cert.id,
      owner_state_id: state.id,
      document_key: `https://bastei.invalid#${trackingId}`,
      publisher_namespace: 'https://bastei.invalid',
      publisher_name: 'Bastei Testdaten',
      tracking_id: trackingId,
      version: '1',
      tracking_status: 'final',
      initial_release_date: date,
      current_release_date: date,
      category: 'csaf_base',
      title: `Testmeldung ${trackingId}`,
      language: 'de-DE',
      tlp_label: 'CLEAR',
      tlp_source: 'document',
      csaf_tlp_label: 'WHITE',
      cves: [],
      max_base_score: null,
      revision_history: JSON.stringify([{ number: '1', date, summary: 'Erste Fassung' }]),
      validation_warnings: '[]',
      content: bytes,
      size: bytes.length,
      sha512: createHash('sha512').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      is_current: true,
      named_recipient_user_ids: [],
      imported_by: null,
      imported_by_label: 'test-fixture',
      matched_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
