/**
 * One error type for everything Bastei reports on purpose. Each kind has a stable code that
 * decides the HTTP status, the problem `type` URI and the default title, here and only here.
 */
const KINDS = {
  'validation-failed': { status: 400, title: 'Die Eingabe ist ungültig.' },
  'malformed-request': { status: 400, title: 'Die Anfrage ist fehlerhaft.' },
  'authentication-required': { status: 401, title: 'Anmeldung erforderlich.' },
  'invalid-credentials': { status: 401, title: 'E-Mail-Adresse oder Passwort ist falsch.' },
  'second-factor-required': { status: 401, title: 'Bitte den Code aus der Authenticator-App eingeben.' },
  'invalid-second-factor': { status: 401, title: 'Der Code aus der Authenticator-App ist ungültig.' },
  'session-expired': { status: 401, title: 'Die Sitzung ist abgelaufen. Bitte erneut anmelden.' },
  'csrf-rejected': { status: 403, title: 'Die Anfrage wurde als websiteübergreifend abgewiesen.' },
  forbidden: { status: 403, title: 'Für diese Aktion fehlt die Berechtigung.' },
  'second-factor-setup-required': {
    status: 403,
    title: 'Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben. Bitte richten Sie ihn zuerst ein.',
  },
  'reauthentication-required': {
    status: 403,
    title: 'Bitte bestätigen Sie die Änderung mit Ihrem Passwort.',
  },
  'scan-not-authorised': { status: 403, title: 'Für dieses Ziel liegt keine gültige Scan-Freigabe vor.' },
  'not-found': { status: 404, title: 'Nicht gefunden.' },
  conflict: { status: 409, title: 'Die Änderung steht im Widerspruch zum aktuellen Stand.' },
  'invalid-state-transition': { status: 409, title: 'Dieser Schritt ist im aktuellen Status nicht möglich.' },
  'payload-too-large': { status: 413, title: 'Die Anfrage ist zu groß.' },
  'unsupported-media-type': { status: 415, title: 'Dieses Format wird nicht unterstützt.' },
  'account-locked': { status: 429, title: 'Zu viele fehlgeschlagene Anmeldungen.' },
  'rate-limited': { status: 429, title: 'Zu viele Anfragen.' },
  'oidc-not-configured': {
    status: 404,
    title: 'Die Anmeldung über den Identitätsanbieter ist nicht eingerichtet.',
  },
  'oidc-failed': { status: 401, title: 'Die Anmeldung über den Identitätsanbieter ist fehlgeschlagen.' },
  'data-dir-locked': { status: 503, title: 'Der Datenordner wird von einem anderen Prozess verwendet.' },
  'service-unavailable': { status: 503, title: 'Der Dienst ist vorübergehend nicht verfügbar.' },
  internal: { status: 500, title: 'Ein interner Fehler ist aufgetreten.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof KINDS;

export interface FieldError {
  /** JSON pointer into the request, e.g. `/body/email`. */
  pointer: string;
  message: string;
}

export interface AppErrorOptions {
  detail?: string;
  title?: string;
  errors?: FieldError[];
  /** Extra members for the problem document (e.g. `retryAfterSeconds`). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? KINDS[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = KINDS[code].status;
    this.title = options.title ?? KINDS[code].title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }
}

export const problemTypeUri = (code: ErrorCode) => `urn:bastei:problem:${code}`;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function toProblem(error: AppError, instance?: string): ProblemDocument {
  return {
    ...error.extensions,
    type: problemTypeUri(error.code),
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export const notFound = (what = 'Das Objekt') =>
  new AppError('not-found', { detail: `${what} wurde nicht gefunden.` });
export const forbidden = (detail?: string) => new AppError('forbidden', { detail });
