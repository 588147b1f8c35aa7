/**
 * The scan module and the CERT exchange in the web UI, end to end in Debian's Chromium against the
 * real server on a private copy of the demo database: the Halberstadt ISB adds an asset, uploads a
 * real scanner report and accepts a finding; reports an incident with an observable (the early
 * warning); the CERT sees the case, adds a task and a request for information, uploads a real CSAF
 * advisory and publishes a warning; the ISB acknowledges it and marks it not affected. axe-core
 * (WCAG 2.1 A/AA) checks every screen, screenshots land in test-results/screenshots/. Skips with a
 * reason when /usr/bin/chromium or the reference samples are absent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPage,
  fetchAs,
  horizontalOverflow,
  mainNav,
  repoDir,
  settle,
  setupBrowserSuite,
  skipBrowserTests,
} from './harness.ts';

// Real third-party samples (never copied into the repository).
const SCAN_REPORT = join(
  repoDir,
  '..',
  'shared',
  'reference',
  'scans',
  'gvm',
  'defectdojo_openvas_one_vuln.xml',
);
const CSAF = join(repoDir, '..', 'shared', 'reference', 'csaf', 'bsi-wid', 'wid-sec-w-2024-3319.json');

const skip = skipBrowserTests('the CERT journeys in the web UI', [SCAN_REPORT, CSAF]);

const journey = {
  incidentUrl: '',
  warningUrl: '',
  incidentTitle: `Phishing-Welle im Bürgerbüro ${Date.now()}`,
};

describe.skipIf(skip)('scan module and CERT exchange (Chromium)', { timeout: 240_000 }, () => {
  const ui = setupBrowserSuite({ screenshotPrefix: 'cert-journey-', files: true });
  const { signIn, screenshot } = ui;

  it('ISB: adds an asset, uploads a Greenbone report, accepts a finding', async () => {
    const page = await signIn('isb.halberstadt');
    await mainNav(page).getByRole('link', { name: 'Scans' }).click();
    await page.locator('h1', { hasText: 'Scans und Befunde' }).waitFor();
    await checkPage(page, 'scan overview');

    await page
      .getByRole('navigation', { name: 'Scan-Bereich' })
      .getByRole('link', { name: 'Inventar' })
      .click();
    await page.locator('h1', { hasText: 'Inventar' }).waitFor();
    await page.getByLabel('Art', { exact: true }).last().selectOption('host');
    await page.getByLabel('Name', { exact: true }).last().fill('portal-e2e.halberstadt.de');
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await page.getByText('portal-e2e.halberstadt.de ist im Inventar.').waitFor();
    await page.getByRole('rowheader', { name: 'portal-e2e.halberstadt.de' }).waitFor();
    await page.locator('#product-name').fill('HTTP Server');
    await page.locator('#product-vendor').fill('Apache');
    await page.locator('#product-version').fill('2.4.50');
    await page.getByRole('button', { name: 'Produkt hinzufügen' }).click();
    await page.getByText('HTTP Server ist erfasst.').waitFor();
    await checkPage(page, 'asset inventory');
    await screenshot(page, 'scan-inventory');

    await page
      .getByRole('navigation', { name: 'Scan-Bereich' })
      .getByRole('link', { name: 'Freigaben' })
      .click();
    await page.locator('h1', { hasText: 'Scan-Freigaben' }).waitFor();
    await checkPage(page, 'scan authorisations');
    await screenshot(page, 'scan-authorisations');
    await page
      .getByRole('navigation', { name: 'Scan-Bereich' })
      .getByRole('link', { name: 'Scan-Läufe' })
      .click();
    await page.locator('h1', { hasText: 'Scan-Läufe' }).waitFor();
    await checkPage(page, 'scan runs');

    await page
      .getByRole('navigation', { name: 'Scan-Bereich' })
      .getByRole('link', { name: 'Übersicht' })
      .click();
    await page.locator('h1', { hasText: 'Scans und Befunde' }).waitFor();
    await page.getByLabel('Berichtsdatei').setInputFiles(SCAN_REPORT);
    await page.getByRole('button', { name: 'Bericht hochladen' }).click();
    await page.getByText('Bericht übernommen (Greenbone/OpenVAS (XML))').waitFor();
    await page.locator('.light').waitFor();
    await checkPage(page, 'scan overview after import');
    await screenshot(page, 'scan-overview');

    await page.getByRole('link', { name: 'Zu den offenen Befunden' }).click();
    await page.locator('h1', { hasText: 'Befunde' }).waitFor();
    await settle(page);
    await checkPage(page, 'findings');
    await screenshot(page, 'scan-findings');
    await page.locator('table.data-table tbody a').first().click();
    await page.waitForURL(/\/scans\/befunde\/[0-9a-f-]{36}$/);
    await page
      .locator('#accept-reason')
      .fill('Host wird im nächsten Quartal abgeschaltet; bis dahin isoliert.');
    await page.getByRole('button', { name: 'Risiko akzeptieren' }).click();
    await page.getByText('Das Risiko ist akzeptiert.').waitFor();
    await page.getByRole('cell', { name: /offen → Risiko akzeptiert/ }).waitFor();
    await checkPage(page, 'finding detail (accepted)');
    await screenshot(page, 'scan-finding');
  });

  it('ISB: reports an incident with an observable as the early warning', async () => {
    const page = await signIn('isb.halberstadt');
    await mainNav(page).getByRole('link', { name: 'Vorfälle' }).click();
    await page.locator('h1', { hasText: 'Sicherheitsvorfälle' }).waitFor();
    await checkPage(page, 'incident list (Kommune)');
    await page.getByRole('link', { name: 'Vorfall melden' }).click();
    await page.locator('h1', { hasText: 'Vorfall melden' }).waitFor();
    await settle(page);
    await page.getByLabel('Titel').fill(journey.incidentTitle);
    await page.getByLabel('Kategorie').selectOption('phishing');
    await page
      .getByLabel('Beschreibung')
      .fill('Mehrere Beschäftigte erhielten gefälschte Rechnungen mit Link.');
    await page.getByLabel('Vertraulichkeit beeinträchtigt').check();
    await page.getByLabel('Personenbezogene Daten sind betroffen').check();
    await page.getByText('Meldung an die Datenschutzaufsicht nicht vergessen').waitFor();
    await page.getByRole('button', { name: 'Beobachtung hinzufügen' }).click();
    await page.getByLabel('Typ').selectOption('domain');
    await page.getByLabel('Wert').fill('rechnung-halberstadt.example');
    await checkPage(page, 'incident form');
    await screenshot(page, 'incident-form');
    await page.getByRole('button', { name: 'Vorfall an das CERT senden' }).click();
    await page.waitForURL(/\/vorfaelle\/[0-9a-f-]{36}$/);
    journey.incidentUrl = new URL(page.url()).pathname;
    await page.getByRole('rowheader', { name: 'rechnung-halberstadt.example' }).waitFor();
    await page.getByText(/Version 1: Frühwarnung/).waitFor();
    await page.locator('.deadline', { hasText: 'Meldung (72 Stunden)' }).waitFor();
    await checkPage(page, 'incident detail (Kommune)');
    await screenshot(page, 'incident-detail-kommune');
  });

  it('CERT: sees the case, adds a task and a request for information', async () => {
    const page = await signIn('cert');
    await mainNav(page).getByRole('link', { name: 'Vorfälle' }).click();
    await page.locator('h1', { hasText: 'Sicherheitsvorfälle' }).waitFor();
    await page.getByLabel('Fristen').selectOption('false');
    await page.waitForURL(/ueberfaellig=false/);
    await settle(page);
    await checkPage(page, 'incident list (CERT)');
    await screenshot(page, 'cert-incidents');
    await page.goto(`${ui.baseUrl}${journey.incidentUrl}`);
    await page.locator('h1', { hasText: journey.incidentTitle }).waitFor();
    await settle(page);
    await page.getByLabel('Neue Aufgabe').fill('Absender-Domain sperren lassen');
    await page.getByRole('button', { name: 'Aufgabe hinzufügen' }).click();
    await page.getByLabel('Absender-Domain sperren lassen').waitFor();
    await page.locator('#request-question').fill('Wie viele Beschäftigte haben den Link geöffnet?');
    await page.getByRole('button', { name: 'Rückfrage senden' }).click();
    await page.getByText('Die Rückfrage ist gestellt.').waitFor();
    await page.getByText('Wie viele Beschäftigte haben den Link geöffnet?').waitFor();
    await checkPage(page, 'incident case (CERT)');
    await screenshot(page, 'cert-incident-case');
  });

  it('CERT: uploads a CSAF advisory and publishes a warning to Halberstadt', async () => {
    const page = await signIn('cert');
    await mainNav(page).getByRole('link', { name: 'Sicherheitshinweise' }).click();
    await page.locator('h1', { hasText: 'Sicherheitshinweise (CSAF)' }).waitFor();
    await settle(page);
    await page.getByLabel('CSAF-Datei (JSON)').setInputFiles({
      name: 'kaputt.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"document": {"category": 5}}'),
    });
    await page.getByRole('button', { name: 'Hochladen und abgleichen' }).click();
    await page.locator('.error-list code').first().waitFor();
    await checkPage(page, 'advisory upload with errors');
    await page.getByLabel('CSAF-Datei (JSON)').setInputFiles(CSAF);
    await page.getByRole('button', { name: 'Hochladen und abgleichen' }).click();
    await page.getByText(/Sicherheitshinweis übernommen|Dieses Dokument war schon vorhanden/).waitFor();
    await settle(page);
    await checkPage(page, 'advisory list');
    await screenshot(page, 'cert-advisories');
    await page.locator('.alert, kol-alert').getByRole('link').first().click();
    await page.waitForURL(/\/sicherheitshinweise\/[0-9a-f-]{36}$/);
    await settle(page);
    await checkPage(page, 'advisory detail');
    await page.getByLabel('ausgewählte Kommunen').check();
    const halberstadt = (await page
      .locator('#audience-organisations option', { hasText: 'Halberstadt' })
      .first()
      .textContent())!;
    await page.getByLabel('Kommunen', { exact: true }).selectOption({ label: halberstadt });
    await page
      .getByLabel('Nachricht an die Kommunen')
      .fill('Bitte prüfen Sie Ihre Installationen und melden Sie den Stand.');
    await screenshot(page, 'cert-advisory-publish');
    await page.getByRole('button', { name: 'Warnung veröffentlichen' }).click();
    await page.waitForURL(/\/warnungen\/[0-9a-f-]{36}$/);
    journey.warningUrl = new URL(page.url()).pathname;
    await page.getByText(/0 von 1 Kommunen haben bestätigt/).waitFor();
    await page.getByRole('heading', { name: 'Verteilprotokoll' }).waitFor();
    await settle(page);
    await checkPage(page, 'warning (CERT)');
    await screenshot(page, 'cert-warning');

    await mainNav(page).getByRole('link', { name: 'Warnungen' }).click();
    await page.locator('h1', { hasText: 'Warnungen' }).waitFor();
    await page.getByText(/0 von 1 Kommunen haben bestätigt/).waitFor();
    await checkPage(page, 'warning list (CERT)');

    for (const [link, heading] of [
      ['Prüfliste', 'Prüfliste'],
      ['Alias-Tabelle', 'Alias-Tabelle'],
    ] as const) {
      await page.goto(`${ui.baseUrl}/sicherheitshinweise`);
      await page.getByRole('navigation', { name: 'CERT-Bereich' }).getByRole('link', { name: link }).click();
      await page.locator('h1', { hasText: heading }).waitFor();
      await checkPage(page, heading);
    }
  });

  it('ISB: reads the warning, acknowledges it and marks it not affected; the VEX document follows', async () => {
    const page = await signIn('isb.halberstadt');
    await mainNav(page).getByRole('link', { name: 'Warnungen' }).click();
    await page.locator('h1', { hasText: 'Warnungen' }).waitFor();
    await settle(page);
    await checkPage(page, 'warning list (Kommune)');
    await page.locator(`a[href="${journey.warningUrl}"]`).click();
    await page.waitForURL(new RegExp(`${journey.warningUrl}$`));
    await page.locator('.tlp--large').waitFor();
    await settle(page);
    await checkPage(page, 'warning (Kommune)');
    await page.getByRole('button', { name: 'Kenntnisnahme bestätigen' }).click();
    await page.getByText(/Kenntnisnahme bestätigt am/).waitFor();
    await page.getByLabel('nicht betroffen').check();
    await page.getByLabel('Anmerkung').fill('Produkt wird in Halberstadt nicht eingesetzt.');
    await page.getByRole('button', { name: 'Rückmeldung speichern' }).click();
    await page.getByText('Ihre Rückmeldung ist gespeichert.').waitFor();
    const vex = page.getByRole('link', { name: /VEX-Dokument herunterladen/ });
    const response = await fetchAs(page, (await vex.getAttribute('href'))!);
    expect(JSON.stringify(await response.json())).toContain('known_not_affected');
    await checkPage(page, 'warning answered (Kommune)');
    await screenshot(page, 'kommune-warning');

    // 360 px wide: the incident report still fits without sideways scrolling.
    const narrow = await signIn('isb.halberstadt', { width: 360, height: 740 });
    await narrow.goto(`${ui.baseUrl}${journey.incidentUrl}`);
    await narrow.locator('h1', { hasText: journey.incidentTitle }).waitFor();
    await settle(narrow);
    expect(await horizontalOverflow(narrow)).toBe(false);
    await screenshot(narrow, 'incident-360');
  });
});
