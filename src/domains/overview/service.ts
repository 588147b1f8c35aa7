/**
 * State overview: per Kommune (programme_manager of the state, admin) and anonymised aggregates
 * (observer, programme_manager, admin). The SQL does the counting (repository.ts); scores of
 * single Kommunen come from `scoreOf` (../assessments/scores.ts), distributions and means from
 * its SQL mirror.
 *
 * Aggregates never carry names or ids of Kommunen. A group (and each per-topic figure) with fewer
 * than MIN_GROUP_SIZE assessed Kommunen is suppressed; a second pass suppresses further groups
 * wherever the suppressed ones of a partition could otherwise be worked out by subtracting the
 * published groups from their published total (secondary suppression).
 */
import type { RequestContext } from '../../platform/context.ts';
import type { AssessmentStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { assertAnyPermission } from '../../platform/policy/policy.ts';
import { findCatalog, findCatalogByKey, findTopics } from '../assessments/repository.ts';
import { emptyCounts, type ScoreCounts, scoreOf, type TopicInfo } from '../assessments/scores.ts';
import { NO_TOPIC } from '../assessments/snapshot.ts';
import { BASELINE_KEY } from '../catalogs/baseline-oscal.ts';
import {
  type AggregateRow,
  findAggregates,
  findKommuneOverview,
  findMeasureProgress,
  findStates,
  findTopicCounts,
  findTopicDistribution,
  type KommuneOverviewRow,
  POPULATION_BANDS,
  readOverview,
} from './repository.ts';
import {
  type AggregateGroupDto,
  type AggregatesFilter,
  MIN_GROUP_SIZE,
  type MunicipalitiesFilter,
  type MunicipalityOverviewDto,
  OVERVIEW_RULES,
  type TopicsFilter,
} from './schemas.ts';

// --- shared ----------------------------------------------------------------------------------------

async function resolveCatalog(ctx: RequestContext, catalogId: string | undefined) {
  const catalog = catalogId
    ? await findCatalog(ctx.db, catalogId)
    : await findCatalogByKey(ctx.db, BASELINE_KEY, undefined);
  if (!catalog) {
    throw new AppError('validation-failed', {
      detail: catalogId
        ? 'Der Katalog wurde nicht gefunden.'
        : 'Der Basiskatalog Bastei-Basis ist nicht installiert; bitte catalogId angeben.',
      errors: [{ pointer: '/query/catalogId', message: 'unbekannter Katalog' }],
    });
  }
  const topics: TopicInfo[] = (await findTopics(ctx.db, catalog.id)).map((g) => ({
    id: g.id,
    key: g.group_key ?? g.id,
    title: g.title,
  }));
  return {
    catalog: { id: catalog.id, key: catalog.key, version: catalog.version, title: catalog.title },
    topics,
  };
}

/** Topic of a topic_id, with the catch-all for requirements outside any group. */
function topicLookup(topics: readonly TopicInfo[]) {
  const byId = new Map(topics.map((t) => [t.id, t]));
  return (id: string | null) => (id === null ? NO_TOPIC : (byId.get(id) ?? NO_TOPIC));
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

// --- per Kommune -------------------------------------------------------------------------------------

const STATUS_ORDER: Record<AssessmentStatus, number> = { draft: 0, submitted: 1, verified: 2, frozen: 3 };
const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

interface Scored {
  row: KommuneOverviewRow;
  score: number | null;
}

/** Comparator for `sort`; empty values (no score, no district, no assessment) come last in both orders. */
function comparator(sort: MunicipalitiesFilter['sort'], order: MunicipalitiesFilter['order']) {
  const sign = order === 'desc' ? -1 : 1;
  const byName = (a: Scored, b: Scored) =>
    collator.compare(a.row.name, b.row.name) || a.row.id.localeCompare(b.row.id);
  const key = (x: Scored): number | string | null => {
    switch (sort) {
      case 'score':
        return x.score;
      case 'status':
        return x.row.status === null ? null : STATUS_ORDER[x.row.status];
      case 'district':
        return x.row.district_name;
      default:
        return x.row.name;
    }
  };
  return (a: Scored, b: Scored) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
    const primary =
      typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
    return primary !== 0 ? sign * primary : sort === 'name' ? sign * byName(a, b) : byName(a, b);
  };
}

export async function listMunicipalities(ctx: RequestContext, filter: MunicipalitiesFilter) {
  const scope = assertAnyPermission(ctx, 'overview.read');
  const { catalog, topics } = await resolveCatalog(ctx, filter.catalogId);
  const { total, counts, page, progress } = await readOverview(ctx.db, async (trx) => {
    const where = { catalogId: catalog.id, districtId: filter.districtId, status: filter.status };
    // Overall counts of every Kommune only when they decide the order.
    const scored: Scored[] =
      filter.sort === 'score'
        ? (await findKommuneOverview(trx, scope, where, true)).map((row) => ({
            row,
            score: row.assessment_id ? scoreOf(row).score : null,
          }))
        : (await findKommuneOverview(trx, scope, where, false)).map((row) => ({ row, score: null }));
    scored.sort(comparator(filter.sort, filter.order));
    const page = scored.slice(filter.offset, filter.offset + filter.limit);
    const counts = await findTopicCounts(
      trx,
      scope,
      page.flatMap((p) =>
        p.row.assessment_id ? [{ assessmentId: p.row.assessment_id, organisationId: p.row.id }] : [],
      ),
      topics.flatMap((t) => (t.id ? [t.id] : [])),
    );
    const progress = await findMeasureProgress(
      trx,
      scope,
      page.map((p) => ({ organisationId: p.row.id, assessmentId: p.row.assessment_id })),
    );
    return { total: scored.length, counts, page, progress };
  });
  const progressOf = new Map(progress.map((p) => [p.organisation_id, p]));
  const topicOf = topicLookup(topics);
  // Per assessment, by topic key: one pass instead of a search per Kommune and topic. The overall
  // counts of a page item are the sums of all its topic rows (as the SQL sums for the sort).
  const countsOf = new Map<string, Map<string, (typeof counts)[number]>>();
  const overallOf = new Map<string, ScoreCounts & { answered: number }>();
  for (const c of counts) {
    let own = countsOf.get(c.assessment_id);
    let overall = overallOf.get(c.assessment_id);
    if (!own || !overall) {
      own = new Map();
      countsOf.set(c.assessment_id, own);
      overall = { ...emptyCounts(), answered: 0 };
      overallOf.set(c.assessment_id, overall);
    }
    const key = topicOf(c.topic_id).key;
    if (!own.has(key)) own.set(key, c);
    overall.yes += c.yes;
    overall.partial += c.partial;
    overall.no += c.no;
    overall.not_applicable += c.not_applicable;
    overall.open += c.open;
    overall.answered += c.answered;
  }
  const items: MunicipalityOverviewDto[] = page.map(({ row }) => {
    const own = (row.assessment_id && countsOf.get(row.assessment_id)) || undefined;
    const overall = (row.assessment_id && overallOf.get(row.assessment_id)) || {
      ...emptyCounts(),
      answered: 0,
    };
    const total = overall.yes + overall.partial + overall.no + overall.not_applicable + overall.open;
    const measures = progressOf.get(row.id);
    return {
      organisationId: row.id,
      ars: row.ars,
      name: row.name,
      type: row.type,
      subtype: row.subtype,
      population: row.population,
      district: row.district_id ? { id: row.district_id, name: row.district_name ?? '' } : null,
      assessment:
        row.assessment_id && row.phase && row.status && row.updated_at
          ? {
              id: row.assessment_id,
              phase: row.phase,
              status: row.status,
              updatedAt: new Date(row.updated_at).toISOString(),
              answered: overall.answered,
              total,
            }
          : null,
      score: row.assessment_id
        ? {
            overall: scoreOf(overall).score,
            topics: [...topics, NO_TOPIC].flatMap((topic) => {
              const c = own?.get(topic.key);
              return c
                ? [{ key: topic.key, score: scoreOf(c).score, answered: c.answered, total: c.total }]
                : [];
            }),
          }
        : null,
      measures:
        measures && (measures.package_id || measures.measures_total > 0)
          ? {
              packageId: measures.package_id,
              packageVersion: measures.package_version,
              deliveredAt: measures.delivered_at ? new Date(measures.delivered_at).toISOString() : null,
              total: measures.measures_total,
              done: measures.measures_done,
              verified: measures.measures_verified,
              shareDone:
                measures.measures_total === 0
                  ? null
                  : round((measures.measures_done + measures.measures_verified) / measures.measures_total),
            }
          : null,
    };
  });
  const usesNoTopic = counts.some((c) => c.topic_id === null);
  return {
    catalog,
    rules: OVERVIEW_RULES,
    topics: [...topics, ...(usesNoTopic ? [NO_TOPIC] : [])].map(({ key, title }) => ({ key, title })),
    items,
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

// --- per topic ---------------------------------------------------------------------------------------

const BUCKETS = [
  [0, 0.25],
  [0.25, 0.5],
  [0.5, 0.75],
  [0.75, 1],
] as const;

export async function getTopicDistribution(ctx: RequestContext, filter: TopicsFilter) {
  const scope = assertAnyPermission(ctx, 'overview.read');
  const { catalog, topics } = await resolveCatalog(ctx, filter.catalogId);
  const { rows, kommunen, assessed } = await readOverview(ctx.db, (trx) =>
    findTopicDistribution(trx, scope, {
      catalogId: catalog.id,
      districtId: filter.districtId,
      status: filter.status,
    }),
  );
  const distribution = (r: (typeof rows)[number] | undefined) => ({
    scored: r?.scored ?? 0,
    noScore: r?.no_score ?? 0,
    buckets: BUCKETS.map(([from, to], i) => ({
      from,
      to,
      count: r ? [r.b0, r.b1, r.b2, r.b3][i]! : 0,
    })),
    mean: round(r?.mean ?? null),
    median: round(r?.median ?? null),
  });
  const topicOf = topicLookup(topics);
  const perTopic = rows.filter((r) => !r.is_overall);
  const usesNoTopic = perTopic.some((r) => r.topic_id === null);
  return {
    catalog,
    rules: OVERVIEW_RULES,
    kommunen,
    assessed,
    overall: distribution(rows.find((r) => r.is_overall)),
    items: [...topics, ...(usesNoTopic ? [NO_TOPIC] : [])].map((topic) => ({
      key: topic.key,
      title: topic.title,
      ...distribution(perTopic.find((r) => topicOf(r.topic_id).key === topic.key)),
    })),
  };
}

// --- anonymised aggregates ---------------------------------------------------------------------------

const BAND_LABELS: Record<string, string> = {
  lt5k: 'unter 5.000 Einwohner',
  '5k-10k': '5.000 bis unter 10.000 Einwohner',
  '10k-20k': '10.000 bis unter 20.000 Einwohner',
  '20k-50k': '20.000 bis unter 50.000 Einwohner',
  '50k-100k': '50.000 bis unter 100.000 Einwohner',
  ge100k: '100.000 Einwohner und mehr',
  unknown: 'Einwohnerzahl unbekannt',
};
const BAND_ORDER = [...POPULATION_BANDS.map(([key]) => key), 'unknown'];

interface Group {
  id: string;
  stateId: string | null;
  dimension: AggregateGroupDto['dimension'];
  key: string;
  assessed: number;
  suppressed: boolean;
  row: AggregateRow;
}

/** Which group an aggregate row belongs to, from its GROUPING() flags. */
function groupIdentity(row: AggregateRow): Omit<Group, 'id' | 'assessed' | 'suppressed' | 'row'> {
  const all = row.g_state === 1;
  if (row.g_kind === 1 && row.g_band === 1) {
    return all
      ? { stateId: null, dimension: 'total', key: 'all' }
      : { stateId: null, dimension: 'state', key: row.state_id ?? 'none' };
  }
  const dimension = row.g_kind === 0 ? 'type' : 'size';
  const key = (dimension === 'type' ? row.kind : row.band) ?? 'unknown';
  return { stateId: all ? null : (row.state_id ?? 'none'), dimension, key };
}
const idOf = (g: { stateId: string | null; dimension: string; key: string }) =>
  `${g.stateId ?? '*'}|${g.dimension}|${g.key}`;

/**
 * Secondary suppression: in every partition whose total is published, the suppressed children
 * together must stand for no Kommune or for at least MIN_GROUP_SIZE of them; otherwise the next
 * smallest published child is suppressed too. Repeated until nothing changes, because one
 * partition's new suppression can open a gap in another.
 */
export function suppressSmallGroups(
  groups: Map<string, { assessed: number; suppressed: boolean }>,
  partitions: readonly { parent: string; children: readonly string[] }[],
  minimum = MIN_GROUP_SIZE,
): void {
  for (const group of groups.values()) if (group.assessed < minimum) group.suppressed = true;
  let changed = true;
  while (changed) {
    changed = false;
    for (const { parent, children } of partitions) {
      if (groups.get(parent)?.suppressed !== false) continue;
      const members = children.flatMap((id) => {
        const g = groups.get(id);
        return g ? [g] : [];
      });
      const hidden = members.filter((g) => g.suppressed).reduce((n, g) => n + g.assessed, 0);
      if (hidden === 0 || hidden >= minimum) continue;
      const next = members.filter((g) => !g.suppressed).sort((a, b) => a.assessed - b.assessed)[0];
      if (!next) continue;
      next.suppressed = true;
      changed = true;
    }
  }
}

export async function getAggregates(ctx: RequestContext, filter: AggregatesFilter) {
  const scope = assertAnyPermission(ctx, 'aggregate.read');
  const { catalog, topics } = await resolveCatalog(ctx, filter.catalogId);
  const rows = await readOverview(ctx.db, (trx) =>
    findAggregates(trx, scope, { catalogId: catalog.id, status: filter.status }),
  );
  const groups = new Map<string, Group>();
  for (const row of rows.filter((r) => r.is_overall)) {
    const identity = groupIdentity(row);
    const id = idOf(identity);
    groups.set(id, { ...identity, id, assessed: row.assessed, suppressed: false, row });
  }
  const list = [...groups.values()];
  const partitions: { parent: string; children: string[] }[] = [];
  const total = idOf({ stateId: null, dimension: 'total', key: 'all' });
  for (const dimension of ['state', 'type', 'size'] as const) {
    partitions.push({
      parent: total,
      children: list.filter((g) => g.stateId === null && g.dimension === dimension).map((g) => g.id),
    });
  }
  for (const state of list.filter((g) => g.dimension === 'state')) {
    for (const dimension of ['type', 'size'] as const) {
      partitions.push({
        parent: state.id,
        children: list.filter((g) => g.stateId === state.key && g.dimension === dimension).map((g) => g.id),
      });
    }
  }
  for (const national of list.filter(
    (g) => g.stateId === null && (g.dimension === 'type' || g.dimension === 'size'),
  )) {
    partitions.push({
      parent: national.id,
      children: list
        .filter((g) => g.stateId !== null && g.dimension === national.dimension && g.key === national.key)
        .map((g) => g.id),
    });
  }
  suppressSmallGroups(groups, partitions);

  const topicRows = new Map<string, AggregateRow[]>();
  for (const row of rows.filter((r) => !r.is_overall)) {
    const id = idOf(groupIdentity(row));
    topicRows.set(id, [...(topicRows.get(id) ?? []), row]);
  }
  const stateIds = [
    ...new Set(list.flatMap((g) => (g.dimension === 'state' ? [g.key] : g.stateId ? [g.stateId] : []))),
  ];
  const states = new Map((await findStates(ctx.db, stateIds)).map((s) => [s.id, s]));
  const stateRef = (id: string | null) => {
    const s = id ? states.get(id) : undefined;
    return s ? { id: s.id, ars: s.ars, name: s.name } : null;
  };
  const topicOf = topicLookup(topics);
  const labelOf = (g: Group) => {
    switch (g.dimension) {
      case 'total':
        return 'Alle Kommunen im Sichtbereich';
      case 'state':
        return stateRef(g.key)?.name ?? 'ohne Land';
      case 'size':
        return BAND_LABELS[g.key] ?? g.key;
      default:
        return g.key;
    }
  };
  const present = (g: Group): AggregateGroupDto => ({
    state: g.dimension === 'state' ? stateRef(g.key) : stateRef(g.stateId),
    dimension: g.dimension,
    key: g.dimension === 'state' ? (stateRef(g.key)?.ars ?? g.key) : g.key,
    label: labelOf(g),
    suppressed: g.suppressed,
    figures: g.suppressed
      ? null
      : {
          kommunen: g.row.kommunen,
          assessed: g.row.assessed,
          meanScore: round(g.row.mean),
          topics: topics.map((topic) => {
            const r = (topicRows.get(g.id) ?? []).find((x) => topicOf(x.topic_id).key === topic.key);
            const suppressed = !r || r.scored < MIN_GROUP_SIZE;
            return { key: topic.key, meanScore: suppressed ? null : round(r.mean), suppressed };
          }),
        },
  });
  const dimensionOrder = { total: 0, state: 1, type: 2, size: 3 } as const;
  const stateOrder = (g: Group) => stateRef(g.dimension === 'state' ? g.key : g.stateId)?.ars ?? '';
  list.sort(
    (a, b) =>
      Number(a.stateId !== null) - Number(b.stateId !== null) ||
      stateOrder(a).localeCompare(stateOrder(b)) ||
      dimensionOrder[a.dimension] - dimensionOrder[b.dimension] ||
      (a.dimension === 'size'
        ? BAND_ORDER.indexOf(a.key) - BAND_ORDER.indexOf(b.key)
        : collator.compare(labelOf(a), labelOf(b))),
  );
  return {
    catalog,
    rules: `${OVERVIEW_RULES} Gruppen mit weniger als ${MIN_GROUP_SIZE} bewerteten Kommunen werden unterdrückt (ohne Zahlen), ebenso Themenwerte aus weniger als ${MIN_GROUP_SIZE} Kommunen und weitere Gruppen, wo sich unterdrückte Werte sonst aus Summe und Nachbargruppen errechnen ließen.`,
    minGroupSize: MIN_GROUP_SIZE,
    topics: topics.map(({ key, title }) => ({ key, title })),
    groups: list.map(present),
  };
}
