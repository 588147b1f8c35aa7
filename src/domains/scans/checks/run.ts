/**
 * Runs the built-in checks against one target and maps failures onto the import finding model.
 * No authorisation here: the caller (job queue, CLI) must only pass authorised targets.
 *
 * - URL    → web (https.*, http.*) + TLS (tls.*) on its HTTPS port + exposure.service on its host
 * - domain → mail.spf, mail.dmarc, mail.starttls per MX (+ tls.* on each STARTTLS session),
 *            dns.dnssec, dns.caa, and the web + TLS checks on https://<domain>/
 * - host   → exposure.service + TLS checks on every open TLS port (443, 465, 636, 853, 990, 993, 995, 8443)
 */
import { lookup } from 'node:dns/promises';
import { Agent } from 'node:https';
import type { Socket } from 'node:net';
import { z } from 'zod';
import type { ImportedFinding } from '../imports/finding.ts';
import { compact, validIp } from '../imports/finding.ts';
import { checkDefinition } from './catalog.ts';
import {
  type DnsQueryOptions,
  lookupAddresses,
  lookupCaa,
  lookupMx,
  lookupTxt,
  queryDns,
  systemResolver,
} from './dns.ts';
import { checkCaa, checkDmarc, checkDnssec, checkSpf, type DnsOps } from './evaluate-dns.ts';
import { evaluateTls } from './evaluate-tls.ts';
import {
  evaluateHeaders,
  evaluateHsts,
  evaluateHttpsAvailable,
  evaluateRedirect,
  evaluateSecurityTxt,
} from './evaluate-web.ts';
import { checkExposure } from './exposure.ts';
import { fetchSameHost } from './http-probe.ts';
import { makeResult, text } from './result.ts';
import { type SmtpDialogue, smtpStartTls } from './smtp.ts';
import { probeTls } from './tls-probe.ts';
import type { CheckId, CheckResult, CheckTarget, ResolverAddress, RunOptions, ScanTarget } from './types.ts';
import { createLimiter, errorCode, errorMessage, type Limiter, mapLimit, stripBrackets } from './util.ts';
import { isIpLiteral } from './x509.ts';

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i;

const hostSchema = z
  .string()
  .trim()
  .transform(stripBrackets)
  .refine((h) => isIpLiteral(h) || HOSTNAME.test(h), 'not a host name or IP address');

const targetSchema = z.union([
  z.strictObject({
    url: z
      .string()
      .trim()
      .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'not an http(s) URL'),
  }),
  z.strictObject({ host: hostSchema }),
  z.strictObject({
    domain: z
      .string()
      .trim()
      .refine((d) => HOSTNAME.test(d) && !isIpLiteral(d), 'not a domain name'),
  }),
]);

export class InvalidScanTargetError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid scan target: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

const TLS_PORTS: readonly { port: number; service: string }[] = [
  { port: 443, service: 'https' },
  { port: 465, service: 'submissions' },
  { port: 636, service: 'ldaps' },
  { port: 853, service: 'dns-over-tls' },
  { port: 990, service: 'ftps' },
  { port: 993, service: 'imaps' },
  { port: 995, service: 'pop3s' },
  { port: 8443, service: 'https-alt' },
];

const WEB_CHECKS: readonly CheckId[] = [
  'https.available',
  'https.redirect',
  'http.hsts',
  'http.headers',
  'http.security-txt',
];
const TLS_CHECKS: readonly CheckId[] = [
  'tls.protocols',
  'tls.ciphers',
  'tls.cert.trust',
  'tls.cert.hostname',
  'tls.cert.expiry',
  'tls.cert.key',
  'tls.cert.signature',
];

interface RunContext {
  options: RunOptions;
  timeoutMs: number;
  limit: Limiter;
  now: () => Date;
  observedAt: () => string;
  portFor: (standard: number) => number | false;
  resolveAddress: (host: string) => Promise<string>;
  dns: DnsOps;
}

function createContext(options: RunOptions): RunContext {
  const timeoutMs = options.timeoutMs ?? 5000;
  const limit = createLimiter(options.concurrency ?? 16);
  const now = options.now ?? (() => new Date());
  let resolver: ResolverAddress | undefined = options.resolver;
  const dnsOptions = (flags: { dnssecOk?: boolean; checkingDisabled?: boolean } = {}): DnsQueryOptions => {
    resolver ??= systemResolver();
    return { resolver, timeoutMs, ...flags };
  };
  const addressCache = new Map<string, Promise<string>>();
  const resolveAddress = (host: string): Promise<string> => {
    const bare = stripBrackets(host);
    if (isIpLiteral(bare)) return Promise.resolve(bare);
    const key = bare.toLowerCase().replace(/\.$/, '');
    const fixed = options.addresses?.[key] ?? options.addresses?.[bare];
    if (fixed) return Promise.resolve(fixed);
    let pending = addressCache.get(key);
    if (!pending) {
      pending = options.resolver
        ? limit(() => lookupAddresses(key, dnsOptions())).then((list) => {
            if (!list[0])
              throw Object.assign(new Error(`${key} has no A/AAAA record`), { code: 'ENOTFOUND' });
            return list[0];
          })
        : lookup(key).then((r) => r.address);
      addressCache.set(key, pending);
    }
    return pending;
  };
  return {
    options,
    timeoutMs,
    limit,
    now,
    observedAt: () => now().toISOString(),
    portFor: (standard) => {
      const mapped = options.ports?.[standard];
      return mapped === undefined ? standard : mapped;
    },
    resolveAddress,
    dns: {
      txt: (name) => limit(() => lookupTxt(name, dnsOptions())),
      caa: (name) => limit(() => lookupCaa(name, dnsOptions())),
      query: (name, type, flags) => limit(() => queryDns(name, type, dnsOptions(flags))),
    },
  };
}

function skipped(
  ids: readonly CheckId[],
  target: CheckTarget,
  status: 'error' | 'not_applicable',
  reason: string,
  ctx: RunContext,
) {
  const summary =
    status === 'error'
      ? text(`Prüfung nicht möglich: ${reason}.`, `Check not possible: ${reason}.`)
      : text(`Entfällt: ${reason}.`, `Not applicable: ${reason}.`);
  return ids.map((id) =>
    makeResult(id, target, status, summary, { reason }, { observedAt: ctx.observedAt() }),
  );
}

/** URL authority for a host (IPv6 in brackets). */
function authority(host: string, port?: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}

async function webChecks(ctx: RunContext, host: string, address: string, url: URL): Promise<CheckResult[]> {
  const explicitPort = url.port ? Number(url.port) : undefined;
  const httpsPort = url.protocol === 'https:' && explicitPort !== undefined ? explicitPort : ctx.portFor(443);
  const httpPort = url.protocol === 'http:' && explicitPort !== undefined ? explicitPort : ctx.portFor(80);
  const path = `${url.pathname}${url.search}`;
  const httpsTarget: CheckTarget = {
    host,
    ...(httpsPort !== false ? { port: httpsPort } : {}),
    service: 'https',
  };
  const httpTarget: CheckTarget = {
    host,
    ...(httpPort !== false ? { port: httpPort } : {}),
    service: 'http',
  };
  if (httpsPort === false) {
    return [
      ...skipped(WEB_CHECKS, httpsTarget, 'not_applicable', 'HTTPS port excluded by the caller', ctx),
      ...skipped(TLS_CHECKS, httpsTarget, 'not_applicable', 'HTTPS port excluded by the caller', ctx),
    ];
  }
  // URLs without a port (incl. redirect targets) go to the standard port, mapped for tests.
  const portFor = (u: URL): number | false =>
    u.port ? Number(u.port) : ctx.portFor(u.protocol === 'https:' ? 443 : 80);
  const httpsUrl = `https://${authority(host, url.protocol === 'https:' ? explicitPort : undefined)}${path}`;
  const httpUrl = `http://${authority(host, url.protocol === 'http:' ? explicitPort : undefined)}${path}`;
  // One keep-alive connection serves the page and security.txt (one TLS handshake less per target).
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 1,
    rejectUnauthorized: false,
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
  });
  const fetchOptions = { address, timeoutMs: ctx.timeoutMs, portFor };
  const httpsOptions = { ...fetchOptions, agent };
  const servername = isIpLiteral(host) ? undefined : host;
  const [tlsProbe, { page: https, txt: securityTxt }, http] = await Promise.all([
    probeTls(host, httpsPort, {
      address,
      timeoutMs: ctx.timeoutMs,
      limit: ctx.limit,
      ...(servername ? { servername } : {}),
      ...(ctx.options.caCertificates ? { caCertificates: ctx.options.caCertificates } : {}),
    }),
    // security.txt right after the page, on the same keep-alive connection.
    ctx.limit(async () => {
      try {
        const page = await fetchSameHost(httpsUrl, httpsOptions);
        if (!page.chain[0]?.ok) return { page };
        const txtUrl = `https://${authority(host, url.protocol === 'https:' ? explicitPort : undefined)}/.well-known/security.txt`;
        let txt = await fetchSameHost(txtUrl, { ...httpsOptions, maxRedirects: 3 });
        // The server may close an idle keep-alive connection just as it is reused: ask again on a new one.
        if (txt.final.errorCode === 'ECONNRESET')
          txt = await fetchSameHost(txtUrl, { ...fetchOptions, maxRedirects: 3 });
        return { page, txt };
      } finally {
        agent.destroy();
      }
    }),
    httpPort === false
      ? undefined
      : ctx.limit(() => fetchSameHost(httpUrl, { ...fetchOptions, stopAtHttps: true })),
  ]);
  const webCtx = { target: httpsTarget, now: ctx.now(), observedAt: ctx.observedAt() };
  const results: CheckResult[] = [evaluateHttpsAvailable(https, webCtx)];
  results.push(
    http
      ? evaluateRedirect(http, { ...webCtx, target: httpTarget })
      : skipped(
          ['https.redirect'],
          httpTarget,
          'not_applicable',
          'HTTP port excluded by the caller',
          ctx,
        )[0]!,
  );
  results.push(evaluateHsts(https, webCtx), evaluateHeaders(https, webCtx));
  results.push(
    securityTxt
      ? evaluateSecurityTxt(securityTxt, webCtx)
      : skipped(['http.security-txt'], httpsTarget, 'not_applicable', 'no HTTPS response', ctx)[0]!,
  );
  results.push(
    ...evaluateTls(tlsProbe, { target: httpsTarget, now: ctx.now(), observedAt: ctx.observedAt() }),
  );
  return results;
}

function exposureChecks(ctx: RunContext, host: string, address: string): Promise<CheckResult[]> {
  return checkExposure({
    host,
    address,
    portFor: ctx.portFor,
    timeoutMs: ctx.timeoutMs,
    limit: ctx.limit,
    observedAt: ctx.observedAt(),
  });
}

async function hostTlsChecks(ctx: RunContext, host: string, address: string): Promise<CheckResult[]> {
  const results = await Promise.all(
    TLS_PORTS.map(async ({ port: standard, service }) => {
      const port = ctx.portFor(standard);
      if (port === false) return [];
      const probe = await probeTls(host, port, {
        address,
        timeoutMs: ctx.timeoutMs,
        limit: ctx.limit,
        ...(ctx.options.caCertificates ? { caCertificates: ctx.options.caCertificates } : {}),
      });
      // Closed ports and non-TLS services produce nothing here (exposure.service covers ports).
      if (!probe.tls) return [];
      return evaluateTls(probe, {
        target: { host, port, service },
        now: ctx.now(),
        observedAt: ctx.observedAt(),
      });
    }),
  );
  return results.flat();
}

async function mailChecks(ctx: RunContext, domain: string): Promise<CheckResult[]> {
  const domainTarget: CheckTarget = { host: domain };
  let mx: Awaited<ReturnType<typeof lookupMx>>;
  try {
    mx = await ctx.limit(async () => {
      const resolver = ctx.options.resolver ?? systemResolver();
      return lookupMx(domain, { resolver, timeoutMs: ctx.timeoutMs });
    });
  } catch (error) {
    return skipped(
      ['mail.starttls'],
      domainTarget,
      'error',
      `MX lookup failed (${errorCode(error)}: ${errorMessage(error)})`,
      ctx,
    );
  }
  if (mx.length === 0)
    return skipped(['mail.starttls'], domainTarget, 'not_applicable', 'the domain has no MX record', ctx);
  if (mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.')) {
    return skipped(
      ['mail.starttls'],
      domainTarget,
      'not_applicable',
      'null MX (RFC 7505): the domain accepts no mail',
      ctx,
    );
  }
  const port = ctx.portFor(25);
  const perMx = await Promise.all(
    mx.slice(0, 10).map(async ({ exchange, preference }) => {
      const target: CheckTarget = { host: exchange, ...(port !== false ? { port } : {}), service: 'smtp' };
      if (port === false)
        return skipped(['mail.starttls'], target, 'not_applicable', 'SMTP port excluded by the caller', ctx);
      let address: string;
      try {
        address = await ctx.resolveAddress(exchange);
      } catch (error) {
        return skipped(
          ['mail.starttls'],
          target,
          'error',
          `MX ${exchange} does not resolve (${errorCode(error)})`,
          ctx,
        );
      }
      return starttlsChecks(ctx, exchange, preference, address, port, target);
    }),
  );
  return perMx.flat();
}

async function starttlsChecks(
  ctx: RunContext,
  exchange: string,
  preference: number,
  address: string,
  port: number,
  target: CheckTarget,
): Promise<CheckResult[]> {
  const smtpOptions = {
    ehloName: ctx.options.ehloName ?? 'bastei-scanner.invalid',
    timeoutMs: ctx.timeoutMs,
  };
  let first: SmtpDialogue;
  try {
    first = await ctx.limit(() => smtpStartTls(address, port, smtpOptions));
  } catch (error) {
    return skipped(
      ['mail.starttls'],
      target,
      'error',
      `MX ${exchange} not reachable over SMTP (${errorCode(error)}: ${errorMessage(error)})`,
      ctx,
    );
  }
  const base = { mx: exchange, preference, address, port };
  if (!first.startTls) {
    return [
      makeResult(
        'mail.starttls',
        target,
        'fail',
        text(`${exchange} bietet kein STARTTLS an.`, `${exchange} does not offer STARTTLS.`),
        { ...base, banner: first.banner, ehlo: first.ehlo, reason: first.reason },
        { observedAt: ctx.observedAt(), severity: 'high' },
      ),
    ];
  }
  // The first STARTTLS session carries the first handshake; later handshakes open their own.
  let spare: Socket | undefined = first.session.socket;
  const connect = async (): Promise<Socket> => {
    if (spare) {
      const socket = spare;
      spare = undefined;
      return socket;
    }
    const dialogue = await smtpStartTls(address, port, smtpOptions);
    if (!dialogue.startTls) throw Object.assign(new Error(dialogue.reason), { code: 'ENOSTARTTLS' });
    return dialogue.session.socket;
  };
  const probe = await probeTls(exchange, port, {
    address,
    servername: exchange,
    connect,
    timeoutMs: ctx.timeoutMs,
    limit: ctx.limit,
    enumerate: { protocols: true, ciphers: ctx.options.smtpTlsEnumeration === true },
    ...(ctx.options.caCertificates ? { caCertificates: ctx.options.caCertificates } : {}),
  });
  spare?.destroy();
  const evidence = {
    ...base,
    banner: first.session.banner,
    ehlo: first.session.ehlo,
    negotiated: probe.negotiated,
    error: probe.error,
  };
  const starttls = probe.tls
    ? makeResult(
        'mail.starttls',
        target,
        'pass',
        text(
          `${exchange} bietet STARTTLS an (${probe.negotiated?.protocol ?? 'TLS'}).`,
          `${exchange} offers STARTTLS (${probe.negotiated?.protocol ?? 'TLS'}).`,
        ),
        evidence,
        { observedAt: ctx.observedAt() },
      )
    : makeResult(
        'mail.starttls',
        target,
        'fail',
        text(
          `${exchange}: STARTTLS angeboten, TLS-Handshake scheitert.`,
          `${exchange}: STARTTLS offered, TLS handshake fails.`,
        ),
        evidence,
        { observedAt: ctx.observedAt(), severity: 'high' },
      );
  return [
    starttls,
    ...(probe.tls ? evaluateTls(probe, { target, now: ctx.now(), observedAt: ctx.observedAt() }) : []),
  ];
}

function parseTarget(target: ScanTarget): z.infer<typeof targetSchema> {
  const parsed = targetSchema.safeParse(target);
  if (!parsed.success) throw new InvalidScanTargetError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

/** Runs every check that applies to the target. Network trouble becomes `error` results, never exceptions. */
export async function runChecks(target: ScanTarget, options: RunOptions = {}): Promise<CheckResult[]> {
  const parsed = parseTarget(target);
  const ctx = createContext(options);
  if ('url' in parsed) {
    const url = new URL(parsed.url);
    const host = stripBrackets(url.hostname);
    let address: string;
    try {
      address = await ctx.resolveAddress(host);
    } catch (error) {
      const reason = `${host} does not resolve (${errorCode(error)})`;
      return [
        ...skipped([...WEB_CHECKS, ...TLS_CHECKS], { host }, 'error', reason, ctx),
        ...skipped(['exposure.service'], { host }, 'error', reason, ctx),
      ];
    }
    const [web, exposure] = await Promise.all([
      webChecks(ctx, host, address, url),
      exposureChecks(ctx, host, address),
    ]);
    return [...web, ...exposure];
  }
  if ('host' in parsed) {
    const host = parsed.host;
    let address: string;
    try {
      address = await ctx.resolveAddress(host);
    } catch (error) {
      return skipped(
        ['exposure.service'],
        { host },
        'error',
        `${host} does not resolve (${errorCode(error)})`,
        ctx,
      );
    }
    const [exposure, tlsResults] = await Promise.all([
      exposureChecks(ctx, host, address),
      hostTlsChecks(ctx, host, address),
    ]);
    return [...exposure, ...tlsResults];
  }
  const domain = parsed.domain.toLowerCase().replace(/\.$/, '');
  const domainTarget: CheckTarget = { host: domain };
  const dnsCtx = { target: domainTarget, observedAt: ctx.observedAt() };
  const webPart = (async () => {
    try {
      const address = await ctx.resolveAddress(domain);
      return await webChecks(ctx, domain, address, new URL(`https://${domain}/`));
    } catch (error) {
      return skipped(
        [...WEB_CHECKS, ...TLS_CHECKS],
        { host: domain, service: 'https' },
        'error',
        `${domain} does not resolve (${errorCode(error)})`,
        ctx,
      );
    }
  })();
  const [spf, dmarc, dnssec, caa, mail, web] = await Promise.all([
    checkSpf(domain, ctx.dns, dnsCtx),
    checkDmarc(domain, ctx.dns, dnsCtx),
    checkDnssec(domain, ctx.dns, dnsCtx, options.validatingResolver === true),
    checkCaa(domain, ctx.dns, dnsCtx),
    mailChecks(ctx, domain),
    webPart,
  ]);
  return [spf, dmarc, ...mail, dnssec, caa, ...web];
}

export interface TargetRun {
  target: ScanTarget;
  results: CheckResult[];
  durationMs: number;
  error?: string;
}

/** Runs several targets, `concurrency` at a time (each with its own per-target limit from `options`). */
export async function runChecksMany(
  targets: readonly ScanTarget[],
  options: RunOptions = {},
  concurrency = 10,
): Promise<TargetRun[]> {
  return mapLimit(targets, concurrency, async (target) => {
    const started = performance.now();
    try {
      const results = await runChecks(target, options);
      return { target, results, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        target,
        results: [],
        durationMs: Math.round(performance.now() - started),
        error: errorMessage(error),
      };
    }
  });
}

/** ImportedFinding with our own source; `imports/finding.ts` lists only the external scanners so far. */
export type BasteiFinding = Omit<ImportedFinding, 'source'> & { source: 'bastei' };

export interface ToFindingsOptions {
  /** Also map `warn` results (default: only `fail`). */
  includeWarnings?: boolean;
  /** Language of title, description and solution (default German). */
  locale?: 'de' | 'en';
}

/** Maps failed results onto the finding model of the scan imports (host, port, checkId, severity, evidence, references). */
export function toImportedFindings(
  results: readonly CheckResult[],
  options: ToFindingsOptions = {},
): BasteiFinding[] {
  const locale = options.locale ?? 'de';
  return results
    .filter((r) => r.status === 'fail' || (options.includeWarnings === true && r.status === 'warn'))
    .map((r) => {
      const definition = checkDefinition(r.checkId);
      const ip = validIp(r.target.host);
      return compact<BasteiFinding>({
        host: r.target.host,
        ip,
        hostname: ip ? undefined : r.target.host,
        port: r.target.port,
        protocol: r.target.port !== undefined ? 'tcp' : undefined,
        service: r.target.service,
        checkId: r.checkId,
        title: definition.title[locale],
        description: r.summary[locale],
        cves: [],
        severity: r.severity,
        evidence: JSON.stringify(r.evidence),
        solution: definition.remediation[locale],
        references: [definition.reference, ...definition.seeAlso],
        source: 'bastei',
        raw: { status: r.status, observedAt: r.observedAt, category: definition.category },
      });
    });
}
