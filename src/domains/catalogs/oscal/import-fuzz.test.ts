/**
 * Property tests: random mutations of a small valid catalog either import or fail with our own
 * OscalImportError (with a pointer and a message). Nothing else may escape. Whatever imports must
 * export and re-import to the same model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportOscalCatalog } from './export.ts';
import { OscalImportError, type ParseOscalOptions, parseOscalCatalog, parseOscalDocument } from './import.ts';
import { resolveProfile } from './profile.ts';
import { SCHEMA_DIR, schemaAvailable, smallCatalog } from './test-helpers.ts';

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      paths(v, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

function parentOf(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

interface Mutation {
  target: number;
  kind: 'delete' | 'replace' | 'duplicate' | 'add-member' | 'retype-string' | 'copy-elsewhere';
  value: unknown;
  key: string;
  other: number;
}

const interestingStrings = fc.constantFrom(
  '',
  ' ',
  'G2.1',
  'G1.1.1',
  '1-bad',
  '__proto__',
  'constructor',
  '~/escaped',
  '2025-13-45T99:99:99Z',
  '\u0000',
  'Ä\u0301',
  '#5b1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c',
);

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'duplicate', 'add-member', 'retype-string', 'copy-elsewhere'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), interestingStrings),
  key: fc.oneof(
    fc.constantFrom(
      'id',
      'title',
      'controls',
      'groups',
      'parts',
      'props',
      'params',
      'links',
      'x-extra',
      '__proto__',
    ),
    fc.string({ maxLength: 6 }),
  ),
  other: fc.nat(),
});

function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = doc;
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.target % all.length] as Path;
    if (path.length === 0) {
      if (m.kind === 'replace') root = m.value;
      continue;
    }
    const parent = parentOf(root, path) as Record<string | number, unknown> | unknown[];
    const last = path[path.length - 1] as string | number;
    const current = (parent as Record<string | number, unknown>)[last];
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last as string];
        break;
      case 'replace':
        (parent as Record<string | number, unknown>)[last] = structuredClone(m.value);
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(last as number, 0, structuredClone(current));
        break;
      case 'add-member':
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
          Object.defineProperty(current, m.key, {
            value: structuredClone(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
      case 'retype-string':
        (parent as Record<string | number, unknown>)[last] =
          typeof current === 'string' ? (m.value as unknown) : JSON.stringify(current ?? null);
        break;
      case 'copy-elsewhere': {
        const source = paths(root)[m.other % all.length] as Path;
        const value = source.reduce<unknown>((n, s) => (n as Record<string | number, unknown>)?.[s], root);
        if (Array.isArray(parent)) parent.push(structuredClone(value));
        else (parent as Record<string, unknown>)[last] = structuredClone(value);
        break;
      }
    }
  }
  return root;
}

/** Imports `input`; returns 'ok' or the error code. Anything but OscalImportError propagates. */
function checkOne(input: unknown, options: ParseOscalOptions): string {
  let result: ReturnType<typeof parseOscalDocument>;
  try {
    result = parseOscalDocument(input, options);
  } catch (error) {
    if (!(error instanceof OscalImportError)) throw error;
    expect(typeof error.pointer).toBe('string');
    expect(error.pointer === '' || error.pointer.startsWith('/')).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.pointers.length).toBeGreaterThan(0);
    return error.code;
  }
  if (result.kind === 'catalog') {
    const exported = exportOscalCatalog(result.catalog);
    expect(parseOscalCatalog(exported, options)).toEqual(result.catalog);
  }
  if (result.kind === 'profile') {
    // resolving against the fixture may fail, but only with our error
    try {
      resolveProfile(result.profile, () => parseOscalCatalog(smallCatalog()));
    } catch (error) {
      if (!(error instanceof OscalImportError)) throw error;
    }
  }
  return 'ok';
}

const modes: [string, ParseOscalOptions][] = [['structural', {}]];
if (schemaAvailable) modes.push(['json-schema', { schemaDir: SCHEMA_DIR }]);

describe('fuzz: mutated catalogs', () => {
  for (const [name, options] of modes) {
    it(`never throws anything but OscalImportError (${name})`, () => {
      const outcomes = new Map<string, number>();
      fc.assert(
        fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
          const outcome = checkOne(mutate(smallCatalog(), mutations), options);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }),
        { numRuns: 600 },
      );
      // the mutations must exercise both paths, and more than one kind of failure
      expect(outcomes.get('ok') ?? 0).toBeGreaterThan(20);
      expect([...outcomes.keys()].filter((k) => k !== 'ok').length).toBeGreaterThanOrEqual(3);
      if (process.env.OSCAL_FUZZ_STATS) console.log(name, Object.fromEntries(outcomes));
    });
  }

  it('arbitrary JSON values and text never crash the importer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.string(), fc.json()), (input) => {
        checkOne(input, {});
        checkOne({ catalog: input }, {});
        checkOne({ profile: input }, {});
        checkOne({ 'mapping-collection': input }, {});
      }),
      { numRuns: 400 },
    );
  });
});
