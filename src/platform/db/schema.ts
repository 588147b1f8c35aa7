import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by /migrations. Keep in step with the SQL. */
export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  auditor_assignments: AuditorAssignmentsTable;
  sessions: SessionsTable;
  oidc_login_states: OidcLoginStatesTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type OrganisationType = 'federal' | 'state' | 'district' | 'municipality' | 'provider' | 'cert';
export const ROLES = ['admin', 'programme_manager', 'auditor', 'isb', 'member', 'cert', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export interface OrganisationsTable {
  id: Generated<string>;
  type: OrganisationType;
  subtype: string | null;
  ars: string | null;
  name: string;
  short_name: string;
  parent_id: string | null;
  ancestor_ids: ColumnType<string[], string[] | undefined, string[]>;
  population: number | null;
  area_ha: number | null;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  locale: Generated<'de' | 'en'>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type UserRow = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface AuditorAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  auth_method: 'password' | 'oidc';
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface OidcLoginStatesTable {
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: Generated<string>;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  organisation_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

// --- Catalogs (migrations/20261123130000_catalogs.sql) -------------------------------------------
// Declared as a second `DB` block (interfaces merge) so this stays one contiguous edit.
export interface DB {
  catalogs: CatalogsTable;
  catalog_groups: CatalogGroupsTable;
  catalog_requirements: CatalogRequirementsTable;
  measure_templates: MeasureTemplatesTable;
  catalog_cross_references: CatalogCrossReferencesTable;
}

type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
export type CatalogSource = 'builtin' | 'oscal-catalog' | 'oscal-profile';
export type CatalogLevel = 'basis' | 'standard' | 'elevated';
export type CatalogEffort = 'low' | 'medium' | 'high';
export type MeasureTemplateType =
  | 'technical'
  | 'organisational'
  | 'workshop'
  | 'penetration_test'
  | 'training';

export interface CatalogsTable {
  id: Generated<string>;
  key: string;
  version: string;
  title: string;
  title_en: string | null;
  source: CatalogSource;
  oscal_uuid: string | null;
  /** What the OSCAL export needs to round-trip (see catalogs/repository.ts `CatalogMetadata`). */
  metadata: JsonWithDefault<Record<string, unknown>>;
  group_count: Generated<number>;
  requirement_count: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}
export type CatalogRow = Selectable<CatalogsTable>;

export interface CatalogGroupsTable {
  id: Generated<string>;
  catalog_id: string;
  parent_id: string | null;
  group_key: string | null;
  title: string;
  title_en: string | null;
  position: number;
  ordinal: number;
  data: JsonWithDefault<Record<string, unknown>>;
}
export type CatalogGroupRow = Selectable<CatalogGroupsTable>;

export interface CatalogRequirementsTable {
  id: Generated<string>;
  catalog_id: string;
  group_id: string | null;
  parent_id: string | null;
  requirement_key: string;
  position: number;
  ordinal: number;
  depth: Generated<number>;
  title: string;
  title_en: string | null;
  statement: string | null;
  statement_en: string | null;
  guidance: string | null;
  guidance_en: string | null;
  level: CatalogLevel | null;
  level_raw: string | null;
  effort: CatalogEffort | null;
  effort_raw: string | null;
  modal_verb: string | null;
  references: JsonWithDefault<Record<string, unknown>>;
  data: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}
export type CatalogRequirementRow = Selectable<CatalogRequirementsTable>;

export interface MeasureTemplatesTable {
  id: Generated<string>;
  catalog_id: string;
  requirement_id: string;
  template_key: string;
  type: MeasureTemplateType;
  title: string;
  title_en: string | null;
  description: string | null;
  description_en: string | null;
  position: Generated<number>;
}
export type MeasureTemplateRow = Selectable<MeasureTemplatesTable>;

export interface CatalogCrossReferencesTable {
  id: Generated<string>;
  collection_key: string;
  collection_uuid: string | null;
  source_catalog: string;
  source_id: string;
  target_catalog: string;
  target_id: string;
  relationship: string;
  data: JsonWithDefault<Record<string, unknown>>;
  created_at: CreatedAt;
}
export type CatalogCrossReferenceRow = Selectable<CatalogCrossReferencesTable>;

// --- Assessments (migrations/20261123140000_assessments.sql) -------------------------------------
export interface DB {
  assessments: AssessmentsTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_answer_history: AssessmentAnswerHistoryTable;
  assessment_evidence: AssessmentEvidenceTable;
  assessment_samples: AssessmentSamplesTable;
}

export type AssessmentPhase = 'self' | 'on_site' | 're_assessment';
export type AssessmentStatus = 'draft' | 'submitted' | 'verified' | 'frozen';
export type AnswerStatus = 'yes' | 'partial' | 'no' | 'not_applicable' | 'open';
export type SampleResult = 'passed' | 'failed' | 'inconclusive';

export interface AssessmentsTable {
  id: Generated<string>;
  organisation_id: string;
  catalog_id: string;
  title: string;
  subset: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  phase: AssessmentPhase;
  status: Generated<AssessmentStatus>;
  predecessor_id: string | null;
  requirement_count: number;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  submitted_at: Date | null;
  submitted_by: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  frozen_at: Date | null;
  frozen_by: string | null;
  snapshot: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  snapshot_sha256: string | null;
}
export type AssessmentRow = Selectable<AssessmentsTable>;

export interface AssessmentAnswersTable {
  id: Generated<string>;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  topic_id: string | null;
  ordinal: number;
  status: Generated<AnswerStatus>;
  justification: string | null;
  responsible: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  auditor_status: AnswerStatus | null;
  auditor_note: string | null;
  overridden_by: string | null;
  overridden_at: Date | null;
}
export type AssessmentAnswerRow = Selectable<AssessmentAnswersTable>;

export interface AssessmentAnswerHistoryTable {
  id: Generated<number>;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  kind: 'answer' | 'override';
  previous: ColumnType<Record<string, unknown> | null, string | null, never>;
  next: ColumnType<Record<string, unknown>, string, never>;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: CreatedAt;
}

export interface AssessmentEvidenceTable {
  id: Generated<string>;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}
export type AssessmentEvidenceRow = Selectable<AssessmentEvidenceTable>;

export interface AssessmentSamplesTable {
  id: Generated<string>;
  organisation_id: string;
  assessment_id: string;
  requirement_id: string;
  description: string;
  result: SampleResult;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}
export type AssessmentSampleRow = Selectable<AssessmentSamplesTable>;

// --- measures (migrations/20261123150000_measures.sql) -------------------------------------------

export interface DB {
  measures: MeasuresTable;
  measure_history: MeasureHistoryTable;
  measure_packages: MeasurePackagesTable;
}
export type MeasureType = 'technical' | 'organisational' | 'workshop' | 'penetration_test' | 'training';
export type MeasureStatus = 'proposed' | 'agreed' | 'in_progress' | 'done' | 'verified';
export interface MeasureSource {
  kind: 'requirement' | 'template' | 'finding';
  id: string;
  key: string;
}
export interface MeasuresTable {
  id: Generated<string>;
  organisation_id: string;
  assessment_id: string;
  package_id: string | null;
  sources: ColumnType<MeasureSource[], string, string>;
  generation_key: string | null;
  type: MeasureType;
  title: string;
  description: string | null;
  priority: number;
  owner: string | null;
  /** `date`; select it as text (YYYY-MM-DD). */
  due_date: ColumnType<string | null, string | null, string | null>;
  status: Generated<MeasureStatus>;
  /** bigint; select it cast to a number. */
  cost_estimate_cents: ColumnType<string | number | null, number | null, number | null>;
  funding_stage: 1 | 2 | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
  updated_at: UpdatedAt;
}
export interface MeasureHistoryTable {
  id: Generated<number>;
  organisation_id: string;
  measure_id: string;
  kind: 'created' | 'status' | 'fields';
  previous: ColumnType<Record<string, unknown> | null, string | null, never>;
  next: ColumnType<Record<string, unknown>, string, never>;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: CreatedAt;
}
export interface MeasurePackagesTable {
  id: Generated<string>;
  organisation_id: string;
  assessment_id: string;
  version: number;
  status: Generated<'draft' | 'delivered'>;
  delivered_at: Date | null;
  delivered_by: string | null;
  snapshot: ColumnType<unknown, string, string>;
  measure_count: number;
  created_by: string | null;
  created_at: CreatedAt;
}

// --- asset inventory (migrations/20261123160000_assets.sql) ----------------------------------------

export interface DB {
  assets: AssetsTable;
  installed_products: InstalledProductsTable;
}
export type AssetKind = 'domain' | 'host' | 'service';
export interface AssetsTable {
  id: Generated<string>;
  organisation_id: string;
  kind: AssetKind;
  name: string;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  product: string | null;
  parent_id: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type AssetRow = Selectable<AssetsTable>;
export interface InstalledProductsTable {
  id: Generated<string>;
  organisation_id: string;
  asset_id: string | null;
  vendor: string | null;
  product: string;
  version: string | null;
  cpe: string | null;
  purl: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type InstalledProductRow = Selectable<InstalledProductsTable>;

// --- organisation boundaries (migrations/20261123240000_geometries.sql) ------------------------------

export interface DB {
  organisation_geometries: OrganisationGeometriesTable;
}
export interface OrganisationGeometriesTable {
  organisation_id: string;
  geometry: ColumnType<unknown, string, string>;
  sha256: string;
  source: string;
  attribution: string | null;
  imported_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
