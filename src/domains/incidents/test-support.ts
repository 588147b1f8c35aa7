import type { TestApp } from '../../../test/helpers.ts';

const HOUR = 3_600_000;

/** A complete, valid report body; times relative to now so the "not in the future" check holds. */
export function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    title: 'Verschlüsselte Dateifreigaben',
    category: 'ransomware',
    description: 'Auf dem Dateiserver sind Freigaben verschlüsselt; eine Lösegeldforderung liegt vor.',
    startedAt: new Date(now - 5 * HOUR).toISOString(),
    detectedAt: new Date(now - 3 * HOUR).toISOString(),
    awareAt: new Date(now - 2 * HOUR).toISOString(),
    impact: {
      availability: true,
      integrity: true,
      confidentiality: false,
      affectedServices: ['Dateiablage', 'E-Akte'],
      citizensAffected: 0,
      durationMinutes: null,
      ongoing: true,
    },
    suspectedMalicious: true,
    impactOnOtherOrganisations: false,
    personalData: false,
    observables: [
      { type: 'ip', value: '203.0.113.7', forDetection: true },
      { type: 'domain', value: 'Erpresser.Example', forDetection: true },
      { type: 'hash-sha256', value: 'A'.repeat(64), forDetection: true, comment: 'Verschlüsseler' },
      { type: 'filename', value: 'LIESMICH.txt', forDetection: false },
    ],
    measuresTaken: 'Server vom Netz getrennt.',
    tlp: 'AMBER',
    pap: 'AMBER',
    ...overrides,
  };
}

export const userId = async (t: TestApp, local: string) =>
  (
    await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', local.includes('@') ? local : `${local}@demo.bastei.local`)
      .executeTakeFirstOrThrow()
  ).id;

export async function rowCounts(t: TestApp) {
  const n = async (
    table:
      | 'incident_reports'
      | 'incident_submissions'
      | 'incident_case_tasks'
      | 'incident_case_notes'
      | 'incident_info_requests'
      | 'incident_advisory_links'
      | 'audit_log',
  ) =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    reports: await n('incident_reports'),
    submissions: await n('incident_submissions'),
    tasks: await n('incident_case_tasks'),
    notes: await n('incident_case_notes'),
    requests: await n('incident_info_requests'),
    links: await n('incident_advisory_links'),
    audit: await n('audit_log'),
  };
}
