import { TEST_PASSWORD } from '../../../test/helpers.ts';
import type { DomainMatrix, Fixture } from '../../../test/isolation.ts';
import { buildUserContext } from '../../platform/auth/load-context.ts';
import { systemContext } from '../../platform/context.ts';
import { createNotifier } from '../../platform/notifications/notifications.ts';
import { addMembership, createUser } from '../users/service.ts';
import { importAdvisory, saveAlias } from './service.ts';
import { installProducts, relabelled } from './test-support.ts';
import { publishWarning, respondToWarning } from './warnings/service.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`advisories matrix: fixture.extra.${name} missing`);
  return value;
};
const advisory = (f: Fixture) => `/api/v1/advisories/${x(f, 'advisoryId')}`;
const warning = (f: Fixture) => `/api/v1/warnings/${x(f, 'warningId')}`;

/**
 * Kommune-side writes run as a member of the victim Kommune created here (the users matrix may
 * have ended the victim ISB's sessions by then); CERT-side routes as the demo CERT analyst.
 */
const KOMMUNE_WRITER = 'advisory.member.halberstadt@test.bastei.local';

/**
 * The victim Kommune (Halberstadt) runs Apache httpd 2.4.41 and ImageMagick; the CERT of
 * Sachsen-Anhalt imports two TLP:AMBER advisories (a confirmed and a review match), warns
 * Halberstadt, and Halberstadt answers once.
 */
export const advisoriesMatrix: DomainMatrix = {
  async setup(t, f) {
    const db = t.database.db;
    const system = systemContext(db, 'isolation-fixture');
    const writer = await createUser(
      system,
      {
        email: KOMMUNE_WRITER,
        displayName: 'Mitarbeiter Halberstadt',
        password: TEST_PASSWORD,
        locale: 'de',
      },
      { argon2MemoryKiB: 1024 },
    );
    await addMembership(system, writer.id, { organisationId: f.victimOrganisationId, role: 'member' });
    const ars = (await db
      .selectFrom('organisations')
      .select('ars')
      .where('id', '=', f.victimOrganisationId)
      .executeTakeFirstOrThrow()) as { ars: string };
    await installProducts(db, ars.ars, [
      { vendor: 'Apache', product: 'HTTP Server', cpe: 'cpe:/a:apache:http_server:2.4.41' },
      { product: 'ImageMagick', version: '7.1.1-12' },
    ]);
    const certUser = await db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', 'cert@demo.bastei.local')
      .executeTakeFirstOrThrow();
    const certCtx = await buildUserContext(
      db,
      { kind: 'user', userId: certUser.id, email: certUser.email },
      'fx',
    );
    const writerCtx = await buildUserContext(
      db,
      { kind: 'user', userId: writer.id, email: KOMMUNE_WRITER },
      'fx',
    );
    const amber = await importAdvisory(
      certCtx,
      relabelled('bsi-wid/wid-sec-w-2024-3319.json', { trackingId: 'ISO-AMBER-3319', label: 'AMBER' }),
    );
    const review = await importAdvisory(
      certCtx,
      relabelled('bsi-wid/wid-sec-w-2023-1632.json', { trackingId: 'ISO-AMBER-1632', label: 'AMBER' }),
    );
    const notifications = {
      notifier: createNotifier(t.config.notifications),
      publicUrl: t.config.publicUrl,
    };
    const published = await publishWarning(
      certCtx,
      amber.advisory.id,
      { audience: { kind: 'organisations', organisationIds: [f.victimOrganisationId] } },
      notifications,
    );
    await respondToWarning(writerCtx, published.id, { status: 'affected', note: 'Update geplant' });
    const reviewMatch = await db
      .selectFrom('advisory_matches')
      .select('id')
      .where('advisory_id', '=', review.advisory.id)
      .where('class', '=', 'review')
      .executeTakeFirstOrThrow();
    const alias = await saveAlias(certCtx, { key: 'iso-alias', names: ['Iso Produkt'] });
    const toDelete = await saveAlias(certCtx, { key: 'iso-alias-delete', names: ['Iso Löschprodukt'] });
    Object.assign(f.extra, {
      advisoryId: amber.advisory.id,
      advisoryCertId: amber.advisory.organisationId,
      warningId: published.id,
      advisoryReviewMatchId: reviewMatch.id,
      advisoryAliasId: alias.id,
      advisoryAliasToDeleteId: toDelete.id,
    });
  },
  entries: {
    'POST /api/v1/advisories': {
      kind: 'self-or-public',
      reason:
        "creates an advisory owned by the caller's own CERT; no other tenant's id is involved (role checks in advisories.test.ts)",
    },
    'GET /api/v1/advisories/public': {
      kind: 'self-or-public',
      reason:
        'TLP:CLEAR and TLP:GREEN metadata for every member of the community by design; AMBER and up never listed (tlp.test.ts)',
    },
    'GET /api/v1/advisories': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/advisories?limit=500' }),
      owner: 'cert',
      leaks: (body, f) => body.items.some((a) => a.id === f.extra.advisoryId),
    },
    'GET /api/v1/advisories/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: advisory(f) }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/advisories/{id}/document': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${advisory(f)}/document` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/advisories/{id}/warnings': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${advisory(f)}/warnings`,
        body: { audience: { kind: 'organisations', organisationIds: [f.victimOrganisationId] } },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'GET /api/v1/advisory-matches': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/advisory-matches?organisationId=${f.victimOrganisationId}`,
      }),
      owner: 'cert',
      leaks: (body, f) => body.items.some((m) => m.organisationId === f.victimOrganisationId),
    },
    'POST /api/v1/advisory-matches/{id}/review': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/advisory-matches/${x(f, 'advisoryReviewMatchId')}/review`,
        body: { decision: 'dismissed', note: 'Übernahmeversuch' },
      }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'GET /api/v1/advisory-aliases': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/advisory-aliases' }),
      owner: 'cert',
      leaks: (body, f) => body.items.some((a) => a.id === f.extra.advisoryAliasId),
    },
    'POST /api/v1/advisory-aliases': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/advisory-aliases',
        body: { organisationId: x(f, 'advisoryCertId'), key: 'iso-probe', names: ['Iso Probe'] },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'PUT /api/v1/advisory-aliases/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PUT',
        url: `/api/v1/advisory-aliases/${x(f, 'advisoryAliasId')}`,
        body: { key: 'iso-alias', names: ['Iso Produkt', 'Iso Produkt Neu'] },
      }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'DELETE /api/v1/advisory-aliases/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `/api/v1/advisory-aliases/${x(f, 'advisoryAliasToDeleteId')}`,
      }),
      owner: 'cert',
      ownerStatus: 204,
    },
    'GET /api/v1/warnings': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/warnings?limit=500' }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((w) => w.id === f.extra.warningId),
    },
    'GET /api/v1/warnings/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: warning(f) }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/warnings/{id}/vex': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${warning(f)}/vex` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/warnings/{id}/distribution': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${warning(f)}/distribution` }),
      owner: 'cert',
    },
    'POST /api/v1/warnings/{id}/acknowledge': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `${warning(f)}/acknowledge`, body: {} }),
      owner: KOMMUNE_WRITER,
      ownerStatus: 200,
    },
    'POST /api/v1/warnings/{id}/response': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${warning(f)}/response`,
        body: { status: 'not_affected', note: 'Übernahmeversuch' },
      }),
      owner: KOMMUNE_WRITER,
      ownerStatus: 200,
    },
  },
};
