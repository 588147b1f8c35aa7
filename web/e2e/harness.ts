/**
 * What every browser test of the web UI needs, in one place: Debian's Chromium (playwright-core,
 * never a downloaded browser) against the real server on a private copy of the seeded demo
 * template database; sign-in by keyboard as a demo role; axe-core with the WCAG 2.1 A/AA rules;
 * screenshots as artefacts in test-results/screenshots/; console errors, uncaught page errors,
 * CSP violations and 5xx answers collected per page and failing the test that caused them.
 *
 * A test file calls `skipBrowserTests()` for its describe.skipIf and `setupBrowserSuite()` inside
 * the describe: that registers the hooks which start and stop server and browser. web/dist is
 * built by the global setup (test/global-setup.ts), never here; each suite serves its own copy of
 * it, so a rebuild by another test run (a changed screen) cannot pull chunks from under a
 * running suite ("Failed to fetch dynamically imported module").
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { APIResponse, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { demoEmail } from '../../src/domains/demo/seed.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createTestDatabase, TEST_PASSWORD, testConfig } from '../../test/helpers.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const repoDir = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repoDir, 'test-results', 'screenshots');
export const webDist = join(repoDir, 'web', 'dist');
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

export type Viewport = { width: number; height: number };

let axeSource: string | undefined;

/**
 * True (and the reason printed) when the browser tests of `what` cannot run here: no Chromium,
 * or one of the `required` files (real third-party samples in ../shared/reference/) is missing.
 */
export function skipBrowserTests(what: string, required: string[] = []): boolean {
  if (!existsSync(CHROMIUM)) {
    process.stdout.write(`\nSkipping ${what}: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);
    return true;
  }
  const missing = required.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    process.stdout.write(`\nSkipping ${what}: reference samples missing (${missing.join(', ')}).\n`);
    return true;
  }
  return false;
}

export interface BrowserSuiteOptions {
  /** Prepended to every screenshot's file name, e.g. `journey-`. */
  screenshotPrefix?: string;
  /** A private files directory (evidence, uploads) under the system's temp folder, removed afterwards. */
  files?: boolean;
  /** Further configuration for the server (testConfig overrides). */
  config?: Record<string, string>;
}

export interface BrowserSuite {
  /** The server's database: for arranging data and checking what a step stored. */
  readonly database: Database;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Console errors, page errors, CSP violations and 5xx answers not yet reported. */
  readonly problems: string[];
  /** A fresh browser context (German locale, downloads allowed) with the problem listeners. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** Signs a demo account (`isb.halberstadt`) in by keyboard alone, on a fresh page. */
  signIn(local: string, viewport?: Viewport): Promise<Page>;
  /** A full-page screenshot in test-results/screenshots/. */
  screenshot(page: Page, name: string): Promise<void>;
}

/**
 * Registers the suite's hooks: before all tests the server on a private copy of the demo
 * template and Chromium; after each test the collected problems must be empty; after all,
 * everything is closed. Call it inside the describe block, before the tests.
 */
export function setupBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let launching: Promise<Browser> | undefined;
  let baseUrl = '';
  let filesDir: string | undefined;
  let webRoot: string | undefined;
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined)
      throw new Error(`the browser suite's ${name} is not started (beforeAll failed?)`);
    return value;
  };

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    // Chromium starts while the database is copied; afterAll closes it even if a later step failed.
    launching = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    launching.catch(() => undefined);
    mkdirSync(screenshotDir, { recursive: true });
    if (options.files) filesDir = mkdtempSync(join(tmpdir(), 'bastei-e2e-'));
    webRoot = await snapshotWebUi();
    database = await createTestDatabase();
    app = await buildApp({
      database,
      config: testConfig({ ...(filesDir ? { BASTEI_FILES_DIR: filesDir } : {}), ...options.config }),
      logger: false,
      webRoot,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launching;
  }, 240_000);

  afterEach(() => {
    const reported = problems.splice(0);
    expect(reported, 'console errors, page errors, CSP violations or 5xx answers').toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await (browser ?? (await launching?.catch(() => undefined)))?.close();
    await app?.close();
    await database?.close();
    for (const dir of [filesDir, webRoot]) if (dir) rmSync(dir, { recursive: true, force: true });
    // What the last test's pages reported after it ended.
    expect(problems, 'console errors, page errors, CSP violations or 5xx answers').toEqual([]);
  });

  const suite: BrowserSuite = {
    get database() {
      return ready(database, 'database');
    },
    get app() {
      return ready(app, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get baseUrl() {
      return ready(baseUrl || undefined, 'server');
    },
    problems,
    async newPage(viewport = DEFAULT_VIEWPORT) {
      const context = await suite.browser.newContext({ viewport, locale: 'de-DE', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      watchProblems(page, problems);
      return page;
    },
    async signIn(local, viewport) {
      const page = await suite.newPage(viewport);
      await page.goto(`${suite.baseUrl}/anmelden`);
      await page.focus('#email');
      await page.keyboard.type(demoEmail(local));
      await page.keyboard.press('Tab');
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: 'Willkommen' }).waitFor();
      await settle(page);
      return page;
    },
    async screenshot(page, name) {
      await settle(page);
      await page.screenshot({
        path: join(screenshotDir, `${options.screenshotPrefix ?? ''}${name}.png`),
        fullPage: true,
      });
    },
  };
  return suite;
}

/**
 * A private copy of web/dist. A copy taken while another run rebuilds it fails or lacks files
 * that its index.html or its chunks name; then it is taken again once that build is through (no
 * event to wait on: another process writes the folder).
 */
async function snapshotWebUi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bastei-e2e-web-'));
  for (let attempt = 0; ; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    let missing: string[];
    try {
      cpSync(webDist, dir, { recursive: true });
      missing = missingAssets(dir);
    } catch (error) {
      // A file listed a moment ago was deleted by the build before it was copied.
      missing = [String(error)];
    }
    if (missing.length === 0) return dir;
    if (attempt >= 60) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`web/dist stays incomplete (${missing.slice(0, 3).join(', ')})`);
    }
    await delay(1000);
  }
}

/** Files under assets/ that index.html or a built script or stylesheet refers to but the folder lacks. */
function missingAssets(root: string): string[] {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return ['index.html'];
  const assets = join(root, 'assets');
  const present = new Set(existsSync(assets) ? readdirSync(assets) : []);
  const texts = [readFileSync(index, 'utf8')];
  for (const name of present)
    if (/\.(js|css)$/.test(name)) texts.push(readFileSync(join(assets, name), 'utf8'));
  const named = new Set<string>();
  for (const text of texts)
    for (const match of text.matchAll(/(?:assets\/|\.\/)([\w.-]+\.(?:js|css|woff2?))\b/g))
      named.add(match[1]!);
  return [...named].filter((name) => !present.has(name));
}

/**
 * Console errors (a CSP violation is one: "Refused to …"), uncaught page errors and server
 * errors with their problem document. Chromium logs every 4xx answer as an error (the anonymous
 * GET /api/v1/me, an expired session, the refused inputs the tests try); the UI shows those
 * itself, so they do not count.
 */
function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500)
      void response
        .text()
        .catch(() => '')
        .then((body) => problems.push(`${response.url()}: ${response.status()} ${body}`));
  });
}

/**
 * Nothing loading and every KoliBri element hydrated (styled). Waits on a locator, not with
 * waitForFunction: that evaluates a string in the page, which the CSP (no unsafe-eval) forbids.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .or(
      page.locator(
        `xpath=//*[starts-with(local-name(), 'kol-') and not(contains(concat(' ', normalize-space(@class), ' '), ' hydrated '))]`,
      ),
    )
    .first()
    .waitFor({ state: 'detached' });
}

/** axe-core with the WCAG 2.1 A/AA rules: zero violations. page.evaluate is not subject to the CSP. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await settle(page);
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  }
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as { id: string }[];
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** Types into a KoliBri input (its native input lives in the element's open shadow root). */
export async function fillKol(
  scope: Page | Locator,
  tag: string,
  name: string,
  value: string,
): Promise<void> {
  await scope.locator(`${tag}[_name="${name}"] input`).fill(value);
}

/** A GET on the page's server with the page's session (downloads, API figures to compare with); 200 expected. */
export async function fetchAs(page: Page, path: string): Promise<APIResponse> {
  const response = await page.request.get(new URL(path, page.url()).href);
  expect(response.status(), `GET ${path}`).toBe(200);
  return response;
}

/** A write on the page's server with the page's session and its CSRF token (GET /api/v1/me); 200 expected. */
export async function sendAs(
  page: Page,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<APIResponse> {
  const me = (await (await fetchAs(page, '/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.fetch(new URL(path, page.url()).href, {
    method,
    headers: { 'x-csrf-token': me.csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(200);
  return response;
}

export const mainNav = (page: Page) => page.locator('nav[aria-label="Hauptnavigation"]');
export const navLabels = (page: Page) => mainNav(page).locator('a').allTextContents();

/** The main navigation each demo role sees (German), in order. */
export const NAV = {
  isb: ['Start', 'Bewertungen', 'Maßnahmen', 'Scans', 'Vorfälle', 'Warnungen', 'Protokoll', 'Mein Konto'],
  auditor: ['Start', 'Prüfungen', 'Maßnahmen', 'Mein Konto'],
  observer: ['Start', 'Auswertungen', 'Mein Konto'],
} as const;
export const horizontalOverflow = (page: Page) =>
  page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  ) as Promise<boolean>;

/** A share as the UI shows it (web/src/format.ts, German): 0.5 → "50 %" with a no-break space. */
export const percent = (ratio: number) =>
  new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for a text as an accessible name computed from content (no-break spaces become spaces). */
export const nameFromText = (text: string) => escapeRegExp(text).replace(/\u00a0/g, '\\s');
