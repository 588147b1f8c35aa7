/**
 * The Kommune's and the auditor's journey through the web UI, end to end in Debian's Chromium
 * against the real server on a private copy of the demo database: the ISB starts a self-assessment,
 * answers (autosave, also across an expired session), uploads evidence and submits; the auditor
 * overrides an answer, records a sample, verifies, freezes, generates and delivers the measures
 * package; the ISB sees the package, changes a measure's status and planning and downloads the
 * XLSX; the ministry finds the score the auditor saw at freeze time in the state overview and on
 * the map (area, info line, table and tile, in the colour of the score's band). axe-core
 * (WCAG 2.1 A/AA) checks every screen, screenshots land in test-results/screenshots/. Skips with
 * a reason when /usr/bin/chromium is absent.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, PILOT_ARS } from '../../src/domains/demo/seed.ts';
import { endAllSessions } from '../../src/platform/auth/sessions.ts';
import { TEST_PASSWORD } from '../../test/helpers.ts';
import { scoreClass } from '../src/ui/scoreScale.ts';
import {
  type BrowserSuite,
  checkPage,
  escapeRegExp,
  fetchAs,
  horizontalOverflow,
  mainNav,
  NAV,
  nameFromText,
  navLabels,
  percent,
  sendAs,
  settle,
  setupBrowserSuite,
  skipBrowserTests,
} from './harness.ts';

const skip = skipBrowserTests('the Kommune journeys in the web UI');

/** The pilot Kommunen with their ISB accounts; the auditor `pruefer` is assigned to all three. */
const PILOTS = [
  { ars: PILOT_ARS.halberstadt, isb: 'isb.halberstadt' },
  { ars: PILOT_ARS.salzlandkreis, isb: 'isb.salzlandkreis' },
  { ars: PILOT_ARS.arneburgGoldbeck, isb: 'isb.arneburg-goldbeck' },
];

/** Server, database and browser of the suite; the helpers below read the database through it. */
let ui: BrowserSuite;

/** Shared by the steps of the journey (they run in order). */
const journey: {
  isb: string;
  organisationId: string;
  organisationName: string;
  assessmentId: string;
  keys: string[];
  /** What the auditor saw at freeze time: the overall score (API) and the overview's totals row. */
  frozen: { score: number | null; scoreText: string; answeredText: string };
} = {
  isb: '',
  organisationId: '',
  organisationName: '',
  assessmentId: '',
  keys: [],
  frozen: { score: null, scoreText: '', answeredText: '' },
};

describe.skipIf(skip)('Kommune and auditor journeys (Chromium)', { timeout: 180_000 }, () => {
  ui = setupBrowserSuite({ screenshotPrefix: 'journey-', files: true });
  const { signIn, screenshot } = ui;

  beforeAll(async () => {
    // The demo seed may give the pilots assessments in any state: take a pilot without an open
    // (not frozen) one, so the ISB starts a new self-assessment there.
    for (const pilot of PILOTS) {
      const organisation = await ui.database.db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('ars', '=', pilot.ars)
        .executeTakeFirstOrThrow();
      const open = await ui.database.db
        .selectFrom('assessments')
        .select('id')
        .where('organisation_id', '=', organisation.id)
        .where('status', '!=', 'frozen')
        .execute();
      if (open.length === 0) {
        Object.assign(journey, {
          isb: pilot.isb,
          organisationId: organisation.id,
          organisationName: organisation.name,
        });
        break;
      }
    }
    if (!journey.isb)
      throw new Error('every pilot Kommune has an open assessment; the journey needs one without');
  });

  it('ISB: starts the self-assessment, answers with autosave (also across an expired session), uploads evidence, reads the history, submits', async () => {
    const page = await signIn(journey.isb);
    const card = page.locator('.card', { hasText: 'Ihre Kommune' });
    await card.locator('strong', { hasText: journey.organisationName }).waitFor();
    await expect(navLabels(page)).resolves.toEqual(NAV.isb);
    await checkPage(page, 'Kommune home');
    await screenshot(page, 'kommune-home');

    await mainNav(page).getByRole('link', { name: 'Bewertungen' }).click();
    await page.locator('h1', { hasText: 'Bewertungen' }).waitFor();
    await settle(page);
    await checkPage(page, 'assessment list');
    await screenshot(page, 'kommune-assessments');
    await page.getByRole('button', { name: 'Selbstauskunft starten' }).click();
    await page.waitForURL(/\/bewertungen\/[0-9a-f-]{36}$/);
    journey.assessmentId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByText('0 von 257 Fragen beantwortet').waitFor();
    await page.locator('figure.score-chart svg[role="img"]').waitFor();
    await checkPage(page, 'assessment overview (draft)');
    await screenshot(page, 'assessment-overview-draft');

    await page.getByRole('link', { name: 'Fragen beantworten' }).first().click();
    await page.waitForURL(/\/themen\//);
    await page.locator('article.question').first().waitFor();
    await settle(page);
    journey.keys = (
      await page.locator('article.question').evaluateAll((nodes) => nodes.map((n) => n.id))
    ).map((id) => id.replace(/^frage-/, ''));
    expect(journey.keys.length).toBeGreaterThanOrEqual(3);
    await checkPage(page, 'topic questions (answering)');

    const [first, second, third] = journey.keys.map((key) => question(page, key));
    await answer(first!, 'Nein', 'Die Leitung hat die Verantwortung noch nicht schriftlich übernommen.');
    await answer(second!, 'Teilweise', 'Bestellung liegt als Entwurf vor.');
    await answer(third!, 'Ja');
    expect(await storedAnswer(journey.keys[0]!)).toEqual({
      status: 'no',
      justification: 'Die Leitung hat die Verantwortung noch nicht schriftlich übernommen.',
    });
    expect((await storedAnswer(journey.keys[1]!)).status).toBe('partial');
    await page.locator('.topic-nav a[aria-current="page"]', { hasText: '3 von' }).waitFor();

    // The session ends on the server (idle timeout, sign-out elsewhere); the next autosave leads
    // to the login and back, and what was typed is saved then.
    await endAllSessions(ui.database.db, await userId(journey.isb));
    await third!.getByLabel('Begründung', { exact: true }).fill('Getippt, während die Sitzung ablief.');
    await page.waitForURL(/\/anmelden\?weiter=/);
    await page.getByText('Ihre Sitzung ist abgelaufen.').waitFor();
    await page.fill('#email', demoEmail(journey.isb));
    await page.fill('#password', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/\/themen\//);
    const again = question(page, journey.keys[2]!);
    await again.locator('.save-state--saved').waitFor();
    expect(await again.getByLabel('Begründung', { exact: true }).inputValue()).toBe(
      'Getippt, während die Sitzung ablief.',
    );
    expect(await storedAnswer(journey.keys[2]!)).toEqual({
      status: 'yes',
      justification: 'Getippt, während die Sitzung ablief.',
    });

    // Evidence: upload with progress, then listed with a download link.
    const evidenceOf = question(page, journey.keys[0]!);
    await evidenceOf.getByLabel('Nachweis hochladen').setInputFiles({
      name: 'leitlinie-entwurf.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Entwurf der Leitlinie zur Informationssicherheit\n'),
    });
    const link = evidenceOf.getByRole('link', { name: 'leitlinie-entwurf.txt' });
    await link.waitFor();
    const download = await (await fetchAs(page, (await link.getAttribute('href'))!)).text();
    expect(download).toContain('Entwurf der Leitlinie');

    // The answer's history.
    await evidenceOf.locator('summary', { hasText: 'Verlauf dieser Antwort' }).click();
    await evidenceOf.locator('.history__list li', { hasText: 'Antwort Offen → Nein' }).waitFor();
    await checkPage(page, 'topic questions with evidence and history');
    await screenshot(page, 'assessment-topic');

    // Keyboard: the status radio group takes arrow keys, and the choice is saved.
    const fourth = question(page, journey.keys[3] ?? journey.keys[2]!);
    await fourth.getByRole('radio', { name: 'Offen' }).focus();
    await page.keyboard.press('ArrowLeft');
    await fourth.locator('.save-state--saved').waitFor();

    // The rest of the catalogue is not applicable (as a bulk answer through the API says), so the
    // answers given here decide the score, and the auditor's override moves it into another band.
    const open = await ui.database.db
      .selectFrom('assessment_answers')
      .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
      .select('catalog_requirements.requirement_key')
      .where('assessment_answers.assessment_id', '=', journey.assessmentId)
      .where('assessment_answers.status', '=', 'open')
      .execute();
    expect(open.length).toBeGreaterThan(200);
    await sendAs(page, 'PUT', `/api/v1/assessments/${journey.assessmentId}/answers`, {
      answers: open.map((row) => ({ requirementId: row.requirement_key, status: 'not_applicable' })),
    });

    // Submit with confirmation (Escape cancels first).
    await backToOverview(page);
    await page.getByRole('button', { name: 'Selbstauskunft einreichen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Selbstauskunft einreichen?' });
    await dialog.waitFor();
    await checkPage(page, 'submit confirmation');
    await screenshot(page, 'assessment-submit-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Selbstauskunft einreichen' }).click();
    await dialog.getByRole('button', { name: 'Jetzt einreichen' }).click();
    await page.getByText('Die Selbstauskunft ist eingereicht.').waitFor();
    await page.locator('.lifecycle li[aria-current="step"]', { hasText: 'Eingereicht' }).waitFor();
    await checkPage(page, 'assessment overview (submitted)');
  });

  it('auditor: assigned Kommunen, on-site review with an override and a sample, verify, freeze, generate and deliver the package', async () => {
    const page = await signIn('pruefer');
    await expect(navLabels(page)).resolves.toEqual(NAV.auditor);
    await mainNav(page).getByRole('link', { name: 'Prüfungen' }).click();
    await page.locator('h1', { hasText: 'Prüfungen' }).waitFor();
    await settle(page);
    expect(await page.locator('.kommune-list > li').count()).toBe(3);
    await checkPage(page, 'auditor Kommunen');
    await screenshot(page, 'auditor-kommunen');
    await page.getByRole('link', { name: `Prüfung öffnen: ${journey.organisationName}` }).click();
    await page.waitForURL(new RegExp(`/bewertungen/${journey.assessmentId}$`));
    await settle(page);
    await page.getByRole('link', { name: 'Antworten prüfen' }).click();
    await page.waitForURL(/\/themen\//);
    await page.locator('article.question').first().waitFor();
    await settle(page);

    // The Kommune's answer beside the auditor's: override the second one with a note.
    const second = question(page, journey.keys[1]!);
    await second.locator('.answer-badge', { hasText: 'Teilweise' }).waitFor();
    const review = second.getByRole('group', { name: 'Antwort der Prüfung' });
    await review.getByRole('radio', { name: 'Nein' }).check();
    await second.getByRole('button', { name: 'Prüfung speichern' }).click();
    await second.getByText('Bitte begründen Sie die Abweichung.').waitFor();
    await second
      .getByLabel('Begründung der Abweichung')
      .fill('Vor Ort lag keine unterschriebene Bestellung vor.');
    await second.getByRole('button', { name: 'Prüfung speichern' }).click();
    await second.getByText('Die Abweichung ist gespeichert.').waitFor();
    const overridden = await ui.database.db
      .selectFrom('assessment_answers')
      .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
      .select(['assessment_answers.auditor_status', 'assessment_answers.auditor_note'])
      .where('assessment_answers.assessment_id', '=', journey.assessmentId)
      .where('catalog_requirements.requirement_key', '=', journey.keys[1]!)
      .executeTakeFirstOrThrow();
    expect(overridden).toEqual({
      auditor_status: 'no',
      auditor_note: 'Vor Ort lag keine unterschriebene Bestellung vor.',
    });

    const first = question(page, journey.keys[0]!);
    await first.getByLabel('Was wurde geprüft?').fill('Dienstanweisung im Dokumentenmanagement gesucht.');
    await first.getByRole('radio', { name: 'Nicht bestanden' }).check();
    await first.getByRole('button', { name: 'Stichprobe erfassen' }).click();
    await first
      .locator('.samples__list li', { hasText: 'Dienstanweisung im Dokumentenmanagement' })
      .waitFor();
    await checkPage(page, 'on-site review');
    await screenshot(page, 'auditor-review');

    await backToOverview(page);
    await page.getByRole('button', { name: 'Prüfung bestätigen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Prüfung bestätigen' }).click();
    await page.getByText('Die Prüfung ist bestätigt.').waitFor();
    await page.getByRole('button', { name: 'Bewertung abschließen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Endgültig abschließen' }).click();
    await page.getByText('Die Bewertung ist abgeschlossen.').waitFor();
    await page.locator('.lifecycle li[aria-current="step"]', { hasText: 'Abgeschlossen' }).waitFor();
    // The overall score as the auditor sees it now: the totals row of the topic table, which
    // must be the API's score in the UI's German format; the ministry step compares against it.
    const scores = (await (
      await fetchAs(page, `/api/v1/assessments/${journey.assessmentId}/scores`)
    ).json()) as {
      overall: { score: number | null };
    };
    expect(scores.overall.score, 'a score the map can colour').not.toBeNull();
    const totals = page.locator('#topics-table tfoot tr td');
    await totals
      .last()
      .filter({ hasText: exactly(percent(scores.overall.score!)) })
      .waitFor();
    journey.frozen = {
      score: scores.overall.score,
      scoreText: percent(scores.overall.score!),
      answeredText: (await totals.first().textContent())!.trim(),
    };

    await page.getByRole('button', { name: 'Maßnahmen erzeugen' }).click();
    await page.getByText(/Maßnahmen neu erzeugt/).waitFor();
    await page.getByRole('button', { name: 'Maßnahmenpaket übergeben' }).click();
    const deliver = page.getByRole('dialog', { name: 'Maßnahmenpaket übergeben?' });
    await deliver.waitFor();
    await deliver.getByRole('button', { name: 'Jetzt übergeben' }).click();
    await page.getByText(/^Version \d+ mit \d+ Maßnahmen? ist übergeben\.$/).waitFor();
    const delivered = await ui.database.db
      .selectFrom('measure_packages')
      .select(['id', 'measure_count'])
      .where('assessment_id', '=', journey.assessmentId)
      .execute();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.measure_count).toBeGreaterThanOrEqual(2);
    // Chart and its table: one bar row per topic, the overall score in the table's footer.
    expect(await page.locator('#topics-table tbody tr').count()).toBeGreaterThan(1);
    await checkPage(page, 'assessment overview (frozen, package delivered)');
    await screenshot(page, 'assessment-overview-frozen');
  });

  it('ISB: sees the package, filters the measures, changes a status, plans owner, date and cost, downloads the XLSX', async () => {
    const page = await signIn(journey.isb);
    await page
      .locator('.card', { hasText: 'Ihre Kommune' })
      .getByText(/Maßnahmenpaket Version \d+ liegt vor/)
      .waitFor();
    await mainNav(page).getByRole('link', { name: 'Maßnahmen' }).click();
    await page.locator('h1', { hasText: 'Maßnahmen' }).waitFor();
    await settle(page);
    await page
      .locator('caption', { hasText: /Maßnahmen?$/ })
      .first()
      .waitFor();
    await checkPage(page, 'measures');
    await screenshot(page, 'measures');

    await page.locator('kol-select[_name="status"] select').selectOption({ label: 'Vorgeschlagen' });
    await page.waitForURL(/status=proposed/);
    await settle(page);
    await page
      .locator('caption', { hasText: /Maßnahmen?$/ })
      .first()
      .waitFor();
    await page.locator('table.data-table').first().locator('tbody tr th a').first().click();
    await page.waitForURL(/\/massnahmen\/[0-9a-f-]{36}$/);
    const measureId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('button', { name: 'Status: Vereinbart' }).waitFor();
    await settle(page);
    await checkPage(page, 'measure detail');
    await page.getByRole('button', { name: 'Status: Vereinbart' }).click();
    await page.getByText('Der Status ist jetzt „Vereinbart“.').waitFor();

    await page.getByLabel('Verantwortlich', { exact: true }).fill('Hauptamt, Frau Weber');
    await page.getByLabel('Fällig am').fill('2026-06-30');
    await page.getByLabel('Kosten (Schätzung) in Euro').fill('abc');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Bitte einen Betrag in Euro angeben').waitFor();
    expect(await page.getAttribute('#cost', 'aria-invalid')).toBe('true');
    await checkPage(page, 'measure form with error');
    await page.getByLabel('Kosten (Schätzung) in Euro').fill('1.250,50');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Die Änderungen sind gespeichert.').waitFor();
    await page.locator('.facts dd', { hasText: '1.250,50 €' }).waitFor();
    await page.locator('.facts dd', { hasText: '30.06.2026' }).waitFor();
    await page.locator('.history__list li', { hasText: 'Status Vorgeschlagen → Vereinbart' }).waitFor();
    const stored = await ui.database.db
      .selectFrom('measures')
      .select(['status', 'owner', 'cost_estimate_cents'])
      .where('id', '=', measureId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'agreed', owner: 'Hauptamt, Frau Weber', cost_estimate_cents: 125050 });
    await checkPage(page, 'measure detail after changes');
    await screenshot(page, 'measure-detail');

    // Back to the filtered list (the URL keeps the filter), then the package downloads.
    await page.goBack();
    await page.waitForURL(/\/massnahmen\?status=proposed/);
    await settle(page);
    const xlsxLink = page
      .locator('section', { hasText: 'Maßnahmenpakete' })
      .getByRole('link', { name: /Excel \(XLSX\)/ })
      .first();
    const [download] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^massnahmenpaket-v\d+\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    await page
      .locator('section', { hasText: 'Maßnahmenpakete' })
      .getByRole('link', { name: /^Version \d+$/ })
      .first()
      .click();
    await page.locator('h1', { hasText: /Maßnahmenpaket Version \d+/ }).waitFor();
    await settle(page);
    await checkPage(page, 'package detail');
    await screenshot(page, 'measures-package');

    // The Kommune's change history shows the journey.
    await mainNav(page).getByRole('link', { name: 'Protokoll' }).click();
    await page.locator('td', { hasText: 'measure.status' }).first().waitFor();
    await checkPage(page, 'Kommune change history');
  });

  it('at 360 px: overview, topic page and measures are usable without sideways scrolling', async () => {
    const page = await signIn(journey.isb, { width: 360, height: 740 });
    for (const [path, name] of [
      [`/bewertungen/${journey.assessmentId}`, 'assessment-overview-360'],
      [
        `/bewertungen/${journey.assessmentId}/themen/${encodeURIComponent(await topicKeyOf(journey.keys[0]!))}`,
        'assessment-topic-360',
      ],
      ['/massnahmen', 'measures-360'],
    ] as const) {
      await page.goto(`${ui.baseUrl}${path}`);
      await page.locator('main h1').waitFor();
      await settle(page);
      await checkPage(page, name);
      expect(await horizontalOverflow(page), name).toBe(false);
      await screenshot(page, name);
    }
  });

  it('ministry: the score of the frozen assessment in the state overview and on the map, coloured by its band', async () => {
    const kommune = await ui.database.db
      .selectFrom('organisations')
      .select(['type', 'parent_id'])
      .where('id', '=', journey.organisationId)
      .executeTakeFirstOrThrow();
    // A Landkreis or kreisfreie Stadt is listed under its own district filter and is an area on
    // the district level of the map; a municipality under its Landkreis, on the municipal level.
    const isDistrict = kommune.type === 'district';
    const districtId = isDistrict ? journey.organisationId : kommune.parent_id!;
    const { score, scoreText, answeredText } = journey.frozen;
    const band = scoreClass(score)!;

    const page = await signIn('ministerium');
    await mainNav(page).getByRole('link', { name: 'Landesübersicht' }).click();
    await page.locator('caption', { hasText: '133 Kommunen' }).waitFor();
    await page.selectOption('#kreis', districtId);
    await page.waitForURL(new RegExp(`kreis=${districtId}`));
    await page.selectOption('#status', 'frozen');
    await page.waitForURL(/status=frozen/);
    const row = page.locator('tbody tr', {
      has: page.getByRole('link', { name: journey.organisationName, exact: true }),
    });
    await settle(page);
    const headers = (await page.locator('thead th').allTextContents()).map((text) => text.trim());
    const cell = (label: string) => {
      const index = headers.findIndex((text) => text.startsWith(label));
      expect(index, `column ${label}`).toBeGreaterThan(0);
      return row.locator('th, td').nth(index);
    };
    await cell('Erfüllungsgrad')
      .filter({ hasText: exactly(scoreText) })
      .waitFor();
    await cell('Stand')
      .filter({ hasText: /^Abgeschlossen/ })
      .waitFor();
    await cell('Beantwortet')
      .filter({ hasText: exactly(answeredText) })
      .waitFor();
    await checkPage(page, 'state overview after the freeze');
    await screenshot(page, 'ministry-overview-after-freeze');

    await page
      .getByRole('navigation', { name: 'Ansichten der Landesübersicht' })
      .getByRole('link', { name: 'Karte' })
      .click();
    await page.locator('h1', { hasText: 'Karte der Kommunen' }).waitFor();
    await settle(page);
    const tileView = page.getByRole('radio', { name: 'Kacheln' });
    const hasGeometry = (await tileView.count()) > 0;
    const label = new RegExp(`^${nameFromText(`${journey.organisationName}: ${scoreText}`)}$`);
    if (hasGeometry) {
      if (isDistrict) {
        await page.getByRole('radio', { name: 'Landkreise und kreisfreie Städte' }).click();
        await page.waitForURL(/ebene=kreise/);
      }
      const area = page.locator('.choropleth').getByRole('link', { name: label });
      await area.waitFor();
      expect(await area.locator('path').getAttribute('fill')).toBe(band.fill);
      // What a mouse or keyboard user reads beside the map for the area in focus.
      await area.focus();
      await page.locator('.choropleth__info').filter({ hasText: label }).waitFor();
    } else {
      process.stdout.write(
        '\nThe demo database has no boundaries: the map step checks the tile grid only.\n',
      );
    }
    const tableRow = page
      .getByRole('region', { name: 'Tabelle zur Karte' })
      .locator('tbody tr', { has: page.getByRole('link', { name: journey.organisationName, exact: true }) });
    await tableRow
      .locator('td')
      .last()
      .filter({ hasText: exactly(scoreText) })
      .waitFor();
    await checkPage(page, 'map after the freeze');
    await screenshot(page, 'ministry-map-after-freeze');

    if (hasGeometry) {
      await tileView.click();
      await page.waitForURL(/ansicht=kacheln/);
    }
    const tile = page.locator('.tile-grid').getByRole('link', {
      name: new RegExp(`^${escapeRegExp(journey.organisationName)}\\s*${nameFromText(scoreText)}$`),
    });
    await tile.waitFor();
    expect((await tile.getAttribute('class'))?.split(' ')).toContain(`score-c${band.index}`);
    await screenshot(page, 'ministry-tiles-after-freeze');
  });
});

/** Matches an element whose whole text is `text` (no-break spaces as any space). */
const exactly = (text: string) => new RegExp(`^\\s*${nameFromText(text)}\\s*$`);

/** Through the breadcrumb from a topic page back to the assessment's overview. */
async function backToOverview(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sie sind hier' })
    .getByRole('link', { name: journey.organisationName })
    .click();
  await page.waitForURL(new RegExp(`/bewertungen/${journey.assessmentId}$`));
  await settle(page);
}

const question = (page: Page, key: string) => page.locator(`article#frage-${key}`);

async function answer(article: Locator, status: string, justification?: string) {
  await article
    .getByRole('group', { name: 'Antwort', exact: true })
    .getByRole('radio', { name: status })
    .check();
  if (justification !== undefined)
    await article.getByLabel('Begründung', { exact: true }).fill(justification);
  await article.locator('.save-state--saved').waitFor();
}

async function storedAnswer(key: string) {
  return ui.database.db
    .selectFrom('assessment_answers')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
    .select(['assessment_answers.status', 'assessment_answers.justification'])
    .where('assessment_answers.assessment_id', '=', journey.assessmentId)
    .where('catalog_requirements.requirement_key', '=', key)
    .executeTakeFirstOrThrow();
}

async function topicKeyOf(requirementKey: string): Promise<string> {
  const row = await ui.database.db
    .selectFrom('assessment_answers')
    .innerJoin('catalog_requirements', 'catalog_requirements.id', 'assessment_answers.requirement_id')
    .innerJoin('catalog_groups', 'catalog_groups.id', 'assessment_answers.topic_id')
    .select('catalog_groups.group_key')
    .where('assessment_answers.assessment_id', '=', journey.assessmentId)
    .where('catalog_requirements.requirement_key', '=', requirementKey)
    .executeTakeFirstOrThrow();
  return row.group_key!;
}

async function userId(local: string): Promise<string> {
  const row = await ui.database.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail(local))
    .executeTakeFirstOrThrow();
  return row.id;
}
