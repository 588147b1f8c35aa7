import type { DomainMatrix } from '../../../test/isolation.ts';

export const usersMatrix: DomainMatrix = {
  entries: {
    'GET /api/v1/users': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/users?q=halberstadt&limit=500' }),
      owner: 'isb.halberstadt',
      leaks: (body, f) => body.items.some((u) => u.id === f.victimUserId),
    },
    'GET /api/v1/users/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/users/${f.victimUserId}` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/users': {
      kind: 'write',
      probe: () => ({
        method: 'POST',
        url: '/api/v1/users',
        body: { email: 'neu@halberstadt.example', displayName: 'Neu' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'POST /api/v1/users/{id}/memberships': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${f.victimUserId}/memberships`,
        body: { organisationId: f.victimOrganisationId, role: 'member' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'DELETE /api/v1/users/{id}/memberships/{membershipId}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `/api/v1/users/${f.victimUserId}/memberships/${f.victimMembershipId}`,
      }),
      owner: 'admin',
      ownerStatus: 204,
    },
    'POST /api/v1/users/{id}/auditor-assignments': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${f.otherAuditorId}/auditor-assignments`,
        body: { organisationId: f.victimOrganisationId },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'DELETE /api/v1/users/{id}/auditor-assignments/{organisationId}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `/api/v1/users/${f.auditorId}/auditor-assignments/${f.victimOrganisationId}`,
      }),
      owner: 'admin',
      ownerStatus: 204,
    },
    'POST /api/v1/users/{id}/password': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/users/${f.victimUserId}/password`,
        body: { password: 'Uebernommen-1234567' },
      }),
      owner: 'admin',
      ownerStatus: 204,
    },
    'POST /api/v1/users/{id}/disable': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `/api/v1/users/${f.victimUserId}/disable` }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'POST /api/v1/users/{id}/enable': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `/api/v1/users/${f.victimUserId}/enable` }),
      owner: 'admin',
      ownerStatus: 200,
    },
  },
};
