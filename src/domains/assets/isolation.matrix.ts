import type { DomainMatrix, Fixture } from '../../../test/isolation.ts';
import { systemContext } from '../../platform/context.ts';
import { grantAuthorisation } from './authorisations.ts';
import { requestDomainVerification, revokeDomainVerification } from './dns-verification.ts';
import { createAsset, createInstalledProduct } from './service.ts';

const x = (f: Fixture, name: string) => {
  const value = f.extra[name];
  if (!value) throw new Error(`assets matrix: fixture.extra.${name} missing`);
  return value;
};
const org = (f: Fixture) => `/api/v1/organisations/${f.victimOrganisationId}`;

/**
 * The victim Kommune (Halberstadt) gets a domain, a host to delete, two installed products, an
 * authorisation and two DNS verifications (one revoked: checking it answers 409 before any DNS
 * lookup, so the positive control never leaves the machine). Writes' positive controls run as
 * admin (the users matrix may have ended the victim ISB's sessions by then).
 */
export const assetsMatrix: DomainMatrix = {
  async setup(t, f) {
    const ctx = systemContext(t.database.db, 'isolation-fixture');
    const organisationId = f.victimOrganisationId;
    const domain = await createAsset(ctx, organisationId, { kind: 'domain', name: 'halberstadt-matrix.de' });
    const host = await createAsset(ctx, organisationId, { kind: 'host', name: 'alt.halberstadt-matrix.de' });
    const product = await createInstalledProduct(ctx, organisationId, {
      vendor: 'nginx',
      product: 'nginx',
      version: '1.24.0',
    });
    const doomed = await createInstalledProduct(ctx, organisationId, { product: 'Altsystem' });
    const authorisation = await grantAuthorisation(ctx, organisationId, {
      kind: 'domain',
      target: 'halberstadt-matrix.de',
    });
    const verification = await requestDomainVerification(ctx, organisationId, 'halberstadt-matrix.de');
    const revoked = await requestDomainVerification(ctx, organisationId, 'alt-matrix.de');
    await revokeDomainVerification(ctx, revoked.verification.id);
    Object.assign(f.extra, {
      assetId: domain.id,
      deleteAssetId: host.id,
      installedProductId: product.id,
      deleteInstalledProductId: doomed.id,
      scanAuthorisationId: authorisation.id,
      domainVerificationId: verification.verification.id,
      revokedDomainVerificationId: revoked.verification.id,
    });
  },
  entries: {
    'GET /api/v1/organisations/{id}/assets': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/assets?limit=500` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations/{id}/assets': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/assets`,
        body: { kind: 'domain', name: 'matrix-neu.de' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'POST /api/v1/organisations/{id}/assets/import': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/assets/import`,
        body: { csv: 'kind,name\ndomain,import-matrix.de\n' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'GET /api/v1/assets/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/assets/${x(f, 'assetId')}` }),
      owner: 'isb.halberstadt',
    },
    'PATCH /api/v1/assets/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PATCH',
        url: `/api/v1/assets/${x(f, 'assetId')}`,
        body: { notes: 'Übernahmeversuch' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'DELETE /api/v1/assets/{id}': {
      kind: 'write',
      probe: (f) => ({ method: 'DELETE', url: `/api/v1/assets/${x(f, 'deleteAssetId')}` }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'GET /api/v1/organisations/{id}/installed-products': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/installed-products` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations/{id}/installed-products': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/installed-products`,
        body: { product: 'Matrix-Produkt' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/installed-products/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/installed-products/${x(f, 'installedProductId')}` }),
      owner: 'isb.halberstadt',
    },
    'PATCH /api/v1/installed-products/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'PATCH',
        url: `/api/v1/installed-products/${x(f, 'installedProductId')}`,
        body: { version: '1.25.0' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'DELETE /api/v1/installed-products/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `/api/v1/installed-products/${x(f, 'deleteInstalledProductId')}`,
      }),
      owner: 'admin',
      ownerStatus: 204,
    },
    'GET /api/v1/organisations/{id}/scan-authorisations': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/scan-authorisations` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations/{id}/scan-authorisations': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/scan-authorisations`,
        body: { kind: 'domain', target: 'matrix-freigabe.de' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/organisations/{id}/scan-authorisations/check': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `${org(f)}/scan-authorisations/check?host=www.halberstadt-matrix.de`,
      }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/scan-authorisations/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/scan-authorisations/${x(f, 'scanAuthorisationId')}` }),
      owner: 'isb.halberstadt',
    },
    'GET /api/v1/scan-authorisations/{id}/history': {
      kind: 'read',
      probe: (f) => ({
        method: 'GET',
        url: `/api/v1/scan-authorisations/${x(f, 'scanAuthorisationId')}/history`,
      }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/scan-authorisations/{id}/revoke': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/scan-authorisations/${x(f, 'scanAuthorisationId')}/revoke`,
        body: { reason: 'Übernahmeversuch' },
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
    'GET /api/v1/organisations/{id}/domain-verifications': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `${org(f)}/domain-verifications?includeRevoked=true` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/organisations/{id}/domain-verifications': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `${org(f)}/domain-verifications`,
        body: { domain: 'matrix-dns.de' },
      }),
      owner: 'admin',
      ownerStatus: 201,
    },
    'GET /api/v1/domain-verifications/{id}': {
      kind: 'read',
      probe: (f) => ({ method: 'GET', url: `/api/v1/domain-verifications/${x(f, 'domainVerificationId')}` }),
      owner: 'isb.halberstadt',
    },
    'POST /api/v1/domain-verifications/{id}/check': {
      kind: 'write',
      probe: (f) => ({
        method: 'POST',
        url: `/api/v1/domain-verifications/${x(f, 'revokedDomainVerificationId')}/check`,
      }),
      owner: 'admin',
      ownerStatus: 409,
    },
    'DELETE /api/v1/domain-verifications/{id}': {
      kind: 'write',
      probe: (f) => ({
        method: 'DELETE',
        url: `/api/v1/domain-verifications/${x(f, 'domainVerificationId')}`,
      }),
      owner: 'admin',
      ownerStatus: 200,
    },
  },
};
