import { z } from 'zod';
import { NewPasswordSchema } from '../../platform/auth/password.ts';
import { ROLES } from '../../platform/db/schema.ts';
import { PaginationQuery } from '../../platform/http/api.ts';

export const RoleSchema = z.enum(ROLES);

export const MembershipSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: RoleSchema,
});

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(['de', 'en']),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  memberships: z.array(MembershipSchema),
  assignedOrganisationIds: z.array(z.uuid()),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type UserDto = z.infer<typeof UserSchema>;

export const UserListQuery = z.strictObject({
  organisationId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...PaginationQuery,
});
export type UserListFilter = z.infer<typeof UserListQuery>;

export const UserListSchema = z.object({
  items: z.array(UserSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Bitte eine gültige E-Mail-Adresse angeben.' }).max(254));

export const CreateUserBody = z.strictObject({
  email: EmailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: NewPasswordSchema.optional().describe('omit for accounts that sign in through OIDC only'),
  locale: z.enum(['de', 'en']).default('de'),
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const AddMembershipBody = z.strictObject({ organisationId: z.uuid(), role: RoleSchema });
export type AddMembershipInput = z.infer<typeof AddMembershipBody>;

export const AssignmentBody = z.strictObject({ organisationId: z.uuid() });

export const SetPasswordBody = z.strictObject({ password: NewPasswordSchema });
