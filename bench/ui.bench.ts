/**
 * Web UI figures (issue 4), in headless Chromium (Debian's /usr/bin/chromium) against the real
 * server on an in-memory demo database:
 *  - JavaScript the login page loads: files, raw KB, gzip KB (each file gzipped at level 9,
 *    the budget is 200 KB) and the bytes actually sent (pre-compressed brotli);
 *  - time to interactive of the login page from the Performance API: first contentful paint,
 *    DOMContentLoaded and the app's `bastei:login-interactive` mark (the form's handlers are
 *    attached), cold (empty cache) and warm (cached assets), median of RUNS loads.
 * `npm run bench -- ui` (builds the UI first when it is stale).
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { ensureWebBuilt } from '../web/ensure-built.ts';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 7);
const BUDGET_KB = 200;

if (!existsSync(CHROMIUM)) {
  process.stdout.write(`skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
  process.exit(0);
}

await ensureWebBuilt({ quiet: true });
const config = loadConfig({
  BASTEI_DEMO_PASSWORD: 'Bench-Passwort-2026!',
  BASTEI_ARGON2_MEMORY_KIB: '1024',
  LOG_LEVEL: 'silent',
});
const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
await seedDemo(database.db, config);
const app = await buildApp({ database, config, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const loginUrl = `http://127.0.0.1:${address.port}/anmelden`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

// 1. JavaScript of the login page.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  const files: { name: string; raw: number; gzip: number; sent: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        files.push({
          name: response.url().split('/').pop()!,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          sent: sizes.responseBodySize,
        });
      })(),
    );
  });
  await page.goto(loginUrl, { waitUntil: 'networkidle' });
  await page.locator('#email').waitFor();
  await Promise.all(pending);
  const sum = (key: 'raw' | 'gzip' | 'sent') => files.reduce((total, f) => total + f[key], 0) / 1024;
  const gzipKb = sum('gzip');
  process.stdout.write(
    `login page JavaScript: ${files.length} files, ${sum('raw').toFixed(1)} KB raw, ` +
      `${gzipKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB: ${gzipKb <= BUDGET_KB ? 'met' : 'MISSED'}), ` +
      `${sum('sent').toFixed(1)} KB sent (brotli)\n`,
  );
  for (const f of files.sort((a, b) => b.gzip - a.gzip).slice(0, 5)) {
    process.stdout.write(`  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${f.name}\n`);
  }
  await context.close();
}

// 1b. For comparison: what the first signed-in screen adds (KoliBri is loaded after sign-in).
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(loginUrl, { waitUntil: 'networkidle' });
  const sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js'))
      sizes.push(response.body().then((b) => gzipSync(b, { level: 9 }).length));
  });
  await page.fill('#email', 'ministerium@demo.bastei.local');
  await page.fill('#password', 'Bench-Passwort-2026!');
  await page.locator('button[type=submit]').click();
  await page.locator('h1', { hasText: 'Willkommen' }).waitFor();
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(sizes);
  process.stdout.write(
    `first signed-in screen (home) adds: ${all.length} files, ${(all.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KB gzip (KoliBri and the screen)\n`,
  );
  await context.close();
}

// 2. Time to interactive of the login page.
interface Timing {
  fcp: number;
  domContentLoaded: number;
  interactive: number;
  lastLongTaskEnd: number;
}
async function measure(page: import('playwright-core').Page): Promise<Timing> {
  await page.goto(loginUrl, { waitUntil: 'load' });
  await page.locator('#email').waitFor();
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(`performance.getEntriesByName('bastei:login-interactive').length > 0`)) break;
    await page.waitForTimeout(10);
  }
  // page.evaluate runs over the DevTools protocol, so the CSP (no eval) does not apply to it.
  return (await page.evaluate(`new Promise((resolve) => {
    const longTasks = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
    setTimeout(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const mark = performance.getEntriesByName('bastei:login-interactive')[0];
      resolve({
        fcp: fcp ? fcp.startTime : NaN,
        domContentLoaded: nav.domContentLoadedEventEnd,
        interactive: mark ? mark.startTime : NaN,
        lastLongTaskEnd: longTasks.reduce((end, t) => Math.max(end, t.startTime + t.duration), 0),
      });
    }, 100);
  })`)) as Timing;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const report = (label: string, runs: Timing[]) => {
  const tti = runs.map((r) => Math.max(r.interactive, r.lastLongTaskEnd));
  process.stdout.write(
    `login ${label} (median of ${runs.length}): FCP ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, ` +
      `DOMContentLoaded ${median(runs.map((r) => r.domContentLoaded)).toFixed(0)} ms, ` +
      `interactive ${median(runs.map((r) => r.interactive)).toFixed(0)} ms, ` +
      `TTI (interactive or end of last long task) ${median(tti).toFixed(0)} ms\n`,
  );
};

const cold: Timing[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  cold.push(await measure(await context.newPage()));
  await context.close();
}
report('cold', cold);

const warmContext = await browser.newContext();
const warmPage = await warmContext.newPage();
await measure(warmPage);
const warm: Timing[] = [];
for (let i = 0; i < RUNS; i++) warm.push(await measure(warmPage));
report('warm', warm);
await warmContext.close();

await browser.close();
await app.close();
await database.close();
