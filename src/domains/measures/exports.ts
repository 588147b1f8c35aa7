/** Exports of a delivered measures package: XLSX (exceljs) and OSCAL POA&M JSON (1.1.3). */
import ExcelJS from 'exceljs';
import { OSCAL_VERSION, uuidV5 } from '../assessments/oscal.ts';
import { BASTEI_NS } from '../catalogs/rows.ts';
import type { MeasureDto } from './schemas.ts';
import type { PackageSnapshot } from './service.ts';

export const TYPE_LABEL: Record<MeasureDto['type'], string> = {
  technical: 'Technisch',
  organisational: 'Organisatorisch',
  workshop: 'Workshop',
  penetration_test: 'Penetrationstest',
  training: 'Schulung',
};
export const STATUS_LABEL: Record<MeasureDto['status'], string> = {
  proposed: 'Vorgeschlagen',
  agreed: 'Vereinbart',
  in_progress: 'In Umsetzung',
  done: 'Umgesetzt',
  verified: 'Bestätigt',
};
export const XLSX_HEADERS = [
  'Nr.',
  'Maßnahme',
  'Beschreibung',
  'Art',
  'Priorität',
  'Status',
  'Verantwortlich',
  'Fällig am',
  'Kosten (EUR)',
  'Förderstufe',
  'Quellen',
] as const;
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function packageXlsx(snapshot: PackageSnapshot): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bastei';
  workbook.created = new Date(snapshot.deliveredAt);
  const sheet = workbook.addWorksheet('Maßnahmen');
  sheet.columns = [
    { width: 6 },
    { width: 50 },
    { width: 60 },
    { width: 18 },
    { width: 10 },
    { width: 16 },
    { width: 24 },
    { width: 12, style: { numFmt: 'dd.mm.yyyy' } },
    { width: 14, style: { numFmt: '#,##0.00 [$€-407]' } },
    { width: 12 },
    { width: 40 },
  ];
  sheet.addRow([...XLSX_HEADERS]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  snapshot.measures.forEach((m, i) => {
    sheet.addRow([
      i + 1,
      m.title,
      m.description ?? '',
      TYPE_LABEL[m.type],
      m.priority,
      STATUS_LABEL[m.status],
      m.owner ?? '',
      m.dueDate ? new Date(`${m.dueDate}T00:00:00Z`) : null,
      m.costEstimateCents === null ? null : m.costEstimateCents / 100,
      m.fundingStage ?? '',
      m.sources
        .filter((s) => s.kind !== 'template')
        .map((s) => s.key)
        .join(', '),
    ]);
  });
  sheet.autoFilter = { from: 'A1', to: `K${snapshot.measures.length + 1}` };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** OSCAL strings may not be empty nor start or end with whitespace. */
const oscalText = (value: string | null | undefined, fallback: string) => {
  const t = (value ?? '').trim();
  return t.length > 0 ? t : fallback;
};
const prop = (name: string, value: string) => ({ name, ns: BASTEI_NS, value });

export function packagePoam(snapshot: PackageSnapshot): Record<string, unknown> {
  const uuid = uuidV5(snapshot.packageId, 'poam');
  return {
    'plan-of-action-and-milestones': {
      uuid,
      metadata: {
        title: oscalText(
          `Maßnahmenpaket ${snapshot.version} – ${snapshot.organisationName}`,
          `Maßnahmenpaket ${snapshot.version}`,
        ),
        'last-modified': snapshot.deliveredAt,
        version: String(snapshot.version),
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('organisation-id', snapshot.organisationId),
          prop('assessment-id', snapshot.assessmentId),
        ],
      },
      'poam-items': snapshot.measures.map((m) => ({
        uuid: m.id,
        title: oscalText(m.title, 'Maßnahme'),
        description: oscalText(m.description, m.title),
        props: [
          prop('measure-type', m.type),
          prop('priority', String(m.priority)),
          prop('status', m.status),
          ...(m.dueDate ? [prop('due-date', m.dueDate)] : []),
          ...(m.costEstimateCents !== null ? [prop('cost-estimate-cents', String(m.costEstimateCents))] : []),
          ...(m.fundingStage !== null ? [prop('funding-stage', String(m.fundingStage))] : []),
          ...(m.owner?.trim() ? [prop('owner', m.owner.trim())] : []),
          ...m.sources
            .filter((s) => s.kind === 'requirement' && s.key.trim())
            .map((s) => prop('requirement', s.key.trim())),
        ],
      })),
    },
  };
}
