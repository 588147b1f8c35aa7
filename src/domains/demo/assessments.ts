/**
 * Demo assessments: the three pilot Kommunen go through the real service functions (so their
 * audit trail and answer history are what a user would leave), the other Kommunen of the demo
 * state get plausible, deterministic answers inserted in bulk (one statement for all answers).
 *
 * Determinism: every random choice comes from a PRNG seeded by the Kommune's ARS (profile:
 * status, maturity, how much is answered) and from md5 of ARS and requirement key inside SQL
 * (the individual answers). The same catalog and ARS give the same answers on every machine.
 */
import { type Expression, type RawBuilder, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { buildUserContext } from '../../platform/auth/load-context.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { AnswerStatus, AssessmentStatus } from '../../platform/db/schema.ts';
import {
  createAssessment,
  freezeAssessment,
  overrideAnswer,
  recordSample,
  saveAnswers,
  submitAssessment,
  verifyAssessment,
} from '../assessments/service.ts';
import { BASELINE_KEY } from '../catalogs/baseline-oscal.ts';
import { changeMeasureStatus, deliverPackage, generateMeasures } from '../measures/service.ts';

// --- deterministic randomness ------------------------------------------------------------------

/** 32-bit FNV-1a of a string: the PRNG seed of a Kommune. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for demo data (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- bulk answers ------------------------------------------------------------------------------

/** How one generated assessment is answered (shares between 0 and 1). */
export interface AnswerProfile {
  assessmentId: string;
  organisationId: string;
  /** Seed of the per-answer draws; the Kommune's ARS. */
  seed: string;
  /** Chance that an answered, applicable requirement is fulfilled (`yes`), before topic effects. */
  maturity: number;
  /** Share of requirements answered at all (the rest stays `open`). */
  answered: number;
  /** Share of answered requirements that do not apply. */
  notApplicable: number;
}

/** A uniform number in [0, 1) from the `part`-th 8 hex digits of an md5 hash. */
const unit = (hash: Expression<string> | RawBuilder<string>, part: 0 | 1 | 2 | 3) =>
  sql<number>`(('x' || substr(${hash}, ${8 * part + 1}, 8))::bit(32)::bigint / 4294967296.0)`;

/**
 * A version-4-shaped uuid from 32 hex digits. gen_random_uuid() per row costs more than the rest
 * of a bulk insert on PGlite (a call out of WebAssembly for every row); the answer rows' ids are
 * derived from their assessment's random id and the requirement id instead.
 */
const uuidFrom = (hex: RawBuilder<string>) =>
  sql<string>`overlay(overlay(${hex} placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * Inserts the answer rows of many assessments in one statement, drawn per requirement from its
 * profile. Some topics are weaker across the whole state (a fixed offset per topic key) and every
 * Kommune has its own strengths (an offset per Kommune and topic), so the per-topic overview
 * shows a spread. `partial` takes about a third of the unfulfilled answers.
 */
export async function insertGeneratedAnswers(
  db: Executor,
  catalogId: string,
  profiles: readonly AnswerProfile[],
  answeredAt: Date,
): Promise<number> {
  if (profiles.length === 0) return 0;
  const result = await generatedAnswersStatement(catalogId, profiles, answeredAt).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export function generatedAnswersStatement(
  catalogId: string,
  profiles: readonly AnswerProfile[],
  answeredAt: Date,
): RawBuilder<unknown> {
  const column = <K extends keyof AnswerProfile>(key: K) => profiles.map((p) => p[key]);
  const h = sql<string>`d.h`;
  return sql`
    with recursive topic_of as (
      select g.id, g.id as topic_id from catalog_groups g
       where g.catalog_id = ${catalogId} and g.parent_id is null
      union all
      select c.id, t.topic_id from catalog_groups c join topic_of t on c.parent_id = t.id
    ), req as (
      select r.id, r.ordinal, r.requirement_key, t.topic_id, coalesce(g.group_key, g.id::text, '') as topic_key
        from catalog_requirements r
        left join topic_of t on t.id = r.group_id
        left join catalog_groups g on g.id = t.topic_id
       where r.catalog_id = ${catalogId}
    ), p as (
      select * from unnest(
        ${column('assessmentId')}::uuid[], ${column('organisationId')}::uuid[], ${column('seed')}::text[],
        ${column('maturity')}::float8[], ${column('answered')}::float8[], ${column('notApplicable')}::float8[]
      ) as p(assessment_id, organisation_id, seed, maturity, answered, na)
    ), topic_maturity as (
      -- Per Kommune and topic, so md5 runs once per answer below and not three times.
      select p.assessment_id, k.topic_key,
             greatest(0.03, least(0.97,
               p.maturity
               + 0.35 * (${unit(sql`md5('topic:' || k.topic_key)`, 0)} - 0.5)
               + 0.30 * (${unit(sql`md5(p.seed || '#' || k.topic_key)`, 0)} - 0.5))) as m
        from p cross join (select distinct topic_key from req) k
    ), d as (
      select p.assessment_id, p.organisation_id, req.id as requirement_id, req.topic_id, req.ordinal,
             p.answered, p.na, x.h, tm.m
        from p cross join req
        join topic_maturity tm on tm.assessment_id = p.assessment_id and tm.topic_key = req.topic_key
        -- offset 0 keeps the subquery from being flattened, so md5 runs once per row, not per use.
        cross join lateral (select md5(p.seed || ':' || req.requirement_key) as h offset 0) x
    )
    insert into assessment_answers
      (id, organisation_id, assessment_id, requirement_id, topic_id, ordinal, status, answered_at)
    select ${uuidFrom(sql`md5(d.assessment_id::text || d.requirement_id::text)`)},
           d.organisation_id, d.assessment_id, d.requirement_id, d.topic_id, d.ordinal, s.status,
           case when s.status = 'open' then null else ${answeredAt}::timestamptz end
      from d cross join lateral (
        select case
          when ${unit(h, 0)} >= d.answered then 'open'
          when ${unit(h, 1)} < d.na then 'not_applicable'
          when ${unit(h, 2)} < d.m then 'yes'
          when ${unit(h, 2)} < d.m + (1 - d.m) * 0.35 then 'partial'
          else 'no'
        end as status
      ) s
      -- One assessment's rows together on few pages: the overview reads them per assessment.
     order by d.assessment_id, d.ordinal`;
}

// --- the generated Kommunen ------------------------------------------------------------------------

export interface KommuneProfile {
  status: AssessmentStatus | null;
  maturity: number;
  answered: number;
  notApplicable: number;
  /** Days before now the assessment was started. */
  startedDaysAgo: number;
}

/**
 * The demo profile of a Kommune from its ARS: about one in twelve has not started, the rest
 * spread over draft, submitted, verified and frozen; larger bodies (districts, towns over
 * 50,000) are a little more mature on average.
 */
export function kommuneProfile(ars: string, large: boolean, frozenAllowed = true): KommuneProfile {
  const random = prng(seedOf(ars));
  const started = random() >= 0.08;
  const s = random();
  const status: AssessmentStatus | null = !started
    ? null
    : s < 0.36
      ? 'draft'
      : s < 0.6
        ? 'submitted'
        : s < 0.93 || !frozenAllowed
          ? 'verified'
          : 'frozen';
  const maturity = Math.min(0.9, Math.max(0.12, 0.22 + 0.5 * random() + (large ? 0.08 : 0)));
  const answered = status === 'draft' ? 0.1 + 0.85 * random() : 1;
  return {
    status,
    maturity,
    answered,
    notApplicable: 0.01 + 0.06 * random(),
    startedDaysAgo: 20 + Math.floor(200 * random()),
  };
}

const DAY = 86_400_000;

export interface GeneratedKommune {
  organisationId: string;
  ars: string;
  large: boolean;
  /** Seed of the PRNG and of the answers; default the ARS. */
  seed?: string;
}

export interface GeneratedAssessment {
  assessmentId: string;
  organisationId: string;
  ars: string;
  profile: KommuneProfile;
}

/**
 * Creates the assessment rows (with their final status and timestamps) and all their answers in
 * bulk. Frozen ones are inserted as verified: freezing needs the real snapshot, which the caller
 * makes through the service. Bench data passes `frozenAllowed = false` for that reason.
 */
export async function insertGeneratedAssessments(
  db: Executor,
  catalog: { id: string; title: string; requirementCount: number },
  kommunen: readonly GeneratedKommune[],
  now: Date,
  frozenAllowed = true,
  onChunk?: (done: number, of: number) => void,
): Promise<GeneratedAssessment[]> {
  const planned = kommunen
    .map((k) => ({ ...k, profile: kommuneProfile(k.seed ?? k.ars, k.large, frozenAllowed) }))
    .filter((k) => k.profile.status !== null);
  const created: GeneratedAssessment[] = [];
  for (let i = 0; i < planned.length; i += 1_000) {
    const chunk = planned.slice(i, i + 1_000);
    const rows = await db
      .insertInto('assessments')
      .values(
        chunk.map((k) => {
          const started = new Date(now.getTime() - k.profile.startedDaysAgo * DAY);
          const submitted = new Date(started.getTime() + Math.floor(k.profile.startedDaysAgo * 0.5) * DAY);
          const verified = new Date(started.getTime() + Math.floor(k.profile.startedDaysAgo * 0.8) * DAY);
          const status = k.profile.status === 'frozen' ? 'verified' : k.profile.status!;
          const isSubmitted = status !== 'draft';
          const isVerified = status === 'verified';
          return {
            organisation_id: k.organisationId,
            catalog_id: catalog.id,
            title: `Selbstauskunft ${catalog.title}`.slice(0, 200),
            subset: null,
            phase: 'self' as const,
            status,
            predecessor_id: null,
            requirement_count: catalog.requirementCount,
            created_by: null,
            created_at: started,
            updated_at: isVerified ? verified : isSubmitted ? submitted : started,
            submitted_at: isSubmitted ? submitted : null,
            verified_at: isVerified ? verified : null,
          };
        }),
      )
      .returning(['id', 'organisation_id'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.organisation_id, r.id]));
    const batch = chunk.map((k) => ({
      assessmentId: idOf.get(k.organisationId)!,
      organisationId: k.organisationId,
      ars: k.ars,
      seed: k.seed ?? k.ars,
      profile: k.profile,
    }));
    await insertGeneratedAnswers(
      db,
      catalog.id,
      batch.map((b) => ({
        assessmentId: b.assessmentId,
        organisationId: b.organisationId,
        seed: b.seed,
        maturity: b.profile.maturity,
        answered: b.profile.answered,
        notApplicable: b.profile.notApplicable,
      })),
      now,
    );
    created.push(...batch);
    onChunk?.(created.length, planned.length);
  }
  return created;
}

// --- the pilots --------------------------------------------------------------------------------------

async function userContext(db: Db, local: string): Promise<RequestContext> {
  const email = `${local}@demo.bastei.local`;
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return buildUserContext(db, { kind: 'user', userId: user.id, email }, `seed-demo-${local}`);
}

const RESPONSIBLE = ['IT-Dienstleister', 'Hauptamt', 'IT-Abteilung', 'Informationssicherheitsbeauftragte(r)'];

/** Answers for all requirements of a pilot, drawn from its ARS (a realistic, middling picture). */
function pilotAnswers(
  ars: string,
  requirements: readonly { key: string }[],
  maturity: number,
  share: number,
): { requirementId: string; status: AnswerStatus; responsible?: string; justification?: string }[] {
  const random = prng(seedOf(`pilot:${ars}`));
  const answers: {
    requirementId: string;
    status: AnswerStatus;
    responsible?: string;
    justification?: string;
  }[] = [];
  for (const { key } of requirements) {
    if (random() >= share) continue;
    const u = random();
    const status: AnswerStatus =
      u < 0.04
        ? 'not_applicable'
        : u < 0.04 + maturity
          ? 'yes'
          : u < 0.04 + maturity + 0.18
            ? 'partial'
            : 'no';
    const responsible = RESPONSIBLE[Math.floor(random() * RESPONSIBLE.length)]!;
    answers.push({
      requirementId: key,
      status,
      responsible,
      ...(status === 'partial' ? { justification: 'Teilweise umgesetzt; Rest ist eingeplant.' } : {}),
      ...(status === 'not_applicable' ? { justification: 'Trifft auf unsere Verwaltung nicht zu.' } : {}),
    });
  }
  return answers;
}

async function baselineRequirements(db: Db, catalogId: string) {
  const rows = await db
    .selectFrom('catalog_requirements')
    .select('requirement_key as key')
    .where('catalog_id', '=', catalogId)
    .orderBy('ordinal')
    .execute();
  return rows;
}

async function orgId(db: Db, ars: string) {
  return (await db.selectFrom('organisations').select('id').where('ars', '=', ars).executeTakeFirstOrThrow())
    .id;
}

export interface DemoAssessmentsResult {
  pilots: number;
  generated: number;
  frozen: number;
  answers: number;
  packages: number;
}

/**
 * Halberstadt: answered by its ISB, submitted, checked by the auditor (overrides, samples),
 * verified, frozen, measures generated and some of them under way. Salzlandkreis: answered and
 * submitted. Arneburg-Goldbeck: a draft about 40 % answered. The other Kommunen: bulk.
 *
 * Halberstadt's measures package is delivered (version 1) and partly worked on.
 */
export async function seedDemoAssessments(
  db: Db,
  pilotArs: { halberstadt: string; salzlandkreis: string; arneburgGoldbeck: string },
): Promise<DemoAssessmentsResult> {
  const catalog = await db
    .selectFrom('catalogs')
    .select(['id', 'title', 'requirement_count'])
    .where('key', '=', BASELINE_KEY)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const requirements = await baselineRequirements(db, catalog.id);
  const system = systemContext(db, 'seed-demo');
  const pruefer = await userContext(db, 'pruefer');

  // Halberstadt: the whole way.
  const halberstadtIsb = await userContext(db, 'isb.halberstadt');
  const halberstadt = await createAssessment(halberstadtIsb, {
    organisationId: await orgId(db, pilotArs.halberstadt),
    catalogId: catalog.id,
    phase: 'self',
  });
  const hAnswers = pilotAnswers(pilotArs.halberstadt, requirements, 0.55, 1);
  await saveAnswers(halberstadtIsb, halberstadt.id, { answers: hAnswers });
  await submitAssessment(halberstadtIsb, halberstadt.id);
  const yesAnswers = hAnswers.filter((a) => a.status === 'yes');
  const noAnswers = hAnswers.filter((a) => a.status === 'no');
  const overrides: [string, AnswerStatus, string][] = [
    [
      yesAnswers[3]!.requirementId,
      'partial',
      'Stichprobe: Richtlinie vorhanden, aber seit drei Jahren nicht überprüft.',
    ],
    [
      yesAnswers[11]!.requirementId,
      'no',
      'Stichprobe: Firewall-Regelwerk eingesehen, Freigaben nicht dokumentiert.',
    ],
    [noAnswers[2]!.requirementId, 'yes', 'Vor Ort nachgewiesen: Umsetzung erfolgte nach der Selbstauskunft.'],
  ];
  for (const [requirementId, status, note] of overrides) {
    await overrideAnswer(pruefer, halberstadt.id, requirementId, { status, note });
  }
  await recordSample(pruefer, halberstadt.id, {
    requirementId: yesAnswers[0]!.requirementId,
    description: 'Rücksicherung einer Datei aus der Nachtsicherung vorgeführt.',
    result: 'passed',
  });
  await recordSample(pruefer, halberstadt.id, {
    requirementId: yesAnswers[11]!.requirementId,
    description: 'Firewall-Regelwerk mit Freigabedokumentation abgeglichen.',
    result: 'failed',
  });
  await verifyAssessment(pruefer, halberstadt.id);
  await freezeAssessment(pruefer, halberstadt.id);
  const generated = await generateMeasures(pruefer, halberstadt.id);
  // Delivered as version 1 before the ISB starts working on it, as in the programme.
  await deliverPackage(pruefer, halberstadt.id);
  const measures = [...generated.items].sort(
    (a, b) => a.priority - b.priority || a.title.localeCompare(b.title),
  );
  for (const [index, measure] of measures.slice(0, 6).entries()) {
    const steps: ('agreed' | 'in_progress' | 'done')[] =
      index < 2 ? ['agreed', 'in_progress', 'done'] : index < 4 ? ['agreed', 'in_progress'] : ['agreed'];
    for (const status of steps) await changeMeasureStatus(halberstadtIsb, measure.id, { status });
  }
  await changeMeasureStatus(pruefer, measures[0]!.id, { status: 'verified', note: 'Vor Ort bestätigt.' });

  // Salzlandkreis: answered and handed in.
  const salzlandIsb = await userContext(db, 'isb.salzlandkreis');
  const salzland = await createAssessment(salzlandIsb, {
    organisationId: await orgId(db, pilotArs.salzlandkreis),
    catalogId: catalog.id,
    phase: 'self',
  });
  await saveAnswers(salzlandIsb, salzland.id, {
    answers: pilotAnswers(pilotArs.salzlandkreis, requirements, 0.62, 1),
  });
  await submitAssessment(salzlandIsb, salzland.id);

  // Arneburg-Goldbeck: a draft, about 40 % answered.
  const arneburgIsb = await userContext(db, 'isb.arneburg-goldbeck');
  const arneburg = await createAssessment(arneburgIsb, {
    organisationId: await orgId(db, pilotArs.arneburgGoldbeck),
    catalogId: catalog.id,
    phase: 'self',
  });
  await saveAnswers(arneburgIsb, arneburg.id, {
    answers: pilotAnswers(pilotArs.arneburgGoldbeck, requirements, 0.45, 0.4),
  });

  // Everyone else: in bulk.
  const pilots = new Set(Object.values(pilotArs));
  const kommunen = (
    await db
      .selectFrom('organisations')
      .select(['id', 'ars', 'type', 'population'])
      .where('type', 'in', ['municipality', 'district'])
      .where('ars', 'is not', null)
      .orderBy('ars')
      .execute()
  )
    .filter((o) => !pilots.has(o.ars!))
    .map((o) => ({
      organisationId: o.id,
      ars: o.ars!,
      large: o.type === 'district' || (o.population ?? 0) > 50_000,
    }));
  const now = new Date();
  const created = await db.transaction().execute(async (trx) => {
    const rows = await insertGeneratedAssessments(
      trx,
      { id: catalog.id, title: catalog.title, requirementCount: catalog.requirement_count },
      kommunen,
      now,
    );
    await recordAudit(system, trx, {
      action: 'demo.assessments.generate',
      resourceType: 'catalog',
      resourceId: catalog.id,
      organisationId: null,
      after: {
        kommunen: rows.length,
        byStatus: Object.fromEntries(
          (['draft', 'submitted', 'verified', 'frozen'] as const).map((s) => [
            s,
            rows.filter((r) => r.profile.status === s).length,
          ]),
        ),
      },
    });
    return rows;
  });
  // Freezing and packages through the services: real snapshots, measures and audit records.
  const frozen = created.filter((c) => c.profile.status === 'frozen');
  for (const c of frozen) await freezeAssessment(system, c.assessmentId);
  let packages = 0;
  for (const c of frozen.slice(0, 2)) {
    const made = await generateMeasures(system, c.assessmentId);
    if (made.items.length === 0) continue;
    await deliverPackage(system, c.assessmentId);
    packages++;
    const random = prng(seedOf(`measures:${c.ars}`));
    // A handful of status changes per package: each is its own transaction with an audit record.
    for (const m of made.items.slice(0, 4)) {
      const steps = Math.floor(random() * 4);
      const chain = (['agreed', 'in_progress', 'done'] as const).slice(0, steps);
      for (const status of chain) await changeMeasureStatus(system, m.id, { status });
    }
  }
  const answers = await db
    .selectFrom('assessment_answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    pilots: 3,
    generated: created.length,
    frozen: frozen.length,
    answers: Number(answers.n),
    packages,
  };
}
