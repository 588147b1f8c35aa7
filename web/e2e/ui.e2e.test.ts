/**
 * The web UI end to end: Debian's Chromium (playwright-core, never a downloaded browser) against
 * the real server on a private copy of the demo database. Every demo role signs in and walks what
 * exists; axe-core checks every screen for WCAG 2.1 A/AA violations; each main screen is saved as
 * a screenshot in test-results/screenshots/. Skips with a reason when /usr/bin/chromium is absent
 * (`.ci/run` installs it).
 */
import { gzipSync } from 'node:zlib';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { demoEmail, PILOT_ARS } from '../../src/domains/demo/seed.ts';
import { endAllSessions } from '../../src/platform/auth/sessions.ts';
import { TEST_PASSWORD } from '../../test/helpers.ts';
import {
  checkPage,
  fillKol,
  horizontalOverflow,
  mainNav,
  NAV,
  navLabels,
  settle,
  setupBrowserSuite,
  skipBrowserTests,
} from './harness.ts';

const skip = skipBrowserTests('the web UI end-to-end tests');

describe.skipIf(skip)('web UI end to end (Chromium)', { timeout: 120_000 }, () => {
  const ui = setupBrowserSuite();
  const { newPage, signIn, screenshot } = ui;

  it('serves the login page under the strict CSP, small, accessible, German first', async () => {
    const page = await newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.body().then((body) => gzipSync(body, { level: 9 }).length));
    });
    const response = await page.goto(`${ui.baseUrl}/kommunen`);
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    await page.waitForURL(/\/anmelden\?weiter=%2Fkommunen$/);
    await settle(page);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.locator('h1').textContent()).resolves.toBe('Anmelden');
    expect(await page.title()).toBe('Anmelden – Bastei');
    await checkPage(page, 'login');
    await screenshot(page, 'login');
    // The JavaScript budget of the login page (bench/ui.bench.ts prints the figures).
    const gzipBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    expect(gzipBytes / 1024).toBeLessThanOrEqual(200);

    // Keyboard: the first Tab reaches the skip link, Enter moves focus to the main landmark.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('inhalt');

    // Empty submit: messages beside the fields, tied to them.
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const emailError = page.locator('#email-error');
    await expect(emailError.textContent()).resolves.toContain('Bitte füllen Sie dieses Feld aus.');
    expect(await page.getAttribute('#email', 'aria-describedby')).toContain('email-error');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    await checkPage(page, 'login with field errors');

    // Wrong password: the problem document's title, readable.
    await page.fill('#email', demoEmail('admin'));
    await page.fill('#password', 'falsches-passwort-123');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();
    await checkPage(page, 'login with problem');
    await screenshot(page, 'login-error');
  });

  it('switches to English and back', async () => {
    const page = await newPage();
    await page.goto(`${ui.baseUrl}/anmelden`);
    await settle(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkPage(page, 'login (English)');
    await screenshot(page, 'login-en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.locator('h1', { hasText: 'Anmelden' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
  });

  it('admin: home, users, create a user with a role, disable and enable, audit chain, Kommunen', async () => {
    const page = await signIn('admin');
    await expect(page.locator('h1').textContent()).resolves.toBe('Willkommen, Plattformbetrieb');
    await page.locator('.figure').first().waitFor();
    await checkPage(page, 'admin home');
    await screenshot(page, 'admin-home');
    await expect(navLabels(page)).resolves.toEqual([
      'Start',
      'Scans',
      'Kommunen',
      'Benutzer',
      'Kataloge',
      'Protokoll',
      'Mein Konto',
    ]);

    await page.getByRole('link', { name: 'Benutzer', exact: true }).click();
    await page.locator('h1', { hasText: 'Benutzer' }).waitFor();
    await settle(page);
    await page.getByRole('link', { name: 'Thomas Schulz' }).waitFor();
    await checkPage(page, 'users');
    await screenshot(page, 'admin-users');

    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.waitForURL(/\/benutzer\/neu$/);
    await settle(page);
    // Client-side validation first, in German, beside the fields.
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.getByText('Bitte geben Sie eine gültige E-Mail-Adresse an').waitFor();
    await checkPage(page, 'create user with errors');
    await screenshot(page, 'admin-user-create-errors');
    // A server-side field error (name too long) lands beside its field as well.
    await fillKol(page, 'kol-input-email', 'email', 'neu.isb@halberstadt.example');
    await fillKol(page, 'kol-input-text', 'displayName', 'x'.repeat(201));
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Die Eingabe ist ungültig.' }).first().waitFor();
    // KoliBri renders the message in the field's shadow root and points aria-describedby at it.
    const description = await page.evaluate(`(() => {
      const root = document.querySelector('kol-input-text[_name="displayName"]').shadowRoot;
      const ids = (root.querySelector('input').getAttribute('aria-describedby') || '').split(' ');
      return ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ');
    })()`);
    expect(description).toContain('200');
    await fillKol(page, 'kol-input-text', 'displayName', 'Neue ISB Halberstadt');
    await fillKol(page, 'kol-input-password', 'password', 'Ein-langes-Startpasswort-2026');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.locator('h1', { hasText: 'Neue ISB Halberstadt' }).waitFor();
    await page.getByText('Der Benutzer wurde angelegt.').waitFor();
    await settle(page);

    const halberstadt = await ui.database.db
      .selectFrom('organisations')
      .select(['id', 'name', 'subtype'])
      .where('ars', '=', PILOT_ARS.halberstadt)
      .executeTakeFirstOrThrow();
    await page
      .locator('kol-select[_name="organisationId"] select')
      .selectOption({ label: `${halberstadt.name} (${halberstadt.subtype})` });
    // KoliBri's select uses positions as option values: choose by label.
    await page
      .locator('kol-select[_name="role"] select')
      .selectOption({ label: 'Informationssicherheitsbeauftragte/r' });
    await page.getByRole('button', { name: 'Rolle vergeben' }).click();
    await page.getByText('Die Rolle wurde vergeben.').waitFor();
    await page
      .locator('.membership', { hasText: halberstadt.name })
      .filter({ hasText: 'Informationssicherheitsbeauftragte/r' })
      .waitFor();
    await checkPage(page, 'user detail');
    await screenshot(page, 'admin-user-detail');

    await page.getByRole('button', { name: 'Konto sperren' }).click();
    await page.getByText('Das Konto ist gesperrt').waitFor();
    await page.locator('.badge--off').waitFor();
    await page.getByRole('button', { name: 'Konto entsperren' }).click();
    await page.getByText('Das Konto ist wieder aktiv.').waitFor();
    const created = await ui.database.db
      .selectFrom('users')
      .select(['disabled_at'])
      .where('email', '=', 'neu.isb@halberstadt.example')
      .executeTakeFirstOrThrow();
    expect(created.disabled_at).toBeNull();

    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.locator('h1', { hasText: 'Protokoll' }).waitFor();
    await settle(page);
    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await page.getByText('Die Protokollkette ist unverändert.').waitFor();
    await page.locator('td', { hasText: 'user.disable' }).first().waitFor();
    await checkPage(page, 'audit with chain check');
    await screenshot(page, 'admin-audit');

    await mainNav(page).getByRole('link', { name: 'Kommunen' }).click();
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await checkPage(page, 'Kommunen (admin)');
  });

  it('ministry: filters the Kommunen by district, sorts, pages; deep links and the back button work', async () => {
    const page = await signIn('ministerium');
    await page.locator('.card', { hasText: '133 Kommunen im Land' }).waitFor();
    await checkPage(page, 'ministry home');
    await screenshot(page, 'ministry-home');
    await expect(navLabels(page)).resolves.toEqual([
      'Start',
      'Scans',
      'Landesübersicht',
      'Kommunen',
      'Protokoll',
      'Mein Konto',
    ]);

    await page.getByRole('link', { name: 'Kommunen', exact: true }).click();
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await settle(page);
    expect(await page.locator('tbody tr').count()).toBe(25);
    await checkPage(page, 'Kommunen');
    await screenshot(page, 'ministry-kommunen');

    const harz = await ui.database.db
      .selectFrom('organisations')
      .select(['id'])
      .where('type', '=', 'district')
      .where('name', '=', 'Harz')
      .executeTakeFirstOrThrow();
    const inHarz = await ui.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('parent_id', '=', harz.id), eb('id', '=', harz.id)]))
      .executeTakeFirstOrThrow();
    await page.locator('kol-select[_name="kreis"] select').selectOption({ label: 'Harz' });
    await page.waitForURL(new RegExp(`kreis=${harz.id}`));
    await page.locator('caption', { hasText: `${Number(inHarz.n)} Kommunen` }).waitFor();
    const districts = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(districts)).toEqual(new Set(['Harz']));
    expect(await page.locator('tbody tr th').allTextContents()).toContain('Halberstadt, Stadt');

    await page.getByRole('button', { name: /^Einwohner/ }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Einwohner' }).waitFor();
    await page.getByRole('button', { name: /^Einwohner/ }).click();
    await page.waitForURL(/sortierung=population&richtung=ab/);
    await page.locator('th[aria-sort="descending"]', { hasText: 'Einwohner' }).waitFor();
    const populations = (await page.locator('tbody tr td:nth-child(5)').allTextContents()).map((text) =>
      Number(text.replace(/\./g, '')),
    );
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    await checkPage(page, 'Kommunen filtered and sorted');
    await screenshot(page, 'ministry-kommunen-harz');

    // A reload of the deep link comes back through the server's SPA fallback with the same view.
    await page.reload();
    await page.locator('caption', { hasText: `${Number(inHarz.n)} Kommunen` }).waitFor();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Einwohner' }).waitFor();
    // Back: population ascending, then the Harz list by name, then all Kommunen.
    await page.goBack();
    await page.waitForURL(
      (url) => url.search.includes('sortierung=population') && !url.search.includes('richtung'),
    );
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Einwohner' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.search.includes('kreis') && !url.search.includes('sortierung'));
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/kommunen' && !url.search.includes('kreis'));
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();

    // Page 2 of the full list.
    await page
      .getByRole('button', { name: /Eine Seite weiter/ })
      .first()
      .click();
    await page.waitForURL(/seite=2/);
    await page.getByText('Einträge 26 bis 50 von 133').waitFor();
  });

  it('ministry at 360 px: usable without sideways scrolling', async () => {
    const page = await signIn('ministerium', { width: 360, height: 740 });
    await checkPage(page, 'ministry home 360');
    expect(await horizontalOverflow(page)).toBe(false);
    await screenshot(page, 'ministry-home-360');
    await page.goto(`${ui.baseUrl}/kommunen`);
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await settle(page);
    await checkPage(page, 'Kommunen 360');
    expect(await horizontalOverflow(page)).toBe(false);
    await screenshot(page, 'ministry-kommunen-360');
  });

  it('auditor: home with the assigned Kommunen', async () => {
    const page = await signIn('pruefer');
    const card = page.locator('.card', { hasText: 'Ihre zugewiesenen Kommunen' });
    await card.locator('li', { hasText: 'Halberstadt' }).waitFor();
    expect(await card.locator('li').count()).toBe(3);
    await expect(navLabels(page)).resolves.toEqual(NAV.auditor);
    await checkPage(page, 'auditor home');
    await screenshot(page, 'auditor-home');
  });

  it('isb: home, own change history, TOTP set up and used at the next sign-in', async () => {
    const page = await signIn('isb.halberstadt');
    await page
      .locator('.card', { hasText: 'Ihre Kommune' })
      .locator('strong', { hasText: 'Halberstadt' })
      .waitFor();
    await expect(navLabels(page)).resolves.toEqual(NAV.isb);
    await checkPage(page, 'isb home');
    await screenshot(page, 'isb-home');

    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.locator('h1', { hasText: 'Protokoll' }).waitFor();
    await settle(page);
    expect(await page.getByRole('button', { name: 'Kette prüfen' }).count()).toBe(0);
    await checkPage(page, 'isb audit');
    await screenshot(page, 'isb-audit');

    await page.getByRole('link', { name: 'Mein Konto' }).click();
    await page.locator('h1', { hasText: 'Mein Konto' }).waitFor();
    await settle(page);
    await checkPage(page, 'account');
    await screenshot(page, 'isb-account');
    const totpCard = page.locator('section', { hasText: 'Zweiter Faktor (Authenticator-App)' });
    await fillKol(totpCard, 'kol-input-password', 'password', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Einrichtung starten' }).click();
    const uri = (await page.locator('code.uri').textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    await checkPage(page, 'TOTP setup');
    await screenshot(page, 'isb-totp-setup');
    const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    await fillKol(totpCard, 'kol-input-text', 'code', totp.generate());
    await page.getByRole('button', { name: 'Zweiten Faktor aktivieren' }).click();
    await page.getByText('Der zweite Faktor ist aktiv.').waitFor();

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie haben sich abgemeldet.').waitFor();
    await page.fill('#email', demoEmail('isb.halberstadt'));
    await page.fill('#password', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.locator('#totp').waitFor();
    await checkPage(page, 'login TOTP step');
    await screenshot(page, 'login-totp');
    // The enabling code's time step is used up; the next step's code is accepted (drift window 1).
    await page.fill('#totp', totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Code bestätigen' }).click();
    await page.locator('h1', { hasText: 'Willkommen, Thomas Schulz' }).waitFor();
  });

  it('cert and BSI observer: their homes; areas outside their roles are not offered', async () => {
    const cert = await signIn('cert');
    await cert.locator('.card', { hasText: 'Landes-CERT' }).waitFor();
    await checkPage(cert, 'cert home');
    await screenshot(cert, 'cert-home');
    await cert.getByRole('link', { name: 'Kommunen', exact: true }).click();
    await cert.locator('caption', { hasText: 'Kommunen' }).waitFor();
    await checkPage(cert, 'cert Kommunen');

    const bsi = await signIn('bsi');
    await bsi.locator('.card', { hasText: 'Anonymisierte Auswertungen' }).waitFor();
    await expect(navLabels(bsi)).resolves.toEqual(NAV.observer);
    await checkPage(bsi, 'observer home');
    await screenshot(bsi, 'observer-home');
    await bsi.goto(`${ui.baseUrl}/kommunen`);
    await bsi.locator('h1', { hasText: 'Seite nicht gefunden' }).waitFor();
    await checkPage(bsi, 'not found');
  });

  it('an expired session leads to the login and back to the same form with what was typed', async () => {
    const page = await signIn('admin');
    await page.goto(`${ui.baseUrl}/benutzer/neu`);
    await page.locator('h1', { hasText: 'Benutzer anlegen' }).waitFor();
    await settle(page);
    await fillKol(page, 'kol-input-email', 'email', 'nach.ablauf@example.org');
    await fillKol(page, 'kol-input-text', 'displayName', 'Nach Ablauf');
    // The server ends the admin's sessions (as the idle timeout or a logout elsewhere would).
    const admin = await ui.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('admin'))
      .executeTakeFirstOrThrow();
    await endAllSessions(ui.database.db, admin.id);
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.waitForURL(/\/anmelden\?weiter=%2Fbenutzer%2Fneu$/);
    await page.getByText('Ihre Sitzung ist abgelaufen.').waitFor();
    await checkPage(page, 'login after expiry');
    await screenshot(page, 'login-expired');
    await page.fill('#email', demoEmail('admin'));
    await page.fill('#password', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/\/benutzer\/neu$/);
    await settle(page);
    expect(await page.locator('kol-input-email[_name="email"] input').inputValue()).toBe(
      'nach.ablauf@example.org',
    );
    expect(await page.locator('kol-input-text[_name="displayName"] input').inputValue()).toBe('Nach Ablauf');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.locator('h1', { hasText: 'Nach Ablauf' }).waitFor();
  });

  it('the server answers unknown API paths with problem+json and hashed assets with a long cache', async () => {
    const api = await fetch(`${ui.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const index = await fetch(`${ui.baseUrl}/benutzer/123`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${ui.baseUrl}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('br');
    const missing = await fetch(`${ui.baseUrl}/assets/nope-123.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toContain('immutable');
  });
});
