import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';
import { TLP_LABELS } from '../../platform/tlp/tlp.ts';
import { DEADLINE_RULE } from './deadlines.ts';

export { DEADLINE_RULE };

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
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, { de: string; en: string }> = {
  malware: { de: 'Schadsoftware', en: 'Malware' },
  ransomware: { de: 'Ransomware (Verschlüsselung, Erpressung)', en: 'Ransomware' },
  phishing: { de: 'Phishing', en: 'Phishing' },
  account_compromise: { de: 'Kompromittiertes Konto', en: 'Account compromise' },
  ddos: { de: 'Überlastungsangriff (DDoS)', en: 'DDoS' },
  data_leak: { de: 'Datenabfluss', en: 'Data leak' },
  vulnerability_exploited: { de: 'Ausgenutzte Schwachstelle', en: 'Vulnerability exploited' },
  insider: { de: 'Innentäter', en: 'Insider' },
  physical: { de: 'Physischer Vorfall (Einbruch, Diebstahl)', en: 'Physical' },
  other: { de: 'Sonstiges', en: 'Other' },
};

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
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export const PAP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export const SUBMISSION_KINDS = ['early_warning', 'notification', 'intermediate', 'final'] as const;
export const FIRST_SUBMISSION_KINDS = ['early_warning', 'notification'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'closed_true_positive', 'closed_false_positive'] as const;

export const SUBMISSION_RULE =
  'Erste Einreichung: Frühwarnung oder gleich die Meldung. Danach: Meldung (einmal), Zwischenbericht (nur auf Anforderung des CERT), Abschlussbericht (nach der Meldung, einmal; danach keine weiteren Einreichungen). Jede Einreichung ist eine unveränderliche Version des vollständigen Berichts.';
export const CASE_STATUS_RULE =
  'new → in_progress → closed_true_positive oder closed_false_positive; abgeschlossene Fälle bleiben abgeschlossen.';

// Control characters make values unprintable in logs and exports; a tab is all free text needs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .refine((s) => !CONTROL.test(s), 'Steuerzeichen sind nicht erlaubt');
const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'darf nicht leer sein' : `mindestens ${min} Zeichen`)
    .max(max, `höchstens ${max} Zeichen`)
    .refine((s) => !CONTROL_OR_NEWLINE.test(s), 'Steuerzeichen und Zeilenumbrüche sind nicht erlaubt');

/** An instant with an explicit offset (`2026-01-10T02:10:00+01:00` or `…Z`). */
export const instant = z.iso.datetime({
  offset: true,
  message: 'Zeitpunkt im Format ISO 8601 mit Zeitzone, z. B. 2026-01-10T02:10:00+01:00',
});

const emailCheck = z.email();
const HEX = { 'hash-md5': 32, 'hash-sha1': 40, 'hash-sha256': 64 } as const;
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function normaliseDomain(value: string): string | null {
  const ascii = domainToASCII(value.replace(/\.$/, '')).toLowerCase();
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) return null;
  const tld = labels.at(-1)!;
  return /^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]{1,59}$/.test(tld) ? ascii : null;
}

/**
 * The value of an observable, checked and normalised for its type: hashes and domains in lower
 * case (IDN as Punycode), IPs as written (v4 or v6), URLs only http(s)/ftp with a host.
 * Returns the German reason when the value does not fit.
 */
export function normaliseObservable(
  type: ObservableType,
  raw: string,
): { value: string } | { error: string } {
  const value = raw.trim();
  switch (type) {
    case 'ip':
      return isIP(value) !== 0 ? { value } : { error: 'keine gültige IPv4- oder IPv6-Adresse' };
    case 'domain': {
      const domain = normaliseDomain(value);
      return domain ? { value: domain } : { error: 'kein gültiger Domainname (z. B. beispiel.de)' };
    }
    case 'url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return { error: 'keine gültige URL (z. B. https://beispiel.de/pfad)' };
      }
      if (!['http:', 'https:', 'ftp:'].includes(url.protocol) || url.hostname === '') {
        return { error: 'nur http-, https- und ftp-URLs mit Hostnamen' };
      }
      return CONTROL_OR_NEWLINE.test(value) || /\s/.test(value)
        ? { error: 'die URL enthält Leer- oder Steuerzeichen' }
        : { value };
    }
    case 'email':
      return emailCheck.safeParse(value).success
        ? { value }
        : { error: 'keine gültige E-Mail-Adresse (z. B. absender@beispiel.de)' };
    case 'hash-md5':
    case 'hash-sha1':
    case 'hash-sha256': {
      const length = HEX[type];
      return new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)
        ? { value: value.toLowerCase() }
        : { error: `erwartet ${length} Hexadezimalzeichen` };
    }
    case 'filename':
      if (value.length === 0 || value.length > 255) return { error: 'Dateiname mit 1 bis 255 Zeichen' };
      return /[/\\]/.test(value) || CONTROL_OR_NEWLINE.test(value)
        ? { error: 'nur der Dateiname, ohne Pfad und ohne Steuerzeichen' }
        : { value };
    case 'other':
      return value.length === 0 || CONTROL.test(value)
        ? { error: 'darf nicht leer sein und keine Steuerzeichen enthalten' }
        : { value };
    default: {
      const unknown: never = type;
      return { error: `unbekannter Typ ${String(unknown)}` };
    }
  }
}

export const ObservableInput = z
  .strictObject({
    type: z.enum(OBSERVABLE_TYPES, {
      message: `Unbekannter Typ; erlaubt: ${OBSERVABLE_TYPES.join(', ')}`,
    }),
    value: z.string().max(2048, 'höchstens 2048 Zeichen'),
    forDetection: z.boolean().default(false).describe('für Detektion nutzbar (MISP to_ids)'),
    comment: text(500).optional(),
  })
  .transform((o, ctx) => {
    const checked = normaliseObservable(o.type, o.value);
    if ('error' in checked) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: checked.error });
      return z.NEVER;
    }
    return { ...o, value: checked.value, comment: o.comment || undefined };
  });

const Impact = z.strictObject({
  availability: z.boolean(),
  integrity: z.boolean(),
  confidentiality: z.boolean(),
  affectedServices: z.array(line(1, 200)).max(100, 'höchstens 100 Dienste').default([]),
  citizensAffected: z.number().int().min(0).max(100_000_000).nullable().default(null),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(10 * 366 * 24 * 60)
    .nullable()
    .default(null)
    .describe('Dauer der Beeinträchtigung in Minuten; null = unbekannt oder andauernd'),
  ongoing: z.boolean().default(false),
});

/** Clock skew we tolerate between the reporter's device and the server for "not in the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

const at = (s: string) => new Date(s).getTime();

export const ReportBody = z
  .strictObject({
    title: line(1, 200),
    category: z.enum(CATEGORIES, { message: `Unbekannte Kategorie; erlaubt: ${CATEGORIES.join(', ')}` }),
    description: text(20_000).min(1, 'darf nicht leer sein'),
    startedAt: instant.nullable().default(null).describe('Beginn des Vorfalls, falls bekannt'),
    detectedAt: instant.describe('Entdeckung'),
    awareAt: instant.describe('Kenntnisnahme durch die Kommune: Beginn der Meldefristen'),
    impact: Impact,
    suspectedMalicious: z.boolean(),
    impactOnOtherOrganisations: z.boolean(),
    otherOrganisationsDetail: text(5_000).nullable().default(null),
    personalData: z
      .boolean()
      .describe('personenbezogene Daten betroffen (Meldung nach Art. 33 DSGVO gesondert)'),
    observables: z.array(ObservableInput).max(1000, 'höchstens 1000 Beobachtungen').default([]),
    measuresTaken: text(20_000).nullable().default(null),
    tlp: z.enum(TLP_LABELS, { message: `TLP 2.0: ${TLP_LABELS.join(', ')}` }),
    pap: z.enum(PAP_LABELS, { message: `PAP: ${PAP_LABELS.join(', ')}` }),
    namedRecipientUserIds: z
      .array(z.uuid())
      .max(50)
      .default([])
      .describe(
        'TLP:RED: die Personen (Kommune oder CERT), die den Bericht lesen dürfen; die meldende Person zählt immer dazu',
      ),
  })
  .superRefine((r, ctx) => {
    const now = Date.now() + CLOCK_SKEW_MS;
    if (r.startedAt !== null && at(r.startedAt) > at(r.detectedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['startedAt'],
        message: 'Der Beginn des Vorfalls kann nicht nach seiner Entdeckung liegen.',
      });
    }
    if (at(r.detectedAt) > at(r.awareAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['detectedAt'],
        message: 'Die Entdeckung kann nicht nach der Kenntnisnahme liegen.',
      });
    }
    for (const field of ['startedAt', 'detectedAt', 'awareAt'] as const) {
      const value = r[field];
      if (value !== null && at(value) > now) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Der Zeitpunkt liegt in der Zukunft.' });
      }
    }
  });
export type ReportInput = z.output<typeof ReportBody>;

export const CreateIncidentBody = z.strictObject({
  organisationId: z
    .uuid()
    .optional()
    .describe('die meldende Kommune; nötig nur, wenn die Person für mehrere Kommunen melden darf'),
  kind: z.enum(FIRST_SUBMISSION_KINDS).default('early_warning'),
  report: ReportBody,
});
export type CreateIncidentInput = z.output<typeof CreateIncidentBody>;

export const SubmissionBody = z.strictObject({
  kind: z.enum(SUBMISSION_KINDS, { message: `Art der Einreichung: ${SUBMISSION_KINDS.join(', ')}` }),
  report: ReportBody,
});
export type SubmissionInput = z.output<typeof SubmissionBody>;

export const CasePatchBody = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional(),
    assigneeUserId: z
      .uuid()
      .nullable()
      .optional()
      .describe('eine Person des CERT; null hebt die Zuweisung auf'),
    intermediateReportDueAt: instant
      .optional()
      .describe('fordert einen Zwischenbericht bis zu diesem Zeitpunkt an'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Mindestens ein Feld ändern.' });
export type CasePatchInput = z.output<typeof CasePatchBody>;

export const TaskBody = z.strictObject({ title: line(1, 500) });
export const TaskPatchBody = z
  .strictObject({ title: line(1, 500).optional(), done: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Mindestens ein Feld ändern.' });
export const NoteBody = z.strictObject({ text: text(20_000).min(1, 'darf nicht leer sein') });
export const AdvisoryLinkBody = z.strictObject({ advisoryId: z.uuid() });
export const InfoRequestBody = z.strictObject({
  question: text(5_000).min(1, 'darf nicht leer sein'),
  dueAt: instant,
});
export const AnswerBody = z.strictObject({ answer: text(20_000).min(1, 'darf nicht leer sein') });

export const IncidentParams = z.strictObject({ id: z.uuid() });
export const VersionParams = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1).max(100_000),
});
export const TaskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });
export const AdvisoryParams = z.strictObject({ id: z.uuid(), advisoryId: z.uuid() });
export const RequestParams = z.strictObject({ id: z.uuid(), requestId: z.uuid() });

export const IncidentListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  status: z.enum(CASE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: nur Berichte mit mindestens einer überfälligen Frist'),
  ...PaginationQuery,
});
export type IncidentListFilter = z.output<typeof IncidentListQuery>;

// --- responses -------------------------------------------------------------------------------------

const ObservableSchema = z.object({
  type: z.enum(OBSERVABLE_TYPES),
  value: z.string(),
  forDetection: z.boolean(),
  comment: z.string().optional(),
});

export const ReportSchema = z.object({
  title: z.string(),
  category: z.enum(CATEGORIES),
  description: z.string(),
  startedAt: z.string().nullable(),
  detectedAt: z.string(),
  awareAt: z.string(),
  impact: z.object({
    availability: z.boolean(),
    integrity: z.boolean(),
    confidentiality: z.boolean(),
    affectedServices: z.array(z.string()),
    citizensAffected: z.number().int().nullable(),
    durationMinutes: z.number().int().nullable(),
    ongoing: z.boolean(),
  }),
  suspectedMalicious: z.boolean(),
  impactOnOtherOrganisations: z.boolean(),
  otherOrganisationsDetail: z.string().nullable(),
  personalData: z.boolean(),
  observables: z.array(ObservableSchema),
  measuresTaken: z.string().nullable(),
  tlp: z.enum(TLP_LABELS),
  pap: z.enum(PAP_LABELS),
  namedRecipientUserIds: z.array(z.string()),
});
export type ReportDto = z.infer<typeof ReportSchema>;

export const DeadlineSchema = z.object({
  kind: z.enum(SUBMISSION_KINDS),
  dueAt: z.string(),
  dueAtLocal: z.string().describe('dieselbe Frist in Europe/Berlin'),
  state: z.enum(['open', 'due_soon', 'overdue', 'met']),
  metAt: z.string().nullable(),
  late: z.boolean().describe('erfüllt, aber nach Fristablauf'),
});

const Person = z.object({ id: z.string().nullable(), name: z.string() });

export const SubmissionSummarySchema = z.object({
  version: z.number().int(),
  kind: z.enum(SUBMISSION_KINDS),
  tlp: z.enum(TLP_LABELS),
  submittedAt: z.string(),
  submittedBy: z.string(),
});

export const InfoRequestSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  dueAt: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  state: z.enum(['open', 'overdue', 'answered']),
});

export const TaskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export const NoteSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export const CaseSchema = z.object({
  status: z.enum(CASE_STATUSES),
  closedAt: z.string().nullable(),
  assignee: Person.nullable(),
  intermediateRequest: z
    .object({ requestedAt: z.string(), dueAt: z.string(), submittedAt: z.string().nullable() })
    .nullable(),
  /** The CERT's own working material: present only for the CERT. */
  tasks: z.array(TaskSchema).optional(),
  notes: z.array(NoteSchema).optional(),
  advisoryIds: z.array(z.uuid()).optional(),
});

export const DataProtectionSchema = z.object({
  reminder: z.string(),
  reminderEn: z.string(),
  authority: z.string(),
  dueAt: z.string().describe('72 Stunden nach Kenntnisnahme (Art. 33 Abs. 1 DSGVO)'),
});

export const IncidentSummarySchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  certOrganisationId: z.uuid(),
  reference: z.string(),
  tlp: z.enum(TLP_LABELS),
  caseStatus: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  /** true: the role may know the report exists, but its TLP label keeps the content from the viewer. */
  redacted: z.boolean(),
  title: z.string().nullable(),
  category: z.enum(CATEGORIES).nullable(),
  awareAt: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  overdue: z.boolean().nullable(),
  deadlines: z.array(DeadlineSchema).nullable(),
  openRequests: z.number().int().nullable(),
});
export type IncidentSummaryDto = z.infer<typeof IncidentSummarySchema>;

export const IncidentListSchema = z.object({
  items: z.array(IncidentSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const IncidentSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  certOrganisationId: z.uuid(),
  certOrganisationName: z.string(),
  reference: z.string(),
  viewer: z.enum(['kommune', 'cert', 'reader']).describe('aus welcher Sicht die Antwort gefiltert ist'),
  report: ReportSchema,
  latestVersion: z.number().int(),
  overdue: z.boolean(),
  deadlines: z.array(DeadlineSchema),
  deadlineRule: z.string(),
  submissions: z.array(SubmissionSummarySchema),
  case: CaseSchema,
  requests: z.array(InfoRequestSchema),
  dataProtection: DataProtectionSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IncidentDto = z.infer<typeof IncidentSchema>;

export const SubmissionSchema = SubmissionSummarySchema.extend({
  incidentId: z.uuid(),
  organisationId: z.uuid(),
  report: ReportSchema,
});

export const RecipientsSchema = z.object({
  organisationId: z.uuid(),
  certOrganisationId: z.uuid(),
  certOrganisationName: z.string(),
  people: z.array(z.object({ id: z.uuid(), name: z.string(), organisation: z.enum(['kommune', 'cert']) })),
});
export const RecipientsQuery = z.strictObject({ organisationId: z.uuid().optional() });
