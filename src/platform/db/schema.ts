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
  /** Findings only: when the finding was fixed or its risk accepted (the measure stays). */
  resolvedAt?: string;
  resolution?: 'fixed' | 'accepted';
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

// --- incident reports (migrations/20261123230000_incidents.sql) -----------------------------------

export interface DB {
  incident_reports: IncidentReportsTable;
  incident_submissions: IncidentSubmissionsTable;
  incident_case_tasks: IncidentCaseTasksTable;
  incident_case_notes: IncidentCaseNotesTable;
  incident_advisory_links: IncidentAdvisoryLinksTable;
  incident_info_requests: IncidentInfoRequestsTable;
}
export type IncidentSubmissionKind = 'early_warning' | 'notification' | 'intermediate' | 'final';
export type IncidentCaseStatus = 'new' | 'in_progress' | 'closed_true_positive' | 'closed_false_positive';
export interface IncidentReportsTable {
  id: Generated<string>;
  organisation_id: string;
  cert_organisation_id: string;
  reference: string;
  report: ColumnType<unknown, string, string>;
  title: string;
  category: string;
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
  pap: 'CLEAR' | 'GREEN' | 'AMBER' | 'RED';
  named_recipient_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  started_at: Date | null;
  detected_at: Date;
  aware_at: Date;
  personal_data: boolean;
  latest_version: number;
  early_warning_submitted_at: Date | null;
  notification_submitted_at: Date | null;
  final_submitted_at: Date | null;
  final_due_at: Date | null;
  case_status: Generated<IncidentCaseStatus>;
  case_assignee_user_id: string | null;
  intermediate_requested_at: Date | null;
  intermediate_due_at: Date | null;
  intermediate_submitted_at: Date | null;
  case_closed_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export interface IncidentSubmissionsTable {
  id: Generated<string>;
  organisation_id: string;
  incident_id: string;
  version: number;
  kind: IncidentSubmissionKind;
  report: ColumnType<unknown, string, never>;
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
  submitted_by: string | null;
  submitted_by_label: string;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
}
export interface IncidentCaseTasksTable {
  id: Generated<string>;
  organisation_id: string;
  incident_id: string;
  title: string;
  done: Generated<boolean>;
  done_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export interface IncidentCaseNotesTable {
  id: Generated<string>;
  organisation_id: string;
  incident_id: string;
  text: string;
  author_user_id: string | null;
  author_label: string;
  created_at: CreatedAt;
}
export interface IncidentAdvisoryLinksTable {
  organisation_id: string;
  incident_id: string;
  advisory_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface IncidentInfoRequestsTable {
  id: Generated<string>;
  organisation_id: string;
  incident_id: string;
  question: string;
  due_at: Date;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: CreatedAt;
  answer: string | null;
  answered_by: string | null;
  answered_by_label: string | null;
  answered_at: Date | null;
}

// --- scan authorisations (migrations/20261123170000_scan_authorisations.sql) ---------------------

export interface DB {
  scan_authorisations: ScanAuthorisationsTable;
  domain_verifications: DomainVerificationsTable;
}
export type AuthorisationKind = 'domain' | 'host' | 'ip' | 'cidr';
export type AuthorisationGrantorRole = 'isb' | 'programme_manager' | 'admin' | 'system';
export interface ScanAuthorisationsTable {
  id: Generated<string>;
  organisation_id: string;
  kind: AuthorisationKind;
  target: string;
  ports: number[] | null;
  note: string | null;
  granted_by: string | null;
  granted_by_label: string;
  granted_by_role: AuthorisationGrantorRole;
  granted_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: ColumnType<Date, Date | string, never>;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_label: string | null;
  revocation_reason: string | null;
}
export type ScanAuthorisationRow = Selectable<ScanAuthorisationsTable>;
export type DomainCheckResult = 'verified' | 'missing' | 'error';
export interface DomainVerificationsTable {
  id: Generated<string>;
  organisation_id: string;
  domain: string;
  token: string;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: CreatedAt;
  verified_at: Date | null;
  verified_by_label: string | null;
  valid_until: Date | null;
  last_checked_at: Date | null;
  last_check_result: DomainCheckResult | null;
  last_check_detail: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_label: string | null;
}
export type DomainVerificationRow = Selectable<DomainVerificationsTable>;

// --- scan findings (migrations/20261123180000_scan_findings.sql) -----------------------------------

export interface DB {
  scan_imports: ScanImportsTable;
  scan_findings: ScanFindingsTable;
  scan_finding_history: ScanFindingHistoryTable;
}
export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';
export type FindingState = 'open' | 'fixed' | 'accepted';
export type FindingSource = 'greenbone' | 'nmap' | 'testssl' | 'nuclei' | 'internetnl' | 'bastei';
export interface ScanImportsTable {
  id: Generated<string>;
  organisation_id: string;
  kind: 'import' | 'run';
  source: FindingSource;
  label: string;
  file_name: string | null;
  sha256: string | null;
  /** bigint; select it cast to a number. */
  size_bytes: ColumnType<string | number | null, number | null, number | null>;
  run_id: string | null;
  scanner_version: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  coverage: ColumnType<{ host: string; ports?: number[] }[], string, string>;
  coverage_from_findings_only: Generated<boolean>;
  findings_reported: number;
  services_reported: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  fixed_count: Generated<number>;
  reopened_count: Generated<number>;
  unchanged_count: Generated<number>;
  open_counts: ColumnType<Record<string, number>, string | undefined, string>;
  imported_by: string | null;
  imported_by_label: string;
  imported_at: CreatedAt;
}
export interface ScanFindingsTable {
  id: Generated<string>;
  organisation_id: string;
  asset_id: string;
  finding_key: string;
  source: FindingSource;
  host: string;
  ip: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  service: string | null;
  check_id: string | null;
  vulnerability_id: string | null;
  cves: ColumnType<string[], string[] | undefined, string[]>;
  cvss_score: number | null;
  cvss_vector: string | null;
  severity: FindingSeverity;
  reported_severity: 'critical' | FindingSeverity;
  title: string;
  description: string | null;
  evidence: string | null;
  solution: string | null;
  refs: ColumnType<string[], string | undefined, string>;
  state: Generated<FindingState>;
  accepted_reason: string | null;
  accepted_by: string | null;
  accepted_at: Date | null;
  accepted_until: Date | null;
  fixed_at: Date | null;
  first_seen: Date;
  last_seen: Date;
  first_import_id: string;
  last_import_id: string;
  updated_at: UpdatedAt;
}
export interface ScanFindingHistoryTable {
  id: Generated<number>;
  organisation_id: string;
  finding_id: string;
  import_id: string | null;
  kind: 'created' | 'state' | 'severity';
  from_state: FindingState | null;
  to_state: FindingState;
  severity: FindingSeverity;
  reason: string | null;
  accepted_until: Date | null;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: CreatedAt;
}

// --- advisories and warnings (migrations/20261123220000_advisories.sql) -----------------------------

export interface DB {
  advisories: AdvisoriesTable;
  advisory_aliases: AdvisoryAliasesTable;
  advisory_matches: AdvisoryMatchesTable;
  warnings: WarningsTable;
  warning_recipients: WarningRecipientsTable;
  warning_responses: WarningResponsesTable;
  warning_distribution_log: WarningDistributionLogTable;
  warning_notifications: WarningNotificationsTable;
}
export type TlpLabelColumn = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
export type AdvisoryMatchClass = 'confirmed' | 'probable' | 'review';
export type WarningStatement = 'affected' | 'not_affected' | 'mitigated';
export interface AdvisoriesTable {
  id: Generated<string>;
  organisation_id: string;
  owner_state_id: string | null;
  document_key: string;
  publisher_namespace: string;
  publisher_name: string;
  tracking_id: string;
  version: string;
  tracking_status: 'draft' | 'interim' | 'final';
  initial_release_date: Date | string | null;
  current_release_date: Date | string | null;
  category: string;
  title: string;
  language: string | null;
  tlp_label: TlpLabelColumn;
  tlp_source: 'document' | 'distribution-text' | 'default';
  csaf_tlp_label: string | null;
  cves: ColumnType<string[], string[] | undefined, string[]>;
  max_base_score: number | null;
  revision_history: JsonWithDefault<unknown[]>;
  validation_warnings: JsonWithDefault<unknown[]>;
  content: Uint8Array;
  size: number;
  sha512: string;
  sha256: string;
  is_current: boolean;
  shared_with_organisation_ids: ColumnType<string[], string[] | undefined, string[]>;
  named_recipient_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  imported_by: string | null;
  imported_by_label: string;
  imported_at: CreatedAt;
  matched_at: Date | null;
}
export interface AdvisoryAliasesTable {
  id: Generated<string>;
  organisation_id: string;
  alias_key: string;
  label: string | null;
  cpes: ColumnType<string[], string[] | undefined, string[]>;
  purls: ColumnType<string[], string[] | undefined, string[]>;
  names: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
  updated_at: UpdatedAt;
}
export interface AdvisoryMatchesTable {
  id: Generated<string>;
  advisory_id: string;
  organisation_id: string;
  installed_product_id: string;
  product_id: string;
  class: AdvisoryMatchClass;
  basis: 'cpe' | 'purl' | 'alias' | 'name' | 'platform';
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  installed_version: string | null;
  advisory_version: string | null;
  cves: ColumnType<string[], string[] | undefined, string[]>;
  max_base_score: number | null;
  review_decision: 'confirmed' | 'dismissed' | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  matched_at: CreatedAt;
}
export interface WarningsTable {
  id: Generated<string>;
  organisation_id: string;
  owner_state_id: string | null;
  advisory_id: string;
  document_key: string;
  title: string;
  message: string | null;
  tlp_label: TlpLabelColumn;
  audience: ColumnType<Record<string, unknown>, string, string>;
  recipient_organisation_ids: ColumnType<string[], string[] | undefined, string[]>;
  named_recipient_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  published_by: string | null;
  published_by_label: string;
  published_at: CreatedAt;
}
export interface WarningRecipientsTable {
  id: Generated<string>;
  warning_id: string;
  organisation_id: string;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  status: WarningStatement | null;
  note: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  revision: Generated<number>;
}
export interface WarningResponsesTable {
  id: Generated<number>;
  warning_id: string;
  organisation_id: string;
  revision: number;
  status: WarningStatement;
  note: string | null;
  responded_by: string | null;
  responded_by_label: string;
  responded_at: CreatedAt;
}
export interface WarningDistributionLogTable {
  id: Generated<number>;
  warning_id: string;
  advisory_id: string;
  owner_organisation_id: string;
  organisation_id: string | null;
  user_id: string | null;
  channel: 'platform' | 'email' | 'webhook';
  recipient: string;
  tlp_label: TlpLabelColumn;
  basis: string;
  event: 'published' | 'delivered' | 'failed';
  detail: string | null;
  occurred_at: CreatedAt;
}
export interface WarningNotificationsTable {
  id: Generated<string>;
  warning_id: string;
  organisation_id: string | null;
  user_id: string | null;
  channel: 'email' | 'webhook';
  target: string;
  basis: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

// --- scan runs and schedules (migrations/20261123190000_scan_runs.sql) ------------------------------

export interface DB {
  scan_schedules: ScanSchedulesTable;
  scan_runs: ScanRunsTable;
}
export type ScanRunState = 'queued' | 'running' | 'done' | 'failed' | 'refused';
export interface ScanSchedulesTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  cron: string;
  timezone: Generated<string>;
  targets: ColumnType<Record<string, string>[], string, string>;
  next_run_at: Date;
  last_run_at: Date | null;
  created_by: string | null;
  created_by_label: string;
  created_at: CreatedAt;
  paused_at: Date | null;
  paused_by_label: string | null;
}
export interface ScanRunsTable {
  id: Generated<string>;
  organisation_id: string;
  target: ColumnType<Record<string, string>, string, string>;
  target_host: string;
  target_port: number | null;
  checks: string[] | null;
  label: string | null;
  requested_by: string | null;
  requested_by_label: string;
  schedule_id: string | null;
  state: Generated<ScanRunState>;
  reason: string | null;
  attempts: Generated<number>;
  queued_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  summary: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  results: ColumnType<unknown[] | null, string | null, string | null>;
}

// --- CSAF provider polling (migrations/20261123250000_advisory_feeds.sql) ----------------------------

export interface DB {
  advisory_feed_providers: AdvisoryFeedProvidersTable;
  advisory_feed_entries: AdvisoryFeedEntriesTable;
}
export interface AdvisoryFeedProvidersTable {
  id: Generated<string>;
  organisation_id: string;
  url: string;
  enabled: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  last_polled_at: Date | null;
  last_report: ColumnType<unknown, string | null, string | null>;
}
export interface AdvisoryFeedEntriesTable {
  provider_id: string;
  document_url: string;
  updated: string | null;
  outcome: 'imported' | 'unchanged' | 'rejected';
  detail: string | null;
  advisory_id: string | null;
  handled_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// --- Overview counts (migrations/20261124020000_overview_counts.sql) --------------------------------

export interface DB {
  assessment_topic_counts: AssessmentTopicCountsTable;
}
/** Maintained only by triggers on assessment_answers; read-only for the application. */
export interface AssessmentTopicCountsTable {
  assessment_id: ColumnType<string, never, never>;
  organisation_id: ColumnType<string, never, never>;
  topic_id: ColumnType<string | null, never, never>;
  yes: ColumnType<number, never, never>;
  partial: ColumnType<number, never, never>;
  no: ColumnType<number, never, never>;
  not_applicable: ColumnType<number, never, never>;
  open: ColumnType<number, never, never>;
  answered: ColumnType<number, never, never>;
  total: ColumnType<number, never, never>;
}
