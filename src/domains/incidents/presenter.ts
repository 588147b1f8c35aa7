import type { z } from 'zod';
import { berlinIso, computeDeadlines, type Deadline, deadlineState } from './deadlines.ts';
import type { IncidentRecord, InfoRequestRecord, SubmissionRecord } from './repository.ts';
import type {
  DeadlineSchema,
  IncidentSummaryDto,
  ReportDto,
  ReportInput,
  SubmissionSummarySchema,
} from './schemas.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** Whitelists the stored report (the normalised input of a submission) field by field. */
export function presentReport(stored: unknown): ReportDto {
  const r = stored as ReportInput;
  return {
    title: r.title,
    category: r.category,
    description: r.description,
    startedAt: r.startedAt === null ? null : iso(r.startedAt),
    detectedAt: iso(r.detectedAt),
    awareAt: iso(r.awareAt),
    impact: {
      availability: r.impact.availability,
      integrity: r.impact.integrity,
      confidentiality: r.impact.confidentiality,
      affectedServices: [...r.impact.affectedServices],
      citizensAffected: r.impact.citizensAffected,
      durationMinutes: r.impact.durationMinutes,
      ongoing: r.impact.ongoing,
    },
    suspectedMalicious: r.suspectedMalicious,
    impactOnOtherOrganisations: r.impactOnOtherOrganisations,
    otherOrganisationsDetail: r.otherOrganisationsDetail,
    personalData: r.personalData,
    observables: r.observables.map((o) => ({
      type: o.type,
      value: o.value,
      forDetection: o.forDetection,
      ...(o.comment ? { comment: o.comment } : {}),
    })),
    measuresTaken: r.measuresTaken,
    tlp: r.tlp,
    pap: r.pap,
    namedRecipientUserIds: [...r.namedRecipientUserIds],
  };
}

export function deadlinesOf(r: IncidentRecord): Deadline[] {
  return computeDeadlines({
    awareAt: new Date(r.aware_at),
    earlyWarningSubmittedAt: r.early_warning_submitted_at && new Date(r.early_warning_submitted_at),
    notificationSubmittedAt: r.notification_submitted_at && new Date(r.notification_submitted_at),
    finalSubmittedAt: r.final_submitted_at && new Date(r.final_submitted_at),
    finalDueAt: r.final_due_at && new Date(r.final_due_at),
    intermediateDueAt: r.intermediate_due_at && new Date(r.intermediate_due_at),
    intermediateSubmittedAt: r.intermediate_submitted_at && new Date(r.intermediate_submitted_at),
  });
}

export function presentDeadlines(r: IncidentRecord, now: Date): z.infer<typeof DeadlineSchema>[] {
  return deadlinesOf(r).map((d) => ({
    kind: d.kind,
    dueAt: d.dueAt.toISOString(),
    dueAtLocal: berlinIso(d.dueAt),
    state: deadlineState(d, now),
    metAt: isoOrNull(d.metAt),
    late: d.metAt !== null && d.metAt.getTime() > d.dueAt.getTime(),
  }));
}

export const isOverdue = (r: IncidentRecord, now: Date) =>
  deadlinesOf(r).some((d) => deadlineState(d, now) === 'overdue');

export function presentSummary(r: IncidentRecord, readable: boolean, now: Date): IncidentSummaryDto {
  const base = {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    certOrganisationId: r.cert_organisation_id,
    reference: r.reference,
    tlp: r.tlp,
    caseStatus: r.case_status,
    createdAt: iso(r.created_at),
  };
  if (!readable) {
    return {
      ...base,
      redacted: true,
      title: null,
      category: null,
      awareAt: null,
      latestVersion: null,
      overdue: null,
      deadlines: null,
      openRequests: null,
    };
  }
  return {
    ...base,
    redacted: false,
    title: r.title,
    category: r.category as IncidentSummaryDto['category'],
    awareAt: iso(r.aware_at),
    latestVersion: r.latest_version,
    overdue: isOverdue(r, now),
    deadlines: presentDeadlines(r, now),
    openRequests: r.open_requests,
  };
}

export function presentSubmissionSummary(s: SubmissionRecord): z.infer<typeof SubmissionSummarySchema> {
  return {
    version: s.version,
    kind: s.kind,
    tlp: s.tlp,
    submittedAt: iso(s.submitted_at),
    submittedBy: s.submitted_by_name,
  };
}

export function presentInfoRequest(q: InfoRequestRecord, now: Date) {
  const answered = q.answered_at !== null;
  return {
    id: q.id,
    question: q.question,
    dueAt: iso(q.due_at),
    requestedAt: iso(q.requested_at),
    requestedBy: q.requested_by_name,
    answer: q.answer,
    answeredAt: isoOrNull(q.answered_at),
    answeredBy: answered ? q.answered_by_name : null,
    state: answered
      ? ('answered' as const)
      : new Date(q.due_at).getTime() < now.getTime()
        ? ('overdue' as const)
        : ('open' as const),
  };
}

export { iso, isoOrNull };
