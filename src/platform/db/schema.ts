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
