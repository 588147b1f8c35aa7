/**
 * The ministry's, the federal observer's and the admin's screens end to end: Debian's Chromium
 * (playwright-core) against the real server on a private copy of the demo database. The ministry
 * filters and sorts the state overview (URL, back button, reload), opens a Kommune, the map (with
 * the boundaries the demo seed loads from the reference folder; the tile grid when the server has
 * none, simulated by answering the boundaries request with an empty collection) and the topic
 * chart; the BSI observer sees aggregates only; the admin imports an OSCAL catalog (progress,
 * summary, problem pointers), manages a membership and verifies the audit chain. axe-core
 * (WCAG 2.1 A/AA) on every screen; screenshots in test-results/screenshots/. Skips with a reason
 * when /usr/bin/chromium is absent.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, PILOT_ARS, STATE_ARS } from '../../src/domains/demo/seed.ts';
import {
  checkPage,
  escapeRegExp,
  fetchAs,
  horizontalOverflow,
  mainNav,
  NAV,
  nameFromText,
  navLabels,
  percent,
  settle,
  setupBrowserSuite,
  skipBrowserTests,
} from './harness.ts';

const skip = skipBrowserTests('the ministry, observer and admin journeys');

interface OverviewItem {
  organisationId: string;
  name: string;
  type: string;
  district: { id: string; name: string } | null;
  assessment: { status: string } | null;
  score: { overall: number | null } | null;
}

/** Boundaries in the demo database (0 when the reference folder was missing at seed time). */
let boundaryCount = 0;

describe.skipIf(skip)('ministry, observer and admin journeys (Chromium)', { timeout: 180_000 }, () => {
  const ui = setupBrowserSuite({ screenshotPrefix: 'journey-' });
  const { signIn, screenshot } = ui;

  beforeAll(async () => {
    const geometries = await ui.database.db
      .selectFrom('organisation_geometries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    boundaryCount = Number(geometries.n);
    if (boundaryCount === 0)
      process.stdout.write(
        '\nThe demo database has no boundaries (../shared/reference/municipalities/geo missing): the map steps check the tile grid only.\n',
      );
  });

  it('ministry: filters and sorts the state overview in the URL; back, reload and a Kommune page work', async () => {
    const page = await signIn('ministerium');
    await expect(navLabels(page)).resolves.toContain('Landesübersicht');
    await mainNav(page).getByRole('link', { name: 'Landesübersicht' }).click();
    await page.locator('h1', { hasText: 'Landesübersicht' }).waitFor();
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(25);
    await checkPage(page, 'state overview');
    await screenshot(page, 'ministry-overview');

    const all = await overview(page);
    const verified = all.filter((item) => item.assessment?.status === 'verified');
    await page.selectOption('#status', 'verified');
    await page.waitForURL(/status=verified/);
    await page.locator('caption', { hasText: new RegExp(`^${verified.length} Kommunen?,`) }).waitFor();
    const statuses = await page.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(statuses.every((text) => text.startsWith('Geprüft'))).toBe(true);

    const harz = all.find((item) => item.type === 'district' && item.name === 'Harz')!;
    const harzVerified = verified.filter(
      (item) => item.organisationId === harz.organisationId || item.district?.id === harz.organisationId,
    );
    await page.selectOption('#kreis', harz.organisationId);
    await page.waitForURL(new RegExp(`kreis=${harz.organisationId}`));
    await page.locator('caption', { hasText: new RegExp(`^${harzVerified.length} Kommunen?,`) }).waitFor();

    await page.getByRole('button', { name: /^Erfüllungsgrad/ }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Erfüllungsgrad' }).waitFor();
    await page.getByRole('button', { name: /^Erfüllungsgrad/ }).click();
    await page.waitForURL(/sortierung=score&richtung=ab/);
    await page.locator('th[aria-sort="descending"]', { hasText: 'Erfüllungsgrad' }).waitFor();
    await settle(page);
    const scores = (await page.locator('tbody tr td:nth-child(5)').allTextContents()).map((text) =>
      Number.parseInt(text, 10),
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await checkPage(page, 'state overview filtered and sorted');
    await screenshot(page, 'ministry-overview-filtered');

    await page.reload();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Erfüllungsgrad' }).waitFor();
    expect(await page.locator('#kreis').inputValue()).toBe(harz.organisationId);
    await page.goBack();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Erfüllungsgrad' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.search.includes('kreis') && !url.search.includes('sortierung'));
    await page.goBack();
    await page.waitForURL((url) => url.search === '?status=verified');

    // A Kommune's read-only page: scores per topic and the measures' progress.
    const halberstadt = all.find((item) => item.name.startsWith('Halberstadt'))!;
    await page.goto(`${ui.baseUrl}/land`);
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await page
      .getByRole('button', { name: /Eine Seite weiter/ })
      .first()
      .click();
    await page.waitForURL(/seite=2/);
    await page.goto(`${ui.baseUrl}/land/kommunen/${halberstadt.organisationId}`);
    await page.locator('h1', { hasText: halberstadt.name }).waitFor();
    await page.locator('#kommune-themen-titel').waitFor();
    if (halberstadt.score?.overall != null)
      await page.locator('.figure', { hasText: percent(halberstadt.score.overall) }).waitFor();
    expect(await page.locator('#kommune-themen tbody tr').count()).toBeGreaterThan(10);
    await checkPage(page, 'Kommune detail');
    await screenshot(page, 'ministry-kommune');
    await page.getByRole('link', { name: 'Zurück zur Landesübersicht' }).click();
    await page.waitForURL((url) => url.pathname === '/land');
  });

  it('ministry: the map coloured by score, by keyboard, with attribution, levels, tiles and a table', async () => {
    const page = await signIn('ministerium');
    const all = await overview(page);
    await page.goto(`${ui.baseUrl}/land/karte`);
    await page.locator('h1', { hasText: 'Karte der Kommunen' }).waitFor();
    await settle(page);
    if (boundaryCount === 0) {
      await page.getByText('Keine Gebietsgrenzen eingespielt').waitFor();
      expect(await page.locator('.tile').count()).toBe(133);
      await checkPage(page, 'map without geometry');
      return;
    }
    const areas = page.locator('.choropleth a');
    // 119 municipalities and the 3 kreisfreie Städte; the 11 Landkreise as borders over them.
    expect(await areas.count()).toBe(122);
    const halberstadt = all.find((item) => item.name.startsWith('Halberstadt'))!;
    const label = `${halberstadt.name}: ${percent(halberstadt.score!.overall!)}`;
    const area = page.locator(`.choropleth a[aria-label="${label}"]`);
    expect(await area.count()).toBe(1);
    expect(await area.locator('path').getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/);
    const attribution = page.locator('.map-attribution a');
    expect(await attribution.getAttribute('href')).toBe('https://www.bkg.bund.de');
    expect(await attribution.textContent()).toContain('© GeoBasis-DE / BKG 2016 (Daten verändert)');
    await page.locator('.score-legend li').first().waitFor();
    expect(await page.locator('#karte-tabelle + .table-scroll tbody tr').count()).toBe(122);
    await checkPage(page, 'map');
    await screenshot(page, 'ministry-map');

    // Keyboard: Tab from the skip link's predecessor reaches the first area; Enter opens it.
    await page.getByRole('link', { name: 'Karte überspringen und zur Tabelle' }).focus();
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate('document.activeElement.getAttribute("aria-label")')) as string;
    expect(focused).toMatch(/^.+: (\d+\s%|keine Bewertung|kein Wert)$/);
    await page.locator('.choropleth__info', { hasText: focused }).waitFor();
    await screenshot(page, 'ministry-map-focus');
    await area.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/land/kommunen/${halberstadt.organisationId}$`));
    await page.locator('h1', { hasText: halberstadt.name }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/land/karte');

    // click, not check: the radio follows the URL, which changes a moment later.
    await page.getByRole('radio', { name: 'Landkreise und kreisfreie Städte' }).click();
    await page.waitForURL(/ebene=kreise/);
    await page.locator('h2', { hasText: 'Landkreise und kreisfreie Städte' }).waitFor();
    expect(await areas.count()).toBe(14);
    await checkPage(page, 'map of districts');
    await screenshot(page, 'ministry-map-districts');

    await page.getByRole('radio', { name: 'Kacheln' }).click();
    await page.waitForURL(/ansicht=kacheln/);
    await page.locator('.tile').first().waitFor();
    expect(await page.locator('.tile').count()).toBe(133);
    await checkPage(page, 'tile grid by choice');
    await page.goBack();
    await page.locator('.choropleth a').first().waitFor();
  });

  it('ministry: without boundaries the map falls back to the tile grid, grouped by district', async () => {
    const page = await signIn('ministerium');
    const all = await overview(page);
    // The server of an installation without imported geometry answers with an empty collection.
    await page.route('**/api/v1/organisations/boundaries**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ type: 'FeatureCollection', attributions: [], features: [] }),
      }),
    );
    await page.goto(`${ui.baseUrl}/land/karte`);
    await page.getByText('Keine Gebietsgrenzen eingespielt').waitFor();
    await settle(page);
    expect(await page.locator('.choropleth').count()).toBe(0);
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.locator('.tile').count()).toBe(133);
    expect(await page.locator('.tile-grid__group').count()).toBe(14);
    const halberstadt = all.find((item) => item.name.startsWith('Halberstadt'))!;
    const tile = page.getByRole('link', {
      name: new RegExp(
        `^${escapeRegExp(halberstadt.name)}\\s*${nameFromText(percent(halberstadt.score!.overall!))}$`,
      ),
    });
    expect(await tile.count()).toBe(1);
    const harzGroup = page.locator('.tile-grid__group', { has: page.locator('h3', { hasText: /^Harz$/ }) });
    expect(
      await harzGroup.getByRole('link', { name: new RegExp(`^${escapeRegExp(halberstadt.name)}`) }).count(),
    ).toBe(1);
    await checkPage(page, 'tile grid fallback');
    await screenshot(page, 'ministry-map-tiles');
    await tile.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/land/kommunen/${halberstadt.organisationId}$`));
  });

  it('ministry: the topic distribution as a chart and a table, filterable', async () => {
    const page = await signIn('ministerium');
    await page.goto(`${ui.baseUrl}/land`);
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Ansichten der Landesübersicht' })
      .getByRole('link', { name: 'Themen' })
      .click();
    await page.locator('h1', { hasText: 'Themen im Land' }).waitFor();
    await settle(page);
    const topics = (await (await page.request.get(`${ui.baseUrl}/api/v1/overview/topics`)).json()) as {
      assessed: number;
      items: { key: string; buckets: { count: number }[] }[];
    };
    expect(await page.locator('#themen-tabelle tbody tr').count()).toBe(topics.items.length + 1);
    const first = topics.items[0]!;
    const cells = await page
      .locator('#themen-tabelle tbody tr', { hasText: first.key })
      .locator('td')
      .allTextContents();
    expect(cells.slice(0, 4).map(Number)).toEqual(first.buckets.map((b) => b.count));
    expect(await page.locator('figure.distribution-chart svg[role="img"]').count()).toBe(1);
    await page.getByText(`davon ${topics.assessed} mit Bewertung`).waitFor();
    await checkPage(page, 'topic distribution');
    await screenshot(page, 'ministry-topics');

    await page.selectOption('#status', 'frozen');
    await page.waitForURL(/status=frozen/);
    const frozen = (await (
      await page.request.get(`${ui.baseUrl}/api/v1/overview/topics?status=frozen`)
    ).json()) as {
      assessed: number;
    };
    await page.getByText(`davon ${frozen.assessed} mit Bewertung`).waitFor();
    await checkPage(page, 'topic distribution filtered');
  });

  it('ministry at 360 px: overview, map and topics without sideways scrolling', async () => {
    const page = await signIn('ministerium', { width: 360, height: 740 });
    for (const [path, name] of [
      ['/land', 'overview'],
      ['/land/karte', 'map'],
      ['/land/themen', 'topics'],
    ] as const) {
      await page.goto(`${ui.baseUrl}${path}`);
      await page.locator('h1').waitFor();
      await settle(page);
      expect(await horizontalOverflow(page), path).toBe(false);
      await checkPage(page, `${name} at 360 px`);
      await screenshot(page, `ministry-${name}-360`);
    }
  });

  it('observer (BSI): aggregates only, suppressed groups marked; no per-Kommune page or data', async () => {
    const page = await signIn('bsi');
    await expect(navLabels(page)).resolves.toEqual(NAV.observer);
    await mainNav(page).getByRole('link', { name: 'Auswertungen' }).click();
    await page.locator('h1', { hasText: 'Anonymisierte Auswertungen' }).waitFor();
    await settle(page);
    await page.getByText('weniger als 5 Kommunen – nicht ausgewiesen').first().waitFor();
    await page.locator('table', { hasText: 'Einheitsgemeinde' }).first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    const names = await ui.database.db
      .selectFrom('organisations')
      .select('name')
      .where('type', 'in', ['municipality', 'district'])
      .execute();
    // Kommune names that are not also words of the page (a Landkreis "Harz" vs nothing here).
    expect(names.filter((n) => n.name.length > 6 && text.includes(n.name)).map((n) => n.name)).toEqual([]);
    expect(await page.locator('main a[href*="/land/"]').count()).toBe(0);
    await checkPage(page, 'observer aggregates');
    await screenshot(page, 'observer-aggregates');

    await page.selectOption('#land', STATE_ARS);
    await page.waitForURL(new RegExp(`land=${STATE_ARS}`));
    await page.locator('#auswertung-gesamt', { hasText: 'Sachsen-Anhalt' }).waitFor();
    await checkPage(page, 'observer aggregates of one state');

    const halberstadt = await ui.database.db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.halberstadt)
      .executeTakeFirstOrThrow();
    for (const path of [
      '/land',
      '/land/karte',
      '/land/themen',
      `/land/kommunen/${halberstadt.id}`,
      '/kommunen',
    ]) {
      await page.goto(`${ui.baseUrl}${path}`);
      await page.locator('h1', { hasText: 'Seite nicht gefunden' }).waitFor();
    }
    const refused = await page.request.get(`${ui.baseUrl}/api/v1/overview/municipalities`);
    expect(refused.status()).toBe(403);
  });

  it('admin: imports an OSCAL catalog with progress and summary, sees pointer errors, manages a membership, verifies the audit chain', async () => {
    const page = await signIn('admin');
    await expect(navLabels(page)).resolves.toContain('Kataloge');
    await mainNav(page).getByRole('link', { name: 'Kataloge' }).click();
    await page.locator('h1', { hasText: 'Kataloge' }).waitFor();
    await settle(page);
    await page.locator('caption', { hasText: /Katalog/ }).waitFor();
    await checkPage(page, 'catalogs');
    await screenshot(page, 'admin-catalogs');

    // Checked in the browser first: nothing chosen, then not a JSON file.
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.locator('#katalog-datei-error', { hasText: 'Bitte wählen Sie eine Datei aus.' }).waitFor();
    expect(await page.getAttribute('#katalog-datei', 'aria-invalid')).toBe('true');
    await page.setInputFiles('#katalog-datei', {
      name: 'katalog.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<catalog/>'),
    });
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.locator('#katalog-datei-error', { hasText: 'JSON-Datei' }).waitFor();

    // The server's problem document with the JSON pointers into the file.
    const broken = smallCatalog('Kaputter Katalog');
    delete (broken.catalog.metadata as Record<string, unknown>)['last-modified'];
    await page.setInputFiles('#katalog-datei', {
      name: 'kaputt.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.getByText('Der Import ist fehlgeschlagen.').waitFor();
    await page.locator('.error-list code', { hasText: '/catalog/metadata/last-modified' }).waitFor();
    await checkPage(page, 'catalog import with errors');
    await screenshot(page, 'admin-catalog-errors');

    // A valid catalog; the answer is held back a little so the progress bar can be seen.
    await page.route('**/api/v1/catalogs', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await new Promise((resolve) => setTimeout(resolve, 400));
      return route.continue();
    });
    await page.setInputFiles('#katalog-datei', {
      name: 'kleinstadt.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(smallCatalog('Testkatalog Kleinstadt'))),
    });
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page.locator('progress#katalog-fortschritt').waitFor();
    await page.getByText('Importiert: Testkatalog Kleinstadt').waitFor();
    const summary = page.locator('.import-summary dl');
    await expect(summary.textContent()).resolves.toContain('Gruppen2');
    await expect(summary.textContent()).resolves.toContain('Anforderungen3');
    await page.locator('tbody th', { hasText: 'Testkatalog Kleinstadt' }).waitFor();
    const stored = await ui.database.db
      .selectFrom('catalogs')
      .select('key')
      .where('title', '=', 'Testkatalog Kleinstadt')
      .executeTakeFirstOrThrow();
    expect(stored.key).toBe('testkatalog-kleinstadt');
    await checkPage(page, 'catalog import summary');
    await screenshot(page, 'admin-catalog-summary');
    await page.unroute('**/api/v1/catalogs');

    // Users and memberships: give the observer a second role, then take it away again.
    await mainNav(page).getByRole('link', { name: 'Benutzer' }).click();
    await page.locator('h1', { hasText: 'Benutzer' }).waitFor();
    await settle(page);
    const bsi = await ui.database.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('email', '=', demoEmail('bsi'))
      .executeTakeFirstOrThrow();
    await page.getByRole('link', { name: bsi.display_name }).click();
    await page.locator('h1', { hasText: bsi.display_name }).waitFor();
    await settle(page);
    const salzland = await ui.database.db
      .selectFrom('organisations')
      .select(['name', 'subtype'])
      .where('ars', '=', PILOT_ARS.salzlandkreis)
      .executeTakeFirstOrThrow();
    await page
      .locator('kol-select[_name="organisationId"] select')
      .selectOption({ label: `${salzland.name} (${salzland.subtype})` });
    await page.locator('kol-select[_name="role"] select').selectOption({ label: 'Mitarbeit' });
    await page.getByRole('button', { name: 'Rolle vergeben' }).click();
    await page.getByText('Die Rolle wurde vergeben.').waitFor();
    await page.getByRole('button', { name: `Mitarbeit bei ${salzland.name} entfernen` }).click();
    await page.getByText('Die Rolle wurde entfernt.').waitFor();
    expect(await page.locator('.membership', { hasText: salzland.name }).count()).toBe(0);

    await mainNav(page).getByRole('link', { name: 'Protokoll' }).click();
    await page.locator('h1', { hasText: 'Protokoll' }).waitFor();
    await settle(page);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await page.getByText('Die Protokollkette ist unverändert.').waitFor();
    await page.getByText(/Einträge geprüft\./).waitFor();
    await page.locator('td', { hasText: 'catalog.import' }).first().waitFor();
    await checkPage(page, 'audit chain verified');
    await screenshot(page, 'admin-audit-verified');
  });
});

/** A minimal OSCAL catalog written for this test: two groups, three controls. */
function smallCatalog(title: string) {
  const control = (id: string, name: string, prose: string) => ({
    id,
    title: name,
    parts: [{ id: `${id}_smt`, name: 'statement', prose }],
  });
  return {
    catalog: {
      uuid: '0b7c2a1e-4d3f-4c55-9a1b-2f6e8d9c0a11',
      metadata: { title, 'last-modified': '2026-01-01T00:00:00Z', version: '1.0', 'oscal-version': '1.1.3' },
      groups: [
        {
          id: 'org',
          title: 'Organisation',
          controls: [
            control('org-1', 'Verantwortung festlegen', 'Die Leitung benennt eine verantwortliche Person.'),
            control('org-2', 'Leitlinie', 'Eine Leitlinie zur Informationssicherheit ist beschlossen.'),
          ],
        },
        {
          id: 'tec',
          title: 'Technik',
          controls: [control('tec-1', 'Aktualisierungen', 'Sicherheitsupdates werden zeitnah eingespielt.')],
        },
      ],
    },
  };
}

/** The whole state overview as the signed-in page's session sees it. */
async function overview(page: Page): Promise<OverviewItem[]> {
  const response = await fetchAs(page, '/api/v1/overview/municipalities?limit=500');
  return ((await response.json()) as { items: OverviewItem[] }).items;
}
