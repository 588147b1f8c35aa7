import { join, resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BASTEI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    // caught here, where the message is masked, not later in the driver whose URL error carries the input
    .refine(
      (value) => URL.canParse(value),
      'is not a valid URL (special characters in the password must be percent-encoded)',
    )
    .optional(),
  BASTEI_DB_POOL_SIZE: positiveInt(10),
  BASTEI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  BASTEI_TRUST_PROXY: flag.default(false),
  BASTEI_BODY_LIMIT_BYTES: positiveInt(1_048_576),
  BASTEI_SESSION_IDLE_MINUTES: positiveInt(30),
  BASTEI_SESSION_ABSOLUTE_HOURS: positiveInt(12),
  BASTEI_LOGIN_MAX_FAILURES: positiveInt(5),
  BASTEI_LOGIN_LOCK_MINUTES: positiveInt(1),
  BASTEI_LOGIN_RATE_PER_MINUTE: positiveInt(30),
  BASTEI_REQUIRE_SECOND_FACTOR_ROLES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    ),
  BASTEI_DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  BASTEI_OIDC_ISSUER: z.url().optional(),
  BASTEI_OIDC_CLIENT_ID: z.string().min(1).optional(),
  BASTEI_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  BASTEI_OIDC_LABEL: z.string().min(1).default('Anmelden mit Landeskonto'),
  BASTEI_OIDC_ALLOW_HTTP: flag.default(false),
  BASTEI_ARGON2_MEMORY_KIB: positiveInt(19_456),
  BASTEI_FILES_DIR: z.string().min(1).optional(),
  BASTEI_UPLOAD_LIMIT_BYTES: positiveInt(20 * 1024 * 1024),
  BASTEI_SCAN_IMPORT_LIMIT_BYTES: positiveInt(64 * 1024 * 1024),
  BASTEI_OSCAL_SCHEMA_DIR: z.string().min(1).optional(),
  BASTEI_WORKER: z.enum(['inline', 'off']).default('inline'),
  BASTEI_SCAN_CONCURRENCY: positiveInt(4),
  BASTEI_SCAN_PER_HOST: z.coerce.number().int().min(1).max(2).default(1),
  BASTEI_SCAN_RATE_PER_MINUTE: positiveInt(30),
  BASTEI_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  BASTEI_MAIL_FROM: z.string().min(3).default('Bastei <noreply@bastei.invalid>'),
  BASTEI_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  BASTEI_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  BASTEI_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  BASTEI_NOTIFY_ATTEMPTS: positiveInt(5),
  BASTEI_NOTIFY_RETRY_MS: positiveInt(2000),
  BASTEI_CSAF_ALLOWED_HOSTS: z
    .string()
    .regex(
      /^(\*\.)?[a-z0-9.-]+(,(\*\.)?[a-z0-9.-]+)*$/i,
      'comma-separated host names such as wid.cert-bund.de or *.example.org',
    )
    .optional(),
  BASTEI_CSAF_ALLOW_PRIVATE: flag.default(false),
  BASTEI_DNS_RESOLVER: z
    .string()
    .regex(
      /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])(:\d{1,5})?(,(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])(:\d{1,5})?)*$/,
      'comma-separated resolver addresses such as 192.0.2.53 or 127.0.0.1:5353 or [2001:db8::53]:53',
    )
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  publicUrl: URL;
  secureCookies: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  requireSecondFactorRoles: string[];
  demoPassword: string | undefined;
  oidc: { issuer: URL; clientId: string; clientSecret: string; label: string; allowHttp: boolean } | null;
  argon2MemoryKiB: number;
  /** Content-addressed file storage (evidence): `<dataDir>/files`, or ./data/files with DATABASE_URL. */
  filesDir: string;
  /** Largest accepted file upload (evidence), bytes. */
  uploadLimitBytes: number;
  /** Largest accepted scanner report (import API and CLI), bytes; larger ones are refused unread. */
  scanImportLimitBytes: number;
  /** Folder with the official OSCAL JSON schemas (`oscal_<model>_schema.json`); imports validate against them when set. */
  oscalSchemaDir: string | undefined;
  /** Background jobs: `inline` works them in the server process, `off` leaves them to `bastei worker`. */
  worker: 'inline' | 'off';
  /** Scan runs (src/domains/scans/runs): runs at once per process, per target host, and started per minute platform-wide. */
  scans: { concurrency: number; perHost: number; ratePerMinute: number };
  /** Warning notifications (src/platform/notifications): SMTP and one signed webhook, both optional. */
  notifications: {
    smtpUrl: string | undefined;
    mailFrom: string;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    /** Allow webhook targets on loopback/private networks (tests, intranet receivers). */
    allowPrivateTargets: boolean;
    attempts: number;
    retryBaseMs: number;
  };
  /** DNS servers for the platform's own lookups (domain verification), `ip[:port]`; undefined: the system's. */
  dnsServers: string[] | undefined;
  /** CSAF provider polling: hosts besides each provider's own that feeds may point to; private networks only for tests/labs. */
  csafFeeds: { allowedHosts: string[]; allowPrivateNetworks: boolean };
}

/**
 * Hides the password of every `scheme://user:password@host` in `text` (`user:***@`), and the whole
 * userinfo when it has no colon (a token). Works on text that is not a valid URL, which is exactly
 * when a setting gets echoed: up to the last `@` of a word, so a password with an unencoded `@`,
 * `/` or `#` is hidden too (at worst a little more is hidden than needed).
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s"'<>]*)@/gi, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}@`;
  });
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    const masked = problems.map(maskUrlCredentials);
    super(`Invalid configuration:\n${masked.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = masked;
    this.name = 'ConfigError';
  }
}

/** Reads the environment once at start; every bad value is reported, one line each. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const shown =
          key.includes('SECRET') || key.includes('PASSWORD') ? '(hidden)' : JSON.stringify(env[key]);
        return `${key}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const oidcKeys = [e.BASTEI_OIDC_ISSUER, e.BASTEI_OIDC_CLIENT_ID, e.BASTEI_OIDC_CLIENT_SECRET];
  if (oidcKeys.some(Boolean) && !oidcKeys.every(Boolean)) {
    problems.push(
      'BASTEI_OIDC_ISSUER, BASTEI_OIDC_CLIENT_ID and BASTEI_OIDC_CLIENT_SECRET must be set together',
    );
  }
  const allowedRoles = ['admin', 'programme_manager', 'auditor', 'isb', 'member', 'cert', 'observer'];
  for (const role of e.BASTEI_REQUIRE_SECOND_FACTOR_ROLES) {
    if (!allowedRoles.includes(role))
      problems.push(`BASTEI_REQUIRE_SECOND_FACTOR_ROLES: unknown role "${role}"`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = new URL(e.BASTEI_PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.BASTEI_DB_POOL_SIZE }
      : { kind: 'pglite', dataDir: resolve(e.BASTEI_DATA_DIR) },
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    trustProxy: e.BASTEI_TRUST_PROXY,
    bodyLimitBytes: e.BASTEI_BODY_LIMIT_BYTES,
    session: { idleMinutes: e.BASTEI_SESSION_IDLE_MINUTES, absoluteHours: e.BASTEI_SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.BASTEI_LOGIN_MAX_FAILURES,
      lockMinutes: e.BASTEI_LOGIN_LOCK_MINUTES,
      ratePerMinute: e.BASTEI_LOGIN_RATE_PER_MINUTE,
    },
    requireSecondFactorRoles: e.BASTEI_REQUIRE_SECOND_FACTOR_ROLES,
    demoPassword: e.BASTEI_DEMO_PASSWORD,
    oidc:
      e.BASTEI_OIDC_ISSUER && e.BASTEI_OIDC_CLIENT_ID && e.BASTEI_OIDC_CLIENT_SECRET
        ? {
            issuer: new URL(e.BASTEI_OIDC_ISSUER),
            clientId: e.BASTEI_OIDC_CLIENT_ID,
            clientSecret: e.BASTEI_OIDC_CLIENT_SECRET,
            label: e.BASTEI_OIDC_LABEL,
            allowHttp: e.BASTEI_OIDC_ALLOW_HTTP,
          }
        : null,
    argon2MemoryKiB: e.BASTEI_ARGON2_MEMORY_KIB,
    filesDir: resolve(
      e.BASTEI_FILES_DIR ?? (e.DATABASE_URL ? './data/files' : join(e.BASTEI_DATA_DIR, 'files')),
    ),
    uploadLimitBytes: e.BASTEI_UPLOAD_LIMIT_BYTES,
    scanImportLimitBytes: e.BASTEI_SCAN_IMPORT_LIMIT_BYTES,
    oscalSchemaDir: e.BASTEI_OSCAL_SCHEMA_DIR ? resolve(e.BASTEI_OSCAL_SCHEMA_DIR) : undefined,
    worker: e.BASTEI_WORKER,
    scans: {
      concurrency: e.BASTEI_SCAN_CONCURRENCY,
      perHost: e.BASTEI_SCAN_PER_HOST,
      ratePerMinute: e.BASTEI_SCAN_RATE_PER_MINUTE,
    },
    notifications: {
      smtpUrl: e.BASTEI_SMTP_URL,
      mailFrom: e.BASTEI_MAIL_FROM,
      webhookUrl: e.BASTEI_WEBHOOK_URL,
      webhookSecret: e.BASTEI_WEBHOOK_SECRET,
      allowPrivateTargets: e.BASTEI_WEBHOOK_ALLOW_PRIVATE,
      attempts: e.BASTEI_NOTIFY_ATTEMPTS,
      retryBaseMs: e.BASTEI_NOTIFY_RETRY_MS,
    },
    dnsServers: e.BASTEI_DNS_RESOLVER?.split(','),
    csafFeeds: {
      allowedHosts: e.BASTEI_CSAF_ALLOWED_HOSTS?.split(',') ?? [],
      allowPrivateNetworks: e.BASTEI_CSAF_ALLOW_PRIVATE,
    },
  };
}
