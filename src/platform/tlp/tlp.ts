import type { Role } from '../db/schema.ts';

/**
 * Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/) in one place.
 *
 * Every read or hand-over of a labelled object (advisory, warning, incident report) asks
 * `mayReceive` / `mayShareWith`. TLP is a ceiling on top of the role policy
 * (`platform/policy/policy.ts`), never a grant of its own: a viewer needs both the role
 * permission and the TLP clearance. No role bypasses TLP, not even `admin`: the platform
 * operator is not a recipient of the information it carries.
 *
 * How FIRST's rules map onto Bastei:
 * - CLEAR: anyone, also unauthenticated readers.
 * - GREEN: the community = every signed-in user holding at least one membership in Bastei
 *   (municipalities, state, CERT, providers, BSI). Not the public.
 * - AMBER: the recipient ("owner") organisation and the clients it serves on a need-to-know basis.
 *   A state CERT serves its state's tree: it may pass AMBER to organisations of that state by
 *   listing them in `sharedWithOrganisationIds` (an entry covers the organisation and its subtree,
 *   e.g. a district). Listing an organisation of another state or outside the tree (provider,
 *   federal) grants nothing.
 * - AMBER+STRICT: only the recipient organisation itself; `sharedWithOrganisationIds` is ignored,
 *   so the CERT can never pass it on to municipalities.
 * - RED: only the individual users named on the object (`namedRecipientUserIds`). Organisation
 *   membership, role and sharing lists grant nothing.
 * - The originating organisation (e.g. the municipality that filed an incident report) always
 *   receives its own information up to AMBER+STRICT; for RED its people must be named.
 */

export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

/** CSAF 2.0 carries TLP v1 labels. */
export const CSAF_TLP_V1_LABELS = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;
export type CsafTlpV1Label = (typeof CSAF_TLP_V1_LABELS)[number];

const CSAF_TO_TLP2: Record<CsafTlpV1Label, TlpLabel> = {
  WHITE: 'CLEAR',
  GREEN: 'GREEN',
  AMBER: 'AMBER',
  RED: 'RED',
};

/** CSAF 2.0 TLP v1 label → TLP 2.0, the table of the CSAF 2.1 conversion rules. */
export function mapCsafTlp(label: CsafTlpV1Label): TlpLabel {
  return CSAF_TO_TLP2[label];
}

export const isTlpLabel = (value: unknown): value is TlpLabel =>
  typeof value === 'string' && (TLP_LABELS as readonly string[]).includes(value);

/**
 * Reads a label as people write it: `TLP:AMBER+STRICT`, `amber+strict`, `TLP: CLEAR`,
 * and the TLP v1 `WHITE` (→ CLEAR). Anything else gives null.
 */
export function parseTlpLabel(text: string): TlpLabel | null {
  const normalised = text
    .trim()
    .toUpperCase()
    .replace(/^TLP\s*:\s*/, '')
    .replace(/\s*\+\s*/, '+');
  if (normalised === 'WHITE') return 'CLEAR';
  return isTlpLabel(normalised) ? normalised : null;
}

/** Restrictiveness: CLEAR 0 < GREEN 1 < AMBER 2 < AMBER+STRICT 3 < RED 4. */
export const TLP_RANK: Readonly<Record<TlpLabel, number>> = {
  CLEAR: 0,
  GREEN: 1,
  AMBER: 2,
  'AMBER+STRICT': 3,
  RED: 4,
};

/** The more restrictive of two labels (e.g. a warning derived from an advisory and a note). */
export const stricterTlp = (a: TlpLabel, b: TlpLabel): TlpLabel => (TLP_RANK[a] >= TLP_RANK[b] ? a : b);

/** One membership of the viewer, as the DB layer knows it. */
export interface TlpMembership {
  organisationId: string;
  /** The state (Land) organisation the membership organisation belongs to; the state's own id for
   * the state itself and for its CERT; null for federal and provider organisations. */
  stateId: string | null;
  role: Role;
  /** Ancestors of the membership organisation in the tree (nearest first or any order). Lets a
   * share with a district or the state reach the organisations below it. */
  ancestorIds?: readonly string[];
}

/** The person about to receive the object. `null` = not signed in (the public). */
export interface TlpRecipient {
  userId: string;
  memberships: readonly TlpMembership[];
}

/** Where a labelled object sits; stored beside the label on every labelled row. */
export interface TlpContext {
  /** The recipient organisation holding the object (e.g. the state CERT that imported an advisory). */
  ownerOrganisationId: string;
  /** The owner's state; AMBER may be passed only within it. Null for federal/provider owners. */
  ownerStateId: string | null;
  /** RED: the individuals who may read it. */
  namedRecipientUserIds: readonly string[];
  /** AMBER: the organisations (with their subtrees) the owner passed it on to. */
  sharedWithOrganisationIds: readonly string[];
  /** The organisation the information came from (e.g. the reporting municipality), if not the owner. */
  originatorOrganisationId?: string | null;
}

export interface TlpLabelledObject extends TlpContext {
  label: TlpLabel;
}

export type TlpBasis =
  | 'clear'
  | 'community'
  | 'owner-organisation'
  | 'originator-organisation'
  | 'shared-organisation'
  | 'named-recipient';

export interface TlpDecision {
  allowed: boolean;
  /** Why it is allowed (for the distribution log); null when denied. */
  basis: TlpBasis | null;
  /** Short English reason, for logs and tests. */
  reason: string;
}

const allow = (basis: TlpBasis, reason: string): TlpDecision => ({ allowed: true, basis, reason });
const deny = (reason: string): TlpDecision => ({ allowed: false, basis: null, reason });

function inOrganisation(membership: TlpMembership, organisationId: string | null | undefined): boolean {
  return organisationId != null && membership.organisationId === organisationId;
}

/** The membership organisation is one of `ids` or lies below one of them. */
function coveredBy(membership: TlpMembership, ids: readonly string[]): boolean {
  if (ids.length === 0) return false;
  if (ids.includes(membership.organisationId)) return true;
  return (membership.ancestorIds ?? []).some((ancestor) => ids.includes(ancestor));
}

/** Whether `recipient` may receive an object labelled `label` sitting in `context`, and why. */
export function decideTlp(label: TlpLabel, recipient: TlpRecipient | null, context: TlpContext): TlpDecision {
  if (label === 'CLEAR') return allow('clear', 'TLP:CLEAR has no limit on disclosure');
  if (!recipient) return deny(`TLP:${label} is not for the public`);
  const memberships = recipient.memberships;
  switch (label) {
    case 'GREEN':
      return memberships.length > 0
        ? allow('community', 'TLP:GREEN: member of the Bastei community')
        : deny('TLP:GREEN: the user holds no membership in the community');
    case 'AMBER':
    case 'AMBER+STRICT': {
      if (memberships.some((m) => inOrganisation(m, context.ownerOrganisationId))) {
        return allow('owner-organisation', `TLP:${label}: member of the recipient organisation`);
      }
      if (memberships.some((m) => inOrganisation(m, context.originatorOrganisationId))) {
        return allow('originator-organisation', `TLP:${label}: member of the originating organisation`);
      }
      if (label === 'AMBER+STRICT') {
        return deny('TLP:AMBER+STRICT stays within the recipient organisation');
      }
      const shared = memberships.some(
        (m) =>
          context.ownerStateId !== null &&
          m.stateId === context.ownerStateId &&
          coveredBy(m, context.sharedWithOrganisationIds),
      );
      return shared
        ? allow('shared-organisation', 'TLP:AMBER: passed on to an organisation the recipient serves')
        : deny('TLP:AMBER: neither the recipient organisation nor one it passed the object on to');
    }
    case 'RED':
      return context.namedRecipientUserIds.includes(recipient.userId)
        ? allow('named-recipient', 'TLP:RED: named individual recipient')
        : deny('TLP:RED: only for the named individual recipients');
    default: {
      const unknownLabel: never = label;
      return deny(`unknown TLP label ${String(unknownLabel)}`);
    }
  }
}

/** Whether `recipient` may receive an object labelled `label` sitting in `context`. */
export function mayReceive(label: TlpLabel, recipient: TlpRecipient | null, context: TlpContext): boolean {
  return decideTlp(label, recipient, context).allowed;
}

/** `mayReceive` for a row that carries its label and context together. */
export function mayRead(object: TlpLabelledObject, recipient: TlpRecipient | null): boolean {
  return decideTlp(object.label, recipient, object).allowed;
}

/** An organisation the owner considers passing the object on to (a warning's audience). */
export interface TlpOrganisation {
  id: string;
  stateId: string | null;
}

/**
 * Whether the owner may pass an object on to a whole organisation (adding it to
 * `sharedWithOrganisationIds` or sending a warning to it). RED never goes to organisations,
 * AMBER+STRICT never leaves the owner, AMBER only to organisations of the owner's state.
 */
export function mayShareWith(label: TlpLabel, context: TlpContext, organisation: TlpOrganisation): boolean {
  switch (label) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER':
      return (
        organisation.id === context.ownerOrganisationId ||
        (context.ownerStateId !== null && organisation.stateId === context.ownerStateId)
      );
    case 'AMBER+STRICT':
      return organisation.id === context.ownerOrganisationId;
    case 'RED':
      return false;
    default: {
      const unknownLabel: never = label;
      throw new Error(`unknown TLP label ${String(unknownLabel)}`);
    }
  }
}
