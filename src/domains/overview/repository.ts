/**
 * Overview queries: a few statements with GROUP BY over all Kommunen in scope (no query per
 * Kommune). Scoping: the Kommunen are the organisations of type municipality or district inside
 * the caller's scope (`organisationInScope` on organisations.id); every child row is reached
 * through them and additionally filtered by its own organisation_id.
 *
 * Answers are not read here: `assessment_topic_counts` holds the effective-answer counts per
 * assessment and topic, kept by triggers on assessment_answers (migration
 * 20261124020000_overview_counts.sql), so a Kommune costs about 20 rows instead of 257.
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

/**
 * Runs `query` and returns its rows as objects with `columns`, shipped as one JSON text (an array
 * of arrays). PGlite decodes every row and field of a result in JavaScript: 2,430 rows of nine
 * columns took about 110 ms as rows and about 10 ms as one JSON text (rowcost check, under load);
 * on PostgreSQL the JSON costs about the same as rows. Timestamps arrive as ISO strings.
 */
async function jsonRows<T>(
  db: Executor,
  query: RawBuilder<unknown>,
  columns: readonly (keyof T & string)[],
): Promise<T[]> {
  const result = await sql<{ j: string }>`
    select coalesce(json_agg(json_build_array(${sql.join(columns.map((c) => sql.ref(`r.${c}`)))})), '[]')::text as j
      from (${query}) r`.execute(db);
  const arrays = JSON.parse(result.rows[0]?.j ?? '[]') as unknown[][];
  return arrays.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])) as T);
}

/** The Kommunen in scope with the columns the overview needs, as a subquery (`from (…) o`). */
function kommunen(db: Executor, scope: Scope) {
  return db
    .selectFrom('organisations')
    .select([
      'organisations.id',
      'organisations.ars',
      'organisations.name',
      'organisations.type',
      'organisations.subtype',
      'organisations.population',
      'organisations.ancestor_ids',
    ])
    .where('organisations.type', 'in', KOMMUNE_TYPES)
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope));
}

/** Ids of the Kommunen in scope, as a subquery. */
function kommunenInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('organisations')
    .select('organisations.id')
    .where('organisations.type', 'in', KOMMUNE_TYPES)
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope));
}

/** Sums of the per-topic counts `c` (assessment_topic_counts), as columns yes … open, answered, total. */
const SUM_COLUMNS = sql`
  sum(c.yes)::int as yes, sum(c.partial)::int as partial, sum(c.no)::int as no,
  sum(c.not_applicable)::int as not_applicable, sum(c.open)::int as open,
  sum(c.answered)::int as answered, sum(c.total)::int as total`;

/** scoreOf (scores.ts) in SQL over columns yes, partial, no, open of `t`. */
const scoreSql = (t: string) =>
  sql<number | null>`((2 * ${sql.ref(`${t}.yes`)} + ${sql.ref(`${t}.partial`)})::float8
    / nullif(2 * (${sql.ref(`${t}.yes`)} + ${sql.ref(`${t}.partial`)} + ${sql.ref(`${t}.no`)} + ${sql.ref(`${t}.open`)}), 0))`;

/** Latest assessment of the catalog per Kommune (lateral over `k`; one probe of assessments_latest_idx). */
const latestAssessment = (catalogId: string, alias: string) => sql`
  select a.id, a.phase, a.status, a.updated_at from assessments a
   where a.organisation_id = ${sql.ref(`${alias}.id`)} and a.catalog_id = ${catalogId}
   order by a.created_at desc, a.id desc limit 1`;

/**
 * The state among the ancestors of `o`, by primary key over its own ancestors. The inner
 * `limit 1` keeps the planner from joining all organisations of the type instead.
 */
const stateOf = (alias: string) => sql`
  select s.id
    from unnest(${sql.ref(`${alias}.ancestor_ids`)}) as x(id)
    cross join lateral (select s.id, s.type from organisations s where s.id = x.id limit 1) s
   where s.type = 'state'
   limit 1`;

const statusCondition = (
  status: AssessmentStatus | 'none' | undefined,
  column: string,
): RawBuilder<unknown> => {
  if (status === undefined) return sql`true`;
  if (status === 'none') return sql`${sql.ref(column)} is null`;
  return sql`${sql.ref(column)} = ${status}`;
};

export interface KommuneOverviewRow {
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
  /** ISO timestamp. */
  updated_at: string | null;
}

/** Overall counts of the latest assessment (sums over its topic rows), only when asked for. */
export type KommuneOverviewScoredRow = KommuneOverviewRow & ScoreCounts;

const KOMMUNE_OVERVIEW_COLUMNS = [
  'id',
  'ars',
  'name',
  'type',
  'subtype',
  'population',
  'district_id',
  'district_name',
  'assessment_id',
  'phase',
  'status',
  'updated_at',
] as const satisfies readonly (keyof KommuneOverviewRow)[];

const SCORE_COUNT_COLUMNS = [
  'yes',
  'partial',
  'no',
  'not_applicable',
  'open',
] as const satisfies readonly (keyof ScoreCounts)[];

/**
 * Every Kommune in scope (after filters) with its district and latest assessment, and with
 * `withCounts` the overall counts of that assessment (to sort by score). Everything else a list
 * item shows (counts per topic, measures) is read for the page only (`findTopicCounts`,
 * `findMeasureProgress`): on the national set (2,380 Kommunen of one Land) the sums and the
 * package probes for every Kommune were most of the time of a page of 25 sorted by name.
 */
export async function findKommuneOverview(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus | 'none' },
  withCounts: true,
): Promise<KommuneOverviewScoredRow[]>;
export async function findKommuneOverview(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus | 'none' },
  withCounts: false,
): Promise<KommuneOverviewRow[]>;
export async function findKommuneOverview(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus | 'none' },
  withCounts: boolean,
): Promise<KommuneOverviewRow[]> {
  // The district set-wise (one hash join over all ancestors) rather than by primary-key probes
  // over each Kommune's ancestors (9,500 probes for one Land of the national set).
  const query = sql`
    with o as materialized (${kommunen(db, scope)}),
    dist as (
      select distinct on (x.kommune_id) x.kommune_id, d.id, d.name
        from (select o.id as kommune_id, u.id, u.n
                from o, unnest(array_append(o.ancestor_ids, o.id)) with ordinality as u(id, n)) x
        join organisations d on d.id = x.id and d.type = 'district'
       order by x.kommune_id, x.n desc
    ), k as (
      select o.id, o.ars, o.name, o.type, o.subtype, o.population, dist.id as district_id, dist.name as district_name
        from o left join dist on dist.kommune_id = o.id
       where ${filter.districtId ? sql`dist.id = ${filter.districtId}::uuid` : sql`true`}
    )
    select k.*, la.id as assessment_id, la.phase, la.status, la.updated_at
           ${
             withCounts
               ? sql`, coalesce(c.yes, 0) as yes, coalesce(c.partial, 0) as partial, coalesce(c.no, 0) as no,
           coalesce(c.not_applicable, 0) as not_applicable, coalesce(c.open, 0) as open`
               : sql``
           }
      from k
      left join lateral (${latestAssessment(filter.catalogId, 'k')}) la on true
      ${
        withCounts
          ? sql`left join lateral (
        select ${SUM_COLUMNS} from assessment_topic_counts c
         where c.assessment_id = la.id and c.organisation_id = k.id
      ) c on la.id is not null`
          : sql``
      }
     where ${statusCondition(filter.status, 'la.status')}`;
  return jsonRows<KommuneOverviewScoredRow>(
    db,
    query,
    withCounts ? [...KOMMUNE_OVERVIEW_COLUMNS, ...SCORE_COUNT_COLUMNS] : KOMMUNE_OVERVIEW_COLUMNS,
  );
}

export interface MeasureProgressRow {
  organisation_id: string;
  package_id: string | null;
  package_version: number | null;
  /** ISO timestamp. */
  delivered_at: string | null;
  measures_total: number;
  measures_done: number;
  measures_verified: number;
}

/**
 * Measures progress of the given Kommunen in scope: those of the latest delivered package (the
 * measures of its assessment), else those of the given (latest) assessment.
 */
export async function findMeasureProgress(
  db: Executor,
  scope: Scope,
  kommunen: readonly { organisationId: string; assessmentId: string | null }[],
): Promise<MeasureProgressRow[]> {
  if (kommunen.length === 0) return [];
  const query = sql`
    with x as materialized (
      select x.organisation_id, x.assessment_id
        from unnest(${kommunen.map((k) => k.organisationId)}::uuid[], ${kommunen.map((k) => k.assessmentId)}::uuid[])
             as x(organisation_id, assessment_id)
       where x.organisation_id in (${kommunenInScope(db, scope)})
    )
    select x.organisation_id, pk.id as package_id, pk.version as package_version, pk.delivered_at,
           coalesce(mc.total, 0) as measures_total, coalesce(mc.done, 0) as measures_done,
           coalesce(mc.verified, 0) as measures_verified
      from x
      left join lateral (
        select p.id, p.version, p.delivered_at, p.assessment_id from measure_packages p
         where p.organisation_id = x.organisation_id and p.status = 'delivered'
         order by p.version desc limit 1
      ) pk on true
      left join lateral (
        select count(*)::int as total,
               count(*) filter (where m.status = 'done')::int as done,
               count(*) filter (where m.status = 'verified')::int as verified
          from measures m
         where m.organisation_id = x.organisation_id
           and m.assessment_id = coalesce(pk.assessment_id, x.assessment_id)
      ) mc on true`;
  return jsonRows<MeasureProgressRow>(db, query, [
    'organisation_id',
    'package_id',
    'package_version',
    'delivered_at',
    'measures_total',
    'measures_done',
    'measures_verified',
  ]);
}

export interface TopicCountRow extends ScoreCounts {
  assessment_id: string;
  topic_id: string | null;
  answered: number;
  total: number;
}

/**
 * Effective-answer counts per topic of the given assessments (each with its Kommune) of Kommunen
 * in scope. `topicIds` are the catalog's topics; counts of requirements outside them come back
 * with topic_id null.
 *
 * The scope is checked once per assessment (the materialised `x`), not per count row: checked
 * per row, a page of 500 Kommunen (8,600 rows) cost two primary-key probes each, about 30 of
 * 45 ms on the national set (EXPLAIN ANALYZE). The rows must still belong to the given Kommune.
 *
 * The result is one comma-separated text of integers, nine per row, with assessment and topic as
 * positions in the two input arrays: on PGlite that costs about a third of the same as JSON with
 * the ids spelled out (the overview of a whole state reads about 2,400 of these rows).
 */
export async function findTopicCounts(
  db: Executor,
  scope: Scope,
  assessments: readonly { assessmentId: string; organisationId: string }[],
  topicIds: readonly string[],
): Promise<TopicCountRow[]> {
  if (assessments.length === 0) return [];
  const assessmentIds = assessments.map((a) => a.assessmentId);
  const result = await sql<{ v: string | null }>`
    with x as materialized (
      select x.id, x.organisation_id, x.n
        from unnest(${assessmentIds}::uuid[], ${assessments.map((a) => a.organisationId)}::uuid[])
             with ordinality as x(id, organisation_id, n)
       where x.organisation_id in (${kommunenInScope(db, scope)})
    )
    select string_agg(concat_ws(',', x.n, coalesce(array_position(${[...topicIds]}::uuid[], c.topic_id), 0),
                      c.yes, c.partial, c.no, c.not_applicable, c.open, c.answered, c.total), ',') as v
      from x
      join assessment_topic_counts c on c.assessment_id = x.id and c.organisation_id = x.organisation_id`.execute(
    db,
  );
  const v = result.rows[0]?.v;
  if (!v) return [];
  const numbers = v.split(',').map(Number);
  const rows: TopicCountRow[] = [];
  for (let i = 0; i + 8 < numbers.length; i += 9) {
    const [n, t, yes, partial, no, not_applicable, open, answered, total] = numbers.slice(i, i + 9) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    rows.push({
      assessment_id: assessmentIds[n - 1]!,
      topic_id: t === 0 ? null : topicIds[t - 1]!,
      yes,
      partial,
      no,
      not_applicable,
      open,
      answered,
      total,
    });
  }
  return rows;
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

const bandOf = (population: RawBuilder<unknown>) => sql<string>`case
  when ${population} is null then 'unknown'
  ${sql.join(
    [...POPULATION_BANDS]
      .reverse()
      .map(([key, lower]) => sql`when ${population} >= ${sql.lit(lower)} then ${sql.lit(key)}`),
    sql` `,
  )}
  end`;

/**
 * Two CTEs over the Kommunen in scope: `ka`, one row per Kommune with its group keys (state,
 * kind, population band), latest assessment and overall score; `topic_scores`, one row per
 * assessed Kommune and topic carrying the same keys. Each later aggregate reads one of them only:
 * PGlite has no statistics, so the planner takes every CTE for one row and a join between two
 * of them becomes a nested loop over all pairs.
 */
function scoresCte(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; districtId?: string; status?: AssessmentStatus },
) {
  return sql`
    ka as (
      select o.id, coalesce(o.subtype, o.type) as kind, ${bandOf(sql`o.population`)} as band,
             st.id as state_id, la.id as assessment_id, ${scoreSql('oc')} as score
        from (${kommunen(db, scope)}) o
        left join lateral (${latestAssessment(filter.catalogId, 'o')}) la on true
        left join lateral (
          select sum(c.yes) as yes, sum(c.partial) as partial, sum(c.no) as no, sum(c.open) as open
            from assessment_topic_counts c
           where c.assessment_id = la.id and c.organisation_id = o.id
        ) oc on la.id is not null
        left join lateral (${stateOf('o')}) st on true
       where ${
         filter.districtId
           ? sql`(o.id = ${filter.districtId}::uuid or ${filter.districtId}::uuid = any(o.ancestor_ids))`
           : sql`true`
       }
         and ${statusCondition(filter.status, 'la.status')}
    ), topic_scores as (
      select ka.state_id, ka.kind, ka.band, c.topic_id, ${scoreSql('c')} as score
        from ka join assessment_topic_counts c on c.assessment_id = ka.assessment_id and c.organisation_id = ka.id
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
           (select count(*)::int from ka), (select count(assessment_id)::int from ka)
      from ka s where s.assessment_id is not null`.execute(db);
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

/**
 * Counts and mean scores per group: overall, per state, per kind (subtype) and per population
 * band, each also within each state; the same per topic. Suppression happens in the service.
 */
export async function findAggregates(
  db: Executor,
  scope: Scope,
  filter: { catalogId: string; status?: AssessmentStatus },
): Promise<AggregateRow[]> {
  const sets = sql`grouping sets ((), (s.state_id), (s.kind), (s.band), (s.state_id, s.kind), (s.state_id, s.band))`;
  const topicSets = sql`grouping sets ((s.topic_id), (s.topic_id, s.state_id), (s.topic_id, s.kind),
    (s.topic_id, s.band), (s.topic_id, s.state_id, s.kind), (s.topic_id, s.state_id, s.band))`;
  const query = sql`
    with ${scoresCte(db, scope, filter)}
    select null::uuid as topic_id, true as is_overall, s.state_id, s.kind, s.band,
           grouping(s.state_id) as g_state, grouping(s.kind) as g_kind, grouping(s.band) as g_band,
           count(*)::int as kommunen, count(s.assessment_id)::int as assessed,
           count(s.score)::int as scored, avg(s.score)::float8 as mean
      from ka s
     group by ${sets}
    union all
    select s.topic_id, false, s.state_id, s.kind, s.band,
           grouping(s.state_id), grouping(s.kind), grouping(s.band),
           0, count(*)::int, count(s.score)::int, avg(s.score)::float8
      from topic_scores s
     group by ${topicSets}`;
  return jsonRows<AggregateRow>(db, query, [
    'topic_id',
    'is_overall',
    'state_id',
    'kind',
    'band',
    'g_state',
    'g_kind',
    'g_band',
    'kommunen',
    'assessed',
    'scored',
    'mean',
  ]);
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
