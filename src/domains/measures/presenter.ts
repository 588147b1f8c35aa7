import type { MeasureRecord, PackageRecord } from './repository.ts';
import type { MeasureDto, PackageDto } from './schemas.ts';

export function presentMeasure(r: MeasureRecord): MeasureDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assessmentId: r.assessment_id,
    packageId: r.package_id,
    sources: r.sources.map((s) => ({
      kind: s.kind,
      id: s.id,
      key: s.key,
      ...(s.resolvedAt ? { resolvedAt: s.resolvedAt, resolution: s.resolution ?? 'fixed' } : {}),
    })),
    type: r.type,
    title: r.title,
    description: r.description,
    priority: r.priority,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    costEstimateCents: r.cost_estimate_cents === null ? null : Number(r.cost_estimate_cents),
    fundingStage: r.funding_stage === null ? null : (Number(r.funding_stage) as 1 | 2),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function presentPackage(r: PackageRecord): PackageDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assessmentId: r.assessment_id,
    version: r.version,
    status: r.status,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    deliveredBy: r.delivered_by_name,
    measureCount: r.measure_count,
  };
}
