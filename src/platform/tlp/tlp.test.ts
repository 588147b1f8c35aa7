import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../db/schema.ts';
import {
  decideTlp,
  mapCsafTlp,
  mayRead,
  mayReceive,
  mayShareWith,
  parseTlpLabel,
  stricterTlp,
  TLP_LABELS,
  type TlpContext,
  type TlpLabel,
  type TlpMembership,
  type TlpRecipient,
} from './tlp.ts';

/**
 * The tree used throughout: Sachsen-Anhalt (st) with its CERT, two districts and their
 * municipalities; Niedersachsen (ni) as the other state; a provider and the federal office
 * outside the tree.
 */
const ORGS: Record<string, { stateId: string | null; ancestorIds: string[] }> = {
  'cert-st': { stateId: 'st', ancestorIds: ['st'] },
  halberstadt: { stateId: 'st', ancestorIds: ['lk-harz', 'st'] },
  wernigerode: { stateId: 'st', ancestorIds: ['lk-harz', 'st'] },
  wolmirstedt: { stateId: 'st', ancestorIds: ['lk-boerde', 'st'] },
  oschersleben: { stateId: 'st', ancestorIds: ['lk-boerde', 'st'] },
  hannover: { stateId: 'ni', ancestorIds: ['region-hannover', 'ni'] },
  goettingen: { stateId: 'ni', ancestorIds: ['lk-goettingen', 'ni'] },
  'provider-x': { stateId: null, ancestorIds: [] },
  bsi: { stateId: null, ancestorIds: [] },
};

/** An AMBER-able advisory held by the CERT of Sachsen-Anhalt. */
const CONTEXT: TlpContext = {
  ownerOrganisationId: 'cert-st',
  ownerStateId: 'st',
  namedRecipientUserIds: ['u-named'],
  // halberstadt directly, the district Börde (→ wolmirstedt, oschersleben), and two entries that
  // must not count: a municipality of another state and a provider.
  sharedWithOrganisationIds: ['halberstadt', 'lk-boerde', 'hannover', 'provider-x'],
  originatorOrganisationId: null,
};

/** Originator case gets its own context so that it is not also covered by the Börde share. */
const ORIGINATOR_CONTEXT: TlpContext = {
  ...CONTEXT,
  sharedWithOrganisationIds: ['halberstadt', 'hannover', 'provider-x'],
  originatorOrganisationId: 'oschersleben',
};

type Relation =
  | 'owner organisation'
  | 'owner organisation, named'
  | 'originator organisation'
  | 'municipality shared with (in the CERT state)'
  | 'municipality below a shared district'
  | 'municipality in the CERT state, not shared'
  | 'municipality of another state, listed as shared'
  | 'municipality of another state'
  | 'provider, listed as shared'
  | 'federal office'
  | 'named, other state'
  | 'named, in the CERT state but not shared';

const RELATIONS: Record<Relation, { organisation: string; named: boolean; context: TlpContext }> = {
  'owner organisation': { organisation: 'cert-st', named: false, context: CONTEXT },
  'owner organisation, named': { organisation: 'cert-st', named: true, context: CONTEXT },
  'originator organisation': { organisation: 'oschersleben', named: false, context: ORIGINATOR_CONTEXT },
  'municipality shared with (in the CERT state)': {
    organisation: 'halberstadt',
    named: false,
    context: CONTEXT,
  },
  'municipality below a shared district': { organisation: 'wolmirstedt', named: false, context: CONTEXT },
  'municipality in the CERT state, not shared': {
    organisation: 'wernigerode',
    named: false,
    context: CONTEXT,
  },
  'municipality of another state, listed as shared': {
    organisation: 'hannover',
    named: false,
    context: CONTEXT,
  },
  'municipality of another state': { organisation: 'goettingen', named: false, context: CONTEXT },
  'provider, listed as shared': { organisation: 'provider-x', named: false, context: CONTEXT },
  'federal office': { organisation: 'bsi', named: false, context: CONTEXT },
  'named, other state': { organisation: 'goettingen', named: true, context: CONTEXT },
  'named, in the CERT state but not shared': { organisation: 'wernigerode', named: true, context: CONTEXT },
};

/**
 * The expected outcome, written out by hand from FIRST's definitions (not computed): the same for
 * every role, because TLP follows organisations and named people, never roles.
 *                                                       CLEAR  GREEN  AMBER  A+S    RED
 */
const EXPECTED: Record<Relation, [boolean, boolean, boolean, boolean, boolean]> = {
  'owner organisation': [true, true, true, true, false],
  'owner organisation, named': [true, true, true, true, true],
  'originator organisation': [true, true, true, true, false],
  'municipality shared with (in the CERT state)': [true, true, true, false, false],
  'municipality below a shared district': [true, true, true, false, false],
  'municipality in the CERT state, not shared': [true, true, false, false, false],
  'municipality of another state, listed as shared': [true, true, false, false, false],
  'municipality of another state': [true, true, false, false, false],
  'provider, listed as shared': [true, true, false, false, false],
  'federal office': [true, true, false, false, false],
  'named, other state': [true, true, false, false, true],
  'named, in the CERT state but not shared': [true, true, false, false, true],
};

function membership(organisation: string, role: Role): TlpMembership {
  const org = ORGS[organisation];
  if (!org) throw new Error(`unknown test organisation ${organisation}`);
  return { organisationId: organisation, stateId: org.stateId, ancestorIds: org.ancestorIds, role };
}

function viewer(organisation: string, role: Role, named: boolean): TlpRecipient {
  return { userId: named ? 'u-named' : 'u-other', memberships: [membership(organisation, role)] };
}

describe('TLP 2.0 sharing rules: every label × role × organisation relation', () => {
  const rows: [TlpLabel, Role, Relation, boolean][] = [];
  for (const relation of Object.keys(EXPECTED) as Relation[]) {
    for (const role of ROLES) {
      TLP_LABELS.forEach((label, index) => {
        rows.push([label, role, relation, EXPECTED[relation][index] as boolean]);
      });
    }
  }

  it('covers 5 labels × 7 roles × 12 relations', () => {
    expect(TLP_LABELS).toHaveLength(5);
    expect(ROLES).toEqual(['admin', 'programme_manager', 'auditor', 'isb', 'member', 'cert', 'observer']);
    expect(rows).toHaveLength(5 * 7 * 12);
  });

  it.each(rows)('TLP:%s, %s, %s → %s', (label, role, relation, expected) => {
    const { organisation, named, context } = RELATIONS[relation];
    const recipient = viewer(organisation, role, named);
    const decision = decideTlp(label, recipient, context);
    expect(decision.allowed).toBe(expected);
    expect(decision.basis === null).toBe(!expected);
    expect(mayReceive(label, recipient, context)).toBe(expected);
    expect(mayRead({ ...context, label }, recipient)).toBe(expected);
  });
});

describe('TLP edge cases', () => {
  it('the public (no recipient) gets CLEAR only', () => {
    expect(TLP_LABELS.filter((label) => mayReceive(label, null, CONTEXT))).toEqual(['CLEAR']);
  });

  it('a signed-in user without any membership is not part of the GREEN community', () => {
    const loner: TlpRecipient = { userId: 'u-loner', memberships: [] };
    expect(TLP_LABELS.filter((label) => mayReceive(label, loner, CONTEXT))).toEqual(['CLEAR']);
  });

  it('admin rights do not open AMBER, AMBER+STRICT or RED', () => {
    const admin: TlpRecipient = { userId: 'u-admin', memberships: [membership('bsi', 'admin')] };
    expect(TLP_LABELS.filter((label) => mayReceive(label, admin, CONTEXT))).toEqual(['CLEAR', 'GREEN']);
  });

  it('any one qualifying membership is enough (admin + isb of a shared municipality)', () => {
    const both: TlpRecipient = {
      userId: 'u-both',
      memberships: [membership('bsi', 'admin'), membership('halberstadt', 'isb')],
    };
    expect(decideTlp('AMBER', both, CONTEXT)).toMatchObject({ allowed: true, basis: 'shared-organisation' });
    expect(mayReceive('AMBER+STRICT', both, CONTEXT)).toBe(false);
  });

  it('a CERT of another state gets nothing beyond GREEN, even when listed', () => {
    const otherCert: TlpRecipient = {
      userId: 'u-cert-ni',
      memberships: [{ organisationId: 'cert-ni', stateId: 'ni', ancestorIds: ['ni'], role: 'cert' }],
    };
    const context = { ...CONTEXT, sharedWithOrganisationIds: ['cert-ni'] };
    expect(TLP_LABELS.filter((label) => mayReceive(label, otherCert, context))).toEqual(['CLEAR', 'GREEN']);
  });

  it('sharing with the whole state reaches every organisation of the state, AMBER only', () => {
    const context = { ...CONTEXT, sharedWithOrganisationIds: ['st'] };
    const isb = viewer('wernigerode', 'isb', false);
    expect(mayReceive('AMBER', isb, context)).toBe(true);
    expect(mayReceive('AMBER+STRICT', isb, context)).toBe(false);
    expect(mayReceive('RED', isb, context)).toBe(false);
  });

  it('an owner outside any state (federal, provider) cannot pass AMBER on', () => {
    const context: TlpContext = {
      ownerOrganisationId: 'bsi',
      ownerStateId: null,
      namedRecipientUserIds: [],
      sharedWithOrganisationIds: ['halberstadt'],
    };
    expect(mayReceive('AMBER', viewer('halberstadt', 'isb', false), context)).toBe(false);
    expect(mayReceive('AMBER', viewer('bsi', 'observer', false), context)).toBe(true);
  });

  it('a municipality reporting AMBER+STRICT to its CERT: both sides read it, nobody else', () => {
    const report: TlpContext = {
      ownerOrganisationId: 'cert-st',
      ownerStateId: 'st',
      namedRecipientUserIds: [],
      sharedWithOrganisationIds: [],
      originatorOrganisationId: 'halberstadt',
    };
    expect(mayReceive('AMBER+STRICT', viewer('halberstadt', 'member', false), report)).toBe(true);
    expect(mayReceive('AMBER+STRICT', viewer('cert-st', 'cert', false), report)).toBe(true);
    expect(mayReceive('AMBER+STRICT', viewer('wernigerode', 'isb', false), report)).toBe(false);
  });
});

describe('mayShareWith: whom the owner may pass an object on to', () => {
  const org = (id: string) => ({ id, stateId: ORGS[id]?.stateId ?? null });
  const table: [TlpLabel, string, boolean][] = [
    ['CLEAR', 'goettingen', true],
    ['GREEN', 'provider-x', true],
    ['AMBER', 'halberstadt', true],
    ['AMBER', 'wernigerode', true],
    ['AMBER', 'hannover', false],
    ['AMBER', 'provider-x', false],
    ['AMBER', 'bsi', false],
    ['AMBER+STRICT', 'cert-st', true],
    ['AMBER+STRICT', 'halberstadt', false],
    ['RED', 'cert-st', false],
    ['RED', 'halberstadt', false],
  ];
  it.each(table)('TLP:%s to %s → %s', (label, id, expected) => {
    expect(mayShareWith(label, CONTEXT, org(id))).toBe(expected);
  });
});

describe('labels', () => {
  it('maps CSAF 2.0 TLP v1 labels onto TLP 2.0', () => {
    expect(mapCsafTlp('WHITE')).toBe('CLEAR');
    expect(mapCsafTlp('GREEN')).toBe('GREEN');
    expect(mapCsafTlp('AMBER')).toBe('AMBER');
    expect(mapCsafTlp('RED')).toBe('RED');
  });

  it('parses labels as people write them', () => {
    expect(parseTlpLabel('TLP:AMBER+STRICT')).toBe('AMBER+STRICT');
    expect(parseTlpLabel('tlp: amber + strict')).toBe('AMBER+STRICT');
    expect(parseTlpLabel('WHITE')).toBe('CLEAR');
    expect(parseTlpLabel('TLP:CLEAR')).toBe('CLEAR');
    expect(parseTlpLabel('AMBER-STRICT')).toBeNull();
    expect(parseTlpLabel('')).toBeNull();
  });

  it('orders labels by restrictiveness', () => {
    expect(stricterTlp('GREEN', 'AMBER')).toBe('AMBER');
    expect(stricterTlp('RED', 'AMBER+STRICT')).toBe('RED');
    expect(stricterTlp('CLEAR', 'CLEAR')).toBe('CLEAR');
  });
});
