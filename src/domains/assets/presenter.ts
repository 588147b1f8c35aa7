import type {
  AssetRow,
  DomainVerificationRow,
  InstalledProductRow,
  ScanAuthorisationRow,
} from '../../platform/db/schema.ts';
import {
  type AssetDto,
  type AuthorisationDto,
  DNS_RECORD_PREFIX,
  type DomainVerificationDto,
  type InstalledProductDto,
} from './schemas.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

export function presentAsset(r: AssetRow): AssetDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    name: r.name,
    port: r.port,
    protocol: r.protocol,
    product: r.product,
    parentId: r.parent_id,
    notes: r.notes,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function presentInstalledProduct(r: InstalledProductRow): InstalledProductDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    assetId: r.asset_id,
    vendor: r.vendor,
    product: r.product,
    version: r.version,
    cpe: r.cpe,
    purl: r.purl,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function presentAuthorisation(r: ScanAuthorisationRow, now = new Date()): AuthorisationDto {
  const status = r.revoked_at ? 'revoked' : new Date(r.expires_at) <= now ? 'expired' : 'active';
  return {
    id: r.id,
    organisationId: r.organisation_id,
    method: 'declaration',
    kind: r.kind,
    target: r.target,
    ports: r.ports ? [...r.ports].map(Number) : null,
    note: r.note,
    grantedBy: r.granted_by_label,
    grantedByRole: r.granted_by_role,
    grantedAt: iso(r.granted_at),
    expiresAt: iso(r.expires_at),
    status,
    revokedAt: isoOrNull(r.revoked_at),
    revokedBy: r.revoked_by_label,
    revocationReason: r.revocation_reason,
  };
}

/** A valid DNS verification seen as an authorisation of the domain (all ports, subdomains included). */
export function presentVerificationAsAuthorisation(r: DomainVerificationRow): AuthorisationDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    method: 'dns-txt',
    kind: 'domain',
    target: r.domain,
    ports: null,
    note: `DNS-TXT-Eintrag ${DNS_RECORD_PREFIX}… geprüft`,
    grantedBy: r.verified_by_label,
    grantedByRole: null,
    grantedAt: iso(r.verified_at ?? r.requested_at),
    expiresAt: iso(r.valid_until ?? r.requested_at),
    status: 'active',
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
  };
}

export function presentVerification(r: DomainVerificationRow, now = new Date()): DomainVerificationDto {
  const status = r.revoked_at
    ? 'revoked'
    : r.valid_until && new Date(r.valid_until) > now
      ? 'verified'
      : r.valid_until
        ? 'expired'
        : 'pending';
  return {
    id: r.id,
    organisationId: r.organisation_id,
    domain: r.domain,
    token: r.token,
    record: { name: r.domain, type: 'TXT', value: `${DNS_RECORD_PREFIX}${r.token}` },
    status,
    requestedBy: r.requested_by_label,
    requestedAt: iso(r.requested_at),
    verifiedAt: isoOrNull(r.verified_at),
    validUntil: isoOrNull(r.valid_until),
    lastCheckedAt: isoOrNull(r.last_checked_at),
    lastCheckResult: r.last_check_result,
    lastCheckDetail: r.last_check_detail,
    revokedAt: isoOrNull(r.revoked_at),
  };
}
