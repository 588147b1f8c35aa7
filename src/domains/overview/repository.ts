/**
 * Overview queries: a few statements with GROUP BY over all Kommunen in scope (no query per
 * Kommune). Scoping: the Kommunen are the organisations of type municipality or district inside
 * the caller's scope (`organisationInScope` on organisations.id); every child row is reached
 * through them and additionally filtered by its own organisation_id.
 *
 * The score expression in SQL mirrors `scoreOf` in ../assessments/scores.ts (see SCORE_FORMULA):
 * (2·yes + partial) / (2·(yes + partial + no + open)), null when nothing is applicable. The
 * overview tests check it against GET /assessments/{id}/scores.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { AssessmentPhase, AssessmentStatus } from '../../platform/db/schema.ts';
import { organisationInScope, type Scope } from '../../platform/policy/policy.ts';
import type { ScoreCounts } from '../assessments/scores.ts';

const KOMMUNE_TYPES = ['municipality', 'district'] as const;

/**
 * Runs overview reads in one read-only transaction without JIT. At national scale the planner's
 * estimates for the scope filter (array overlap) are far too high, which switches on JIT
 * compilation: about 2 s of compiling for a query that runs in milliseconds.
 */
export function readOverview<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    return work(trx);
  });
}

/** Ids of the Kommunen in scope, as a subquery. */
function kommunenInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('organisations')
    .select('organisations.id')
    .where('organisations.type', 'in', KOMMUNE_TYPES)
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope));
}

/** Effective-answer counts of `aa` (assessment_answers), as columns yes … open. */
const COUNT_COLUMNS = sql`
  count(*) filter (where coalesce(aa.auditor_status, aa.status) = 'yes')::int as yes,
  count(*) filter (where coalesce(aa.auditor_status, aa.status) = 'partial')::int as partial,
  count(*) filter (where coalesce(aa.auditor_status, aa.status) = 'no')::int as no,
  count(*) filter (where coalesce(aa.auditor_status, aa.status) = 'not_applicable')::int as not_applicable,
  count(*) filter (where coalesce(aa.auditor_status, aa.status) = 'open')::int as open,
  count(*) filter (where aa.status <> 'open')::int as answered`;

/** scoreOf (scores.ts) in SQL over columns yes, partial, no, open of `t`. */
const scoreSql = (t: string) =>
  sql<number | null>`((2 * ${sql.ref(`${t}.yes`)} + ${sql.ref(`${t}.partial`)})::float8
    / nullif(2 * (${sql.ref(`${t}.yes`)} + ${sql.ref(`${t}.partial`)} + ${sql.ref(`${t}.no`)} + ${sql.ref(`${t}.open`)}), 0))`;

/** Latest assessment of the catalog per Kommune (lateral over `k`; uses assessments_organisation_idx). */
const latestAssessment = (catalogId: string, alias: string) => sql`
  select a.id, a.phase, a.status, a.updated_at from assessments a
   where a.organisation_id = ${sql.ref(`${alias}.id`)} and a.catalog_id = ${catalogId}
   order by a.created_at desc, a.id desc limit 1`;

const statusCondition = (
  status: AssessmentStatus | 'none' | undefined,
  column: string,
): RawBuilder<unknown> => {
  if (status === undefined) return sql`true`;
  if (status === 'none') return sql`${sql.ref(column)} is null`;
  return sql`${sql.ref(column)} = ${status}`;
};

export interface KommuneOverviewRow extends ScoreCounts {
  id: string;
  ars: string | null;
  name: string;
  type: string;
  subtype: string | null;
  population: number | null;
  district_id: string | null;
  district_name: string | null;
  assessment_id: string | null;
  phase: AssessmentPhase | null;
  status: AssessmentStatus | null;
  updated_at: Date | null;
  answered: number;
  package_id: string | null;
  package_version: number | null;
  delivered_at: Date | null;
  measures_total: number;
  measures_done: number;
  measures_verified: number;
}

/** Every Kommune in scope (after filters) with its latest assessment, overall counts and measures. */
export async function findKommuneOverview(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus | 'none' },
): Promise<KommuneOverviewRow[]> {
  const result = await sql<KommuneOverviewRow>`
    with k as (
      select o.id, o.ars, o.name, o.type, o.subtype, o.population, dist.id as district_id, dist.name as district_name
        from organisations o
        left join lateral (
          select d.id, d.name from organisations d
           where d.type = 'district' and (d.id = o.id or d.id = any(o.ancestor_ids))
           limit 1
        ) dist on true
       where o.id in (${kommunenInScope(db, scope)})
         and ${filter.districtId ? sql`dist.id = ${filter.districtId}::uuid` : sql`true`}
    ), ka as (
      select k.*, la.id as assessment_id, la.phase, la.status, la.updated_at
        from k left join lateral (${latestAssessment(filter.catalogId, 'k')}) la on true
       where ${statusCondition(filter.status, 'la.status')}
    )
    select ka.*,
           coalesce(c.yes, 0) as yes, coalesce(c.partial, 0) as partial, coalesce(c.no, 0) as no,
           coalesce(c.not_applicable, 0) as not_applicable, coalesce(c.open, 0) as open,
           coalesce(c.answered, 0) as answered,
           pk.id as package_id, pk.version as package_version, pk.delivered_at,
           coalesce(mc.total, 0) as measures_total, coalesce(mc.done, 0) as measures_done,
           coalesce(mc.verified, 0) as measures_verified
      from ka
      left join lateral (
        select ${COUNT_COLUMNS} from assessment_answers aa
         where aa.assessment_id = ka.assessment_id and aa.organisation_id = ka.id
      ) c on ka.assessment_id is not null
      left join lateral (
        select p.id, p.version, p.delivered_at, p.assessment_id from measure_packages p
         where p.organisation_id = ka.id and p.status = 'delivered'
         order by p.version desc limit 1
      ) pk on true
      left join lateral (
        select count(*)::int as total,
               count(*) filter (where m.status = 'done')::int as done,
               count(*) filter (where m.status = 'verified')::int as verified
          from measures m
         where m.organisation_id = ka.id and m.assessment_id = coalesce(pk.assessment_id, ka.assessment_id)
      ) mc on true`.execute(db);
  return result.rows;
}

export interface TopicCountRow extends ScoreCounts {
  assessment_id: string;
  topic_id: string | null;
  answered: number;
  total: number;
}

/** Effective-answer counts per topic of the given assessments of Kommunen in scope. */
export async function findTopicCounts(
  db: Executor,
  scope: Scope,
  assessmentIds: readonly string[],
): Promise<TopicCountRow[]> {
  if (assessmentIds.length === 0) return [];
  const result = await sql<TopicCountRow>`
    select aa.assessment_id, aa.topic_id, count(*)::int as total, ${COUNT_COLUMNS}
      from assessment_answers aa
     where aa.assessment_id = any(${[...assessmentIds]}::uuid[])
       and aa.organisation_id in (${kommunenInScope(db, scope)})
     group by aa.assessment_id, aa.topic_id`.execute(db);
  return result.rows;
}

/** Per-assessment and per-topic scores of the Kommunen in scope, as a CTE body (`scores`). */
function scoresCte(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus },
) {
  return sql`
    k as (
      select o.id, o.type, o.subtype, o.population, o.ancestor_ids
        from organisations o
       where o.id in (${kommunenInScope(db, scope)})
         and ${
           filter.districtId
             ? sql`(o.id = ${filter.districtId}::uuid or ${filter.districtId}::uuid = any(o.ancestor_ids))`
             : sql`true`
         }
    ), ka as (
      select k.*, la.id as assessment_id
        from k left join lateral (${latestAssessment(filter.catalogId, 'k')}) la on true
       where ${statusCondition(filter.status, 'la.status')}
    ), tc as (
      select aa.assessment_id, aa.topic_id, ${COUNT_COLUMNS}
        from ka join assessment_answers aa on aa.assessment_id = ka.assessment_id and aa.organisation_id = ka.id
       group by aa.assessment_id, aa.topic_id
    ), topic_scores as (
      select tc.assessment_id, tc.topic_id, ${scoreSql('tc')} as score from tc
    ), oc as (
      select tc.assessment_id, sum(tc.yes) as yes, sum(tc.partial) as partial, sum(tc.no) as no, sum(tc.open) as open
        from tc group by tc.assessment_id
    ), overall as (
      select ka.*, ${scoreSql('oc')} as score
        from ka left join oc on oc.assessment_id = ka.assessment_id
    )`;
}

export interface DistributionRow {
  topic_id: string | null;
  is_overall: boolean;
  scored: number;
  no_score: number;
  b0: number;
  b1: number;
  b2: number;
  b3: number;
  mean: number | null;
  median: number | null;
}

const DISTRIBUTION_COLUMNS = sql`
  count(s.score)::int as scored,
  count(*) filter (where s.score is null)::int as no_score,
  count(*) filter (where s.score < 0.25)::int as b0,
  count(*) filter (where s.score >= 0.25 and s.score < 0.5)::int as b1,
  count(*) filter (where s.score >= 0.5 and s.score < 0.75)::int as b2,
  count(*) filter (where s.score >= 0.75)::int as b3,
  avg(s.score)::float8 as mean,
  percentile_cont(0.5) within group (order by s.score)::float8 as median`;

/** Score distribution per topic and overall across the Kommunen in scope (with an assessment). */
export async function findTopicDistribution(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus },
): Promise<{ rows: DistributionRow[]; kommunen: number; assessed: number }> {
  const result = await sql<DistributionRow & { kommunen: number; assessed: number }>`
    with ${scoresCte(db, scope, filter)}
    select s.topic_id, false as is_overall, ${DISTRIBUTION_COLUMNS}, 0 as kommunen, 0 as assessed
      from topic_scores s group by s.topic_id
    union all
    select null, true, ${DISTRIBUTION_COLUMNS},
           (select count(*)::int from overall), (select count(assessment_id)::int from overall)
      from overall s where s.assessment_id is not null`.execute(db);
  const overall = result.rows.find((r) => r.is_overall);
  return { rows: result.rows, kommunen: overall?.kommunen ?? 0, assessed: overall?.assessed ?? 0 };
}

export interface AggregateRow {
  topic_id: string | null;
  is_overall: boolean;
  state_id: string | null;
  kind: string | null;
  band: string | null;
  g_state: number;
  g_kind: number;
  g_band: number;
  kommunen: number;
  assessed: number;
  scored: number;
  mean: number | null;
}

/** Population bands (inhabitants) of the size dimension, as [key, lower bound]. */
export const POPULATION_BANDS: readonly (readonly [string, number])[] = [
  ['lt5k', 0],
  ['5k-10k', 5_000],
  ['10k-20k', 10_000],
  ['20k-50k', 20_000],
  ['50k-100k', 50_000],
  ['ge100k', 100_000],
];

const bandSql = sql<string>`case
  when overall.population is null then 'unknown'
  ${sql.join(
    [...POPULATION_BANDS]
      .reverse()
      .map(([key, lower]) => sql`when overall.population >= ${sql.lit(lower)} then ${sql.lit(key)}`),
    sql` `,
  )}
  end`;

/**
 * Counts and mean scores per group: overall, per state, per kind (subtype) and per population
 * band, each also within each state; the same per topic. Suppression happens in the service.
 */
export async function findAggregates(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; status?: AssessmentStatus },
): Promise<AggregateRow[]> {
  const sets = sql`grouping sets ((), (st.id), (k2.kind), (k2.band), (st.id, k2.kind), (st.id, k2.band))`;
  const topicSets = sql`grouping sets ((ts.topic_id), (ts.topic_id, st.id), (ts.topic_id, k2.kind),
    (ts.topic_id, k2.band), (ts.topic_id, st.id, k2.kind), (ts.topic_id, st.id, k2.band))`;
  const result = await sql<AggregateRow>`
    with ${scoresCte(db, scope, filter)}, k2 as (
      select overall.*, coalesce(overall.subtype, overall.type) as kind, ${bandSql} as band from overall
    )
    select null::uuid as topic_id, true as is_overall, st.id as state_id, k2.kind, k2.band,
           grouping(st.id) as g_state, grouping(k2.kind) as g_kind, grouping(k2.band) as g_band,
           count(*)::int as kommunen, count(k2.assessment_id)::int as assessed,
           count(k2.score)::int as scored, avg(k2.score)::float8 as mean
      from k2 left join organisations st on st.type = 'state' and st.id = any(k2.ancestor_ids)
     group by ${sets}
    union all
    select ts.topic_id, false, st.id, k2.kind, k2.band,
           grouping(st.id), grouping(k2.kind), grouping(k2.band),
           0, count(*)::int, count(ts.score)::int, avg(ts.score)::float8
      from k2 join topic_scores ts on ts.assessment_id = k2.assessment_id
      left join organisations st on st.type = 'state' and st.id = any(k2.ancestor_ids)
     group by ${topicSets}`.execute(db);
  return result.rows;
}

export function findStates(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisations')
    .select(['id', 'ars', 'name'])
    .where('id', 'in', [...ids])
    .where('type', '=', 'state')
    .execute();
}
