import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { type Api, contextOf, problemResponses, type RouteDependencies } from '../../platform/http/api.ts';
import { assertPermitted } from '../../platform/policy/policy.ts';
import { AuditListQuery, AuditListSchema, ChainVerificationSchema } from './schemas.ts';
import { listAuditEntries } from './service.ts';

const tags = ['audit'];

export function registerAuditRoutes(api: Api, _deps: RouteDependencies): void {
  api.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries of the organisations the caller may audit, newest first',
        querystring: AuditListQuery,
        response: { 200: AuditListSchema, ...problemResponses },
      },
    },
    (request) => listAuditEntries(contextOf(request), request.query),
  );
  api.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the whole hash chain (admin)',
        response: { 200: ChainVerificationSchema, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPermitted(ctx, 'audit.verify', null);
      return verifyAuditChain(ctx.db);
    },
  );
}
