/**
 * The phase comparison (issue 4) with the full 257-question Bastei-Basis catalog: Halberstadt's
 * frozen self-assessment against an on-site phase started from it in which every third answer
 * changed. Figures:
 *  - the API: GET /assessments/:id/compare/:baseId, median of RUNS (warm server);
 *  - the screen `/bewertungen/:id/vergleich?mit=…&klasse=all` (every requirement as a row) in
 *    headless Chromium: the app's `bastei:comparison-interactive` mark after a full load, TTI =
 *    the later of the mark and the end of the last long task; cold = new browser context, warm =
 *    reload. Budget: 1 s. Median of RUNS.
 * `npx tsx bench/ui-comparison.bench.ts` (builds the UI first when it is stale).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PILOT_ARS, seedDemo } from '../src/domains/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { ensureWebBuilt } from '../web/ensure-built.ts';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 7);
const BUDGET_MS = 1000;
const PASSWORD = 'Bench-Passwort-2026!';

if (!existsSync(CHROMIUM)) {
  process.stdout.write(`skipped: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
  process.exit(0);
}

await ensureWebBuilt({ quiet: true });
const config = loadConfig({
  BASTEI_DEMO_PASSWORD: PASSWORD,
  BASTEI_ARGON2_MEMORY_KIB: '1024',
  BASTEI_LOGIN_RATE_PER_MINUTE: '10000',
  LOG_LEVEL: 'silent',
  BASTEI_WORKER: 'off',
});
const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(database);
await seedDemo(database.db, config);
const app = await buildApp({ database, config, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
const base = `http://127.0.0.1:${address.port}`;

const browser: Browser = await chromium.launch({
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

// The ISB of Halberstadt starts the on-site phase from the frozen self-assessment and changes
// every third answer (round the answer values), so every class of change has rows.
const frozen = await database.db
  .selectFrom('assessments')
  .innerJoin('organisations', 'organisations.id', 'assessments.organisation_id')
  .select('assessments.id')
  .where('organisations.ars', '=', PILOT_ARS.halberstadt)
  .where('assessments.status', '=', 'frozen')
  .executeTakeFirstOrThrow();
const setup = await browser.newContext();
const setupPage = await setup.newPage();
// Signed in through the API: the bench measures the comparison, not the login screen.
const login = await setupPage.request.post(`${base}/api/v1/auth/login`, {
  headers: { origin: base },
  data: { email: 'isb.halberstadt@demo.bastei.local', password: PASSWORD },
});
if (login.status() !== 200) throw new Error(await login.text());
const me = (await login.json()) as { csrfToken: string };
const headers = { 'x-csrf-token': me.csrfToken, origin: base };
const started = await setupPage.request.post(`${base}/api/v1/assessments/${frozen.id}/next-phase`, {
  headers,
  data: { phase: 'on_site' },
});
if (started.status() !== 201) throw new Error(await started.text());
const next = (await started.json()) as { id: string; requirementCount: number };
const answers = (await (
  await setupPage.request.get(`${base}/api/v1/assessments/${next.id}/answers`)
).json()) as {
  topics: { answers: { requirementKey: string; status: string }[] }[];
};
const values = ['yes', 'partial', 'no', 'not_applicable'];
const changed = answers.topics
  .flatMap((t) => t.answers)
  .filter((_, i) => i % 3 === 0)
  .map((a, i) => ({
    requirementId: a.requirementKey,
    status: values.filter((v) => v !== a.status)[i % 3]!,
  }));
const put = await setupPage.request.put(`${base}/api/v1/assessments/${next.id}/answers`, {
  headers,
  data: { answers: changed },
});
if (put.status() !== 200) throw new Error(await put.text());
const storage = await setup.storageState();

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

// The API alone.
const comparePath = `/api/v1/assessments/${next.id}/compare/${frozen.id}`;
const summary = (await (await setupPage.request.get(`${base}${comparePath}`)).json()) as {
  summary: Record<string, number>;
};
const apiMedian = async (path: string) => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const response = await setupPage.request.get(`${base}${path}`);
    await response.body();
    times.push(performance.now() - t0);
  }
  return median(times).toFixed(1);
};
process.stdout.write(
  `on-site phase of ${next.requirementCount} requirements, ${changed.length} answers changed: ${JSON.stringify(summary.summary)}\n` +
    `API medians of ${RUNS}: GET compare ${await apiMedian(comparePath)} ms, ` +
    `GET answers ${await apiMedian(`/api/v1/assessments/${next.id}/answers`)} ms, ` +
    `GET assessment ${await apiMedian(`/api/v1/assessments/${next.id}`)} ms\n`,
);
await setup.close();

interface Timing {
  mark: number;
  lastLongTaskEnd: number;
  fcp: number;
}

/** page.evaluate runs over the DevTools protocol, so the CSP (no eval) does not apply to it. */
async function timing(page: Page, mark: string): Promise<Timing> {
  for (let i = 0; i < 1000; i++) {
    if (await page.evaluate(`performance.getEntriesByName('${mark}').length > 0`)) break;
    await page.waitForTimeout(10);
  }
  return (await page.evaluate(`new Promise((resolve) => {
    const longTasks = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
    setTimeout(() => {
      const entries = performance.getEntriesByName('${mark}');
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      resolve({
        mark: entries.length ? entries[entries.length - 1].startTime : NaN,
        fcp: fcp ? fcp.startTime : NaN,
        lastLongTaskEnd: longTasks.reduce((end, t) => Math.max(end, t.startTime + t.duration), 0),
      });
    }, 150);
  })`)) as Timing;
}

const report = (label: string, runs: Timing[]) => {
  const tti = median(runs.map((r) => Math.max(r.mark, r.lastLongTaskEnd)));
  process.stdout.write(
    `${label} (median of ${runs.length}): FCP ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, ` +
      `interactive mark ${median(runs.map((r) => r.mark)).toFixed(0)} ms, TTI ${tti.toFixed(0)} ms ` +
      `(budget ${BUDGET_MS} ms: ${tti <= BUDGET_MS ? 'met' : 'MISSED'})\n`,
  );
};

const screen = `/bewertungen/${next.id}/vergleich?mit=${frozen.id}&klasse=all`;
const mark = 'bastei:comparison-interactive';
const cold: Timing[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ storageState: storage });
  const page = await context.newPage();
  await page.goto(`${base}${screen}`, { waitUntil: 'load' });
  cold.push(await timing(page, mark));
  await context.close();
}
report(`comparison deep link, all ${next.requirementCount} rows, cold`, cold);
{
  const context = await browser.newContext({ storageState: storage });
  const page = await context.newPage();
  await page.goto(`${base}${screen}`, { waitUntil: 'load' });
  await timing(page, mark);
  const warm: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload({ waitUntil: 'load' });
    warm.push(await timing(page, mark));
  }
  report(`comparison deep link, all ${next.requirementCount} rows, warm`, warm);
  await context.close();
}

await browser.close();
await app.close();
await database.close();
