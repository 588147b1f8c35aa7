/**
 * `bastei scan` as a user runs it, against loopback servers only: every standard port the checks
 * touch is switched off with --port, except 443/80 which point at the test servers, and the name
 * resolves to 127.0.0.1 through --resolve.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDataDir } from '../../../../test/helpers.ts';
import {
  allPortsOff,
  createPki,
  type Pki,
  type RunningServer,
  startHttpServer,
  startHttpsServer,
} from '../checks/test-support.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../../bin/bastei.js', import.meta.url));

let dir: string;
let pki: Pki;
const servers: RunningServer[] = [];
let loopback: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-scan-cli-'));
  pki = await createPki();
  const [bad, plain] = await Promise.all([
    startHttpsServer({ key: pki.key1024, cert: pki.certs.terrible }),
    startHttpServer({}),
  ]);
  servers.push(bad, plain);
  writeFileSync(join(dir, 'ca.pem'), pki.ca);
  const off = Object.keys(allPortsOff()).filter((p) => p !== '443' && p !== '80');
  loopback = [
    '--resolve',
    'www.kommune.test=127.0.0.1',
    '--port',
    `443=${bad.port}`,
    '--port',
    `80=${plain.port}`,
    ...off.flatMap((p) => ['--port', `${p}=off`]),
    '--ca-file',
    join(dir, 'ca.pem'),
    '--timeout',
    '4000',
  ];
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pki?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function bastei(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BASTEI_DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        BASTEI_ARGON2_MEMORY_KIB: '1024',
        BASTEI_DEMO_PASSWORD: 'Demo-Passwort-2026!',
        LOG_LEVEL: 'silent',
      },
      timeout: 280_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('bastei scan', { timeout: 120_000 }, () => {
  it('prints the results with check ids as JSON', async () => {
    const result = await bastei([
      'scan',
      'https://www.kommune.test/',
      '--i-am-authorised',
      '--json',
      ...loopback,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      target: { url: string };
      results: { checkId: string; status: string }[];
      findings: number;
    };
    expect(parsed.target).toEqual({ url: 'https://www.kommune.test/' });
    const failed = parsed.results.filter((r) => r.status === 'fail').map((r) => r.checkId);
    expect(failed).toEqual(expect.arrayContaining(['tls.cert.trust', 'tls.cert.expiry', 'http.hsts']));
    expect(parsed.findings).toBe(failed.length);
    // Switched-off ports are never contacted: nothing was left for the exposure check.
    expect(parsed.results.find((r) => r.checkId === 'exposure.service')?.status).toBe('not_applicable');
  });

  it('prints a German table', async () => {
    const result = await bastei(['scan', 'https://www.kommune.test/', '--i-am-authorised', ...loopback]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Prüfung');
    expect(result.stdout).toMatch(/tls\.cert\.trust\s+MANGEL\s+hoch/);
    expect(result.stdout).toMatch(/\d+ Mängel\./);
  });

  it('refuses without an authorisation (exit code 2) and sends nothing', { timeout: 300_000 }, async () => {
    const noOrg = await bastei(['scan', 'https://www.kommune.test/', ...loopback]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('Ohne Freigabe wird nicht gescannt');

    await createSeededDataDir(join(dir, 'data'));
    const unknown = await bastei(['scan', 'https://www.kommune.test/', '--org', '999999999999', ...loopback]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Keine Organisation');
    const refused = await bastei(['scan', 'https://www.kommune.test/', '--org', '150850135135', ...loopback]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('keine gültige Scan-Freigabe');
    expect(refused.stdout).toBe('');
  });

  it('rejects a malformed target with exit code 2', async () => {
    const result = await bastei(['scan', 'ftp://www.kommune.test/', '--i-am-authorised']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('http');
  });
});
