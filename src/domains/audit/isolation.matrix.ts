import type { DomainMatrix } from '../../../test/isolation.ts';

export const auditMatrix: DomainMatrix = {
  entries: {
    'GET /api/v1/audit': {
      kind: 'list',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/audit?limit=500&organisationId=${f.victimOrganisationId}`,
      }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((e) => e.organisationId === f.victimOrganisationId),
    },
    'GET /api/v1/audit/verify': {
      kind: 'write',
      probe: () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
      owner: 'admin',
      ownerStatus: 200,
    },
  },
};
