/**
 * Next phase and snapshot comparison in the web UI (Chromium, axe WCAG 2.1 A/AA): the Halberstadt
 * ISB starts the on-site phase from the frozen self-assessment through the confirm dialog and
 * lands on the new draft; one answer improves; the comparison shows the classes, filters by class
 * in the URL and survives a reload; the auditor opens the same deep link.
 */
import { describe, expect, it } from 'vitest';
import { demoEmail, PILOT_ARS } from '../../src/domains/demo/seed.ts';
import { TEST_PASSWORD, TestClient } from '../../test/helpers.ts';
import { checkPage, setupBrowserSuite, skipBrowserTests } from './harness.ts';

const skip = skipBrowserTests('the phase and comparison screens');
const state = { frozenId: '', nextId: '', requirementKey: '', comparisonUrl: '' };

describe.skipIf(skip)('next phase and comparison (Chromium)', { timeout: 180_000 }, () => {
  const ui = setupBrowserSuite({ screenshotPrefix: 'phases-' });

  it('ISB: starts the on-site phase, then compares it with the self-assessment', async () => {
    const frozen = await ui.database.db
      .selectFrom('assessments')
      .innerJoin('organisations', 'organisations.id', 'assessments.organisation_id')
      .select('assessments.id')
      .where('organisations.ars', '=', PILOT_ARS.halberstadt)
      .where('assessments.status', '=', 'frozen')
      .executeTakeFirstOrThrow();
    state.frozenId = frozen.id;

    const page = await ui.signIn('isb.halberstadt');
    await page.goto(`${ui.baseUrl}/bewertungen/${frozen.id}`);
    const phases = page.getByRole('region', { name: 'Phasen der Bewertung' });
    await phases.getByRole('button', { name: 'Vor-Ort-Prüfung beginnen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vor-Ort-Prüfung beginnen?' });
    await dialog.getByRole('button', { name: 'Vor-Ort-Prüfung beginnen' }).click();
    await page.waitForURL(
      (url) => /^\/bewertungen\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(frozen.id),
    );
    state.nextId = new URL(page.url()).pathname.split('/')[2]!;
    // A later phase is submitted as an assessment, not as a self-assessment.
    await page.getByRole('button', { name: 'Bewertung einreichen' }).waitFor();
    await page.locator('.page-heading .lead', { hasText: 'Vor-Ort-Prüfung · In Bearbeitung' }).waitFor();
    const created = await ui.database.db
      .selectFrom('assessments')
      .select(['phase', 'status', 'predecessor_id'])
      .where('id', '=', state.nextId)
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ phase: 'on_site', status: 'draft', predecessor_id: frozen.id });
    await checkPage(page, 'new on-site phase');
    await ui.screenshot(page, 'new-phase');

    // Arranged through the API: one answer that was "no" becomes "yes" (improved).
    const isb = new TestClient(ui.app);
    expect((await isb.login(demoEmail('isb.halberstadt'), TEST_PASSWORD)).statusCode).toBe(200);
    const answers = (await isb.get(`/api/v1/assessments/${state.nextId}/answers`)).json() as {
      topics: { answers: { requirementKey: string; effectiveStatus: string }[] }[];
    };
    const no = answers.topics.flatMap((t) => t.answers).find((a) => a.effectiveStatus === 'no');
    if (!no) throw new Error('the demo self-assessment has no "no" answer');
    state.requirementKey = no.requirementKey;
    const saved = await isb.request(
      'PUT',
      `/api/v1/assessments/${state.nextId}/answers/${encodeURIComponent(no.requirementKey)}`,
      { status: 'yes', justification: 'Vor Ort nachgewiesen.' },
    );
    expect(saved.statusCode, saved.body).toBe(200);

    await page.reload();
    await page.getByRole('link', { name: 'Mit der vorigen Phase vergleichen' }).click();
    await page.locator('h1', { hasText: 'Vergleich: Vor-Ort-Prüfung mit Selbstauskunft' }).waitFor();
    expect(new URL(page.url()).searchParams.get('mit')).toBe(frozen.id);
    const summary = page.locator('table', {
      has: page.locator('caption', { hasText: 'Anforderungen je Art' }),
    });
    const count = (kind: string) =>
      summary
        .locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${kind}$`) }) })
        .locator('td')
        .textContent();
    await expect(count('Verbessert')).resolves.toBe('1');
    await expect(count('Verschlechtert')).resolves.toBe('0');
    const changes = page.locator('table', {
      has: page.locator('caption', { hasText: 'Alle Veränderungen' }),
    });
    await changes.locator('caption', { hasText: '1 Anforderung: Alle Veränderungen' }).waitFor();
    const row = changes.locator('tbody tr', { hasText: state.requirementKey });
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      expect.any(String),
      'Nein',
      'Ja',
      'Verbessert',
    ]);
    await checkPage(page, 'comparison');
    await ui.screenshot(page, 'comparison');

    // The class filter lives in the URL: a reload (and a shared link) shows the same view.
    await page.getByLabel('Veränderung', { exact: true }).selectOption('unchanged');
    await page.waitForURL(/klasse=unchanged/);
    state.comparisonUrl = page.url();
    await page.reload();
    await page.locator('caption', { hasText: /Anforderungen: Unverändert$/ }).waitFor();
    await checkPage(page, 'comparison filtered');
  });

  it('auditor: opens the same comparison by deep link', async () => {
    expect(state.comparisonUrl).not.toBe('');
    const page = await ui.signIn('pruefer');
    await page.goto(state.comparisonUrl);
    await page.locator('caption', { hasText: /Anforderungen: Unverändert$/ }).waitFor();
    await expect(page.getByLabel('Veränderung', { exact: true }).inputValue()).resolves.toBe('unchanged');
  });
});
