import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/bastei.js', import.meta.url));
const REFERENCE = fileURLToPath(new URL('../../../shared/reference/municipalities/', import.meta.url));
const hasReference = existsSync(REFERENCE);
if (!hasReference) console.warn(`skipping register imports: ${REFERENCE} is absent`);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bastei(args: string[], dataDir = join(dir, 'data')) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BASTEI_DATA_DIR: dataDir,
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

async function count(table: string, dataDir = join(dir, 'data')): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(
      database.db,
    );
    return result.rows[0]!.n;
  } finally {
    await database.close();
  }
}

describe('bastei CLI', { timeout: 120_000 }, () => {
  it('migrates a new data folder and finds nothing to do on the second run', async () => {
    const first = await bastei(['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied: \d{14}_foundation/);
    const second = await bastei(['migrate']);
    expect(second.stdout).toContain('up to date');
  });

  it.skipIf(!hasReference)(
    'imports the 133 Kommunen idempotently, from CSV and from GV100AD alike',
    async () => {
      const csv = await bastei([
        'import',
        'municipalities',
        join(REFERENCE, 'derived/st-kommunen-133.csv'),
        '--json',
      ]);
      expect(csv.code, csv.stderr).toBe(0);
      expect(JSON.parse(csv.stdout)).toMatchObject({ total: 134, created: 134, updated: 0 });
      const again = await bastei([
        'import',
        'municipalities',
        join(REFERENCE, 'derived/st-kommunen-133.csv'),
        '--json',
      ]);
      expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 134 });
      const gv = await bastei([
        'import',
        'municipalities',
        join(REFERENCE, 'destatis/GV100AD_30112025.txt'),
        '--state',
        '15',
        '--json',
      ]);
      expect(gv.code, gv.stderr).toBe(0);
      expect(JSON.parse(gv.stdout)).toMatchObject({ total: 134, created: 0, updated: 0, unchanged: 134 });
    },
  );

  it('rejects a bad register file naming row and column, importing nothing', async () => {
    const before = await count('organisations');
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      'ars,schluessel,ebene,name,name_kurz,sitz,kreis_ags,kreis_name,anzahl_gemeinden,bevoelkerung,flaeche_ha,gebietsstand,sicherkommunal_pilot_2024\n' +
        '150010000000,15001000,Kreisfreie Stadt,"Dessau-Roßlau, Stadt",Dessau-Roßlau,Dessau-Roßlau,15001,"Dessau-Roßlau, Stadt",1,75402,24578,2025-11-30,\n' +
        '15002XX00000,15002000,Kreisfreie Stadt,"Halle (Saale), Stadt",Halle (Saale),Halle (Saale),15002,"Halle (Saale), Stadt",1,226767,13556,2025-11-30,\n',
    );
    const result = await bastei(['import', 'municipalities', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/(line|row|Zeile)\D*3/i);
    expect(result.stderr).toMatch(/ars/);
    expect(await count('organisations')).toBe(before);
  });

  it('creates users and memberships, verifies the audit chain and reports a broken link', async () => {
    const created = await bastei([
      'user',
      'create',
      '--email',
      'Neue.Pruefer@example.org',
      '--name',
      'Neue Prüferin',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Password: \S{12,}/);
    const provider = await bastei([
      'user',
      'add-membership',
      '--email',
      'neue.pruefer@example.org',
      '--org',
      '150000000000',
      '--role',
      'programme_manager',
    ]);
    expect(provider.code, provider.stderr).toBe(0);
    const wrongRole = await bastei([
      'user',
      'add-membership',
      '--email',
      'neue.pruefer@example.org',
      '--org',
      '150000000000',
      '--role',
      'king',
    ]);
    expect(wrongRole.code).not.toBe(0);
    const reset = await bastei(['user', 'reset-password', '--email', 'neue.pruefer@example.org']);
    expect(reset.stdout).toMatch(/New password: \S{12,}/);

    const ok = await bastei(['audit', 'verify', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });

    const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    const second = await database.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_label = 'jemand-anderes' where id = ${second.id}`.execute(
      database.db,
    );
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await database.close();
    const broken = await bastei(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at entry ${second.id}`);
  });

  it('backs up and restores into an empty data folder with the same rows', async () => {
    const file = join(dir, 'backup.gz');
    const backup = await bastei(['backup', file]);
    expect(backup.code, backup.stderr).toBe(0);
    const restoreDir = join(dir, 'restored');
    const restore = await bastei(['restore', file], restoreDir);
    expect(restore.code, restore.stderr).toBe(0);
    for (const table of ['organisations', 'users', 'memberships', 'audit_log']) {
      expect(await count(table, restoreDir), table).toBe(await count(table));
    }
    const intoFull = await bastei(['restore', file], restoreDir);
    expect(intoFull.code).not.toBe(0);
    expect(intoFull.stderr).toContain('not empty');
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    try {
      const result = await bastei(['migrate']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/in use by process/);
    } finally {
      await database.close();
    }
  });
});
