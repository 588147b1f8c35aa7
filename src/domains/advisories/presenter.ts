import type { AdvisoryRecord, AliasRecord, MatchRecord, RecipientRecord } from './repository.ts';
import type { AdvisoryDto, MatchDto } from './schemas.ts';

const isoOrNull = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentAdvisory(r: AdvisoryRecord): AdvisoryDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    documentKey: r.document_key,
    publisherName: r.publisher_name,
    publisherNamespace: r.publisher_namespace,
    trackingId: r.tracking_id,
    version: r.version,
    trackingStatus: r.tracking_status,
    initialReleaseDate: isoOrNull(r.initial_release_date),
    currentReleaseDate: isoOrNull(r.current_release_date),
    category: r.category,
    title: r.title,
    language: r.language,
    tlp: { label: r.tlp_label, source: r.tlp_source, csafLabel: r.csaf_tlp_label },
    cves: r.cves,
    maxBaseScore: r.max_base_score === null ? null : Number(r.max_base_score),
    sha512: r.sha512,
    sha256: r.sha256,
    size: r.size,
    isCurrent: r.is_current,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by_label,
    matchedAt: isoOrNull(r.matched_at),
  };
}

export function presentMatch(r: MatchRecord): MatchDto {
  return {
    id: r.id,
    advisoryId: r.advisory_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    installedProductId: r.installed_product_id,
    installedProduct: { vendor: r.vendor, product: r.product },
    productId: r.product_id,
    class: r.class,
    basis: r.basis,
    reasons: r.reasons,
    installedVersion: r.installed_version,
    advisoryVersion: r.advisory_version,
    cves: r.cves,
    maxBaseScore: r.max_base_score === null ? null : Number(r.max_base_score),
    review:
      r.review_decision && r.reviewed_at
        ? {
            decision: r.review_decision,
            note: r.review_note,
            reviewedAt: new Date(r.reviewed_at).toISOString(),
          }
        : null,
  };
}

export function presentAlias(r: AliasRecord) {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    key: r.alias_key,
    label: r.label,
    cpes: r.cpes,
    purls: r.purls,
    names: r.names,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function presentRecipient(r: RecipientRecord) {
  return {
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    status: r.status,
    note: r.note,
    respondedAt: isoOrNull(r.responded_at),
  };
}
