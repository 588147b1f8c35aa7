/**
 * Every write acknowledged to a client survives `kill -9` of the server (SECURITY.md,
 * durability): a real server process on an embedded data folder takes writes, is killed
 * without warning, and the reopened folder holds every acknowledged one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { TEST_PASSWORD } from './config.ts';
import { createSeededDataDir } from './helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bastei-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/bastei.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      BASTEI_DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BASTEI_DEMO_PASSWORD: TEST_PASSWORD,
      BASTEI_ARGON2_MEMORY_KIB: '1024',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

describe('durability', () => {
  it('keeps every acknowledged write after kill -9', { timeout: 180_000 }, async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    // The seeded demo state from the template image: seeding anew takes a minute on a busy machine.
    await createSeededDataDir(join(dir, 'data'));
    const server = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.bastei.local', password: TEST_PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const acknowledged: string[] = [];
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 50; i++) {
        const name = `Dienstleister ${w}-${i}`;
        const response = await fetch(`${base}/api/v1/organisations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
          body: JSON.stringify({ type: 'provider', name }),
        }).catch(() => null); // the server is killed while requests are in flight
        if (!response) return;
        if (response.status === 201) acknowledged.push(name);
      }
    });
    // Kill in the middle of the writes, without any chance to flush or close.
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
    await Promise.allSettled(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(acknowledged.length, 'the kill should interrupt the writers').toBeLessThan(200);

    const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
    try {
      const rows = await database.db
        .selectFrom('organisations')
        .select('name')
        .where('type', '=', 'provider')
        .execute();
      const stored = new Set(rows.map((r) => r.name));
      expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  });
});
