/** Whitelists the fields that leave the server; every DTO names its organisation. */
import type { RequestContext } from '../../platform/context.ts';
import type { AnswerStatus } from '../../platform/db/schema.ts';
import { scopeFor, scopeIncludes } from '../../platform/policy/policy.ts';
import { ACTION_RULES, type Action } from './lifecycle.ts';
import type {
  AnswerRecord,
  AnswerWithRequirementRecord,
  AssessmentRecord,
  EvidenceRecord,
  SampleRecord,
} from './repository.ts';
import type {
  AnswerDto,
  AnswerWithRequirementDto,
  AssessmentDto,
  EvidenceDto,
  SampleDto,
} from './schemas.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '—' } : null);

export function allowedActions(ctx: RequestContext, row: AssessmentRecord): Action[] {
  const organisation = { id: row.organisation_id, ancestor_ids: row.organisation_ancestor_ids };
  return (Object.keys(ACTION_RULES) as Action[]).filter((action) => {
    const rule = ACTION_RULES[action];
    return rule.status === row.status && scopeIncludes(scopeFor(ctx, rule.permission), organisation);
  });
}

export interface Progress {
  answered: number;
  total: number;
  topics?: AssessmentDto['progress']['topics'];
}

export function presentAssessment(
  ctx: RequestContext,
  row: AssessmentRecord,
  progress: Progress,
): AssessmentDto {
  const subset = row.subset as AssessmentDto['subset'];
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    catalog: {
      id: row.catalog_id,
      key: row.catalog_key,
      version: row.catalog_version,
      title: row.catalog_title,
    },
    title: row.title,
    phase: row.phase,
    status: row.status,
    subset: subset ?? null,
    predecessorId: row.predecessor_id,
    requirementCount: row.requirement_count,
    progress,
    createdBy: person(row.created_by, row.created_by_name),
    createdAt: row.created_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    submittedBy: person(row.submitted_by, row.submitted_by_name),
    verifiedAt: iso(row.verified_at),
    verifiedBy: person(row.verified_by, row.verified_by_name),
    frozenAt: iso(row.frozen_at),
    snapshotSha256: row.snapshot_sha256,
    allowedActions: allowedActions(ctx, row),
  };
}

export const effectiveStatus = (row: { status: AnswerStatus; auditor_status: AnswerStatus | null }) =>
  row.auditor_status ?? row.status;

export function presentAnswer(row: AnswerRecord): AnswerDto {
  return {
    organisationId: row.organisation_id,
    assessmentId: row.assessment_id,
    requirementId: row.requirement_id,
    requirementKey: row.requirement_key,
    topicId: row.topic_id,
    status: row.status,
    justification: row.justification,
    responsible: row.responsible,
    answeredBy: person(row.answered_by, row.answered_by_name),
    answeredAt: iso(row.answered_at),
    auditorStatus: row.auditor_status,
    auditorNote: row.auditor_note,
    overriddenBy: person(row.overridden_by, row.overridden_by_name),
    overriddenAt: iso(row.overridden_at),
    effectiveStatus: effectiveStatus(row),
  };
}

export function presentAnswerWithRequirement(
  row: AnswerWithRequirementRecord,
  evidence: EvidenceDto[],
): AnswerWithRequirementDto {
  return {
    ...presentAnswer(row),
    requirement: {
      title: row.title,
      titleEn: row.title_en,
      statement: row.statement,
      guidance: row.guidance,
      level: row.level,
      effort: row.effort,
    },
    evidence,
  };
}

export function presentEvidence(row: EvidenceRecord): EvidenceDto {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    assessmentId: row.assessment_id,
    requirementId: row.requirement_id,
    requirementKey: row.requirement_key,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    originalName: row.original_name,
    uploadedBy: person(row.uploaded_by, row.uploaded_by_name),
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export function presentSample(row: SampleRecord): SampleDto {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    assessmentId: row.assessment_id,
    requirementId: row.requirement_id,
    requirementKey: row.requirement_key,
    description: row.description,
    result: row.result,
    recordedBy: person(row.recorded_by, row.recorded_by_name),
    recordedAt: row.recorded_at.toISOString(),
  };
}
