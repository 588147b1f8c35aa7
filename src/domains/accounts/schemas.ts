import { z } from 'zod';
import { NewPasswordSchema } from '../../platform/auth/password.ts';
import { MembershipSchema } from '../users/schemas.ts';

export const LoginBody = z.strictObject({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'sechs Ziffern')
    .optional(),
});
export type LoginInput = z.infer<typeof LoginBody>;

export const MeSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(['de', 'en']),
    totpEnabled: z.boolean(),
    hasPassword: z.boolean(),
  }),
  memberships: z.array(MembershipSchema),
  assignedOrganisationIds: z.array(z.uuid()),
  secondFactorRequired: z.boolean(),
  csrfToken: z.string(),
  session: z.object({ authMethod: z.enum(['password', 'oidc']), createdAt: z.iso.datetime() }),
});
export type MeDto = z.infer<typeof MeSchema>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: NewPasswordSchema,
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const TotpSetupBody = z.strictObject({ password: z.string().min(1).max(1024) });
export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export const TotpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'sechs Ziffern') });
export const TotpDisableBody = z.strictObject({
  password: z.string().min(1).max(1024),
  code: z.string().regex(/^\d{6}$/, 'sechs Ziffern'),
});

export const OidcInfoSchema = z.object({ enabled: z.boolean(), label: z.string().nullable() });
