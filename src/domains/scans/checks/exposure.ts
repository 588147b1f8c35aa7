/** exposure.service: risky services reachable on an authorised host. */
import { defaultPort, fetchSameHost, type HttpProbeResult } from './http-probe.ts';
import { type PortProbeResult, probePort } from './port-probe.ts';
import { makeResult, text } from './result.ts';
import type { CheckResult, CheckSeverity, CheckTarget } from './types.ts';
import type { Limiter } from './util.ts';

export interface RiskyService {
  port: number;
  service: string;
  label: string;
  severity: CheckSeverity;
  /** Admin UIs count only when they answer with a login page. */
  loginPage?: { tlsFirst: boolean };
}

export const RISKY_SERVICES: readonly RiskyService[] = [
  { port: 3389, service: 'rdp', label: 'RDP', severity: 'high' },
  { port: 445, service: 'smb', label: 'SMB', severity: 'high' },
  { port: 23, service: 'telnet', label: 'Telnet', severity: 'high' },
  { port: 21, service: 'ftp', label: 'FTP', severity: 'medium' },
  { port: 3306, service: 'mysql', label: 'MySQL/MariaDB', severity: 'high' },
  { port: 5432, service: 'postgresql', label: 'PostgreSQL', severity: 'high' },
  { port: 1433, service: 'mssql', label: 'Microsoft SQL Server', severity: 'high' },
  { port: 27017, service: 'mongodb', label: 'MongoDB', severity: 'high' },
  { port: 6379, service: 'redis', label: 'Redis', severity: 'high' },
  {
    port: 8080,
    service: 'http-admin',
    label: 'admin UI (HTTP 8080)',
    severity: 'medium',
    loginPage: { tlsFirst: false },
  },
  {
    port: 8443,
    service: 'https-admin',
    label: 'admin UI (HTTPS 8443)',
    severity: 'medium',
    loginPage: { tlsFirst: true },
  },
  { port: 10000, service: 'webmin', label: 'Webmin', severity: 'medium', loginPage: { tlsFirst: true } },
  { port: 9090, service: 'cockpit', label: 'Cockpit', severity: 'medium', loginPage: { tlsFirst: true } },
];

export interface ExposureOptions {
  host: string;
  address: string;
  /** Port to connect to for a standard port, or `false` to leave it alone. */
  portFor: (port: number) => number | false;
  timeoutMs: number;
  limit: Limiter;
  observedAt: string;
}

/** Signs of a login form or an authentication prompt. */
export function looksLikeLogin(response: HttpProbeResult): string | undefined {
  if (!response.ok) return undefined;
  if (response.status === 401 && response.headers['www-authenticate']) {
    return `401 with WWW-Authenticate: ${response.headers['www-authenticate']}`;
  }
  const body = response.body ?? '';
  if (/<input[^>]+type\s*=\s*["']?password/i.test(body)) return 'HTML form with a password field';
  const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body)?.[1]?.trim();
  if (title && /(log\s?in|sign\s?in|anmeld|webmin|cockpit|admin)/i.test(title))
    return `page title "${title}"`;
  return undefined;
}

async function loginPage(service: RiskyService, opts: ExposureOptions, port: number) {
  const schemes = service.loginPage!.tlsFirst ? ['https', 'http'] : ['http', 'https'];
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const seen: { url: string; status?: number; error?: string }[] = [];
  for (const scheme of schemes) {
    const url = `${scheme}://${host}:${service.port}/`;
    const fetched = await opts.limit(() =>
      fetchSameHost(url, {
        address: opts.address,
        timeoutMs: opts.timeoutMs,
        maxRedirects: 3,
        portFor: (u) => {
          const standard = u.port ? Number(u.port) : defaultPort(u.protocol);
          return standard === service.port ? port : opts.portFor(standard);
        },
      }),
    );
    const final = fetched.final;
    seen.push({
      url: final.url,
      ...(final.status ? { status: final.status } : {}),
      ...(final.error ? { error: final.error } : {}),
    });
    const reason = looksLikeLogin(final);
    if (reason) return { reason, url: final.url, seen };
    if (final.ok) return { seen };
  }
  return { seen };
}

export async function checkExposure(opts: ExposureOptions): Promise<CheckResult[]> {
  const target: CheckTarget = { host: opts.host };
  const probed: Record<string, unknown>[] = [];
  const skipped: number[] = [];
  const results: CheckResult[] = [];
  await Promise.all(
    RISKY_SERVICES.map(async (service) => {
      const port = opts.portFor(service.port);
      if (port === false) {
        skipped.push(service.port);
        return;
      }
      const state: PortProbeResult = await opts.limit(() =>
        probePort(opts.address, port, {
          timeoutMs: opts.timeoutMs,
          bannerMs: service.loginPage ? 0 : Math.min(300, opts.timeoutMs),
        }),
      );
      const entry: Record<string, unknown> = {
        service: service.service,
        standardPort: service.port,
        port,
        state: state.state,
      };
      if (state.banner) entry.banner = state.banner;
      if (state.error) entry.error = state.error;
      probed.push(entry);
      if (state.state !== 'open') return;
      if (service.loginPage) {
        const login = await loginPage(service, opts, port);
        entry.http = login.seen;
        if (!login.reason) {
          entry.note = 'open, but no login page recognised';
          return;
        }
        results.push(
          makeResult(
            'exposure.service',
            { host: opts.host, port, service: service.service },
            'fail',
            text(
              `${service.label} mit Anmeldeseite aus dem Netz erreichbar (Port ${port}).`,
              `${service.label} with a login page reachable (port ${port}).`,
            ),
            { ...entry, loginIndicator: login.reason, url: login.url },
            { observedAt: opts.observedAt, severity: service.severity },
          ),
        );
        return;
      }
      results.push(
        makeResult(
          'exposure.service',
          { host: opts.host, port, service: service.service },
          'fail',
          text(
            `${service.label} ist erreichbar (Port ${port}).`,
            `${service.label} is reachable (port ${port}).`,
          ),
          entry,
          { observedAt: opts.observedAt, severity: service.severity },
        ),
      );
    }),
  );
  // Catalogue order (RDP, SMB, ...), independent of the ports actually connected to.
  const order = (service: unknown) => RISKY_SERVICES.findIndex((s) => s.service === service);
  probed.sort((a, b) => order(a.service) - order(b.service));
  results.sort((a, b) => order(a.target.service) - order(b.target.service));
  if (results.length > 0) return results;
  if (probed.length === 0) {
    return [
      makeResult(
        'exposure.service',
        target,
        'not_applicable',
        text('Keine Ports geprüft.', 'No ports probed.'),
        { reason: 'every service port was excluded by the caller', skipped },
        { observedAt: opts.observedAt },
      ),
    ];
  }
  const errors = probed.filter((p) => p.state === 'error');
  return [
    makeResult(
      'exposure.service',
      target,
      errors.length === probed.length ? 'error' : 'pass',
      errors.length === probed.length
        ? text('Portprüfung fehlgeschlagen.', 'Port probing failed.')
        : text(
            `Keiner der ${probed.length} geprüften riskanten Dienste ist erreichbar.`,
            `None of the ${probed.length} risky services probed is reachable.`,
          ),
      { probed, skipped },
      { observedAt: opts.observedAt },
    ),
  ];
}
