/**
 * Shared vocabulary of the tenant-isolation matrix (see test/isolation-matrix.test.ts).
 * Each domain lists its routes in `src/domains/<domain>/isolation.matrix.ts`; the matrix test
 * fails when an OpenAPI route has no entry in any of them.
 */
import type { TestApp } from './helpers.ts';

/** The victim tenant (Stadt Halberstadt) and objects of it, created before the probes run. */
export interface Fixture {
  victimOrganisationId: string;
  victimUserId: string;
  victimMembershipId: string;
  auditorId: string;
  otherAuditorId: string;
  /** Ids that domain setups add (e.g. `assessmentId`), keyed by name. */
  extra: Record<string, string>;
}

export type Probe = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** E.g. `content-type: application/octet-stream` for raw uploads (a string body is sent as is). */
  headers?: Record<string, string>;
};
export type ListBody = { items: Record<string, unknown>[] };
export type Entry =
  | { kind: 'self-or-public'; reason: string }
  /** Single object of the victim: outsiders get 404 (they must not learn it exists). */
  | { kind: 'read'; probe: (f: Fixture) => Probe; owner: string }
  /** Lists, searches, exports: outsiders get 200 without the victim's data, or 403. */
  | {
      kind: 'list';
      probe: (f: Fixture) => Probe;
      owner: string;
      leaks: (body: ListBody, f: Fixture) => boolean;
    }
  /** Changes: outsiders get 403/404 and nothing is written. */
  | { kind: 'write'; probe: (f: Fixture) => Probe; owner: string; ownerStatus: number };

export interface DomainMatrix {
  /** Creates the victim objects this domain's probes need; may add ids to `fixture.extra`. */
  setup?: (t: TestApp, fixture: Fixture) => Promise<void>;
  entries: Record<string, Entry>;
}
