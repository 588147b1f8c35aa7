/**
 * The scan screens for those who look after many Kommunen, and scan schedules, in Debian's
 * Chromium against the real server: the ministry picks a Kommune on the scan overview (search,
 * Enter, kept in the URL across the scan navigation); the Halberstadt ISB authorises a target,
 * sees the server's German error for a too frequent cron expression beside the field, creates a
 * schedule from a preset, reads its next run in German format, pauses and resumes it and deletes it
 * after confirming.
 * axe-core (WCAG 2.1 A/AA) checks each screen; screenshots land in test-results/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { checkPage, fetchAs, setupBrowserSuite, skipBrowserTests } from './harness.ts';

const skip = skipBrowserTests('the scan administration screens in the web UI');

interface Organisation {
  id: string;
  name: string;
}

describe.skipIf(skip)(
  'scan screens for many Kommunen and scan schedules (Chromium)',
  { timeout: 240_000 },
  () => {
    const ui = setupBrowserSuite({ screenshotPrefix: 'scans-admin-' });
    const { signIn, screenshot } = ui;

    it('ministry: picks a Kommune on the scan overview; the choice stays in the URL', async () => {
      const page = await signIn('ministerium');
      await page.goto(`${ui.baseUrl}/scans`);
      await page.locator('h1', { hasText: 'Scans und Befunde' }).waitFor();
      await page.getByText('Bitte wählen Sie eine Kommune aus.').waitFor();
      await checkPage(page, 'scan overview without a Kommune');

      const found = (await (
        await fetchAs(page, '/api/v1/organisations?type=municipality&q=Halberstadt')
      ).json()) as { items: Organisation[] };
      const halberstadt = found.items[0];
      expect(halberstadt).toBeDefined();
      await page.getByLabel('Kommune suchen').fill(halberstadt!.name);
      await page.getByLabel('Kommune suchen').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('org') === halberstadt!.id);
      await page.getByText(`Die aus dem Internet erreichbaren Systeme von ${halberstadt!.name}`).waitFor();
      await expect(page.getByLabel('Kommune', { exact: true }).inputValue()).resolves.toBe(halberstadt!.id);
      await page.locator('#light-title').waitFor();
      await checkPage(page, 'scan overview of a chosen Kommune');
      await screenshot(page, 'ministry-overview');

      await page
        .getByRole('navigation', { name: 'Scan-Bereich' })
        .getByRole('link', { name: 'Inventar' })
        .click();
      await page.locator('h1', { hasText: 'Inventar' }).waitFor();
      expect(new URL(page.url()).searchParams.get('org')).toBe(halberstadt!.id);
      await checkPage(page, 'inventory of a chosen Kommune');

      // Back to the overview: the browser's history restores the chosen Kommune.
      await page.goBack();
      await page.locator('#light-title').waitFor();
      expect(new URL(page.url()).searchParams.get('org')).toBe(halberstadt!.id);
    });

    it('ISB: creates a schedule from a preset, sees its next run, deletes it after confirming', async () => {
      const page = await signIn('isb.halberstadt');
      const target = 'zeitplan-e2e.halberstadt.de';
      await page.goto(`${ui.baseUrl}/scans/freigaben`);
      await page.locator('h1', { hasText: 'Scan-Freigaben' }).waitFor();
      // The ISB sees no picker: one Kommune, nothing to choose.
      await expect(page.getByLabel('Kommune suchen').count()).resolves.toBe(0);
      await page.locator('#grant-target').fill(target);
      await page.getByRole('button', { name: 'Freigabe erteilen', exact: true }).click();
      await page.getByText(`${target} ist freigegeben.`).waitFor();

      await page
        .getByRole('navigation', { name: 'Scan-Bereich' })
        .getByRole('link', { name: 'Zeitpläne' })
        .click();
      await page.locator('h1', { hasText: 'Zeitpläne' }).waitFor();
      await page.getByText('Noch keine Zeitpläne.').waitFor();
      await checkPage(page, 'schedules, empty');

      await page.getByLabel('Bezeichnung').fill('Webauftritt wöchentlich');
      await page.getByLabel('Ziel', { exact: true }).fill(target);
      await page.getByLabel('Cron-Ausdruck').fill('*/30 * * * *');
      await page.getByRole('button', { name: 'Zeitplan anlegen' }).click();
      await expect(page.locator('#schedule-cron-error').textContent()).resolves.toBe(
        'Geplante Scans müssen mindestens 60 Minuten auseinanderliegen.',
      );
      await expect(page.getByLabel('Cron-Ausdruck').getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(page, 'schedule form with the server error');

      await page.getByLabel('Vorlage').selectOption({ label: 'wöchentlich Mo 03:00' });
      await expect(page.getByLabel('Cron-Ausdruck').inputValue()).resolves.toBe('0 3 * * 1');
      await page.getByRole('button', { name: 'Zeitplan anlegen' }).click();
      await page.getByText('Zeitplan „Webauftritt wöchentlich“ angelegt.').waitFor();

      const me = (await (await fetchAs(page, '/api/v1/me')).json()) as {
        memberships: { organisationId: string; role: string }[];
      };
      const kommuneId = me.memberships.find((m) => m.role === 'isb')!.organisationId;
      const { items } = (await (
        await fetchAs(page, `/api/v1/organisations/${kommuneId}/scan-schedules`)
      ).json()) as {
        items: { name: string; nextRunAt: string }[];
      };
      const nextRunAt = new Date(items.find((s) => s.name === 'Webauftritt wöchentlich')!.nextRunAt);
      // Mondays 03:00 German time, whatever zone the machine runs in; shown with the weekday, e.g. "Mo., 30.11.2026, 03:00".
      const shown = new Intl.DateTimeFormat('de-DE', {
        weekday: 'short',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/Berlin',
      }).format(nextRunAt);
      expect(shown).toMatch(/^Mo\., \d{2}\.\d{2}\.\d{4}, 03:00$/);
      await page.getByText(`Nächster Lauf: ${shown}`).waitFor();
      const row = page.getByRole('row', { name: /Webauftritt wöchentlich/ });
      await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(shown);
      await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('noch nicht gelaufen');
      await checkPage(page, 'schedules with one schedule');
      await screenshot(page, 'schedules');

      // Paused, the next-run cell says since when and by whom; resumed, a Monday 03:00 again.
      await row.getByRole('button', { name: 'Anhalten Webauftritt wöchentlich' }).click();
      await page
        .getByText('Zeitplan „Webauftritt wöchentlich“ ist angehalten; er startet keine Läufe.')
        .waitFor();
      await expect(row.getByRole('cell').nth(2).textContent()).resolves.toMatch(/^Angehalten seit /);
      await checkPage(page, 'schedules with a paused schedule');
      await row.getByRole('button', { name: 'Fortsetzen Webauftritt wöchentlich' }).click();
      await page.getByText(/^Zeitplan „Webauftritt wöchentlich“ läuft wieder/).waitFor();
      await expect(row.getByRole('cell').nth(2).textContent()).resolves.toMatch(/^Mo\., .*03:00$/);

      await row.getByRole('button', { name: 'Löschen Webauftritt wöchentlich' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Bisherige Scan-Läufe und ihre Befunde bleiben erhalten.').waitFor();
      await dialog.getByRole('button', { name: 'Löschen', exact: true }).click();
      await page.getByText('Zeitplan „Webauftritt wöchentlich“ gelöscht.').waitFor();
      await page.getByText('Noch keine Zeitpläne.').waitFor();
    });
  },
);
