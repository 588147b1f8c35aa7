/**
 * The one way the UI talks to the Bastei API: JSON in and out, the session's CSRF token on every
 * state-changing request, RFC 9457 problem documents turned into ApiError.
 */

export type Role = 'admin' | 'programme_manager' | 'auditor' | 'isb' | 'member' | 'cert' | 'observer';

export interface Membership {
  id: string;
  organisationId: string;
  organisationName: string;
  role: Role;
}

export interface Me {
  user: {
    id: string;
    email: string;
    displayName: string;
    locale: 'de' | 'en';
    totpEnabled: boolean;
    hasPassword: boolean;
  };
  memberships: Membership[];
  assignedOrganisationIds: string[];
  secondFactorRequired: boolean;
  csrfToken: string;
  session: { authMethod: 'password' | 'oidc'; createdAt: string };
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: 'de' | 'en';
  totpEnabled: boolean;
  disabled: boolean;
  memberships: Membership[];
  assignedOrganisationIds: string[];
  lastLoginAt: string | null;
  createdAt: string;
}

export type OrganisationType = 'federal' | 'state' | 'district' | 'municipality' | 'provider' | 'cert';

export interface Organisation {
  id: string;
  organisationId: string;
  type: OrganisationType;
  subtype: string | null;
  ars: string | null;
  name: string;
  shortName: string;
  parentId: string | null;
  population: number | null;
  areaHa: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  organisationId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBeforeId: number | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  /** The stable error kind, e.g. `session-expired` for `urn:bastei:problem:session-expired`. */
  get code(): string {
    return this.problem.type.replace(/^urn:bastei:problem:/, '');
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors by the last segment of their pointer: `/body/email` → `email`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = error.pointer.split('/').filter(Boolean).slice(1).join('.');
      if (field && !out[field]) out[field] = error.message;
    }
    return out;
  }
}

/** Problem types that mean "no valid session any more". */
const SIGNED_OUT = new Set(['session-expired', 'authentication-required']);

let csrfToken: string | null = null;
let onSignedOut: ((error: ApiError) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (expired, ended elsewhere). */
export function setSignedOutHandler(handler: ((error: ApiError) => void) | null): void {
  onSignedOut = handler;
}

export const NETWORK_ERROR_TYPE = 'urn:bastei:problem:network';

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: NETWORK_ERROR_TYPE, title: 'network', status: 0 });
  }
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  const data: unknown = contentType.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem: Problem =
      data && typeof data === 'object' && typeof (data as Problem).type === 'string'
        ? (data as Problem)
        : {
            type: 'about:blank',
            title: response.statusText || `HTTP ${response.status}`,
            status: response.status,
          };
    const error = new ApiError(problem);
    if (response.status === 401 && SIGNED_OUT.has(error.code) && !path.startsWith('/auth/'))
      onSignedOut?.(error);
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Sends a file as raw bytes (application/octet-stream) with upload progress, which fetch cannot
 * report; CSRF token, problem documents and the signed-out handling as in request().
 */
export function upload<T>(
  path: string,
  file: Blob,
  onProgress?: (loaded: number, total: number) => void,
  /** Routes that parse the body (an OSCAL JSON import) need its real type. */
  contentType = 'application/octet-stream',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new ApiError({ type: NETWORK_ERROR_TYPE, title: 'network', status: 0 }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const error = new ApiError(
        data && typeof data === 'object' && typeof (data as Problem).type === 'string'
          ? (data as Problem)
          : { type: 'about:blank', title: xhr.statusText || `HTTP ${xhr.status}`, status: xhr.status },
      );
      if (xhr.status === 401 && SIGNED_OUT.has(error.code)) onSignedOut?.(error);
      reject(error);
    };
    xhr.send(file);
  });
}

/** Query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
