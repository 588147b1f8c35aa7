/**
 * `bastei import assets FILE --org ARS [--json]` against a fresh, demo-seeded data folder: a good
 * file, its idempotent re-import, and a bad file that names line and column and writes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDataDir } from '../../../test/helpers.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { PILOT_ARS } from '../demo/seed.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/bastei.js', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-assets-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bastei(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BASTEI_DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        BASTEI_ARGON2_MEMORY_KIB: '1024',
        LOG_LEVEL: 'silent',
      },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function inventorySize(): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
  try {
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from assets)::int + (select count(*) from installed_products)::int as n`.execute(
      database.db,
    );
    return rows[0]!.n;
  } finally {
    await database.close();
  }
}

describe('bastei import assets', { timeout: 480_000 }, () => {
  it('imports a CSV file once, reports unchanged rows the second time, refuses bad files', async () => {
    await createSeededDataDir(join(dir, 'data'));

    const good = join(dir, 'inventar.csv');
    writeFileSync(
      good,
      [
        'kind,name,port,protocol,product,vendor,version,cpe',
        'domain,halberstadt.de,,,,,,',
        'service,www.halberstadt.de,443,tcp,nginx,f5,1.24.0,cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
        'product,,,,Exchange Server,microsoft,2019,cpe:/a:microsoft:exchange_server:2019',
      ].join('\n'),
    );
    const first = await bastei(['import', 'assets', good, '--org', PILOT_ARS.halberstadt, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 3, created: 3, unchanged: 0, implicitHosts: 1 });
    const size = await inventorySize();
    expect(size).toBe(5);

    const second = await bastei(['import', 'assets', good, '--org', PILOT_ARS.halberstadt]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(
      /Imported 3 rows into .*Halberstadt.*: 0 created, 0 updated, 3 unchanged\./,
    );

    const bad = join(dir, 'kaputt.csv');
    writeFileSync(bad, 'kind,name,port,protocol\ndomain,neu.example,,\nservice,www.neu.example,443,sctp\n');
    const refused = await bastei(['import', 'assets', bad, '--org', PILOT_ARS.halberstadt]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing imported');
    expect(refused.stderr).toContain('Zeile 3, Spalte „protocol“');
    const json = await bastei(['import', 'assets', bad, '--org', PILOT_ARS.halberstadt, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ line: 3, column: 'protocol' }] });
    expect(await inventorySize()).toBe(size);

    const unknown = await bastei(['import', 'assets', good, '--org', '159999999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No organisation');
  });
});
