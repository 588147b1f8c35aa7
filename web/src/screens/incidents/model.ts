import type { Tlp } from '../../ui/Tlp.tsx';

export const CATEGORIES = [
  'malware',
  'ransomware',
  'phishing',
  'account_compromise',
  'ddos',
  'data_leak',
  'vulnerability_exploited',
  'insider',
  'physical',
  'other',
] as const;
export const OBSERVABLE_TYPES = [
  'ip',
  'domain',
  'url',
  'email',
  'hash-md5',
  'hash-sha1',
  'hash-sha256',
  'filename',
  'other',
] as const;
export const PAP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export const SUBMISSION_KINDS = ['early_warning', 'notification', 'intermediate', 'final'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'closed_true_positive', 'closed_false_positive'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export interface Observable {
  type: (typeof OBSERVABLE_TYPES)[number];
  value: string;
  forDetection: boolean;
  comment?: string;
}

export interface Report {
  title: string;
  category: (typeof CATEGORIES)[number];
  description: string;
  startedAt: string | null;
  detectedAt: string;
  awareAt: string;
  impact: {
    availability: boolean;
    integrity: boolean;
    confidentiality: boolean;
    affectedServices: string[];
    citizensAffected: number | null;
    durationMinutes: number | null;
    ongoing: boolean;
  };
  suspectedMalicious: boolean;
  impactOnOtherOrganisations: boolean;
  otherOrganisationsDetail: string | null;
  personalData: boolean;
  observables: Observable[];
  measuresTaken: string | null;
  tlp: Tlp;
  pap: (typeof PAP_LABELS)[number];
  namedRecipientUserIds: string[];
}

export interface Deadline {
  kind: SubmissionKind;
  dueAt: string;
  state: 'open' | 'due_soon' | 'overdue' | 'met';
  metAt: string | null;
  late: boolean;
}

export interface InfoRequest {
  id: string;
  question: string;
  dueAt: string;
  requestedAt: string;
  requestedBy: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  state: 'open' | 'overdue' | 'answered';
}

export interface IncidentSummary {
  id: string;
  organisationName: string;
  reference: string;
  tlp: Tlp;
  caseStatus: (typeof CASE_STATUSES)[number];
  createdAt: string;
  redacted: boolean;
  title: string | null;
  category: (typeof CATEGORIES)[number] | null;
  overdue: boolean | null;
  deadlines: Deadline[] | null;
  openRequests: number | null;
}

export interface Incident {
  id: string;
  organisationId: string;
  organisationName: string;
  certOrganisationName: string;
  reference: string;
  viewer: 'kommune' | 'cert' | 'reader';
  report: Report;
  latestVersion: number;
  overdue: boolean;
  deadlines: Deadline[];
  deadlineRule: string;
  submissions: {
    version: number;
    kind: SubmissionKind;
    tlp: Tlp;
    submittedAt: string;
    submittedBy: string;
  }[];
  case: {
    status: (typeof CASE_STATUSES)[number];
    closedAt: string | null;
    assignee: { id: string | null; name: string } | null;
    intermediateRequest: { requestedAt: string; dueAt: string; submittedAt: string | null } | null;
    tasks?: { id: string; title: string; done: boolean; doneAt: string | null; createdAt: string }[];
    notes?: { id: string; text: string; author: string; createdAt: string }[];
    advisoryIds?: string[];
  };
  requests: InfoRequest[];
  dataProtection: { reminder: string; reminderEn: string; authority: string; dueAt: string } | null;
}

/** Which submissions the Kommune may send next (the server has the final word). */
export function nextKinds(incident: Incident): SubmissionKind[] {
  const kinds = new Set(incident.submissions.map((s) => s.kind));
  if (kinds.has('final')) return [];
  const out: SubmissionKind[] = [];
  if (!kinds.has('notification')) out.push('notification');
  const request = incident.case.intermediateRequest;
  if (request && !request.submittedAt) out.push('intermediate');
  if (kinds.has('notification')) out.push('final');
  return out;
}
