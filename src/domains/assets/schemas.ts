import { z } from 'zod';
import { PaginationQuery } from '../../platform/http/api.ts';

export const ASSET_KINDS = ['domain', 'host', 'service'] as const;
export const PROTOCOLS = ['tcp', 'udp'] as const;
export const TARGET_KINDS = ['domain', 'host', 'ip', 'cidr'] as const;

/** Longest authorisation: one year from the grant (calendar year, UTC). */
export const AUTHORISATION_MAX_DAYS = 366;
/** A successful DNS TXT check proves control of the domain for this long. */
export const DNS_VERIFICATION_VALID_DAYS = 30;
export const DNS_RECORD_PREFIX = 'bastei-verification=';

export const AUTHORISATION_RULE =
  'Gescannt wird nur, solange eine Freigabe vorliegt: erklärt vom ISB der Kommune, vom Ministerium (programme_manager) oder admin für eine Domain (mit allen Subdomains), einen Host, eine IP-Adresse oder einen CIDR-Bereich von höchstens 256 Adressen (IPv4 /24, IPv6 /120), optional auf Ports beschränkt, höchstens ein Jahr gültig und jederzeit widerrufbar; oder nachgewiesen durch einen DNS-TXT-Eintrag „bastei-verification=<Token>“ auf der Domain (nach jeder erfolgreichen Prüfung 30 Tage gültig). IP-Adressen gelten nur mit ausdrücklicher IP- oder CIDR-Freigabe. Private, lokale und reservierte Adressen werden nie freigegeben.';

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();
const port = z.number().int().min(1).max(65535);

export const OrganisationParams = z.strictObject({ id: z.uuid() });
export const IdParams = z.strictObject({ id: z.uuid() });

// --- assets ----------------------------------------------------------------------------------------

export const AssetSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  kind: z.enum(ASSET_KINDS),
  name: z.string(),
  port: z.number().int().nullable(),
  protocol: z.enum(PROTOCOLS).nullable(),
  product: z.string().nullable(),
  parentId: z.uuid().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetDto = z.infer<typeof AssetSchema>;

export const AssetListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(AssetSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const AssetListQuery = z.strictObject({
  kind: z.enum(ASSET_KINDS).optional(),
  q: z.string().trim().min(1).max(253).optional().describe('part of the name'),
  parentId: z.uuid().optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  protocol: z.enum(PROTOCOLS).optional(),
  ...PaginationQuery,
});
export type AssetListFilter = z.infer<typeof AssetListQuery>;

export const CreateAssetBody = z
  .strictObject({
    kind: z.enum(ASSET_KINDS),
    name: z
      .string()
      .max(300)
      .optional()
      .describe(
        'DNS name (domain, host) or IP address (host); a service may omit it and takes its host’s name',
      ),
    port: port.optional(),
    protocol: z.enum(PROTOCOLS).optional(),
    product: nullableText(200).describe('what listens there, e.g. "nginx 1.24.0" (services)'),
    parentId: z
      .uuid()
      .nullable()
      .optional()
      .describe('domain: its parent domain; host: its domain; service: its host'),
    notes: nullableText(2000),
  })
  .describe(
    'Names are normalised: DNS names lower-case ASCII (IDN as Punycode) without trailing dot, IP addresses canonical. A service needs port and protocol; its host is found by name (or parentId) and created when missing. A host without parentId is placed under the longest matching domain of the inventory.',
  );
export type CreateAssetInput = z.infer<typeof CreateAssetBody>;

export const AssetPatchBody = z
  .strictObject({
    name: z.string().max(300).optional(),
    port: port.optional(),
    protocol: z.enum(PROTOCOLS).optional(),
    product: nullableText(200),
    parentId: z.uuid().nullable().optional(),
    notes: nullableText(2000),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Mindestens ein Feld ändern.' });
export type AssetPatchInput = z.infer<typeof AssetPatchBody>;

export const DeletedSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  deletedAssets: z.number().int(),
  deletedInstalledProducts: z.number().int(),
});

// --- installed products ----------------------------------------------------------------------------

export const InstalledProductSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  assetId: z.uuid().nullable(),
  vendor: z.string().nullable(),
  product: z.string(),
  version: z.string().nullable(),
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstalledProductDto = z.infer<typeof InstalledProductSchema>;

export const InstalledProductListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(InstalledProductSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const InstalledProductListQuery = z.strictObject({
  assetId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional().describe('part of vendor or product'),
  ...PaginationQuery,
});
export type InstalledProductListFilter = z.infer<typeof InstalledProductListQuery>;

const cpeText = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .optional()
  .describe('CPE 2.2 URI or 2.3 formatted string');
const purlText = z.string().trim().max(500).nullable().optional().describe('package URL');

export const CreateInstalledProductBody = z.strictObject({
  assetId: z.uuid().nullable().optional().describe('the host or service it runs on, when known'),
  vendor: nullableText(200),
  product: z.string().trim().min(1).max(200),
  version: nullableText(100),
  cpe: cpeText,
  purl: purlText,
});
export type CreateInstalledProductInput = z.infer<typeof CreateInstalledProductBody>;

export const InstalledProductPatchBody = z
  .strictObject({
    assetId: z.uuid().nullable().optional(),
    vendor: nullableText(200),
    product: z.string().trim().min(1).max(200).optional(),
    version: nullableText(100),
    cpe: cpeText,
    purl: purlText,
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Mindestens ein Feld ändern.' });
export type InstalledProductPatchInput = z.infer<typeof InstalledProductPatchBody>;

// --- CSV import ------------------------------------------------------------------------------------

export const ImportBody = z.strictObject({
  csv: z.string().min(1).describe('the CSV text (UTF-8), header line first'),
});

export const ImportResultSchema = z.object({
  organisationId: z.uuid(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Hosts created because a service row named them. */
  implicitHosts: z.number().int(),
  lines: z.array(
    z.object({
      line: z.number().int(),
      kind: z.enum(['domain', 'host', 'service', 'product']),
      name: z.string().nullable(),
      result: z.enum(['created', 'updated', 'unchanged']),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// --- authorisations --------------------------------------------------------------------------------

export const AuthorisationSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  method: z.enum(['declaration', 'dns-txt']),
  kind: z.enum(TARGET_KINDS),
  target: z.string(),
  ports: z.array(z.number().int()).nullable().describe('null: every port'),
  note: z.string().nullable(),
  grantedBy: z.string().nullable(),
  grantedByRole: z.enum(['isb', 'programme_manager', 'admin', 'system']).nullable(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revocationReason: z.string().nullable(),
});
export type AuthorisationDto = z.infer<typeof AuthorisationSchema>;

export const AuthorisationListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(AuthorisationSchema),
  total: z.number().int(),
});

export const AuthorisationListQuery = z.strictObject({
  status: z.enum(['active', 'expired', 'revoked', 'all']).default('all'),
});

const isoDateTime = z.iso.datetime({ offset: true });

export const GrantAuthorisationBody = z.strictObject({
  kind: z
    .enum(TARGET_KINDS)
    .describe('domain (with subdomains), host (name or IP), ip, cidr (≤ 256 addresses)'),
  target: z.string().trim().min(1).max(300),
  ports: z.array(port).min(1).max(100).nullable().optional().describe('omit or null: every port'),
  expiresAt: isoDateTime.optional().describe('at most one year ahead; default: one year'),
  note: nullableText(2000).describe('e.g. the signed declaration’s file number'),
});
export type GrantAuthorisationInput = z.infer<typeof GrantAuthorisationBody>;

export const RevokeBody = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });

export const CheckQuery = z.strictObject({
  host: z.string().trim().min(1).max(300),
  port: z.coerce.number().int().min(1).max(65535).optional(),
});

export const CheckResultSchema = z.object({
  organisationId: z.uuid(),
  host: z.string(),
  port: z.number().int().nullable(),
  authorised: z.boolean(),
  authorisation: AuthorisationSchema.nullable(),
  rule: z.string(),
});

export const HistorySchema = z.object({
  organisationId: z.uuid(),
  id: z.uuid(),
  items: z.array(
    z.object({
      action: z.string(),
      actor: z.string(),
      occurredAt: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

// --- DNS verification ------------------------------------------------------------------------------

export const DomainVerificationSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  domain: z.string(),
  token: z.string(),
  record: z.object({ name: z.string(), type: z.literal('TXT'), value: z.string() }),
  status: z.enum(['pending', 'verified', 'expired', 'revoked']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  verifiedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastCheckResult: z.enum(['verified', 'missing', 'error']).nullable(),
  lastCheckDetail: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DomainVerificationDto = z.infer<typeof DomainVerificationSchema>;

export const DomainVerificationListSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(DomainVerificationSchema),
  total: z.number().int(),
});

export const RequestVerificationBody = z.strictObject({ domain: z.string().trim().min(1).max(300) });
