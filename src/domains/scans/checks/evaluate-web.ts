/** Web checks from HTTP(S) probe results. Pure: no network. */
import type { HttpProbeResult, SameHostFetch } from './http-probe.ts';
import { makeResult, text } from './result.ts';
import type { CheckResult, CheckTarget } from './types.ts';

export interface WebContext {
  target: CheckTarget;
  now: Date;
  observedAt: string;
}

const ONE_YEAR_SECONDS = 31_536_000;

function responseEvidence(response: HttpProbeResult) {
  return {
    url: response.url,
    port: response.port,
    status: response.status,
    location: response.location,
    error: response.error,
  };
}

export function evaluateHttpsAvailable(https: SameHostFetch, ctx: WebContext): CheckResult {
  const first = https.chain[0]!;
  const evidence = { ...responseEvidence(first), tls: first.tls };
  if (first.ok) {
    return makeResult(
      'https.available',
      ctx.target,
      'pass',
      text(`HTTPS antwortet (Status ${first.status}).`, `HTTPS answers (status ${first.status}).`),
      evidence,
      { observedAt: ctx.observedAt },
    );
  }
  return makeResult(
    'https.available',
    ctx.target,
    'fail',
    text(
      `HTTPS nicht erreichbar: ${first.error ?? 'keine Antwort'}.`,
      `HTTPS not reachable: ${first.error ?? 'no answer'}.`,
    ),
    evidence,
    { observedAt: ctx.observedAt, severity: 'high' },
  );
}

export function evaluateRedirect(http: SameHostFetch, ctx: WebContext): CheckResult {
  const opts = { observedAt: ctx.observedAt };
  const chain = http.chain.map(responseEvidence);
  const first = http.chain[0]!;
  if (!first.ok) {
    const closed = first.errorCode === 'ECONNREFUSED';
    return closed
      ? makeResult(
          'https.redirect',
          ctx.target,
          'pass',
          text(
            'Port 80 ist geschlossen; nichts wird unverschlüsselt ausgeliefert.',
            'Port 80 is closed; nothing is served in clear text.',
          ),
          { chain, http: 'closed' },
          opts,
        )
      : makeResult(
          'https.redirect',
          ctx.target,
          'error',
          text(`HTTP nicht prüfbar: ${first.error}.`, `HTTP could not be checked: ${first.error}.`),
          { chain },
          opts,
        );
  }
  // First https:// hop in the chain, if any.
  const upgrade = http.chain.find((r) => r.location && /^https:/i.test(resolveLocation(r)));
  if (upgrade) {
    const location = resolveLocation(upgrade);
    const sameHost = new URL(location).hostname.toLowerCase() === new URL(first.url).hostname.toLowerCase();
    if (sameHost || !http.offHostLocation) {
      return makeResult(
        'https.redirect',
        ctx.target,
        'pass',
        text(`HTTP leitet auf HTTPS um (${location}).`, `HTTP redirects to HTTPS (${location}).`),
        { chain, redirectTo: location },
        opts,
      );
    }
    return makeResult(
      'https.redirect',
      ctx.target,
      'warn',
      text(
        `HTTP leitet auf HTTPS eines anderen Hosts um (${location}); nicht verfolgt, diesen Host gesondert prüfen.`,
        `HTTP redirects to HTTPS on another host (${location}); not followed, scan that host separately.`,
      ),
      { chain, redirectTo: location, offHost: true },
      { ...opts, severity: 'info' },
    );
  }
  if (http.offHostLocation) {
    return makeResult(
      'https.redirect',
      ctx.target,
      'fail',
      text(
        `HTTP leitet unverschlüsselt auf einen anderen Host um (${http.offHostLocation}).`,
        `HTTP redirects in clear text to another host (${http.offHostLocation}).`,
      ),
      { chain, redirectTo: http.offHostLocation, offHost: true },
      { ...opts, severity: 'medium' },
    );
  }
  if (http.loop) {
    return makeResult(
      'https.redirect',
      ctx.target,
      'fail',
      text(
        'HTTP-Weiterleitungen enden nicht auf HTTPS (Schleife).',
        'HTTP redirects never reach HTTPS (loop).',
      ),
      { chain, loop: true },
      { ...opts, severity: 'medium' },
    );
  }
  return makeResult(
    'https.redirect',
    ctx.target,
    'fail',
    text(
      `HTTP liefert Inhalte ohne Umleitung auf HTTPS aus (Status ${http.final.status}).`,
      `HTTP serves content without redirecting to HTTPS (status ${http.final.status}).`,
    ),
    { chain },
    { ...opts, severity: 'medium' },
  );
}

function resolveLocation(response: HttpProbeResult): string {
  try {
    return new URL(response.location ?? '', response.url).href;
  } catch {
    return response.location ?? '';
  }
}

export interface HstsPolicy {
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  errors: string[];
}

/** RFC 6797 6.1; with several header fields only the first is processed (8.1). */
export function parseHsts(value: string): HstsPolicy {
  const first = value.split(',')[0] ?? '';
  const policy: HstsPolicy = { includeSubDomains: false, preload: false, errors: [] };
  const seen = new Set<string>();
  for (const raw of first.split(';')) {
    const directive = raw.trim();
    if (!directive) continue;
    const [nameRaw, ...rest] = directive.split('=');
    const name = nameRaw!.trim().toLowerCase();
    if (seen.has(name)) policy.errors.push(`directive ${name} repeated`);
    seen.add(name);
    const val = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'max-age') {
      if (/^\d+$/.test(val)) policy.maxAge = Number(val);
      else policy.errors.push(`max-age "${val}" is not a number`);
    } else if (name === 'includesubdomains') policy.includeSubDomains = true;
    else if (name === 'preload') policy.preload = true;
  }
  if (policy.maxAge === undefined && !policy.errors.some((e) => e.startsWith('max-age')))
    policy.errors.push('max-age missing');
  return policy;
}

export function evaluateHsts(https: SameHostFetch, ctx: WebContext): CheckResult {
  const opts = { observedAt: ctx.observedAt };
  const responses = https.chain.filter((r) => r.ok && r.url.startsWith('https:'));
  if (responses.length === 0) {
    return makeResult(
      'http.hsts',
      ctx.target,
      'not_applicable',
      text('Keine HTTPS-Antwort; HSTS nicht prüfbar.', 'No HTTPS response; HSTS cannot be checked.'),
      { reason: 'no HTTPS response' },
      opts,
    );
  }
  const withHeader = responses.find((r) => r.headers['strict-transport-security'] !== undefined);
  if (!withHeader) {
    return makeResult(
      'http.hsts',
      ctx.target,
      'fail',
      text('Kein Strict-Transport-Security-Header.', 'No Strict-Transport-Security header.'),
      { urls: responses.map((r) => r.url) },
      { ...opts, severity: 'medium' },
    );
  }
  const header = withHeader.headers['strict-transport-security']!;
  const policy = parseHsts(header);
  const evidence = { url: withHeader.url, header, ...policy };
  if (policy.maxAge === undefined || policy.maxAge === 0) {
    return makeResult(
      'http.hsts',
      ctx.target,
      'fail',
      policy.maxAge === 0
        ? text('HSTS ist mit max-age=0 abgeschaltet.', 'HSTS is switched off with max-age=0.')
        : text('HSTS-Header ungültig.', 'HSTS header is invalid.'),
      evidence,
      { ...opts, severity: 'medium' },
    );
  }
  if (policy.maxAge < ONE_YEAR_SECONDS) {
    return makeResult(
      'http.hsts',
      ctx.target,
      'fail',
      text(
        `HSTS max-age=${policy.maxAge} liegt unter einem Jahr (31536000).`,
        `HSTS max-age=${policy.maxAge} is below one year (31536000).`,
      ),
      evidence,
      { ...opts, severity: 'low' },
    );
  }
  return makeResult(
    'http.hsts',
    ctx.target,
    'pass',
    text(`HSTS gesetzt (max-age=${policy.maxAge}).`, `HSTS set (max-age=${policy.maxAge}).`),
    evidence,
    opts,
  );
}

const REFERRER_POLICIES = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

function cspDirectives(csp: string): Map<string, string> {
  const out = new Map<string, string>();
  // Several CSP headers are joined with ", " by Node; each policy applies, so merge their directives.
  for (const policy of csp.split(',')) {
    for (const part of policy.split(';')) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      const [name, ...values] = trimmed.split(/\s+/);
      const key = name!.toLowerCase();
      if (!out.has(key)) out.set(key, values.join(' '));
    }
  }
  return out;
}

export function evaluateHeaders(https: SameHostFetch, ctx: WebContext): CheckResult {
  const opts = { observedAt: ctx.observedAt };
  const response = https.final;
  if (!response.ok || !response.url.startsWith('https:')) {
    return makeResult(
      'http.headers',
      ctx.target,
      'not_applicable',
      text('Keine HTTPS-Antwort; Header nicht prüfbar.', 'No HTTPS response; headers cannot be checked.'),
      { reason: response.ok ? 'final response not over HTTPS' : 'no HTTPS response', url: response.url },
      opts,
    );
  }
  const h = response.headers;
  const csp = h['content-security-policy'];
  const directives = csp ? cspDirectives(csp) : new Map<string, string>();
  const xfo = h['x-frame-options']?.split(',')[0]?.trim().toUpperCase();
  const referrer = (h['referrer-policy'] ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => REFERRER_POLICIES.has(t))
    .pop();
  const checks = {
    'X-Content-Type-Options': h['x-content-type-options']?.split(',')[0]?.trim().toLowerCase() === 'nosniff',
    'frame protection (CSP frame-ancestors or X-Frame-Options)':
      directives.has('frame-ancestors') || xfo === 'DENY' || xfo === 'SAMEORIGIN',
    'Content-Security-Policy': csp !== undefined && csp.trim() !== '',
    'Referrer-Policy': referrer !== undefined && referrer !== 'unsafe-url',
  };
  const missing = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  const evidence = {
    url: response.url,
    status: response.status,
    headers: {
      'x-content-type-options': h['x-content-type-options'],
      'x-frame-options': h['x-frame-options'],
      'content-security-policy': csp,
      'content-security-policy-report-only': h['content-security-policy-report-only'],
      'referrer-policy': h['referrer-policy'],
    },
    missing,
  };
  if (missing.length === 0) {
    return makeResult(
      'http.headers',
      ctx.target,
      'pass',
      text('Alle geprüften Sicherheits-Header sind gesetzt.', 'All checked security headers are set.'),
      evidence,
      opts,
    );
  }
  return makeResult(
    'http.headers',
    ctx.target,
    'fail',
    text(
      `Fehlende oder unwirksame Header: ${missing.join(', ')}.`,
      `Missing or ineffective headers: ${missing.join(', ')}.`,
    ),
    evidence,
    { ...opts, severity: 'low' },
  );
}

export interface SecurityTxt {
  fields: { name: string; value: string }[];
  contacts: string[];
  expires: string[];
  signed: boolean;
  errors: string[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC 9116 parser: fields, comments, and an OpenPGP cleartext signature around them. */
export function parseSecurityTxt(content: string): SecurityTxt {
  let lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  let signed = false;
  if (lines[0]?.trim() === '-----BEGIN PGP SIGNED MESSAGE-----') {
    signed = true;
    const bodyStart = lines.findIndex((line, i) => i > 0 && line.trim() === '');
    const sigStart = lines.findIndex((line) => line.trim() === '-----BEGIN PGP SIGNATURE-----');
    lines = lines
      .slice(bodyStart + 1, sigStart === -1 ? undefined : sigStart)
      .map((l) => l.replace(/^- /, ''));
  }
  const out: SecurityTxt = { fields: [], contacts: [], expires: [], signed, errors: [] };
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!match) {
      out.errors.push(`line ${index + 1}: not a "Field: value" line`);
      continue;
    }
    const name = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    out.fields.push({ name, value });
    if (name === 'contact') out.contacts.push(value);
    if (name === 'expires') out.expires.push(value);
  }
  return out;
}

export function evaluateSecurityTxt(fetch: SameHostFetch, ctx: WebContext): CheckResult {
  const opts = { observedAt: ctx.observedAt };
  const response = fetch.final;
  const base = { url: fetch.chain[0]!.url, finalUrl: response.url, status: response.status };
  if (!response.ok) {
    return makeResult(
      'http.security-txt',
      ctx.target,
      'error',
      text(
        `security.txt nicht abrufbar: ${response.error}.`,
        `security.txt could not be fetched: ${response.error}.`,
      ),
      { ...base, error: response.error },
      opts,
    );
  }
  const contentType = response.headers['content-type'] ?? '';
  if (response.status !== 200 || !/^text\/plain\b/i.test(contentType)) {
    return makeResult(
      'http.security-txt',
      ctx.target,
      'fail',
      text('Keine security.txt unter /.well-known/.', 'No security.txt under /.well-known/.'),
      { ...base, contentType, offHostLocation: fetch.offHostLocation },
      { ...opts, severity: 'low' },
    );
  }
  const parsed = parseSecurityTxt(response.body ?? '');
  const problems: string[] = [];
  let expiresAt: number | undefined;
  if (parsed.contacts.length === 0) problems.push('no Contact field');
  if (parsed.expires.length === 0) problems.push('no Expires field');
  else if (parsed.expires.length > 1) problems.push('Expires appears more than once');
  else if (!RFC3339.test(parsed.expires[0]!) || Number.isNaN(Date.parse(parsed.expires[0]!))) {
    problems.push(`Expires "${parsed.expires[0]}" is not an RFC 3339 date-time`);
  } else {
    expiresAt = Date.parse(parsed.expires[0]!);
    if (expiresAt <= ctx.now.getTime()) problems.push(`Expires ${parsed.expires[0]} is in the past`);
  }
  const evidence = {
    ...base,
    contentType,
    contacts: parsed.contacts,
    expires: parsed.expires,
    signed: parsed.signed,
    parseErrors: parsed.errors,
    problems,
  };
  if (problems.length > 0) {
    return makeResult(
      'http.security-txt',
      ctx.target,
      'fail',
      text(
        `security.txt fehlerhaft: ${problems.join('; ')}.`,
        `security.txt is invalid: ${problems.join('; ')}.`,
      ),
      evidence,
      { ...opts, severity: 'low' },
    );
  }
  const days = Math.floor((expiresAt! - ctx.now.getTime()) / 86_400_000);
  if (days > 365) {
    return makeResult(
      'http.security-txt',
      ctx.target,
      'warn',
      text(
        `security.txt gültig, aber Expires liegt ${days} Tage in der Zukunft (empfohlen: unter einem Jahr).`,
        `security.txt valid, but Expires is ${days} days ahead (recommended: less than a year).`,
      ),
      evidence,
      { ...opts, severity: 'info' },
    );
  }
  return makeResult(
    'http.security-txt',
    ctx.target,
    'pass',
    text(
      `security.txt vorhanden, Kontakt: ${parsed.contacts[0]}, gültig bis ${parsed.expires[0]}.`,
      `security.txt present, contact: ${parsed.contacts[0]}, valid until ${parsed.expires[0]}.`,
    ),
    evidence,
    opts,
  );
}
