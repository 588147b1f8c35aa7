/**
 * Boundaries for the map: the demo seed imports Sachsen-Anhalt's Kommunen and Kreise from the
 * reference folder, the API gives each caller only the boundaries of organisations it may see,
 * and `bastei import geometry` matches GeoJSON/TopoJSON by ARS or AGS, idempotently, refusing
 * bad files without writing anything.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDataDir, createTestApp, type TestApp } from '../../../../test/helpers.ts';
import { systemContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseBoundaryFile } from './parse.ts';
import { importGeometry } from './service.ts';

const GEO_DIR = fileURLToPath(
  new URL('../../../../../shared/reference/municipalities/geo/', import.meta.url),
);
const TOPO = join(GEO_DIR, 'st-kommunen.topojson');
const GEMEINDEN = join(GEO_DIR, 'st-gemeinden.geojson');
const haveReference = existsSync(TOPO) && existsSync(GEMEINDEN);
if (!haveReference) console.warn(`boundary tests with the real files skipped: ${GEO_DIR} is absent`);

const square = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.1, lat],
      [lon + 0.1, lat + 0.1],
      [lon, lat + 0.1],
      [lon, lat],
    ],
  ],
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Collection = {
  attributions: string[];
  features: { id: string; properties: { ars: string; name: string } }[];
};

describe.runIf(haveReference)('boundaries of the demo state', () => {
  it('the ministry sees all 133 Kommunen and 14 Kreise with the BKG attribution', async () => {
    const ministry = await t.as('ministerium');
    const kommunen = (
      await ministry.get('/api/v1/organisations/boundaries?type=municipality')
    ).json() as Collection;
    const districts = (
      await ministry.get('/api/v1/organisations/boundaries?type=district')
    ).json() as Collection;
    // the 133 are 119 municipality units and the 14 districts (the Landkreise are Kommunen too)
    expect(kommunen.features.length + districts.features.length).toBe(133);
    expect(districts.features).toHaveLength(14);
    expect(kommunen.attributions.join(' ')).toContain('GeoBasis-DE / BKG');
  });

  it('an ISB sees only the own Kommune; the observer none; within= narrows to a subtree', async () => {
    const isb = await t.as('isb.halberstadt');
    const own = (await isb.get('/api/v1/organisations/boundaries')).json() as Collection;
    expect(own.features.map((f) => f.properties.ars)).toEqual(['150850135135']);
    const observer = await t.as('bsi');
    expect(((await observer.get('/api/v1/organisations/boundaries')).json() as Collection).features).toEqual(
      [],
    );
    const ministry = await t.as('ministerium');
    const harz = await t.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', '150850000000')
      .executeTakeFirstOrThrow();
    const inHarz = (
      await ministry.get(`/api/v1/organisations/boundaries?within=${harz.id}`)
    ).json() as Collection;
    expect(inHarz.features.length).toBeGreaterThan(1);
    expect(inHarz.features.every((f) => f.properties.ars.startsWith('15085'))).toBe(true);
  });

  it('importing the same file again changes nothing', async () => {
    const parsed = parseBoundaryFile(readFileSync(TOPO, 'utf8'), { objects: ['kommunen', 'kreise'] });
    const result = await importGeometry(systemContext(t.database.db, 'test'), parsed, { source: 'again' });
    // the three kreisfreie Städte are in both layers under the same ARS
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 133, unmatched: 0, duplicates: 3 });
  });

  it('matches the Gemeinden layer by ARS: Einheitsgemeinden match, VG members do not', () => {
    const parsed = parseBoundaryFile(readFileSync(GEMEINDEN, 'utf8'));
    expect(parsed.format).toBe('geojson');
    expect(parsed.features).toHaveLength(218);
    expect(parsed.skipped).toEqual([]);
  });
});

describe('bad boundary files', () => {
  it.each([
    ['not JSON', '{"type":', /kein gültiges JSON/],
    ['another JSON type', '{"type":"Point","coordinates":[1,2]}', /GeoJSON .* oder TopoJSON/],
    ['a collection without features', '{"type":"FeatureCollection"}', /keine Liste "features"/],
    ['a topology without arcs', '{"type":"Topology","objects":{}}', /ohne "objects" oder "arcs"/],
  ])('%s is refused with a clear message', (_name, text, message) => {
    expect(() => parseBoundaryFile(text)).toThrowError(message);
  });

  it('a missing TopoJSON object is named', () => {
    const text = JSON.stringify({
      type: 'Topology',
      arcs: [],
      objects: { a: { type: 'GeometryCollection', geometries: [] } },
    });
    expect(() => parseBoundaryFile(text, { objects: ['kommunen'] })).toThrowError(/kein Objekt "kommunen"/);
  });

  it('features without keys or with broken geometry are skipped with the reason', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'ohne Schlüssel' }, geometry: square(11, 52) },
        {
          type: 'Feature',
          properties: { ars: '150850135135' },
          geometry: { type: 'Point', coordinates: [1, 2] },
        },
        { type: 'Feature', properties: { ars: '150850135135' }, geometry: square(200, 52) },
        { type: 'Feature', properties: { ags: '15085135' }, geometry: square(11.04, 51.9) },
      ],
    });
    const parsed = parseBoundaryFile(text);
    expect(parsed.skipped.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(parsed.skipped[0]?.reason).toMatch(/weder ARS noch AGS/);
    expect(parsed.features).toHaveLength(1);
    expect(parsed.features[0]?.ags).toBe('15085135');
  });

  it('never throws anything but a 400 AppError on arbitrary JSON (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }),
        fc.constantFrom('FeatureCollection', 'Feature', 'Topology'),
        (value, type) => {
          for (const text of [
            JSON.stringify(value),
            JSON.stringify({ type, features: value, objects: value, arcs: value, geometry: value }),
          ]) {
            try {
              parseBoundaryFile(text);
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
              expect((error as AppError).status).toBe(400);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('bastei import geometry', () => {
  const run = promisify(execFile);
  const BIN = fileURLToPath(new URL('../../../../bin/bastei.js', import.meta.url));
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bastei-geometry-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function bastei(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: { ...process.env, BASTEI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }

  it('imports by AGS into a seeded database, again unchanged, and refuses a broken file', {
    timeout: 240_000,
  }, async () => {
    await createSeededDataDir(join(dir, 'data'));
    const file = join(dir, 'halberstadt.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { AGS: '15085135', GEN: 'Halberstadt' },
            geometry: square(11.0, 51.85),
          },
          { type: 'Feature', properties: { AGS: '99999999' }, geometry: square(11.0, 51.85) },
        ],
      }),
    );
    const first = await bastei(['import', 'geometry', file, '--json', '--attribution', 'Testdaten']);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result.unmatched).toBe(1);
    expect(result.created + result.updated).toBe(1);
    const second = JSON.parse((await bastei(['import', 'geometry', file, '--json'])).stdout);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"type":"FeatureCollection","features":[');
    const refused = await bastei(['import', 'geometry', broken]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/kein gültiges JSON/);
  });
});
