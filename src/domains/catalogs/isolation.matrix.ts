import type { DomainMatrix } from '../../../test/isolation.ts';

const PUBLIC_REASON =
  'catalogs are programme-wide reference data without an owning organisation: every signed-in role reads them (catalog.read, global)';

export const catalogsMatrix: DomainMatrix = {
  entries: {
    'GET /api/v1/catalogs': { kind: 'self-or-public', reason: PUBLIC_REASON },
    'GET /api/v1/catalogs/{id}': { kind: 'self-or-public', reason: PUBLIC_REASON },
    'GET /api/v1/catalogs/{id}/requirements': { kind: 'self-or-public', reason: PUBLIC_REASON },
    'GET /api/v1/catalogs/{id}/export': { kind: 'self-or-public', reason: PUBLIC_REASON },
    'POST /api/v1/catalogs': {
      kind: 'write',
      probe: () => ({
        method: 'POST',
        url: '/api/v1/catalogs',
        body: {
          catalog: {
            uuid: '3f0e9a52-6a1c-4d3b-8e2f-5c7a9b1d2e41',
            metadata: {
              title: 'Isolationsprobe',
              'last-modified': '2026-01-01T00:00:00Z',
              version: '1',
              'oscal-version': '1.1.3',
            },
            controls: [{ id: 'P.1', title: 'Probe' }],
          },
        },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
  },
};
