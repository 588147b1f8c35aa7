import type { DomainMatrix, Fixture } from '../../../../test/isolation.ts';

/**
 * The victim here is the CERT of Sachsen-Anhalt and its providers; the outsider CERT is
 * Thüringen's. Provider URLs point at a loopback literal, which the outbound guard refuses
 * before any packet leaves: the positive poll answers 200 with the refusal in its report.
 */
const PROVIDER_URL = 'https://127.0.0.1:9/.well-known/csaf/provider-metadata.json';
const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`advisory feeds matrix: fixture.extra.${name} missing`);
  return value;
};

export const advisoryFeedsMatrix: DomainMatrix = {
  async setup(t, f) {
    const cert = await t.as('cert');
    const created = await cert.post('/api/v1/advisory-feeds', { url: PROVIDER_URL });
    const spare = await cert.post('/api/v1/advisory-feeds', { url: `${PROVIDER_URL}?spare` });
    if (created.statusCode !== 201 || spare.statusCode !== 201) {
      throw new Error(`advisory feeds matrix: setup failed ${created.body} ${spare.body}`);
    }
    const provider = created.json() as { id: string; organisationId: string };
    Object.assign(f.extra, {
      feedProviderId: provider.id,
      spareFeedProviderId: (spare.json() as { id: string }).id,
      certOrganisationId: provider.organisationId,
    });
  },
  entries: {
    'GET /api/v1/advisory-feeds': {
      kind: 'list',
      probe: () => ({ method: 'GET', url: '/api/v1/advisory-feeds' }),
      owner: 'cert',
      leaks: (body, f) => body.items.some((p) => p.id === x(f, 'feedProviderId')),
    },
    'POST /api/v1/advisory-feeds': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: '/api/v1/advisory-feeds',
        body: {
          url: 'https://csaf.example.org/.well-known/csaf/provider-metadata.json',
          organisationId: x(f, 'certOrganisationId'),
        },
      }),
      owner: 'cert',
      ownerStatus: 201,
    },
    'GET /api/v1/advisory-feeds/{id}/entries': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/advisory-feeds/${x(f, 'feedProviderId')}/entries` }),
      owner: 'cert',
    },
    'POST /api/v1/advisory-feeds/{id}/poll': {
      kind: 'write',
      probe: (f) => ({ method: 'POST', url: `/api/v1/advisory-feeds/${x(f, 'feedProviderId')}/poll` }),
      owner: 'cert',
      ownerStatus: 200,
    },
    'DELETE /api/v1/advisory-feeds/{id}': {
      kind: 'write',
      probe: (f) => ({ method: 'DELETE', url: `/api/v1/advisory-feeds/${x(f, 'spareFeedProviderId')}` }),
      owner: 'cert',
      ownerStatus: 204,
    },
  },
};
