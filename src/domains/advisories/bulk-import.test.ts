/**
 * Bulk import (one call with many documents, as `bastei advisories import <files…>` and the
 * benchmark do it): every document all or nothing, revisions in one call applied in order, and a
 * new revision taking over the previous one's matches (ids and review decisions) with only the
 * changes written.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';
import { systemContext } from '../../platform/context.ts';
import { PILOT_ARS } from '../demo/seed.ts';
import { loadCsafValidator } from './csaf/validate.ts';
import { importAdvisories, rematchOrganisation } from './service.ts';
import {
  hasReference,
  installProducts,
  minimalCsaf,
  readReference,
  readReferenceJson,
} from './test-support.ts';

const WID = 'bsi-wid/wid-sec-w-2024-3319.json'; // Apache HTTP Server: Halberstadt's 2.4.41 is confirmed
const IMAGEMAGICK = 'bsi-wid/wid-sec-w-2023-1632.json'; // ImageMagick: a review match
const INVALID = 'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json';

let t: TestApp;
let cert: TestClient;
let certId: string;
let halberstadtId: string;

// biome-ignore lint/suspicious/noExplicitAny: CSAF documents are edited freely here
type Json = Record<string, any>;

/** The reference document under another tracking id, at revision `version` (history extended). */
function revision(file: string, trackingId: string, version: number): Buffer {
  const doc = readReferenceJson(file) as Json;
  const tracking = doc.document.tracking;
  tracking.id = trackingId;
  const last = Number(tracking.version);
  for (let v = last + 1; v <= version; v++) {
    const date = new Date(Date.UTC(2026, 0, v)).toISOString();
    tracking.revision_history.push({ number: String(v), date, summary: `Fassung ${v}` });
    tracking.current_release_date = date;
  }
  tracking.version = String(Math.max(last, version));
  return Buffer.from(JSON.stringify(doc));
}

const ctx = () => systemContext(t.database.db, 'bulk-test');
const rows = async (table: 'advisories' | 'advisory_matches' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  await loadCsafValidator();
  t = await createTestApp();
  const db = t.database.db;
  await installProducts(db, PILOT_ARS.halberstadt, [
    { vendor: 'Apache', product: 'HTTP Server', cpe: 'cpe:/a:apache:http_server:2.4.41' },
    { product: 'ImageMagick', version: '7.1.1-12' },
  ]);
  certId = (
    await db.selectFrom('organisations').select('id').where('type', '=', 'cert').executeTakeFirstOrThrow()
  ).id;
  halberstadtId = (
    await db
      .selectFrom('organisations')
      .select('id')
      .where('ars', '=', PILOT_ARS.halberstadt)
      .executeTakeFirstOrThrow()
  ).id;
  cert = await t.as('cert');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe.runIf(hasReference(WID, IMAGEMAGICK, INVALID))('bulk advisory import', () => {
  it('reports an invalid document and stores nothing of it; revisions in one call apply in order', async () => {
    const before = { advisories: await rows('advisories'), audit: await rows('audit_log') };
    const v17 = revision(WID, 'BULK-1', 17);
    const outcomes = await importAdvisories(
      ctx(),
      [v17, readReference(INVALID), revision(WID, 'BULK-1', 19), revision(IMAGEMAGICK, 'BULK-2', 3), v17],
      { organisationId: certId },
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true, true]);
    const [first, invalid, newer, other, again] = outcomes;
    if (!first?.ok || invalid?.ok !== false || !newer?.ok || !other?.ok || !again?.ok)
      throw new Error('unexpected');
    expect(invalid.error.status).toBe(400);
    expect(invalid.error.detail).toContain('/body/');
    // the first revision, superseded later in the same call, is reported as it ends up
    expect(first.result).toMatchObject({ created: true, current: false });
    expect(newer.result).toMatchObject({
      created: true,
      current: true,
      supersededId: first.result.advisory.id,
    });
    expect(newer.result.matches.confirmed).toBeGreaterThan(0);
    expect(again.result).toMatchObject({ created: false });
    expect(await rows('advisories')).toBe(before.advisories + 3);
    expect(await rows('audit_log')).toBe(before.audit + 3);
    const stored = await t.database.db
      .selectFrom('advisory_matches')
      .select(['advisory_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('advisory_id', 'in', [first.result.advisory.id, newer.result.advisory.id])
      .groupBy('advisory_id')
      .execute();
    expect(stored).toEqual([
      {
        advisory_id: newer.result.advisory.id,
        n: expect.anything(),
      },
    ]);
    expect(Number(stored[0]?.n)).toBe(
      newer.result.matches.confirmed + newer.result.matches.probable + newer.result.matches.review,
    );
  });

  it('the small test document of test-support is valid CSAF (fixtures store it without the validator)', async () => {
    const [outcome] = await importAdvisories(ctx(), [minimalCsaf('BULK-MINIMAL')], {
      organisationId: certId,
    });
    expect(outcome).toMatchObject({ ok: true, result: { created: true, current: true } });
  });

  it('a document the database refuses leaves no row behind; the others of its chunk are stored', async () => {
    // a stand-in for any failure while writing (validation passed): refuse one tracking id
    await sql`create function bulk_test_refuse() returns trigger language plpgsql as $$
      begin if new.tracking_id = 'BULK-REFUSED' then raise exception 'refused for the test'; end if; return new; end $$`.execute(
      t.database.db,
    );
    await sql`create trigger bulk_test_refuse before insert on advisories for each row execute function bulk_test_refuse()`.execute(
      t.database.db,
    );
    try {
      const before = { advisories: await rows('advisories'), matches: await rows('advisory_matches') };
      const outcomes = await importAdvisories(
        ctx(),
        [revision(WID, 'BULK-3', 17), revision(WID, 'BULK-REFUSED', 17), revision(WID, 'BULK-4', 17)],
        { organisationId: certId },
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
      const refused = outcomes[1];
      if (refused?.ok !== false) throw new Error('unexpected');
      expect(refused.error.status).toBe(500);
      const trackingIds = await t.database.db
        .selectFrom('advisories')
        .select('tracking_id')
        .where('tracking_id', 'like', 'BULK-%')
        .execute();
      expect(trackingIds.map((r) => r.tracking_id)).not.toContain('BULK-REFUSED');
      expect(await rows('advisories')).toBe(before.advisories + 2);
      const perAdvisory = outcomes[0]?.ok ? outcomes[0].result.matches : null;
      const added = (perAdvisory?.confirmed ?? 0) + (perAdvisory?.probable ?? 0) + (perAdvisory?.review ?? 0);
      expect(await rows('advisory_matches')).toBe(before.matches + 2 * added);
    } finally {
      await sql`drop trigger bulk_test_refuse on advisories`.execute(t.database.db);
      await sql`drop function bulk_test_refuse()`.execute(t.database.db);
    }
  });

  it('a new revision takes over the match ids and review decisions; a re-match without changes writes nothing', async () => {
    const [first] = await importAdvisories(ctx(), [revision(IMAGEMAGICK, 'BULK-5', 3)], {
      organisationId: certId,
    });
    if (!first?.ok) throw new Error('import failed');
    const listed = (await cert.get(`/api/v1/advisory-matches?advisoryId=${first.result.advisory.id}`)).json()
      .items as { id: string; class: string }[];
    const review = listed.find((m) => m.class === 'review');
    if (!review) throw new Error('no review match');
    const decided = await cert.post(`/api/v1/advisory-matches/${review.id}/review`, {
      decision: 'dismissed',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const [next] = await importAdvisories(ctx(), [revision(IMAGEMAGICK, 'BULK-5', 4)], {
      organisationId: certId,
    });
    if (!next?.ok) throw new Error('revision failed');
    expect(next.result.supersededId).toBe(first.result.advisory.id);
    const moved = (await cert.get(`/api/v1/advisory-matches?advisoryId=${next.result.advisory.id}`)).json()
      .items as { id: string; review: unknown }[];
    expect(moved.map((m) => m.id).sort()).toEqual(listed.map((m) => m.id).sort());
    expect(moved.find((m) => m.id === review.id)?.review).toMatchObject({ decision: 'dismissed' });
    expect(
      (await cert.get(`/api/v1/advisory-matches?advisoryId=${first.result.advisory.id}`)).json().total,
    ).toBe(0);

    const stamps = async () =>
      (
        await t.database.db
          .selectFrom('advisory_matches')
          .select(['id', 'matched_at'])
          .where('organisation_id', '=', halberstadtId)
          .orderBy('id')
          .execute()
      ).map((r) => `${r.id}@${new Date(r.matched_at).toISOString()}`);
    const unchanged = await stamps();
    await t.database.db.transaction().execute((trx) => rematchOrganisation(trx, ctx(), halberstadtId));
    expect(await stamps()).toEqual(unchanged);
  });
});
