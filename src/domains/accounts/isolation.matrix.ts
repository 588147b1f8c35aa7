import type { DomainMatrix } from '../../../test/isolation.ts';

export const accountsMatrix: DomainMatrix = {
  entries: {
    'POST /api/v1/auth/login': {
      kind: 'self-or-public',
      reason: 'public; acts on the given credentials only',
    },
    'POST /api/v1/auth/logout': { kind: 'self-or-public', reason: "ends the caller's own session" },
    'GET /api/v1/auth/oidc': { kind: 'self-or-public', reason: 'public configuration flag' },
    'GET /api/v1/me': { kind: 'self-or-public', reason: "the caller's own account" },
    'POST /api/v1/me/password': { kind: 'self-or-public', reason: "the caller's own account" },
    'POST /api/v1/me/totp/setup': { kind: 'self-or-public', reason: "the caller's own account" },
    'POST /api/v1/me/totp/enable': { kind: 'self-or-public', reason: "the caller's own account" },
    'POST /api/v1/me/totp/disable': { kind: 'self-or-public', reason: "the caller's own account" },
  },
};
