import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasReference, readReferenceJson } from '../test-support.ts';
import { CsafError } from './errors.ts';
import { flattenCsaf, PRODUCT_STATUSES } from './flatten.ts';
import { loadCsafValidator, readCsaf } from './validate.ts';

// importing the validator library takes seconds on a busy machine: pay it outside the test timeout
beforeAll(() => loadCsafValidator(), 120_000);

/**
 * Properties of the flattener on random product trees (valid or not): it never throws, every
 * product id defined anywhere becomes exactly one leaf, every status entry belongs to a defined
 * product, and only leaves without an own CPE/purl carry an inherited one.
 */
const IDS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'];
const CATEGORIES = [
  'vendor',
  'product_name',
  'product_family',
  'product_version',
  'product_version_range',
  'service_pack',
  'patch_level',
  'architecture',
  'legacy',
  'language',
  'host_name',
  'specification',
  'bogus',
];
const NAMES = [
  '1.0',
  '<2.4.44',
  'vers:generic/>=1|<2',
  'all versions',
  '12.2(55)SE',
  'Apache',
  'HTTP Server',
  '',
];
const CPES = [
  'cpe:/a:v:p:1.0',
  'cpe:2.3:a:v:p:*:*:*:*:*:*:*:*',
  'cpe:/a:x:y',
  'cpe:2.3:a:v:q:2:*:*:*:*:*:*:*',
  'nonsense',
];
const PURLS = ['pkg:generic/v/p@1', 'pkg:npm/%40scope/name', 'pkg:', 'pkg:generic/v/q'];

const productId = fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 4 }));
const helper = fc.record(
  {
    cpe: fc.oneof(fc.constantFrom(...CPES), fc.string()),
    purl: fc.oneof(fc.constantFrom(...PURLS), fc.string()),
  },
  { requiredKeys: [] },
);
const product = fc.record(
  { product_id: productId, name: fc.string({ maxLength: 10 }), product_identification_helper: helper },
  { requiredKeys: ['product_id'] },
);
const { branch } = fc.letrec((tie) => ({
  branch: fc.record(
    {
      category: fc.constantFrom(...CATEGORIES),
      name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 })),
      branches: fc.array(tie('branch'), { maxLength: 3, depthIdentifier: 'tree' }),
      product,
    },
    { requiredKeys: ['category', 'name'] },
  ),
}));
const relationship = fc.record({
  category: fc.constantFrom('default_component_of', 'installed_on', 'external_component_of', 'x'),
  product_reference: productId,
  relates_to_product_reference: productId,
  full_product_name: product,
});
const statusLists = fc.dictionary(
  fc.constantFrom(...PRODUCT_STATUSES, 'unknown'),
  fc.array(productId, { maxLength: 5 }),
);
const vulnerability = fc.record(
  {
    cve: fc.option(fc.constantFrom('CVE-2024-0001', 'CVE-2024-0002'), { nil: undefined }),
    product_status: statusLists,
    remediations: fc.array(
      fc.record({
        category: fc.constantFrom('vendor_fix', 'workaround'),
        product_ids: fc.array(productId, { maxLength: 3 }),
        group_ids: fc.array(fc.constantFrom('G1', 'G2'), { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    scores: fc.array(
      fc.record({
        products: fc.array(productId, { maxLength: 3 }),
        cvss_v3: fc.record({
          version: fc.constant('3.1'),
          baseScore: fc.double({ min: 0, max: 10, noNaN: true }),
        }),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['product_status'] },
);
const document = fc.record(
  {
    product_tree: fc.record(
      {
        branches: fc.array(branch, { maxLength: 4 }),
        full_product_names: fc.array(product, { maxLength: 3 }),
        relationships: fc.array(relationship, { maxLength: 3 }),
        product_groups: fc.array(
          fc.record({
            group_id: fc.constantFrom('G1', 'G2'),
            product_ids: fc.array(productId, { maxLength: 3 }),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
    vulnerabilities: fc.array(vulnerability, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

type AnyJson = Record<string, unknown>;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Product ids defined by the document, counted without the flattener. */
function definedIds(doc: AnyJson): Set<string> {
  const ids = new Set<string>();
  const tree = (doc.product_tree ?? {}) as AnyJson;
  const walk = (branches: unknown) => {
    for (const b of asArray(branches)) {
      const branchObject = b as AnyJson;
      const p = branchObject.product as AnyJson | undefined;
      if (p && typeof p.product_id === 'string' && p.product_id !== '') ids.add(p.product_id);
      walk(branchObject.branches);
    }
  };
  walk(tree.branches);
  for (const p of asArray(tree.full_product_names)) {
    const id = (p as AnyJson).product_id;
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  for (const r of asArray(tree.relationships)) {
    const rel = r as AnyJson;
    const id = (rel.full_product_name as AnyJson).product_id;
    if (
      typeof id === 'string' &&
      id !== '' &&
      rel.product_reference !== '' &&
      rel.relates_to_product_reference !== ''
    ) {
      ids.add(id);
    }
  }
  return ids;
}

describe('flattener fuzz', () => {
  it('random product trees: never throws, one leaf per defined id, statuses only for leaves', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const flat = flattenCsaf(doc);
        const ids = definedIds(doc);
        expect(new Set(flat.leaves.map((l) => l.productId))).toEqual(ids);
        expect(flat.leaves).toHaveLength(ids.size);
        let expectedStatuses = 0;
        for (const v of doc.vulnerabilities ?? []) {
          for (const status of PRODUCT_STATUSES) {
            expectedStatuses += new Set((v.product_status[status] ?? []).filter((id) => ids.has(id))).size;
          }
        }
        expect(flat.leaves.reduce((n, l) => n + l.statuses.length, 0)).toBe(expectedStatuses);
        for (const leaf of flat.leaves) {
          for (const s of leaf.statuses) expect(flat.vulnerabilities[s.vulnerability]).toBeDefined();
          if (leaf.cpeSource === 'inherited' && leaf.origin === 'branch') expect(leaf.cpe).not.toBeNull();
          if (leaf.cpeSource === null) expect(leaf.cpe).toBeNull();
        }
        // deterministic
        expect(flattenCsaf(doc).leaves).toEqual(flat.leaves);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary JSON values never make it throw', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const flat = flattenCsaf(value);
        expect(Array.isArray(flat.leaves)).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        flattenCsaf({ product_tree: value, vulnerabilities: value });
      }),
      { numRuns: 300 },
    );
  });

  it('survives hostile depth', () => {
    let branches: unknown[] = [
      { category: 'product_version', name: '1', product: { product_id: 'DEEP', name: 'x' } },
    ];
    for (let i = 0; i < 5000; i++) branches = [{ category: 'vendor', name: `v${i}`, branches }];
    const flat = flattenCsaf({ product_tree: { branches } });
    expect(flat.leaves).toHaveLength(0);
    expect(flat.problems[0]).toContain('nested deeper');
  });
});

describe.runIf(hasReference('bsi-wid/wid-sec-w-2024-3319.json'))('readCsaf fuzz', () => {
  const base = readReferenceJson('bsi-wid/wid-sec-w-2024-3319.json');

  /** All paths into the document, to pick one to replace. */
  const paths: (string | number)[][] = [];
  const collect = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        collect(v, [...path, i]);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) collect(v, [...path, k]);
    }
  };
  collect(base, []);

  function replaced(path: (string | number)[], value: unknown): unknown {
    const copy = structuredClone(base) as AnyJson;
    if (path.length === 0) return value;
    let target: AnyJson = copy;
    for (const key of path.slice(0, -1)) target = target[key as string] as AnyJson;
    target[path[path.length - 1] as string] = value;
    return copy;
  }

  it('a real document with one value replaced: valid, or a CsafError — never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (i, value) => {
          const bytes = new TextEncoder().encode(
            JSON.stringify(replaced(paths[i] as (string | number)[], value)),
          );
          try {
            const read = await readCsaf(bytes);
            flattenCsaf(read.document);
          } catch (error) {
            expect(error).toBeInstanceOf(CsafError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random bytes: a CsafError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await expect(readCsaf(bytes)).rejects.toBeInstanceOf(CsafError);
      }),
      { numRuns: 200 },
    );
  });
});
