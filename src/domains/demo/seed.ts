import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Config } from '../../platform/config.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import { installBaseline } from '../catalogs/service.ts';
import { parseBoundaryFile } from '../organisations/geometry/parse.ts';
import { importGeometry } from '../organisations/geometry/service.ts';
import { fromSeedTable, type SeedRow } from '../organisations/register/register.ts';
import { importRegisterUnits } from '../organisations/service.ts';
import { seedDemoAssessments } from './assessments.ts';

/** The three 2024 pilot Kommunen of Sachsen-Anhalt (Stadt Halberstadt, Salzlandkreis, VG Arneburg-Goldbeck). */
export const PILOT_ARS = {
  halberstadt: '150850135135',
  salzlandkreis: '150890000000',
  arneburgGoldbeck: '150905051000',
} as const;
export const STATE_ARS = '150000000000';
export const DEMO_DOMAIN = 'demo.bastei.local';

interface DemoAccount {
  local: string;
  name: string;
  role: Role;
  organisation: 'federal' | 'state' | 'provider' | 'cert' | keyof typeof PILOT_ARS;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { local: 'admin', name: 'Plattformbetrieb', role: 'admin', organisation: 'federal' },
  { local: 'ministerium', name: 'Sabine Becker', role: 'programme_manager', organisation: 'state' },
  { local: 'pruefer', name: 'Aylin Yilmaz', role: 'auditor', organisation: 'provider' },
  { local: 'isb.halberstadt', name: 'Thomas Schulz', role: 'isb', organisation: 'halberstadt' },
  { local: 'isb.salzlandkreis', name: 'Katrin Neumann', role: 'isb', organisation: 'salzlandkreis' },
  { local: 'isb.arneburg-goldbeck', name: 'Jens Hoffmann', role: 'isb', organisation: 'arneburgGoldbeck' },
  { local: 'cert', name: 'Landes-CERT Analyse', role: 'cert', organisation: 'cert' },
  { local: 'bsi', name: 'BSI Beobachtung', role: 'observer', organisation: 'federal' },
];

export const demoEmail = (local: string) => `${local}@${DEMO_DOMAIN}`;

export function sachsenAnhaltSeedRows(): SeedRow[] {
  const url = new URL('../organisations/register/st-seed.generated.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SeedRow[];
}

export interface DemoSeedResult {
  seeded: boolean;
  password?: string;
  passwordGenerated?: boolean;
  accounts: string[];
}

/**
 * The demo state: Sachsen-Anhalt with its 14 districts and 133 Kommunen, a service provider,
 * the state CERT, the federal office and one account per role. Runs once; a second call finds
 * the admin account and changes nothing.
 */
export async function seedDemo(db: Db, config: Config): Promise<DemoSeedResult> {
  const accounts = DEMO_ACCOUNTS.map((a) => demoEmail(a.local));
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('admin'))
    .executeTakeFirst();
  if (existing) return { seeded: false, accounts };

  const ctx: RequestContext = systemContext(db, 'seed-demo');
  const password = config.demoPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password, { memoryKiB: config.argon2MemoryKiB });

  await db.transaction().execute(async (trx) => {
    const federal = await trx
      .insertInto('organisations')
      .values({
        type: 'federal',
        subtype: 'Bundesbehörde',
        ars: null,
        name: 'Bundesamt für Sicherheit in der Informationstechnik',
        short_name: 'BSI',
        parent_id: null,
        ancestor_ids: [],
        population: null,
        area_ha: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'organisation.create',
      resourceType: 'organisation',
      resourceId: federal.id,
      organisationId: federal.id,
      after: { name: federal.name },
    });
  });
  await importRegisterUnits(ctx, fromSeedTable(sachsenAnhaltSeedRows()));

  await db.transaction().execute(async (trx) => {
    const byArs = async (ars: string) =>
      trx.selectFrom('organisations').selectAll().where('ars', '=', ars).executeTakeFirstOrThrow();
    const state = await byArs(STATE_ARS);
    const federal = await trx
      .selectFrom('organisations')
      .selectAll()
      .where('type', '=', 'federal')
      .executeTakeFirstOrThrow();
    const provider = await trx
      .insertInto('organisations')
      .values({
        type: 'provider',
        subtype: 'IT-Dienstleister',
        ars: null,
        name: 'Prüfdienst Kommunale Sicherheit GmbH',
        short_name: 'Prüfdienst KS',
        parent_id: null,
        ancestor_ids: [],
        population: null,
        area_ha: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const cert = await trx
      .insertInto('organisations')
      .values({
        type: 'cert',
        subtype: 'Landes-CERT',
        ars: null,
        name: 'CERT Sachsen-Anhalt',
        short_name: 'CERT LSA',
        parent_id: state.id,
        ancestor_ids: [...state.ancestor_ids, state.id],
        population: null,
        area_ha: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const organisations = {
      federal,
      state,
      provider,
      cert,
      halberstadt: await byArs(PILOT_ARS.halberstadt),
      salzlandkreis: await byArs(PILOT_ARS.salzlandkreis),
      arneburgGoldbeck: await byArs(PILOT_ARS.arneburgGoldbeck),
    };
    for (const organisation of [provider, cert]) {
      await recordAudit(ctx, trx, {
        action: 'organisation.create',
        resourceType: 'organisation',
        resourceId: organisation.id,
        organisationId: organisation.id,
        after: { name: organisation.name, type: organisation.type },
      });
    }
    for (const account of DEMO_ACCOUNTS) {
      const organisation = organisations[account.organisation];
      const user = await trx
        .insertInto('users')
        .values({
          email: demoEmail(account.local),
          display_name: account.name,
          password_hash: passwordHash,
          password_changed_at: new Date(),
          totp_secret: null,
          totp_last_step: null,
          oidc_issuer: null,
          oidc_subject: null,
          locked_until: null,
          disabled_at: null,
          last_login_at: null,
        })
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('memberships')
        .values({ user_id: user.id, organisation_id: organisation.id, role: account.role })
        .execute();
      if (account.role === 'auditor') {
        for (const key of ['halberstadt', 'salzlandkreis', 'arneburgGoldbeck'] as const) {
          await trx
            .insertInto('auditor_assignments')
            .values({ user_id: user.id, organisation_id: organisations[key].id })
            .execute();
        }
      }
      await recordAudit(ctx, trx, {
        action: 'user.create',
        resourceType: 'user',
        resourceId: user.id,
        organisationId: organisation.id,
        after: { email: user.email, role: account.role, organisation: organisation.name },
      });
    }
  });
  await installBaseline(ctx);
  await importDemoBoundaries(ctx);
  await seedDemoAssessments(db, PILOT_ARS);
  return { seeded: true, password, passwordGenerated: !config.demoPassword, accounts };
}

/** Boundaries are operator data: the demo takes them from the reference folder beside the repo when it is there. */
const DEMO_BOUNDARIES = new URL(
  '../../../../shared/reference/municipalities/geo/st-kommunen.topojson',
  import.meta.url,
);
export const DEMO_BOUNDARY_ATTRIBUTION = '© GeoBasis-DE / BKG 2016 (Daten verändert), dl-de/by-2-0';

async function importDemoBoundaries(ctx: RequestContext): Promise<void> {
  if (!existsSync(DEMO_BOUNDARIES)) return;
  const parsed = parseBoundaryFile(readFileSync(DEMO_BOUNDARIES, 'utf8'), {
    objects: ['kommunen', 'kreise'],
  });
  await importGeometry(ctx, parsed, {
    source: 'st-kommunen.topojson',
    attribution: DEMO_BOUNDARY_ATTRIBUTION,
  });
}
