/**
 * Exports of one incident report: our own versioned JSON, and a MISP event in the MISP core
 * format (an `Event` object with `info`, `date`, `threat_level_id`, `analysis`, `distribution`,
 * `Tag` and `Attribute`). Written from the published format's facts; no MISP library involved.
 */
import { createHash } from 'node:crypto';
import type { TlpLabel } from '../../platform/tlp/tlp.ts';
import type { Category, IncidentDto, ObservableType, ReportDto } from './schemas.ts';

export const EXPORT_SCHEMA = 'urn:bastei:incident-report';
export const EXPORT_SCHEMA_VERSION = 1;

export interface SubmissionExport {
  version: number;
  kind: string;
  tlp: TlpLabel;
  submittedAt: string;
  submittedBy: string;
  report: ReportDto;
}

/** Our exchange format: the report as the viewer sees it, every submitted version, deadlines, case. */
export function incidentJson(incident: IncidentDto, submissions: SubmissionExport[], exportedAt: Date) {
  return {
    schema: EXPORT_SCHEMA,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    tlp: incident.report.tlp,
    pap: incident.report.pap,
    incident: {
      id: incident.id,
      reference: incident.reference,
      organisation: { id: incident.organisationId, name: incident.organisationName },
      cert: { id: incident.certOrganisationId, name: incident.certOrganisationName },
      report: incident.report,
      deadlines: incident.deadlines,
      case: incident.case,
      requests: incident.requests,
      dataProtection: incident.dataProtection,
      createdAt: incident.createdAt,
      updatedAt: incident.updatedAt,
    },
    submissions,
  };
}

/** MISP attribute type and category per observable type; `other` goes out as free text. */
const MISP_TYPES: Record<ObservableType, { type: string; category: string }> = {
  ip: { type: 'ip-dst', category: 'Network activity' },
  domain: { type: 'domain', category: 'Network activity' },
  url: { type: 'url', category: 'Network activity' },
  email: { type: 'email-src', category: 'Payload delivery' },
  'hash-md5': { type: 'md5', category: 'Payload delivery' },
  'hash-sha1': { type: 'sha1', category: 'Payload delivery' },
  'hash-sha256': { type: 'sha256', category: 'Payload delivery' },
  filename: { type: 'filename', category: 'Payload delivery' },
  other: { type: 'text', category: 'Other' },
};

/**
 * MISP distribution levels: 0 your organisation only, 1 this community only, 2 connected
 * communities, 3 all communities. RED and AMBER+STRICT stay with the receiving organisation.
 */
const DISTRIBUTION: Record<TlpLabel, string> = {
  RED: '0',
  'AMBER+STRICT': '0',
  AMBER: '1',
  GREEN: '2',
  CLEAR: '3',
};

/** Reference Security Incident Taxonomy (MISP namespace `rsit`) per category. */
const RSIT: Record<Category, string> = {
  malware: 'rsit:malicious-code="infected-system"',
  ransomware: 'rsit:information-content-security="unauthorised-information-modification"',
  phishing: 'rsit:fraud="phishing"',
  account_compromise: 'rsit:intrusions="unprivileged-account-compromise"',
  ddos: 'rsit:availability="ddos"',
  data_leak: 'rsit:information-content-security="unauthorised-information-access"',
  vulnerability_exploited: 'rsit:intrusions="application-compromise"',
  insider: 'rsit:information-content-security="unauthorised-information-access"',
  physical: 'rsit:intrusions="burglary"',
  other: 'rsit:other="other"',
};

/**
 * MISP threat level (1 high, 2 medium, 3 low, 4 undefined), our rule: high for ransomware, a data
 * leak, personal data affected or harm to other organisations; medium for any other impact on
 * availability, integrity or confidentiality; low when only suspected malicious; else undefined.
 */
export function threatLevel(report: ReportDto): '1' | '2' | '3' | '4' {
  if (
    report.category === 'ransomware' ||
    report.category === 'data_leak' ||
    report.personalData ||
    report.impactOnOtherOrganisations
  )
    return '1';
  const { availability, integrity, confidentiality } = report.impact;
  if (availability || integrity || confidentiality) return '2';
  return report.suspectedMalicious ? '3' : '4';
}

/** A stable name-based UUID (version 5 layout, SHA-1) so repeated exports keep attribute ids. */
export function nameUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(namespace).update('\u0000').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const unixSeconds = (iso: string) => String(Math.floor(new Date(iso).getTime() / 1000));

/** The report as a MISP event (MISP core format JSON, not yet published). */
export function incidentMisp(incident: IncidentDto) {
  const report = incident.report;
  const timestamp = unixSeconds(incident.updatedAt);
  const analysis = incident.case.status === 'new' ? '0' : incident.case.status === 'in_progress' ? '1' : '2';
  return {
    Event: {
      uuid: incident.id,
      info: `${incident.reference}: ${report.title}`,
      // The event date is the day the Kommune became aware (UTC date of that instant).
      date: report.awareAt.slice(0, 10),
      threat_level_id: threatLevel(report),
      analysis,
      distribution: DISTRIBUTION[report.tlp],
      published: false,
      timestamp,
      Orgc: { name: incident.organisationName },
      Tag: [
        { name: `tlp:${report.tlp.toLowerCase()}` },
        { name: `PAP:${report.pap}` },
        { name: RSIT[report.category] },
      ],
      Attribute: report.observables.map((o, index) => ({
        uuid: nameUuid(incident.id, `${index}:${o.type}:${o.value}`),
        type: MISP_TYPES[o.type].type,
        category: MISP_TYPES[o.type].category,
        value: o.value,
        to_ids: o.forDetection,
        comment: o.comment ?? '',
        // 5 = inherit the event's distribution
        distribution: '5',
        timestamp,
      })),
    },
  };
}
