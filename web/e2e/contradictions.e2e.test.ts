/**
 * Contradictions between self-assessment and scan in the auditor's verification view, in Debian's
 * Chromium against the real server: Halberstadt answered "Ja" to three requirements that open
 * findings of Bastei's own checks contradict (TLS 1.0 on the citizen portal, DMARC p=none, RDP
 * reachable). The auditor sees the summary at the top with links to the requirements, the notice
 * beside the question with a link to the finding, and follows it. axe-core checks the view.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installBaseline } from '../../src/domains/catalogs/service.ts';
import { ingestFindings } from '../../src/domains/scans/findings/ingest.ts';
import type { ScanFinding } from '../../src/domains/scans/imports/finding.ts';
import { systemContext } from '../../src/platform/context.ts';
import { checkPage, fetchAs, screenshotDir, setupBrowserSuite, skipBrowserTests } from './harness.ts';

const skip = skipBrowserTests('the contradictions in the verification view');
const PORTAL = 'buergerportal.halberstadt.example';

/** A write with the page's session and CSRF token; any 2xx is fine (create answers 201). */
async function write(page: Page, method: 'POST' | 'PUT', path: string, data: unknown) {
  const me = (await (await fetchAs(page, '/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.fetch(new URL(path, page.url()).href, {
    method,
    headers: { 'x-csrf-token': me.csrfToken },
    data,
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

const finding = (f: Partial<ScanFinding> & Pick<ScanFinding, 'host' | 'checkId' | 'title'>): ScanFinding => ({
  hostname: f.host,
  cves: [],
  severity: 'high',
  references: [],
  source: 'bastei',
  ...f,
});

describe.skipIf(skip)(
  'contradictions between self-assessment and scan (Chromium)',
  { timeout: 240_000 },
  () => {
    const ui = setupBrowserSuite({ screenshotPrefix: 'contradictions-' });

    it('auditor: sees the summary and the notice, and follows the link to the finding', async () => {
      const db = ui.database.db;
      const org = await db
        .selectFrom('organisations')
        .select('id')
        .where('ars', '=', '150850135135')
        .executeTakeFirstOrThrow();
      const { catalogId } = await installBaseline(systemContext(db, 'e2e'));
      const isb = await ui.signIn('isb.halberstadt');
      const created = await write(isb, 'POST', '/api/v1/assessments', {
        organisationId: org.id,
        catalogId,
        phase: 'self',
      });
      const id = created.id as string;
      await write(isb, 'PUT', `/api/v1/assessments/${id}/answers`, {
        answers: ['BB-MWE-08', 'BB-MWE-03', 'BB-NET-04'].map((requirementId) => ({
          requirementId,
          status: 'yes',
        })),
      });
      await write(isb, 'POST', `/api/v1/assessments/${id}/submit`, {});
      await db.transaction().execute((trx) =>
        ingestFindings(trx, systemContext(db, 'e2e'), {
          organisationId: org.id,
          source: 'bastei',
          label: 'Bastei-Scan (e2e)',
          coverage: [{ host: PORTAL }, { host: 'halberstadt.example' }],
          findings: [
            finding({
              host: PORTAL,
              port: 443,
              protocol: 'tcp',
              service: 'https',
              checkId: 'tls.protocols',
              title: 'TLS-Protokollversionen',
              description: 'TLS 1.0 angeboten',
            }),
            finding({
              host: PORTAL,
              port: 3389,
              protocol: 'tcp',
              service: 'rdp',
              checkId: 'exposure.service',
              title: 'Riskante Dienste aus dem Internet erreichbar',
              description: 'RDP erreichbar',
            }),
            finding({
              host: 'halberstadt.example',
              checkId: 'mail.dmarc',
              title: 'DMARC-Richtlinie',
              description: 'p=none',
              severity: 'low',
            }),
          ],
        }),
      );

      const page = await ui.signIn('pruefer');
      const api = (await (await fetchAs(page, `/api/v1/assessments/${id}/scan-contradictions`)).json()) as {
        items: { requirementKey: string; topicKey: string }[];
      };
      expect(api.items.map((i) => i.requirementKey).sort()).toEqual(['BB-MWE-03', 'BB-MWE-08', 'BB-NET-04']);
      const topic = api.items.find((i) => i.requirementKey === 'BB-MWE-08')!.topicKey;
      await page.goto(`${ui.baseUrl}/bewertungen/${id}/themen/${encodeURIComponent(topic)}`);

      const summary = page.getByRole('note', { name: '3 Widersprüche zwischen Selbstauskunft und Scan' });
      await summary.waitFor();
      await expect(summary.getByRole('link').count()).resolves.toBe(3);
      const notice = page.getByRole('note').filter({ hasText: 'TLS 1.0 angeboten' });
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('Widerspruch:');
      expect(text).toContain(
        `fand „TLS 1.0 angeboten“ (hoch) auf ${PORTAL}:443; die Selbstauskunft sagt „Ja“.`,
      );
      await checkPage(page, 'verification view with contradictions');
      await ui.screenshot(page, 'auditor-topic');
      await page.screenshot({ path: join(screenshotDir, 'contradictions-auditor-summary.png') });

      // The summary's link to a requirement of another topic opens that topic at the question.
      await summary.getByRole('link', { name: /BB-NET-04/ }).click();
      await page.waitForURL((url) => url.hash === '#frage-BB-NET-04');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('q-BB-NET-04-heading');
      await page.screenshot({ path: join(screenshotDir, 'contradictions-auditor-question.png') });
      await page.goBack();

      await notice.getByRole('link', { name: /Befund „TLS-Protokollversionen“/ }).click();
      await page.waitForURL(/\/scans\/befunde\/[0-9a-f-]{36}$/);
    });
  },
);
