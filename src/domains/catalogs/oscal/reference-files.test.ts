/**
 * Import, resolution, mapping and export against real, unmodified OSCAL files from BSI and NIST
 * (shared/reference/catalogs, see SOURCES.md there). Expected numbers were counted independently
 * with jq over the raw files, not with this module.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportOscalCatalog } from './export.ts';
import {
  type CrossReference,
  type OscalImportResult,
  parseOscalCatalog,
  parseOscalDocument,
  parseOscalProfile,
  resolveProfile,
} from './import.ts';
import { type CatalogModel, countControls, findControl, flattenControls, requirementView } from './model.ts';
import {
  FILES,
  readReference,
  referenceAvailable,
  SCHEMA_DIR,
  schemaAvailable,
  warnIfMissing,
} from './test-helpers.ts';

warnIfMissing('reference-file tests', referenceAvailable && schemaAvailable);

const opts = { schemaDir: SCHEMA_DIR, requireSchema: true };

const parsed = new Map<string, CatalogModel>();
/** Parsed once per file; the tests only read the models. */
function catalog(file: string): CatalogModel {
  let model = parsed.get(file);
  if (!model) {
    model = parseOscalCatalog(readReference(file), opts);
    parsed.set(file, model);
  }
  return model;
}

function tally(values: readonly (string | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) if (v !== undefined) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function groupCount(model: CatalogModel): number {
  const walk = (groups: CatalogModel['groups']): number => groups.reduce((n, g) => n + 1 + walk(g.groups), 0);
  return walk(model.groups);
}

describe.skipIf(!referenceAvailable || !schemaAvailable)('OSCAL reference files', () => {
  describe('catalog counts', () => {
    const expected = [
      // file, controls incl. nested, nested controls, groups at all levels, top-level groups
      [FILES.kernel, 901, 305, 117, 14],
      [FILES.methodik, 95, 43, 41, 5],
      [FILES.risiko, 10, 0, 2, 1],
      [FILES.nistBasic, 4, 0, 4, 2],
      [FILES.nistLowResolved, 149, 18, 18, 18],
    ] as const;
    for (const [file, controls, nested, groups, topGroups] of expected) {
      it(`${file}: ${controls} controls`, () => {
        const model = catalog(file);
        expect(countControls(model)).toBe(controls);
        const flat = flattenControls(model);
        expect(flat).toHaveLength(controls);
        expect(flat.filter((f) => f.depth > 0)).toHaveLength(nested);
        expect(new Set(flat.map((f) => f.control.id)).size).toBe(controls);
        expect(groupCount(model)).toBe(groups);
        expect(model.groups).toHaveLength(topGroups);
      });
    }
  });

  it('Kernel: parse + schema validation stays well under 2 s (see bench/oscal-import.bench.ts)', () => {
    const text = readReference(FILES.kernel);
    parseOscalCatalog(text, opts); // schema compiled and cached
    const start = performance.now();
    parseOscalCatalog(text, opts);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('Kernel: BSI props and statement/guidance prose are kept', () => {
    const model = catalog(FILES.kernel);
    const views = flattenControls(model).map((f) => requirementView(f.control));
    expect(tally(views.map((v) => v.level))).toEqual({ 'normal-SdT': 674, erhöht: 227 });
    expect(tally(views.map((v) => v.effort))).toEqual({
      '0': 69,
      '1': 44,
      '2': 166,
      '3': 275,
      '4': 158,
      '5': 189,
    });
    expect(tally(views.map((v) => v.modalVerb))).toEqual({ KANN: 224, MUSS: 69, SOLLTE: 608 });
    expect(views.filter((v) => v.statement !== null)).toHaveLength(901);
    expect(views.filter((v) => v.guidance !== null)).toHaveLength(899);

    const view = requirementView(
      findControl(model, 'ASST.1.1.2') as NonNullable<ReturnType<typeof findControl>>,
    );
    expect(view).toMatchObject({
      id: 'ASST.1.1.2',
      title: 'Zuweisung der Aufgaben',
      level: 'normal-SdT',
      effort: '0',
      modalVerb: 'MUSS',
    });
    expect(view.statement).toBe(
      'Informationen und Assets MUSS die mit den Verfahren und Regelungen verbundenen Aufgaben ' +
        '{{ insert: param, asst.1.1.2-prm1 }} zuweisen.',
    );
    expect(view.guidance).toMatch(/^Die Zuweisung von Aufgaben bezeichnet/);
    // props keep their namespace; unknown-to-OSCAL names such as alt-identifier stay too
    expect(view.props.map((p) => p.name)).toEqual(['alt-identifier', 'sec_level', 'effort_level']);
    expect(view.props[1]?.ns).toMatch(/security_level\.csv$/);
    expect(view.statementProps.map((p) => p.name)).toEqual([
      'documentation',
      'result',
      'result_specification',
      'action_word',
      'modal_verb',
    ]);
    const control = findControl(model, 'ASST.1.1.2');
    expect(control?.params).toEqual([
      {
        id: 'asst.1.1.2-prm1',
        label: 'zuständigen Personen oder Rollen',
        props: [{ name: 'alt-identifier', value: 'c2e8fafc-2e0d-40ad-b3ec-c572bf70a2b7' }],
      },
    ]);
    // all params, wherever they sit (jq count: 207)
    expect(flattenControls(model).reduce((n, f) => n + f.control.params.length, 0)).toBe(207);
  });

  it('Methodik and Risikomanagement: levels and modal verbs', () => {
    const methodik = flattenControls(catalog(FILES.methodik)).map((f) => requirementView(f.control));
    expect(tally(methodik.map((v) => v.level))).toEqual({ 'normal-SdT': 95 });
    expect(tally(methodik.map((v) => v.modalVerb))).toEqual({ MUSS: 76, SOLLTE: 19 });
    const risiko = flattenControls(catalog(FILES.risiko)).map((f) => requirementView(f.control));
    expect(tally(risiko.map((v) => v.modalVerb))).toEqual({ MUSS: 9, SOLLTE: 1 });
    expect(tally(risiko.map((v) => v.effort))).toEqual({ '0': 9, '2': 1 });
  });

  it('NIST: statement items are collected with their labels', () => {
    const model = catalog(FILES.nistLowResolved);
    const view = requirementView(findControl(model, 'ac-1') as NonNullable<ReturnType<typeof findControl>>);
    expect(view.statement?.split('\n')[0]).toMatch(/^a\. /);
    expect(view.guidance).not.toBeNull();
    expect(view.level).toBeUndefined(); // the LOW baseline is a profile, not a prop
    expect(model.backMatter?.resources).toHaveLength(135);
  });

  describe('profiles', () => {
    it('Grundschutz++ profile resolves against Methodik, Risikomanagement and Kernel (for Kernel-G0)', () => {
      const profile = parseOscalProfile(readReference(FILES.gsppProfile), opts);
      const sources = {
        'BSI-Methodik-Grundschutz++-catalog.json': catalog(FILES.methodik),
        'BSI-Anforderungen-zum-Risikomanagement-catalog.json': catalog(FILES.risiko),
        // The G0 variant (> 4 MiB) is not in the reference snapshot; SOURCES.md says to map it to Kernel.
        'BSI-Stand-der-Technik-Kernel-G0-catalog.json': catalog(FILES.kernel),
      };
      const { catalog: resolved, warnings } = resolveProfile(profile, sources, {
        uuid: '2f0c7a36-8f1e-4d55-9b7e-2d8f3f1a7c10',
        lastModified: '2026-01-01T00:00:00Z',
      });
      expect(warnings).toEqual([]);
      // 95 Methodik (include-all) + 4 RISK (with-ids) + 901 Kernel (include-all)
      expect(countControls(resolved)).toBe(1000);
      const ids = flattenControls(resolved).map((f) => f.control.id);
      expect(ids.filter((id) => id.startsWith('RISK.'))).toEqual([
        'RISK.1.1',
        'RISK.1.3',
        'RISK.1.5',
        'RISK.1.10',
      ]);
      // merge as-is: source grouping kept (5 Methodik + RISK + 14 Kernel top-level groups)
      expect(resolved.groups).toHaveLength(20);
      expect(resolved.title).toBe('Anwenderkatalog Grundschutz++');
      // set-parameters applied
      const params = new Map(
        flattenControls(resolved).flatMap((f) => f.control.params.map((p) => [p.id, p] as const)),
      );
      expect(params.get('gc.1.1-prm1')).toMatchObject({
        label: 'BSI Grundschutz++',
        values: ['BSI Grundschutz++'],
      });
      expect(params.get('not.1.1.4-prm1')).toMatchObject({ values: ['BSI-Standard 200-4'] });
      // the resolved catalog is a valid OSCAL catalog and round-trips
      const exported = exportOscalCatalog(resolved);
      expect(parseOscalCatalog(exported, opts)).toEqual(resolved);
    });

    it('Grundschutz++ profile: a missing control or an unmapped import is named', () => {
      const profile = parseOscalProfile(readReference(FILES.gsppProfile), opts);
      const methodik = catalog(FILES.methodik);
      // the RISK import pointed at a catalog without RISK.* controls
      const missing = (() => {
        try {
          resolveProfile(profile, {
            'BSI-Methodik-Grundschutz++-catalog.json': methodik,
            'BSI-Anforderungen-zum-Risikomanagement-catalog.json': methodik,
            'BSI-Stand-der-Technik-Kernel-G0-catalog.json': methodik,
          });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(missing).toMatchObject({
        code: 'missing-control',
        pointer: '/profile/imports/1/include-controls/0/with-ids/0',
      });
      expect((missing as Error).message).toContain('RISK.1.1');
      // the Kernel-G0 catalog left unmapped
      expect(() =>
        resolveProfile(profile, {
          'BSI-Methodik-Grundschutz++-catalog.json': methodik,
          'BSI-Anforderungen-zum-Risikomanagement-catalog.json': catalog(FILES.risiko),
        }),
      ).toThrow(/\/profile\/imports\/2\/href.*BSI-Stand-der-Technik-Kernel-G0-catalog\.json/);
    });

    it('NIST LOW profile resolves to the 149 controls of the published resolved LOW catalog', () => {
      const profile = parseOscalProfile(readReference(FILES.nistLowProfile), opts);
      const published = catalog(FILES.nistLowResolved);
      // The full SP 800-53 catalog is not in the snapshot; the published LOW resolution contains
      // every control the profile selects, so it stands in as the import source (via a resolver).
      const tried: string[] = [];
      const { catalog: resolved } = resolveProfile(profile, (href) => {
        tried.push(href);
        return href.endsWith('NIST_SP-800-53_rev5_catalog.json') ? published : undefined;
      });
      expect(tried).toEqual([
        '#84cbf061-eb87-4ec1-8112-1f529232e907',
        '../../../../nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json',
      ]);
      expect(countControls(resolved)).toBe(149);
      const ids = (m: CatalogModel) => flattenControls(m).map((f) => f.control.id);
      expect(ids(resolved)).toEqual(ids(published));
      expect(resolved.groups.map((g) => g.id)).toEqual(published.groups.map((g) => g.id));
    });
  });

  describe('mapping collections', () => {
    const mapping = (file: string): Extract<OscalImportResult, { kind: 'mapping-collection' }> => {
      const result = parseOscalDocument(readReference(file), opts);
      if (result.kind !== 'mapping-collection') throw new Error(`not a mapping collection: ${file}`);
      return result;
    };
    const dangling = (refs: CrossReference[]): number => {
      const known = new Set(
        [catalog(FILES.kernel), catalog(FILES.methodik)].flatMap((m) =>
          flattenControls(m).map((f) => f.control.id),
        ),
      );
      return refs.filter((r) => !known.has(r.targetId)).length;
    };

    it('ITGS → GS++: 1185 cross-references', () => {
      const result = mapping(FILES.itgsMapping);
      expect(result.validation).toBe('json-schema');
      expect(result.warnings).toEqual([]);
      const refs = result.crossReferences;
      expect(refs).toHaveLength(1185);
      expect(tally(refs.map((r) => r.targetCatalog))).toEqual({
        'target-catalogs/05160af58864-BSI-Stand-der-Technik-Kernel-catalog.json': 1013,
        'target-catalogs/30dc66259164-BSI-Methodik-Grundschutz__-catalog.json': 172,
      });
      expect(tally(refs.map((r) => r.relationship))).toEqual({
        'equal-to': 21,
        'equivalent-to': 118,
        'intersects-with': 395,
        'subset-of': 464,
        'superset-of': 187,
      });
      expect(new Set(refs.map((r) => r.sourceId)).size).toBe(824);
      expect(refs[0]).toMatchObject({
        sourceCatalog: 'itgs-source-catalog.json',
        sourceId: 'APP.3.6.A1-UA.2',
        targetId: 'ARCH.1.1',
        relationship: 'subset-of',
        status: 'draft',
        pointer: '/mapping-collection/mappings/0/maps/0',
      });
      // The mapping targets a newer catalog snapshot: 56 references name ids absent from ours.
      expect(dangling(refs)).toBe(56);
    });

    it('ISO 27001 Annex A → GS++: 365 cross-references (OSCAL 1.2.2 document, 1.2.1 schema)', () => {
      const result = mapping(FILES.isoMapping);
      expect(result.validation).toBe('json-schema');
      expect(result.warnings.map((w) => w.pointer)).toEqual([
        '/mapping-collection/provenance/qa-reviewed',
        '/mapping-collection/provenance/qa-note',
      ]);
      expect(result.mappingCollection.provenance?.['qa-reviewed']).toBe('2026-05-27');
      const refs = result.crossReferences;
      expect(refs).toHaveLength(365);
      expect(result.mappingCollection.mappings.reduce((n, m) => n + m.maps.length, 0)).toBe(96);
      expect(tally(refs.map((r) => r.targetCatalog))).toEqual({
        'BSI-Methodik-Grundschutz++-catalog.json': 30,
        'BSI-Stand-der-Technik-Kernel-catalog.json': 335,
      });
      expect(tally(refs.map((r) => r.relationship))).toEqual({
        'equivalent-to': 27,
        'intersects-with': 19,
        'subset-of': 319,
      });
      expect(new Set(refs.map((r) => r.sourceId)).size).toBe(93);
      expect(dangling(refs)).toBe(22);
    });
  });

  describe('export', () => {
    for (const file of [FILES.kernel, FILES.methodik, FILES.risiko, FILES.nistBasic, FILES.nistLowResolved]) {
      it(`${file}: export validates against the 1.1.3 catalog schema and round-trips`, () => {
        const model = parseOscalCatalog(readReference(file), opts);
        const exported = exportOscalCatalog(model);
        // requireSchema: the reparse must pass the official schema, not just the structure check
        const reparsed = parseOscalDocument(exported, opts);
        expect(reparsed.validation).toBe('json-schema');
        expect(reparsed.schema).toBe(fileURLToPath(new URL('oscal_catalog_schema.json', SCHEMA_DIR)));
        expect(exported.catalog.metadata['oscal-version']).toBe(model.oscalVersion);
        expect(reparsed.kind === 'catalog' ? reparsed.catalog : undefined).toEqual(model);
        // and as text, the way it would be stored or served
        expect(parseOscalCatalog(JSON.stringify(exported), opts)).toEqual(model);
      });
    }

    it('the exported Kernel document equals the source JSON (nothing lost, nothing added)', () => {
      const source = JSON.parse(readReference(FILES.kernel)) as unknown;
      expect(exportOscalCatalog(catalog(FILES.kernel))).toEqual(source);
    });
  });

  it('rejects OSCAL models other than catalog, profile and mapping-collection', () => {
    expect(() => parseOscalDocument(readReference(FILES.nistSsp), opts)).toThrow(/system-security-plan/);
  });
});
