import { describe, expect, it } from 'vitest';
import { exportOscalCatalog } from './export.ts';
import { OscalImportError, parseOscalCatalog, parseOscalDocument } from './import.ts';
import { countControls } from './model.ts';
import { SCHEMA_DIR, schemaAvailable, smallCatalog, warnIfMissing } from './test-helpers.ts';

warnIfMissing('JSON-schema error tests', schemaAvailable);

/** Runs `fn`, expects an OscalImportError and returns it. */
function importError(fn: () => unknown): OscalImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OscalImportError);
    return error as OscalImportError;
  }
  throw new Error('expected an OscalImportError');
}

type Json = Record<string, unknown>;
const catalogOf = (doc: Json): Json => doc.catalog as Json;
const groups = (doc: Json): Json[] => catalogOf(doc).groups as Json[];
/** The object at `path` below `root`; throws if there is none (keeps the tests honest). */
function node(root: Json, ...path: (string | number)[]): Json {
  let current: unknown = root;
  for (const segment of path) {
    current = (current as Record<string | number, unknown> | undefined)?.[segment];
  }
  if (current === null || typeof current !== 'object')
    throw new Error(`fixture has no object at ${path.join('/')}`);
  return current as Json;
}

describe('small catalog fixture', () => {
  it('parses structurally, with the schema when available, and round-trips', () => {
    const structural = parseOscalDocument(smallCatalog());
    expect(structural.validation).toBe('structural');
    const model = parseOscalCatalog(smallCatalog());
    expect(countControls(model)).toBe(7);
    expect(model.rootExtra).toEqual({
      $schema: 'http://csrc.nist.gov/ns/oscal/1.1.3/oscal-catalog-schema.json',
    });
    expect(exportOscalCatalog(model)).toEqual(smallCatalog());
    expect(parseOscalCatalog(exportOscalCatalog(model))).toEqual(model);
  });

  it.skipIf(!schemaAvailable)('is valid against the official schema', () => {
    const result = parseOscalDocument(smallCatalog(), { schemaDir: SCHEMA_DIR, requireSchema: true });
    expect(result.validation).toBe('json-schema');
  });

  it('accepts JSON text and UTF-8 bytes, and does not alias the input', () => {
    const input = smallCatalog();
    const text = JSON.stringify(input);
    expect(parseOscalCatalog(text)).toEqual(parseOscalCatalog(input));
    expect(parseOscalCatalog(new TextEncoder().encode(text))).toEqual(parseOscalCatalog(input));
    const model = parseOscalCatalog(input);
    model.groups[1]?.controls.push({ id: 'X', title: 'x', props: [], params: [], parts: [], controls: [] });
    (model.metadataExtra.props as Json[]).push({ name: 'p', value: 'v' });
    expect(input).toEqual(smallCatalog());
  });
});

describe('malformed input', () => {
  it('invalid JSON text', () => {
    const error = importError(() => parseOscalDocument('{"catalog": '));
    expect(error.code).toBe('invalid-json');
    expect(error.pointer).toBe('');
  });

  it('non-JSON JS values name their place', () => {
    const doc = smallCatalog();
    catalogOf(doc).uuid = Number.NaN;
    expect(importError(() => parseOscalDocument(doc))).toMatchObject({
      code: 'invalid-json',
      pointer: '/catalog/uuid',
    });
    const cyclic = smallCatalog();
    catalogOf(cyclic).self = cyclic;
    expect(importError(() => parseOscalDocument(cyclic))).toMatchObject({
      code: 'invalid-json',
      pointer: '/catalog/self',
    });
  });

  it('excessive nesting is refused before anything recurses', () => {
    let deep: Json = { name: 'leaf', value: 'x' };
    for (let i = 0; i < 5000; i++) deep = { parts: [deep], name: 'p' };
    const doc = smallCatalog();
    catalogOf(doc).controls = [{ id: 'D', title: 'deep', parts: [deep] }];
    expect(importError(() => parseOscalDocument(doc)).code).toBe('invalid-json');
  });

  it.each([
    ['an array', [], ''],
    ['a string root value', 'null', ''],
    ['an empty object', {}, ''],
    ['an SSP', { 'system-security-plan': {} }, '/system-security-plan'],
    ['two models', { catalog: {}, profile: {} }, '/profile'],
  ])('%s is not a supported document', (_name, input, pointer) => {
    expect(importError(() => parseOscalDocument(input))).toMatchObject({
      code: 'unsupported-document',
      pointer,
    });
  });

  it('a profile where a catalog is expected', () => {
    const error = importError(() =>
      parseOscalCatalog({
        profile: { uuid: 'u', metadata: {}, imports: [] },
      }),
    );
    expect(error).toMatchObject({ code: 'unsupported-document', pointer: '/profile' });
  });
});

describe('structural validation (no schema configured)', () => {
  it('names the JSON pointer of a missing control id', () => {
    const doc = smallCatalog();
    const g2 = groups(doc)[1] as Json;
    delete (g2.controls as Json[])[1]?.id;
    const error = importError(() => parseOscalDocument(doc));
    expect(error.code).toBe('structure-invalid');
    expect(error.pointer).toBe('/catalog/groups/1/controls/1/id');
    expect(error.message).toContain('/catalog/groups/1/controls/1/id');
  });

  it('names the pointer of a wrongly typed nested element', () => {
    const doc = smallCatalog();
    const control = node(doc, 'catalog', 'groups', 0, 'groups', 0, 'controls', 0);
    ((control.parts as Json[])[0] as Json).prose = 42;
    expect(importError(() => parseOscalDocument(doc)).pointer).toBe(
      '/catalog/groups/0/groups/0/controls/0/parts/0/prose',
    );
  });

  it('rejects an id that is not an OSCAL token', () => {
    const doc = smallCatalog();
    node(doc, 'catalog', 'groups', 1, 'controls', 0).id = 'has space';
    expect(importError(() => parseOscalDocument(doc)).pointer).toBe('/catalog/groups/1/controls/0/id');
  });

  it('keeps unknown fields raw and round-trips them', () => {
    const doc = smallCatalog();
    node(doc, 'catalog', 'groups', 1, 'controls', 0)['x-bastei'] = { a: [1, 2] };
    catalogOf(doc)['x-top'] = true;
    const model = parseOscalCatalog(doc);
    expect(model.groups[1]?.controls[0]?.extra).toEqual({ 'x-bastei': { a: [1, 2] } });
    expect(model.extra).toEqual({ 'x-top': true });
    expect(exportOscalCatalog(model)).toEqual(doc);
  });
});

describe.skipIf(!schemaAvailable)('JSON schema validation', () => {
  const opts = { schemaDir: SCHEMA_DIR };

  it('error message contains the JSON pointer of the bad element', () => {
    const doc = smallCatalog();
    // group 3 in the brief's example; the fixture has two groups, so add two more
    groups(doc).push({ title: 'G3', controls: [{ id: 'G3.1', title: 'a' }] });
    groups(doc).push({ title: 'G4', controls: [{ id: '1-bad', title: 'starts with a digit' }] });
    const error = importError(() => parseOscalDocument(doc, opts));
    expect(error.code).toBe('schema-invalid');
    expect(error.pointer).toBe('/catalog/groups/3/controls/0/id');
    expect(error.message).toContain('/catalog/groups/3/controls/0/id');
  });

  it('names a missing required member', () => {
    const doc = smallCatalog();
    delete (catalogOf(doc).metadata as Json)['last-modified'];
    const error = importError(() => parseOscalDocument(doc, opts));
    expect(error.pointer).toBe('/catalog/metadata/last-modified');
    expect(error.message).toMatch(/required/);
  });

  it('names an unknown member', () => {
    const doc = smallCatalog();
    node(doc, 'catalog', 'groups', 1, 'controls', 1).colour = 'blue';
    const error = importError(() => parseOscalDocument(doc, opts));
    expect(error.pointer).toBe('/catalog/groups/1/controls/1/colour');
  });

  it('names a bad date-time', () => {
    const doc = smallCatalog();
    (catalogOf(doc).metadata as Json)['last-modified'] = 'yesterday';
    expect(importError(() => parseOscalDocument(doc, opts)).pointer).toBe('/catalog/metadata/last-modified');
  });

  it('falls back to structural validation when the schema folder is absent', () => {
    const result = parseOscalDocument(smallCatalog(), { schemaDir: '/nonexistent/oscal-schema' });
    expect(result.validation).toBe('structural');
    const error = importError(() =>
      parseOscalDocument(smallCatalog(), { schemaDir: '/nonexistent/oscal-schema', requireSchema: true }),
    );
    expect(error.code).toBe('schema-unavailable');
  });

  it('accepts a schema passed as object', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('oscal_catalog_schema.json', SCHEMA_DIR), 'utf8')) as Json;
    const result = parseOscalDocument(smallCatalog(), { schemas: { catalog: schema }, requireSchema: true });
    expect(result.validation).toBe('json-schema');
  });
});

describe('duplicate control ids', () => {
  it('names both pointers', () => {
    const doc = smallCatalog();
    (node(doc, 'catalog', 'groups', 1).controls as Json[]).push({ id: 'G1.1.1.2', title: 'Doppelt' });
    const error = importError(() => parseOscalDocument(doc));
    expect(error.code).toBe('duplicate-id');
    expect(error.pointers).toEqual([
      '/catalog/groups/0/groups/0/controls/0/controls/1',
      '/catalog/groups/1/controls/2',
    ]);
    expect(error.pointer).toBe('/catalog/groups/1/controls/2');
    expect(error.message).toContain('G1.1.1.2');
    expect(error.message).toContain('/catalog/groups/0/groups/0/controls/0/controls/1');
    expect(error.message).toContain('/catalog/groups/1/controls/2');
  });

  it.skipIf(!schemaAvailable)(
    'is detected with schema validation too (the JSON schema cannot see it)',
    () => {
      const doc = smallCatalog();
      catalogOf(doc).controls = [{ id: 'G2.1', title: 'Doppelt' }];
      const error = importError(() => parseOscalDocument(doc, { schemaDir: SCHEMA_DIR }));
      expect(error).toMatchObject({
        code: 'duplicate-id',
        pointers: ['/catalog/controls/0', '/catalog/groups/1/controls/0'],
      });
    },
  );
});
