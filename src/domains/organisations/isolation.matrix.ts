import type { DomainMatrix } from '../../../test/isolation.ts';

export const organisationsMatrix: DomainMatrix = {
  entries: {
    'GET /api/v1/organisations': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/organisations?q=Halberstadt&limit=500' }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((o) => o.id === f.victimOrganisationId),
    },
    'GET /api/v1/organisations/boundaries': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/organisations/boundaries?type=municipality' }),
      owner: 'isb.halberstadt',
      leaks: (body, f) =>
        (body as unknown as { features: { id: string }[] }).features.some(
          (g) => g.id === f.victimOrganisationId,
        ),
    },
    'GET /api/v1/organisations/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/organisations/${f.victimOrganisationId}` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/organisations',
        body: { type: 'provider', name: 'Untermieter GmbH', parentId: f.victimOrganisationId },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
  },
};
