import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDataDir } from '../../../test/helpers.ts';
import { hasReference, referencePath } from './test-support.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/bastei.js', import.meta.url));
const FILES = [
  'bsi-wid/wid-sec-w-2024-3319.json',
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json',
  'bsi-wid/wid-sec-w-2023-1632.json',
  'cisa/va-24-201-01.json',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bastei-advisories-cli-'));
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
        BASTEI_DEMO_PASSWORD: 'Demo-Passwort-2026!',
        LOG_LEVEL: 'silent',
      },
      timeout: 240_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe.runIf(hasReference(...FILES))('bastei advisories import', { timeout: 600_000 }, () => {
  it('imports a CSAF file for the only CERT, idempotently, and refuses an invalid one', async () => {
    await createSeededDataDir(join(dir, 'data'));
    const file = referencePath(FILES[0]!)!;
    const first = await bastei(['advisories', 'import', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      trackingId: 'WID-SEC-W-2024-3319',
      version: '17',
      tlp: 'CLEAR',
      created: true,
      current: true,
      matchedKommunen: 0,
    });
    const again = await bastei(['advisories', 'import', file]);
    expect(again.stdout).toContain('Already present: WID-SEC-W-2024-3319 v17 (TLP:CLEAR)');
    const invalid = await bastei(['advisories', 'import', referencePath(FILES[1]!)!]);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toContain('/body/');
    // several files in one call: the valid ones are imported, the invalid one is reported by name
    const [wid, invalidFile, cisa] = [
      referencePath(FILES[2]!)!,
      referencePath(FILES[1]!)!,
      referencePath(FILES[3]!)!,
    ];
    const bulk = await bastei(['advisories', 'import', wid, invalidFile, cisa]);
    expect(bulk.code).not.toBe(0);
    expect(bulk.stdout).toContain('Imported WID-SEC-W-2023-1632');
    expect(bulk.stdout).toContain('Imported VA-24-201-01');
    expect(bulk.stderr).toContain(`${invalidFile}: nothing imported.`);
    const repeat = await bastei(['advisories', 'import', wid, cisa, file]);
    expect(repeat.code, repeat.stderr).toBe(0);
    expect(repeat.stdout.match(/Already present/g)).toHaveLength(3);
  });
});
