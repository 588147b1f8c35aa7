/**
 * The assessment screens with the full 257-question Bastei-Basis catalog (issue 4), in headless
 * Chromium (Debian's /usr/bin/chromium) against the real server on an in-memory demo database.
 * Figures from the Performance API of the page:
 *  - overview (`/bewertungen/:id`: lifecycle, 19 topics with progress and score, the chart):
 *    the app's `bastei:assessment-interactive` mark after a full load;
 *  - a topic's questions (`/bewertungen/:id/themen/:key`, the largest topic, every question with
 *    its radio group, text area, evidence and history controls): `bastei:topic-interactive`
 *    after a full load (deep link);
 *  - the next topic by client-side navigation (click, then the mark), over all 19 topics.
 * TTI = the later of the mark and the end of the last long task. Cold = new browser context
 * (empty cache, signed in), warm = reload in the same context. Budget: 1 s. Median of RUNS.
 * `npm run bench -- ui-assessment` (builds the UI first when it is stale).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { seedDemo } from '../src/domains/demo/seed.ts';
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

// Sign in once as the ISB of Arneburg-Goldbeck, start a new self-assessment, answer a third.
const setup = await browser.newContext();
const setupPage = await setup.newPage();
await setupPage.goto(`${base}/anmelden`);
await setupPage.fill('#email', 'isb.arneburg-goldbeck@demo.bastei.local');
await setupPage.fill('#password', PASSWORD);
await setupPage.locator('button[type=submit]').click();
await setupPage.locator('h1', { hasText: 'Willkommen' }).waitFor();
const me = (await (await setupPage.request.get(`${base}/api/v1/me`)).json()) as {
  csrfToken: string;
  memberships: { organisationId: string; role: string }[];
};
const headers = { 'x-csrf-token': me.csrfToken, origin: base };
const catalogs = (await (await setupPage.request.get(`${base}/api/v1/catalogs`)).json()) as {
  items: { id: string; key: string }[];
};
const created = await setupPage.request.post(`${base}/api/v1/assessments`, {
  headers,
  data: {
    organisationId: me.memberships.find((m) => m.role === 'isb')!.organisationId,
    catalogId: catalogs.items.find((c) => c.key === 'bastei-basis')!.id,
  },
});
const assessment = (await created.json()) as {
  id: string;
  requirementCount: number;
  progress: { topics: { topic: { key: string }; total: number }[] };
};
const answers = (await (
  await setupPage.request.get(`${base}/api/v1/assessments/${assessment.id}/answers`)
).json()) as {
  topics: { answers: { requirementKey: string }[] }[];
};
const keys = answers.topics.flatMap((t) => t.answers.map((a) => a.requirementKey));
const values = ['yes', 'partial', 'no', 'not_applicable'];
await setupPage.request.put(`${base}/api/v1/assessments/${assessment.id}/answers`, {
  headers,
  data: {
    answers: keys
      .filter((_, i) => i % 3 === 0)
      .map((key, i) => ({ requirementId: key, status: values[i % 4], justification: `Begründung ${i}` })),
  },
});
const storage = await setup.storageState();
await setup.close();
const topics = assessment.progress.topics;
const largest = [...topics].sort((a, b) => b.total - a.total)[0]!;
process.stdout.write(
  `assessment with ${assessment.requirementCount} questions in ${topics.length} topics; largest topic ${largest.topic.key} (${largest.total} questions)\n`,
);

interface Timing {
  mark: number;
  lastLongTaskEnd: number;
  fcp: number;
}

/** page.evaluate runs over the DevTools protocol, so the CSP (no eval) does not apply to it. */
async function timing(page: Page, mark: string): Promise<Timing> {
  for (let i = 0; i < 500; i++) {
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

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const report = (label: string, runs: Timing[]) => {
  const tti = median(runs.map((r) => Math.max(r.mark, r.lastLongTaskEnd)));
  process.stdout.write(
    `${label} (median of ${runs.length}): FCP ${median(runs.map((r) => r.fcp)).toFixed(0)} ms, ` +
      `interactive mark ${median(runs.map((r) => r.mark)).toFixed(0)} ms, TTI ${tti.toFixed(0)} ms ` +
      `(budget ${BUDGET_MS} ms: ${tti <= BUDGET_MS ? 'met' : 'MISSED'})\n`,
  );
};

async function fullLoads(path: string, mark: string, label: string) {
  const cold: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ storageState: storage });
    const page = await context.newPage();
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    cold.push(await timing(page, mark));
    await context.close();
  }
  report(`${label}, cold`, cold);
  const context = await browser.newContext({ storageState: storage });
  const page = await context.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  await timing(page, mark);
  const warm: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload({ waitUntil: 'load' });
    warm.push(await timing(page, mark));
  }
  report(`${label}, warm`, warm);
  await context.close();
}

await fullLoads(
  `/bewertungen/${assessment.id}`,
  'bastei:assessment-interactive',
  'overview (257 questions, 19 topics)',
);
await fullLoads(
  `/bewertungen/${assessment.id}/themen/${encodeURIComponent(largest.topic.key)}`,
  'bastei:topic-interactive',
  `topic ${largest.topic.key} deep link (${largest.total} questions)`,
);

// Client-side navigation through every topic: click "next", wait for the new topic's mark.
{
  const context = await browser.newContext({ storageState: storage });
  const page = await context.newPage();
  await page.goto(`${base}/bewertungen/${assessment.id}/themen/${encodeURIComponent(topics[0]!.topic.key)}`);
  await timing(page, 'bastei:topic-interactive');
  const durations: number[] = [];
  for (let i = 1; i < topics.length; i++) {
    const key = topics[i]!.topic.key;
    await page.evaluate('performance.clearMarks(); window.__t0 = performance.now()');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/themen/${encodeURIComponent(key)}`));
    const t = await timing(page, 'bastei:topic-interactive');
    const start = (await page.evaluate('window.__t0')) as number;
    durations.push(Math.max(t.mark, t.lastLongTaskEnd > start ? t.lastLongTaskEnd : 0) - start);
  }
  const sorted = [...durations].sort((a, b) => a - b);
  process.stdout.write(
    `next topic by client-side navigation (${durations.length} topics, all ${assessment.requirementCount} questions visited): ` +
      `median ${median(durations).toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms\n`,
  );
  await context.close();
}

await browser.close();
await app.close();
await database.close();
