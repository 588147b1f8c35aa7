/**
 * `bastei catalog …` against a fresh data folder: Bastei-Basis, the real Grundschutz++ files with
 * exact counts, export to a schema-valid file, and a refused import that leaves nothing behind.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/database.ts';
import { parseOscalCatalog } from './oscal/index.ts';
import {
  FILES,
  REFERENCE_DIR,
  readReference,
  referenceAvailable,
  schemaAvailable,
  smallCatalog,
  warnIfMissing,
} from './oscal/test-helpers.ts';
import { oscalCatalogValidator, type TableCounts, tableCounts } from './test-support.ts';

warnIfMissing('catalog CLI imports of the reference files', referenceAvailable);

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/bastei.js', import.meta.url));
const ref = (file: string) => fileURLToPath(new URL(file, REFERENCE_DIR));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-catalog-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bastei(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BASTEI_DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        LOG_LEVEL: 'silent',
      },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function counts(): Promise<TableCounts> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
  try {
    return await tableCounts(database.db);
  } finally {
    await database.close();
  }
}

describe('bastei catalog', { timeout: 180_000 }, () => {
  it('install-baseline stores Bastei-Basis once', async () => {
    const first = await bastei(['catalog', 'install-baseline', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ groups: 19, controls: 257, installed: true });
    const second = await bastei(['catalog', 'install-baseline']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('already installed');
    expect((await counts()).measure_templates).toBeGreaterThanOrEqual(257);
  });

  it('a schema-invalid file fails naming the pointer and writes nothing', async () => {
    const doc = smallCatalog() as { catalog: { groups: { controls?: { id: string }[] }[] } };
    doc.catalog.groups[1]!.controls![0]!.id = '1-bad';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const before = await counts();
    const result = await bastei(['catalog', 'import', file, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/catalog/groups/1/controls/0/id');
    expect(await counts()).toEqual(before);
  });

  describe.skipIf(!referenceAvailable)('reference files', () => {
    let kernelId: string;

    it('imports the Kernel: 901 controls', async () => {
      const result = await bastei(['catalog', 'import', ref(FILES.kernel), '--json']);
      expect(result.code, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout);
      expect(Object.keys(parsed)).toEqual(['catalogId', 'groups', 'controls']);
      expect(parsed).toMatchObject({ groups: 117, controls: 901 });
      kernelId = parsed.catalogId;
    });

    it('imports the Grundschutz++ profile with --with (Kernel for Kernel-G0): 1000 controls', async () => {
      const result = await bastei([
        'catalog',
        'import',
        ref(FILES.gsppProfile),
        '--with',
        ref(FILES.methodik),
        '--with',
        ref(FILES.risiko),
        '--with',
        `BSI-Stand-der-Technik-Kernel-G0-catalog.json=${ref(FILES.kernel)}`,
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ controls: 1000 });
    });

    it('imports the ITGS→GS++ mapping as 1185 cross-references', async () => {
      const result = await bastei(['catalog', 'import', ref(FILES.itgsMapping), '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        catalogId: null,
        groups: 0,
        controls: 0,
        crossReferences: 1185,
      });
    });

    it('a second import of the Kernel is refused and writes nothing', async () => {
      const before = await counts();
      const result = await bastei(['catalog', 'import', ref(FILES.kernel)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('bereits vor');
      expect(await counts()).toEqual(before);
    });

    it('exports the Kernel to a schema-valid file that round-trips', async () => {
      const file = join(dir, 'kernel-export.json');
      const result = await bastei(['catalog', 'export', kernelId, file]);
      expect(result.code, result.stderr).toBe(0);
      const document = JSON.parse(readFileSync(file, 'utf8'));
      if (schemaAvailable) expect(oscalCatalogValidator()(document)).toBe(true);
      expect(parseOscalCatalog(document)).toEqual(parseOscalCatalog(readReference(FILES.kernel)));
      const byKey = await bastei(['catalog', 'export', 'bastei-basis', join(dir, 'basis.json')]);
      expect(byKey.code, byKey.stderr).toBe(0);
      expect(byKey.stdout).toContain('bastei-basis@2026.1');
    });
  });
});
