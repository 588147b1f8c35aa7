/**
 * Contradictions between a self-assessment and the scans: a requirement answered "yes" (or
 * "partial") while the Kommune has an open finding of a built-in check whose failure makes that
 * answer untenable (`baselineRequirements` in checks/catalog.ts). Shown to the auditor in the
 * verification view, so a "yes" is not taken on trust when the scanner says otherwise.
 *
 * Matching goes by requirement key (BB-…): an assessment on Bastei-Basis, or on any catalog that
 * shares its keys, gets contradictions; other catalogs simply match nothing.
 */
import { expressionBuilder, sql } from 'kysely';
import type { RequestContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AnswerStatus, DB, FindingSeverity } from '../../../platform/db/schema.ts';
import { notFound } from '../../../platform/errors.ts';
import { organisationInScope, type Scope, scopeFor } from '../../../platform/policy/policy.ts';
import { listCheckDefinitions } from '../checks/catalog.ts';
import { isOpen } from './repository.ts';
import type { ContradictionListDto } from './schemas.ts';

/** Which service a mapping applies to: TLS checks also run on mail servers' STARTTLS sessions. */
type Channel = 'any' | 'smtp' | 'other';

interface MappingRow {
  checkId: string;
  requirementKey: string;
  channel: Channel;
}

const WEB_ENCRYPTION = 'BB-MWE-08';
const MAIL_ENCRYPTION = 'BB-MWE-04';

/**
 * The catalogue's mapping as rows for SQL. A tls.* finding on an SMTP service says nothing about
 * the website, but contradicts encrypted mail transport: there BB-MWE-08 becomes BB-MWE-04.
 */
export function contradictionMapping(): MappingRow[] {
  const rows: MappingRow[] = [];
  for (const definition of listCheckDefinitions()) {
    for (const key of definition.baselineRequirements) {
      if (definition.category === 'tls' && key === WEB_ENCRYPTION) {
        rows.push({ checkId: definition.id, requirementKey: key, channel: 'other' });
        rows.push({ checkId: definition.id, requirementKey: MAIL_ENCRYPTION, channel: 'smtp' });
      } else {
        rows.push({ checkId: definition.id, requirementKey: key, channel: 'any' });
      }
    }
  }
  return rows;
}

const MAPPING = contradictionMapping();

interface ContradictionRow {
  requirement_id: string;
  requirement_key: string;
  requirement_title: string;
  requirement_title_en: string | null;
  topic_key: string | null;
  ordinal: number;
  self_status: AnswerStatus;
  auditor_status: AnswerStatus | null;
  finding_id: string;
  finding_title: string;
  finding_description: string | null;
  check_id: string;
  severity: FindingSeverity;
  host: string;
  port: number | null;
  first_seen: Date;
  last_seen: Date;
}

function findAssessment(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('assessments')
    .select(['assessments.id', 'assessments.organisation_id'])
    .where('assessments.id', '=', id)
    .where((eb) => organisationInScope(eb, eb.ref('assessments.organisation_id'), scope))
    .executeTakeFirst();
}

/**
 * One statement for all requirements. The mapping comes first (a few dozen rows), so only answers
 * of mapped requirements meet the Kommune's findings, and those by check id in a hash join.
 */
async function findContradictionRows(
  db: Executor,
  findingScope: Scope,
  assessmentId: string,
): Promise<ContradictionRow[]> {
  const checks = MAPPING.map((m) => m.checkId);
  const keys = MAPPING.map((m) => m.requirementKey);
  const channels = MAPPING.map((m) => m.channel);
  const eb = expressionBuilder<DB, 'scan_findings'>();
  const inScope = organisationInScope(eb, eb.ref('scan_findings.organisation_id'), findingScope);
  const result = await sql<ContradictionRow>`
    with mapping as (
      select * from unnest(${checks}::text[], ${keys}::text[], ${channels}::text[])
        as m(check_id, requirement_key, channel)
    )
    select a.requirement_id, r.requirement_key, r.title as requirement_title,
           r.title_en as requirement_title_en, g.group_key as topic_key, a.ordinal,
           a.status as self_status, a.auditor_status,
           scan_findings.id as finding_id, scan_findings.title as finding_title,
           scan_findings.description as finding_description, scan_findings.check_id,
           scan_findings.severity, scan_findings.host, scan_findings.port,
           scan_findings.first_seen, scan_findings.last_seen
      from assessment_answers a
      join catalog_requirements r on r.id = a.requirement_id
      join mapping on mapping.requirement_key = r.requirement_key
      left join catalog_groups g on g.id = a.topic_id
      join scan_findings on scan_findings.organisation_id = a.organisation_id
                        and scan_findings.check_id = mapping.check_id
     where a.assessment_id = ${assessmentId}
       and coalesce(a.auditor_status, a.status) in ('yes', 'partial')
       and scan_findings.source = 'bastei'
       and ${isOpen()}
       and ${inScope}
       and (mapping.channel = 'any'
            or (mapping.channel = 'smtp') = (coalesce(scan_findings.service, '') = 'smtp'))
     order by a.ordinal, a.requirement_id,
              case scan_findings.severity when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end,
              scan_findings.host, scan_findings.port, scan_findings.id`.execute(db);
  return result.rows;
}

export async function listScanContradictions(
  ctx: RequestContext,
  assessmentId: string,
): Promise<ContradictionListDto> {
  const assessment = await findAssessment(ctx.db, scopeFor(ctx, 'assessment.read'), assessmentId);
  if (!assessment) throw notFound('Die Bewertung');
  // Every role that reads an assessment also reads its Kommune's findings; scoping them anyway
  // keeps a future role with assessment but without finding rights from seeing findings here.
  const rows = await findContradictionRows(ctx.db, scopeFor(ctx, 'finding.read'), assessment.id);
  const items: ContradictionListDto['items'] = [];
  for (const row of rows) {
    let item = items.at(-1);
    if (item?.requirementId !== row.requirement_id) {
      const answer = (row.auditor_status ?? row.self_status) as 'yes' | 'partial';
      item = {
        requirementId: row.requirement_id,
        requirementKey: row.requirement_key,
        title: row.requirement_title,
        titleEn: row.requirement_title_en,
        topicKey: row.topic_key,
        answer,
        answerBy: row.auditor_status ? 'auditor' : 'self',
        selfAnswer: row.self_status,
        weaker: answer === 'partial',
        findings: [],
      };
      items.push(item);
    }
    item.findings.push({
      id: row.finding_id,
      checkId: row.check_id,
      title: row.finding_title,
      description: row.finding_description,
      severity: row.severity,
      host: row.host,
      port: row.port,
      firstSeen: row.first_seen.toISOString(),
      lastSeen: row.last_seen.toISOString(),
    });
  }
  return {
    assessmentId: assessment.id,
    organisationId: assessment.organisation_id,
    items,
    total: items.length,
  };
}
