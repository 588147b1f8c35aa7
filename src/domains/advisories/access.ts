/**
 * Who the caller is as a TLP recipient, and which CERT owns an import. Shared by the advisory and
 * warning services.
 */
import type { RequestContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertPermitted, type Scope } from '../../platform/policy/policy.ts';
import type { TlpContext, TlpRecipient } from '../../platform/tlp/tlp.ts';
import { type OrganisationInfo, unsafeOrganisationInfo } from './repository.ts';

/**
 * The caller as TLP sees them: every membership with its organisation's state and ancestors.
 * The system actor (CLI, jobs) is no person and receives nothing above CLEAR.
 */
export async function tlpRecipientOf(
  ctx: RequestContext,
  db: Executor = ctx.db,
): Promise<TlpRecipient | null> {
  if (ctx.actor.kind !== 'user') return null;
  const infos = await unsafeOrganisationInfo(
    db,
    ctx.memberships.map((m) => m.organisationId),
  );
  const byId = new Map(infos.map((i) => [i.id, i]));
  return {
    userId: ctx.actor.userId,
    memberships: ctx.memberships.map((m) => ({
      organisationId: m.organisationId,
      role: m.role,
      stateId: byId.get(m.organisationId)?.state_id ?? null,
      ancestorIds: byId.get(m.organisationId)?.ancestor_ids ?? [],
    })),
  };
}

/** The Kommunen a CERT serves: its state's subtree. */
export const servedScope = (cert: Pick<OrganisationInfo, 'state_id'>): Scope => ({
  all: false,
  organisationIds: [],
  subtreeRootIds: cert.state_id ? [cert.state_id] : [],
});

export function tlpContextOf(row: {
  organisation_id: string;
  owner_state_id: string | null;
  named_recipient_user_ids: string[];
  shared_with_organisation_ids?: string[];
  recipient_organisation_ids?: string[];
}): TlpContext {
  return {
    ownerOrganisationId: row.organisation_id,
    ownerStateId: row.owner_state_id,
    namedRecipientUserIds: row.named_recipient_user_ids,
    sharedWithOrganisationIds: row.shared_with_organisation_ids ?? row.recipient_organisation_ids ?? [],
  };
}

/**
 * The CERT organisation acting: the one given (admin, or a user in several CERTs), else the
 * caller's only CERT membership. Checks `advisory.manage` on it.
 */
export async function actingCert(
  ctx: RequestContext,
  db: Executor,
  organisationId: string | undefined,
  permission: 'advisory.manage' | 'warning.publish' = 'advisory.manage',
): Promise<OrganisationInfo> {
  let id = organisationId;
  if (!id) {
    const certs = [...new Set(ctx.memberships.filter((m) => m.role === 'cert').map((m) => m.organisationId))];
    if (certs.length === 1) id = certs[0];
    else if (certs.length > 1) {
      throw new AppError('validation-failed', {
        detail: 'Sie gehören mehreren CERTs an: bitte organisationId angeben.',
        errors: [{ pointer: '/query/organisationId', message: 'erforderlich' }],
      });
    } else if (ctx.actor.kind === 'system' || ctx.memberships.some((m) => m.role === 'admin')) {
      throw new AppError('validation-failed', {
        detail: 'Bitte das CERT angeben, dem die Meldung gehört (organisationId).',
        errors: [{ pointer: '/query/organisationId', message: 'erforderlich' }],
      });
    } else {
      throw new AppError('forbidden', { detail: 'Nur ein CERT kann Sicherheitsmeldungen verwalten.' });
    }
  }
  const [cert] = await unsafeOrganisationInfo(db, [id as string]);
  if (!cert) throw notFound('Das CERT');
  assertPermitted(ctx, permission, cert);
  if (cert.type !== 'cert') {
    throw new AppError('validation-failed', {
      detail: 'Sicherheitsmeldungen gehören einem CERT; die angegebene Organisation ist keines.',
      errors: [{ pointer: '/query/organisationId', message: 'keine CERT-Organisation' }],
    });
  }
  return cert;
}
