/**
 * Findings → measures. Every open high or medium finding is a source (kind 'finding') of a
 * measure of its Kommune. Design:
 *
 * - Measures belong to an assessment (measures.assessment_id is required). When the Kommune
 *   already has an assessment with measures, a new or reopened finding is linked into the latest
 *   one at once, so it appears in the next package version.
 * - Otherwise nothing extra is stored: the open findings themselves are the record, and
 *   `attachOpenFindingMeasures` (called by measures/service.ts `generateMeasures`) turns them
 *   into measures when the package is generated, exactly like gaps become measures there.
 * - One measure per weakness (generation key `finding:<finding key>`, i.e. source + check id
 *   (+ vulnerability id)): the same check failing on five hosts is one job with five sources.
 * - A fixed or accepted finding marks its source in every linked measure as resolved
 *   (`resolvedAt`, `resolution`); measures are never deleted. Reopening clears the mark.
 */
import { sql } from 'kysely';
import { actorLabel, actorUserId, type RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import type { FindingSeverity, FindingSource, MeasureSource } from '../../../platform/db/schema.ts';

export interface LinkableFinding {
  id: string;
  finding_key: string;
  source: FindingSource;
  host: string;
  port: number | null;
  check_id: string | null;
  vulnerability_id: string | null;
  cves: string[];
  severity: FindingSeverity;
  title: string;
  solution: string | null;
}

const SOURCE_LABEL: Record<FindingSource, string> = {
  greenbone: 'Greenbone/OpenVAS',
  nmap: 'Nmap',
  testssl: 'testssl.sh',
  nuclei: 'Nuclei',
  internetnl: 'internet.nl',
  bastei: 'Bastei-Prüfung',
};

export const needsMeasure = (f: { severity: FindingSeverity }) =>
  f.severity === 'high' || f.severity === 'medium';
export const findingGenerationKey = (f: { finding_key: string }) => `finding:${f.finding_key}`;
const sourceKey = (f: LinkableFinding) =>
  `${f.host}${f.port ? `:${f.port}` : ''} ${f.check_id ?? f.vulnerability_id ?? ''}`.trim().slice(0, 500);

function measureText(f: LinkableFinding) {
  const lines = [
    `Befund aus ${SOURCE_LABEL[f.source]}${f.check_id ? ` (Prüfung ${f.check_id})` : ''}, Schweregrad ${f.severity === 'high' ? 'hoch' : 'mittel'}.`,
    f.cves.length ? `CVE: ${f.cves.slice(0, 20).join(', ')}${f.cves.length > 20 ? ' …' : ''}` : '',
    f.solution ? `Empfehlung des Scanners: ${f.solution}` : '',
  ].filter(Boolean);
  return {
    title: `Scan-Befund beheben: ${f.title}`.slice(0, 500),
    description: lines.join('\n\n').slice(0, 20_000),
    priority: f.severity === 'high' ? 1 : 2,
  };
}

interface LinkedMeasure {
  id: string;
  organisation_id: string;
  assessment_id: string;
  generation_key: string | null;
  sources: MeasureSource[];
  changed: boolean;
  before: MeasureSource[];
}

/** Measures of the organisation that have at least one finding source, and those of `assessmentId` by key. */
async function loadMeasures(trx: Tx, organisationId: string, assessmentId: string | null, keys: string[]) {
  const rows = await trx
    .selectFrom('measures')
    .select(['id', 'organisation_id', 'assessment_id', 'generation_key', 'sources'])
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        sql<boolean>`sources @> ${JSON.stringify([{ kind: 'finding' }])}::jsonb`,
        ...(assessmentId && keys.length
          ? [eb.and([eb('assessment_id', '=', assessmentId), eb('generation_key', 'in', keys)])]
          : []),
      ]),
    )
    .execute();
  return rows.map(
    (r): LinkedMeasure => ({
      ...r,
      sources: r.sources.map((s) => ({ ...s })),
      changed: false,
      before: r.sources,
    }),
  );
}

/** The Kommune's latest assessment that already has measures, if any. */
export async function latestAssessmentWithMeasures(trx: Tx, organisationId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('assessments')
    .select('assessments.id')
    .where('assessments.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('measures')
          .select('measures.id')
          .whereRef('measures.assessment_id', '=', 'assessments.id'),
      ),
    )
    .orderBy('assessments.created_at', 'desc')
    .orderBy('assessments.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Brings the measures in line with findings that changed: `opened` (open now) and `closed`
 * (fixed or accepted now). Returns the number of measures created.
 */
export async function syncFindingMeasures(
  ctx: RequestContext,
  trx: Tx,
  input: {
    organisationId: string;
    /** Where new links go; null: only resolve/unresolve existing ones. */
    assessmentId: string | null;
    opened: LinkableFinding[];
    closed: { id: string; resolution: 'fixed' | 'accepted' }[];
    now: Date;
  },
): Promise<number> {
  const opened = input.opened.filter(needsMeasure);
  if (opened.length === 0 && input.closed.length === 0) return 0;
  const keys = [...new Set(opened.map(findingGenerationKey))];
  const measures = await loadMeasures(trx, input.organisationId, input.assessmentId, keys);
  const bySourceId = new Map<string, LinkedMeasure[]>();
  for (const m of measures) {
    for (const s of m.sources) {
      if (s.kind !== 'finding') continue;
      const list = bySourceId.get(s.id) ?? [];
      list.push(m);
      bySourceId.set(s.id, list);
    }
  }
  const resolvedAt = input.now.toISOString();
  for (const { id, resolution } of input.closed) {
    for (const m of bySourceId.get(id) ?? []) {
      for (const s of m.sources) {
        if (s.kind === 'finding' && s.id === id && s.resolution !== resolution) {
          s.resolvedAt = resolvedAt;
          s.resolution = resolution;
          m.changed = true;
        }
      }
    }
  }
  const inTarget = new Map(
    measures
      .filter((m) => m.assessment_id === input.assessmentId && m.generation_key)
      .map((m) => [m.generation_key!, m]),
  );
  let created = 0;
  for (const f of opened) {
    const linked = bySourceId.get(f.id) ?? [];
    for (const m of linked) {
      for (const s of m.sources) {
        if (s.kind === 'finding' && s.id === f.id && s.resolvedAt) {
          delete s.resolvedAt;
          delete s.resolution;
          m.changed = true;
        }
      }
    }
    if (!input.assessmentId || linked.some((m) => m.assessment_id === input.assessmentId)) continue;
    const key = findingGenerationKey(f);
    const source: MeasureSource = { kind: 'finding', id: f.id, key: sourceKey(f) };
    const existing = inTarget.get(key);
    if (existing) {
      existing.sources.push(source);
      existing.changed = true;
      bySourceId.set(f.id, [...linked, existing]);
      continue;
    }
    const text = measureText(f);
    const inserted = await trx
      .insertInto('measures')
      .values({
        organisation_id: input.organisationId,
        assessment_id: input.assessmentId,
        package_id: null,
        sources: JSON.stringify([source]),
        generation_key: key,
        type: 'technical',
        title: text.title,
        description: text.description,
        priority: text.priority,
        owner: null,
        due_date: null,
        cost_estimate_cents: null,
        funding_stage: null,
        created_by: actorUserId(ctx.actor),
        updated_by: actorUserId(ctx.actor),
      })
      .returning(['id', 'organisation_id', 'assessment_id', 'generation_key'])
      .executeTakeFirstOrThrow();
    await history(ctx, trx, inserted, 'created', null, {
      status: 'proposed',
      type: 'technical',
      title: text.title,
      priority: text.priority,
      finding: f.id,
    });
    const measure: LinkedMeasure = { ...inserted, sources: [source], changed: false, before: [source] };
    inTarget.set(key, measure);
    bySourceId.set(f.id, [...linked, measure]);
    created++;
  }
  for (const m of measures) {
    if (!m.changed) continue;
    await trx
      .updateTable('measures')
      .set({ sources: JSON.stringify(m.sources), updated_at: input.now })
      .where('id', '=', m.id)
      .where('organisation_id', '=', m.organisation_id)
      .execute();
    await history(ctx, trx, m, 'fields', { sources: m.before }, { sources: m.sources });
  }
  return created;
}

async function history(
  ctx: RequestContext,
  trx: Tx,
  row: { id: string; organisation_id: string },
  kind: 'created' | 'fields',
  previous: Record<string, unknown> | null,
  next: Record<string, unknown>,
) {
  await trx
    .insertInto('measure_history')
    .values({
      organisation_id: row.organisation_id,
      measure_id: row.id,
      kind,
      previous: previous === null ? null : JSON.stringify(previous),
      next: JSON.stringify(next),
      changed_by: actorUserId(ctx.actor),
      changed_by_label: actorLabel(ctx.actor),
    })
    .execute();
}

const LINKABLE_COLUMNS = [
  'id',
  'finding_key',
  'source',
  'host',
  'port',
  'check_id',
  'vulnerability_id',
  'cves',
  'severity',
  'title',
  'solution',
] as const;

/**
 * Called inside `generateMeasures`: every open high/medium finding of the Kommune becomes (or
 * joins) a measure of this assessment. Returns the number of measures created.
 */
export async function attachOpenFindingMeasures(
  ctx: RequestContext,
  trx: Tx,
  assessment: { id: string; organisation_id: string },
): Promise<number> {
  const open = await trx
    .selectFrom('scan_findings')
    .select(LINKABLE_COLUMNS)
    .where('organisation_id', '=', assessment.organisation_id)
    .where('severity', 'in', ['high', 'medium'])
    .where(sql<boolean>`(state = 'open' or (state = 'accepted' and accepted_until <= now()))`)
    .orderBy('severity')
    .orderBy('first_seen')
    .orderBy('id')
    .execute();
  return syncFindingMeasures(ctx, trx, {
    organisationId: assessment.organisation_id,
    assessmentId: assessment.id,
    opened: open,
    closed: [],
    now: new Date(),
  });
}
