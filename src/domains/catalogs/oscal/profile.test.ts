import { describe, expect, it } from 'vitest';
import { exportOscalCatalog } from './export.ts';
import {
  OscalImportError,
  parseOscalCatalog,
  parseOscalDocument,
  parseOscalProfile,
  resolveProfile,
} from './import.ts';
import { type CatalogModel, findControl, flattenControls } from './model.ts';
import type { ProfileModel } from './profile.ts';
import { SCHEMA_DIR, schemaAvailable, smallCatalog } from './test-helpers.ts';

type Json = Record<string, unknown>;

const CATALOG_RESOURCE = '5b1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c';

function profileDoc(profile: Json): Json {
  return {
    profile: {
      uuid: '3e1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c',
      metadata: {
        title: 'Testprofil',
        'last-modified': '2025-02-03T04:05:06Z',
        version: '2',
        'oscal-version': '1.1.3',
      },
      'back-matter': {
        resources: [
          {
            uuid: CATALOG_RESOURCE,
            rlinks: [
              {
                href: 'https://example.org/catalogs/test-catalog.xml',
                'media-type': 'application/oscal.catalog+xml',
              },
              { href: '../catalogs/test-catalog.json', 'media-type': 'application/oscal.catalog+json' },
            ],
          },
        ],
      },
      ...profile,
    },
  };
}

function profileOf(profile: Json): ProfileModel {
  return parseOscalProfile(profileDoc(profile));
}

const sources = (): Record<string, CatalogModel> => ({
  'test-catalog.json': parseOscalCatalog(smallCatalog()),
});

const ids = (m: CatalogModel): string[] => flattenControls(m).map((f) => f.control.id);

function resolve(profile: Json, extra: Record<string, CatalogModel | ProfileModel> = {}) {
  return resolveProfile(
    profileOf(profile),
    { ...sources(), ...extra },
    { uuid: '6e1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c' },
  );
}

function importError(fn: () => unknown): OscalImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OscalImportError);
    return error as OscalImportError;
  }
  throw new Error('expected an OscalImportError');
}

const imp = (extra: Json): Json => ({ href: `#${CATALOG_RESOURCE}`, ...extra });

describe('resolveProfile: selection', () => {
  it('include-all keeps every control, structure as-is', () => {
    const { catalog } = resolve({ imports: [imp({ 'include-all': {} })], merge: { 'as-is': true } });
    expect(ids(catalog)).toEqual(ids(parseOscalCatalog(smallCatalog())));
    expect(catalog.groups.map((g) => g.id)).toEqual(['G1', 'G2']);
    expect(catalog.title).toBe('Testprofil');
    expect(catalog.metadataExtra.links).toEqual([
      { href: 'urn:uuid:3e1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c', rel: 'source-profile' },
    ]);
    expect(catalog.params?.map((p) => p.id)).toEqual(['cat-prm1']);
  });

  it('with-ids and with-child-controls', () => {
    const withKids = resolve({
      imports: [imp({ 'include-controls': [{ 'with-ids': ['G1.1.1'], 'with-child-controls': 'yes' }] })],
      merge: { 'as-is': true },
    });
    expect(ids(withKids.catalog)).toEqual(['G1.1.1', 'G1.1.1.1', 'G1.1.1.2', 'G1.1.1.2.1']);
    expect(withKids.catalog.groups.map((g) => g.id)).toEqual(['G1']); // empty G2 dropped

    const alone = resolve({
      imports: [imp({ 'include-controls': [{ 'with-ids': ['G1.1.1'] }] })],
      merge: { 'as-is': true },
    });
    expect(ids(alone.catalog)).toEqual(['G1.1.1']);
  });

  it('a selected child of an unselected control moves up into its place', () => {
    const { catalog } = resolve({
      imports: [imp({ 'include-controls': [{ 'with-ids': ['G1.1.1.2.1', 'G2.2'] }] })],
      merge: { 'as-is': true },
    });
    expect(catalog.groups[0]?.groups[0]?.controls.map((c) => c.id)).toEqual(['G1.1.1.2.1']);
    expect(ids(catalog)).toEqual(['G1.1.1.2.1', 'G2.2']);
  });

  it('matching patterns and exclude-controls', () => {
    const { catalog } = resolve({
      imports: [
        imp({
          'include-controls': [{ matching: [{ pattern: 'G1.1.1*' }, { pattern: 'TOP.?' }] }],
          'exclude-controls': [{ 'with-ids': ['G1.1.1.2'], 'with-child-controls': 'yes' }],
        }),
      ],
      merge: { 'as-is': true },
    });
    expect(ids(catalog)).toEqual(['TOP.1', 'G1.1.1', 'G1.1.1.1']);
  });

  it('a missing control id is an error naming the id and its place in the profile', () => {
    const error = importError(() =>
      resolve({ imports: [imp({ 'include-controls': [{ 'with-ids': ['G2.1', 'NOPE.7'] }] })] }),
    );
    expect(error.code).toBe('missing-control');
    expect(error.pointer).toBe('/profile/imports/0/include-controls/0/with-ids/1');
    expect(error.message).toContain('NOPE.7');
    const excluded = importError(() =>
      resolve({ imports: [imp({ 'include-all': {}, 'exclude-controls': [{ 'with-ids': ['GONE'] }] })] }),
    );
    expect(excluded).toMatchObject({
      code: 'missing-control',
      pointer: '/profile/imports/0/exclude-controls/0/with-ids/0',
    });
  });
});

describe('resolveProfile: import hrefs', () => {
  it('follows #uuid through back-matter rlinks (JSON first), by exact href or file name', () => {
    const seen: string[] = [];
    const catalog = parseOscalCatalog(smallCatalog());
    resolveProfile(profileOf({ imports: [imp({ 'include-all': {} })] }), (href, ctx) => {
      seen.push(href);
      expect(ctx.resource?.uuid).toBe(CATALOG_RESOURCE);
      expect(ctx.importIndex).toBe(0);
      return href === '../catalogs/test-catalog.json' ? catalog : undefined;
    });
    expect(seen).toEqual([`#${CATALOG_RESOURCE}`, '../catalogs/test-catalog.json']);
    const byMap = resolveProfile(
      profileOf({ imports: [imp({ 'include-all': {} })] }),
      new Map([['../catalogs/test-catalog.json', catalog]]),
    );
    expect(ids(byMap.catalog)).toHaveLength(7);
  });

  it('a direct href is looked up too', () => {
    const { catalog } = resolve({ imports: [{ href: 'catalogs/test-catalog.json', 'include-all': {} }] });
    expect(ids(catalog)).toHaveLength(7);
  });

  it('unresolvable imports are errors', () => {
    expect(
      importError(() => resolveProfile(profileOf({ imports: [imp({ 'include-all': {} })] }), {})),
    ).toMatchObject({
      code: 'unresolved-import',
      pointer: '/profile/imports/0/href',
    });
    expect(
      importError(() =>
        resolve({ imports: [{ href: '#9e1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c', 'include-all': {} }] }),
      ),
    ).toMatchObject({ code: 'unresolved-import', pointer: '/profile/imports/0/href' });
    // a table key like "constructor" must not match Object.prototype
    expect(
      importError(() =>
        resolveProfile(profileOf({ imports: [{ href: 'constructor', 'include-all': {} }] }), {}),
      ),
    ).toMatchObject({ code: 'unresolved-import' });
  });

  it('imports of profiles are resolved recursively; cycles are errors', () => {
    const inner = profileOf({
      imports: [imp({ 'include-controls': [{ 'with-ids': ['G2.1', 'G2.2'] }] })],
      merge: { 'as-is': true },
    });
    const innerWithUuid: ProfileModel = { ...inner, uuid: '7e1f3c9e-7a2d-4e8f-9c6b-1d2e3f4a5b6c' };
    const { catalog } = resolve(
      { imports: [{ href: 'inner-profile.json', 'include-controls': [{ 'with-ids': ['G2.2'] }] }] },
      { 'inner-profile.json': innerWithUuid },
    );
    expect(ids(catalog)).toEqual(['G2.2']);

    const selfImport = profileOf({ imports: [{ href: 'me.json', 'include-all': {} }] });
    expect(importError(() => resolveProfile(selfImport, { 'me.json': selfImport })).code).toBe(
      'import-cycle',
    );
  });
});

describe('resolveProfile: merge', () => {
  const twoImports = (merge?: Json) => ({
    imports: [
      imp({ 'include-controls': [{ 'with-ids': ['G2.1'] }] }),
      imp({ 'include-controls': [{ 'with-ids': ['G1.1.1', 'G2.2'], 'with-child-controls': 'yes' }] }),
    ],
    ...(merge ? { merge } : {}),
  });

  it('as-is merges groups with equal ids', () => {
    const { catalog } = resolve(twoImports({ 'as-is': true }));
    expect(catalog.groups.map((g) => g.id)).toEqual(['G2', 'G1']);
    expect(catalog.groups[0]?.controls.map((c) => c.id)).toEqual(['G2.1', 'G2.2']);
  });

  it('flat (and no merge) drop groups but keep child controls under their parent', () => {
    for (const merge of [{ flat: {} }, undefined]) {
      const { catalog } = resolve(twoImports(merge));
      expect(catalog.groups).toEqual([]);
      expect(catalog.controls.map((c) => c.id)).toEqual(['G2.1', 'G1.1.1', 'G2.2']);
      expect(catalog.controls[1]?.controls.map((c) => c.id)).toEqual(['G1.1.1.1', 'G1.1.1.2']);
    }
  });

  it('custom builds the given groups', () => {
    const { catalog, warnings } = resolve(
      twoImports({
        custom: {
          groups: [
            {
              id: 'A',
              title: 'Alles aus G2, absteigend',
              'insert-controls': [
                { order: 'descending', 'include-controls': [{ matching: [{ pattern: 'G2.*' }] }] },
              ],
            },
          ],
        },
      }),
    );
    expect(catalog.groups.map((g) => [g.id, g.controls.map((c) => c.id)])).toEqual([['A', ['G2.2', 'G2.1']]]);
    expect(warnings.map((w) => w.code)).toEqual(['custom-merge-dropped']);
  });

  it('the same control from two imports: error unless combine use-first', () => {
    const clash = {
      imports: [imp({ 'include-all': {} }), imp({ 'include-controls': [{ 'with-ids': ['G2.1'] }] })],
    };
    const error = importError(() => resolve(clash));
    expect(error).toMatchObject({
      code: 'duplicate-id',
      pointers: ['/profile/imports/0', '/profile/imports/1'],
    });
    const { catalog } = resolve({ ...clash, merge: { combine: { method: 'use-first' }, 'as-is': true } });
    expect(ids(catalog)).toHaveLength(7);
  });
});

describe('resolveProfile: modify', () => {
  it('set-parameters change params; unknown ones are warnings', () => {
    const { catalog, warnings } = resolve({
      imports: [imp({ 'include-all': {} })],
      merge: { 'as-is': true },
      modify: {
        'set-parameters': [
          { 'param-id': 'g1.1.1-prm1', values: ['ISB'], props: [{ name: 'set-by', value: 'profile' }] },
          { 'param-id': 'cat-prm1', label: 'Neu' },
          { 'param-id': 'nope-prm', values: ['x'] },
        ],
      },
    });
    expect(findControl(catalog, 'G1.1.1')?.params[0]).toEqual({
      id: 'g1.1.1-prm1',
      label: 'Rollen',
      values: ['ISB'],
      props: [{ name: 'set-by', value: 'profile' }],
    });
    expect(catalog.params?.[0]).toEqual({ id: 'cat-prm1', label: 'Neu' });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'set-parameter-unmatched',
        pointer: '/profile/modify/set-parameters/2',
      }),
    ]);
  });

  it('alters add and remove props, parts and params', () => {
    const source = parseOscalCatalog(smallCatalog());
    const { catalog } = resolve({
      imports: [imp({ 'include-all': {} })],
      merge: { 'as-is': true },
      modify: {
        alters: [
          {
            'control-id': 'G1.1.1',
            removes: [{ 'by-name': 'unknown_prop' }, { 'by-id': 'G1.1.1_gdn' }],
            adds: [
              { position: 'starting', props: [{ name: 'baseline', value: 'LOW' }] },
              {
                'by-id': 'G1.1.1_stm',
                position: 'after',
                parts: [{ id: 'G1.1.1_note', name: 'note', prose: 'n' }],
              },
              { 'by-id': 'G1.1.1_stm', parts: [{ name: 'item', prose: 'Unterpunkt' }] },
            ],
          },
          { 'control-id': 'G2.2', adds: [{ title: 'Umbenannt', params: [{ id: 'g2.2-prm2' }] }] },
        ],
      },
    });
    const control = findControl(catalog, 'G1.1.1');
    expect(control?.props.map((p) => p.name)).toEqual(['baseline', 'sec_level', 'effort_level']);
    expect(control?.parts.map((p) => p.id)).toEqual(['G1.1.1_stm', 'G1.1.1_note']);
    expect(control?.parts[0]?.parts).toEqual([{ name: 'item', prose: 'Unterpunkt' }]);
    expect(findControl(catalog, 'G2.2')).toMatchObject({
      title: 'Umbenannt',
      params: [{ id: 'g2.2-prm1' }, { id: 'g2.2-prm2' }],
    });
    // the source catalog is untouched
    expect(findControl(source, 'G1.1.1')).toEqual(findControl(parseOscalCatalog(smallCatalog()), 'G1.1.1'));
    expect(findControl(sources()['test-catalog.json'] as CatalogModel, 'G2.2')?.title).toBe('Dritte');
  });

  it('an alter for a control not in the resolved catalog is an error naming it', () => {
    const error = importError(() =>
      resolve({
        imports: [imp({ 'include-controls': [{ 'with-ids': ['G2.1'] }] })],
        modify: { alters: [{ 'control-id': 'G2.2', adds: [{ title: 'x' }] }] },
      }),
    );
    expect(error).toMatchObject({ code: 'missing-control', pointer: '/profile/modify/alters/0/control-id' });
    expect(error.message).toContain('G2.2');
  });

  it.skipIf(!schemaAvailable)(
    'profiles are schema-checked and the resolution exports as a valid catalog',
    () => {
      const doc = profileDoc({
        imports: [imp({ 'include-controls': [{ 'with-ids': ['G1.1.1'], 'with-child-controls': 'yes' }] })],
        merge: { 'as-is': true },
        modify: { 'set-parameters': [{ 'param-id': 'g1.1.1-prm1', values: ['ISB'] }] },
      });
      const parsed = parseOscalDocument(doc, { schemaDir: SCHEMA_DIR, requireSchema: true });
      expect(parsed.kind).toBe('profile');
      if (parsed.kind !== 'profile') return;
      const { catalog } = resolveProfile(parsed.profile, sources(), { lastModified: '2025-01-01T00:00:00Z' });
      const exported = exportOscalCatalog(catalog);
      expect(parseOscalCatalog(exported, { schemaDir: SCHEMA_DIR, requireSchema: true })).toEqual(catalog);

      const bad = profileDoc({
        imports: [imp({ 'include-controls': [{ 'with-child-controls': 'maybe' }] })],
      });
      expect(() => parseOscalDocument(bad, { schemaDir: SCHEMA_DIR })).toThrow(
        /\/profile\/imports\/0\/include-controls\/0\/with-child-controls/,
      );
    },
  );
});
