/**
 * Builds the web UI into web/dist unless the build is newer than every source file.
 * `npm start` runs it before serving (so a fresh clone gets a working UI); the UI end-to-end
 * test and the UI benchmark call `ensureWebBuilt()`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = join(webDir, '..');
const builtMarker = join(webDir, 'dist', 'index.html');

/** Everything the build reads from this repository. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'vite-plugins.ts'].map((p) =>
  join(webDir, p),
);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

export function webBuildIsStale(): boolean {
  if (!existsSync(builtMarker)) return true;
  const built = statSync(builtMarker).mtimeMs;
  const sources = Math.max(...INPUTS.map(newestMtime), newestMtime(join(repoDir, 'package-lock.json')));
  return sources > built;
}

/**
 * Runs `vite build` in its own process with NODE_ENV=production: inside a test runner NODE_ENV
 * is `test`, and Vite would then bundle React's development build.
 */
export async function ensureWebBuilt(options: { quiet?: boolean } = {}): Promise<'built' | 'up-to-date'> {
  if (!webBuildIsStale()) return 'up-to-date';
  const vite = join(repoDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [
    vite,
    'build',
    '--config',
    join(webDir, 'vite.config.ts'),
    ...(options.quiet ? ['--logLevel', 'warn'] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoDir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`vite build failed (exit code ${code})`);
  return 'built';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (webBuildIsStale()) process.stdout.write('Building the web UI into web/dist …\n');
  const started = performance.now();
  const outcome = await ensureWebBuilt({ quiet: true });
  process.stdout.write(
    outcome === 'built'
      ? `Web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`
      : 'Web UI is up to date (web/dist).\n',
  );
}
