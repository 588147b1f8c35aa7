import type { DomainMatrix } from '../../../test/isolation.ts';

/**
 * The per-Kommune overview is a list: programme managers of another state see their own Kommunen
 * only, every other role is refused (403). The victim Halberstadt has the demo seed's frozen
 * Bastei-Basis assessment, so the admin's positive control finds it.
 */
export const overviewMatrix: DomainMatrix = {
  entries: {
    'GET /api/v1/overview/municipalities': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/overview/municipalities?limit=500' }),
      owner: 'admin',
      leaks: (body, f) => body.items.some((m) => m.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/overview/topics': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/overview/topics' }),
      owner: 'admin',
      // No ids in a distribution: any assessed Kommune counted is a Kommune of another tenant.
      leaks: (body) => (body as unknown as { assessed: number }).assessed > 0,
    },
    'GET /api/v1/overview/aggregates': {
      kind: 'self-or-public',
      reason:
        'anonymised aggregates without names or ids; observers see every state by design (DESIGN.md §1), programme managers their own; scoping and suppression of groups under five are tested in overview.test.ts',
    },
  },
};
