/** mail.spf, mail.dmarc, dns.caa, dns.dnssec: DNS lookups through the caller's resolver. */
import type { RecordType } from 'dns-packet';
import type { CaaRecord, DnsResponse } from './dns.ts';
import { makeResult, text } from './result.ts';
import type { CheckResult, CheckTarget } from './types.ts';
import { errorCode, errorMessage } from './util.ts';

export interface DnsOps {
  txt(name: string): Promise<string[]>;
  caa(name: string): Promise<CaaRecord[]>;
  query(
    name: string,
    type: RecordType,
    flags: { dnssecOk?: boolean; checkingDisabled?: boolean },
  ): Promise<DnsResponse>;
}

export interface DnsContext {
  target: CheckTarget;
  observedAt: string;
}

const SPF_LOOKUP_LIMIT = 10;
const SPF_RECORD = /^v=spf1(\s|$)/i;

export interface SpfInclude {
  from: string;
  mechanism: 'include' | 'redirect';
  domain: string;
  found: boolean;
}

export interface SpfAnalysis {
  domain: string;
  record?: string;
  /** DNS-querying terms counted through includes and redirects (RFC 7208 4.6.4). */
  lookups: number;
  /** Qualifier of the `all` that ends evaluation (after redirects), or undefined. */
  all?: string;
  includes: SpfInclude[];
  problems: string[];
  notes: string[];
}

async function spfRecordsOf(name: string, dns: DnsOps): Promise<string[]> {
  return (await dns.txt(name)).filter((r) => SPF_RECORD.test(r.trim()));
}

/** Parses an SPF record and follows include/redirect recursively, counting lookups. */
export async function analyseSpf(domain: string, dns: DnsOps): Promise<SpfAnalysis> {
  const analysis: SpfAnalysis = { domain, lookups: 0, includes: [], problems: [], notes: [] };
  const records = await spfRecordsOf(domain, dns);
  if (records.length === 0) {
    analysis.problems.push('no SPF record');
    return analysis;
  }
  if (records.length > 1) {
    analysis.problems.push(`${records.length} SPF records (RFC 7208 4.5: permerror)`);
    analysis.record = records.join(' | ');
    return analysis;
  }
  analysis.record = records[0]!.trim();
  const visited = new Set<string>([domain.toLowerCase()]);

  const walk = async (name: string, record: string, depth: number): Promise<string | undefined> => {
    let all: string | undefined;
    let redirect: string | undefined;
    const follow = async (target: string, mechanism: 'include' | 'redirect'): Promise<string | undefined> => {
      if (target.includes('%')) {
        analysis.notes.push(`${mechanism}:${target} uses macros; not expanded`);
        return undefined;
      }
      const key = target.toLowerCase().replace(/\.$/, '');
      if (visited.has(key)) {
        analysis.problems.push(`${mechanism}:${target} loops`);
        return undefined;
      }
      if (depth >= 10 || analysis.lookups > SPF_LOOKUP_LIMIT) return undefined;
      visited.add(key);
      let sub: string[];
      try {
        sub = await spfRecordsOf(key, dns);
      } catch (error) {
        analysis.problems.push(`${mechanism}:${target}: DNS error ${errorCode(error)}`);
        return undefined;
      }
      analysis.includes.push({ from: name, mechanism, domain: key, found: sub.length === 1 });
      if (sub.length !== 1) {
        analysis.problems.push(
          sub.length === 0
            ? `${mechanism}:${target} has no SPF record (permerror)`
            : `${mechanism}:${target} has ${sub.length} SPF records (permerror)`,
        );
        return undefined;
      }
      return walk(key, sub[0]!.trim(), depth + 1);
    };

    for (const term of record.split(/\s+/).slice(1)) {
      if (!term) continue;
      const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
      if (modifier) {
        const modName = modifier[1]!.toLowerCase();
        if (modName === 'redirect') redirect = modifier[2]!;
        continue;
      }
      const mechanism = /^([+\-~?]?)([a-z][a-z0-9_.-]*)(?:[:/](.*))?$/i.exec(term);
      if (!mechanism) {
        analysis.problems.push(`${name}: cannot parse term "${term}"`);
        continue;
      }
      const qualifier = mechanism[1] || '+';
      const mechName = mechanism[2]!.toLowerCase();
      const argument = mechanism[3];
      switch (mechName) {
        case 'all':
          if (all === undefined) all = qualifier;
          break;
        case 'include':
          analysis.lookups += 1;
          if (argument) await follow(argument, 'include');
          else analysis.problems.push(`${name}: include without domain`);
          break;
        case 'a':
        case 'mx':
        case 'ptr':
        case 'exists':
          analysis.lookups += 1;
          break;
        case 'ip4':
        case 'ip6':
          break;
        default:
          analysis.problems.push(`${name}: unknown mechanism "${mechName}"`);
      }
    }
    // RFC 7208 6.1: redirect is ignored when the record has an "all".
    if (all === undefined && redirect !== undefined) {
      analysis.lookups += 1;
      return follow(redirect, 'redirect');
    }
    return all;
  };

  analysis.all = await walk(domain.toLowerCase(), analysis.record, 0);
  if (analysis.lookups > SPF_LOOKUP_LIMIT) {
    analysis.problems.push(
      `${analysis.lookups} DNS-querying terms (limit ${SPF_LOOKUP_LIMIT}, RFC 7208 4.6.4)`,
    );
  }
  if (analysis.all !== '-' && analysis.all !== '~') {
    analysis.problems.push(
      analysis.all === undefined
        ? 'record does not end in -all or ~all'
        : `record ends in ${analysis.all}all instead of -all or ~all`,
    );
  } else if (analysis.all === '~')
    analysis.notes.push('~all (softfail); -all is stricter (Grundschutz++ KONF.13.5.1)');
  return analysis;
}

function dnsError(
  checkId: 'mail.spf' | 'mail.dmarc' | 'dns.caa' | 'dns.dnssec',
  ctx: DnsContext,
  error: unknown,
): CheckResult {
  return makeResult(
    checkId,
    ctx.target,
    'error',
    text(`DNS-Abfrage fehlgeschlagen: ${errorMessage(error)}.`, `DNS lookup failed: ${errorMessage(error)}.`),
    { error: `${errorCode(error)}: ${errorMessage(error)}` },
    { observedAt: ctx.observedAt },
  );
}

export async function checkSpf(domain: string, dns: DnsOps, ctx: DnsContext): Promise<CheckResult> {
  let analysis: SpfAnalysis;
  try {
    analysis = await analyseSpf(domain, dns);
  } catch (error) {
    return dnsError('mail.spf', ctx, error);
  }
  const evidence = { ...analysis };
  if (analysis.problems.length > 0) {
    return makeResult(
      'mail.spf',
      ctx.target,
      'fail',
      text(
        `SPF unzureichend: ${analysis.problems.join('; ')}.`,
        `SPF insufficient: ${analysis.problems.join('; ')}.`,
      ),
      evidence,
      { observedAt: ctx.observedAt, severity: 'medium' },
    );
  }
  return makeResult(
    'mail.spf',
    ctx.target,
    'pass',
    text(
      `SPF vorhanden, endet auf ${analysis.all}all, ${analysis.lookups} DNS-Abfragen.`,
      `SPF present, ends in ${analysis.all}all, ${analysis.lookups} DNS lookups.`,
    ),
    evidence,
    { observedAt: ctx.observedAt },
  );
}

export function parseDmarc(record: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of record.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    const key = part.slice(0, index).trim().toLowerCase();
    if (key && !(key in tags)) tags[key] = part.slice(index + 1).trim();
  }
  return tags;
}

export async function checkDmarc(domain: string, dns: DnsOps, ctx: DnsContext): Promise<CheckResult> {
  const name = `_dmarc.${domain}`;
  let records: string[];
  try {
    records = (await dns.txt(name)).filter((r) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(r.trim()));
  } catch (error) {
    return dnsError('mail.dmarc', ctx, error);
  }
  const opts = { observedAt: ctx.observedAt };
  if (records.length !== 1) {
    return makeResult(
      'mail.dmarc',
      ctx.target,
      'fail',
      records.length === 0
        ? text(`Kein DMARC-Eintrag unter ${name}.`, `No DMARC record at ${name}.`)
        : text(
            `${records.length} DMARC-Einträge unter ${name} (ungültig).`,
            `${records.length} DMARC records at ${name} (invalid).`,
          ),
      { name, records },
      { ...opts, severity: 'medium' },
    );
  }
  const record = records[0]!.trim();
  const tags = parseDmarc(record);
  const policy = tags.p?.toLowerCase();
  const evidence = { name, record, tags };
  if (policy === 'quarantine' || policy === 'reject') {
    return makeResult(
      'mail.dmarc',
      ctx.target,
      'pass',
      text(`DMARC mit p=${policy}.`, `DMARC with p=${policy}.`),
      {
        ...evidence,
        ...(tags.pct && tags.pct !== '100'
          ? { note: `pct=${tags.pct}: policy applies to part of the mail only` }
          : {}),
      },
      opts,
    );
  }
  if (policy === 'none') {
    return makeResult(
      'mail.dmarc',
      ctx.target,
      'fail',
      text('DMARC nur im Beobachtungsmodus (p=none).', 'DMARC in monitoring mode only (p=none).'),
      evidence,
      { ...opts, severity: 'low' },
    );
  }
  return makeResult(
    'mail.dmarc',
    ctx.target,
    'fail',
    text('DMARC-Eintrag ohne gültige Richtlinie (p).', 'DMARC record without a valid policy (p).'),
    evidence,
    { ...opts, severity: 'medium' },
  );
}

/** The domain and its parents down to (excluding) the TLD. */
export function caaCandidates(domain: string): string[] {
  const labels = domain.replace(/\.$/, '').toLowerCase().split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

export async function checkCaa(domain: string, dns: DnsOps, ctx: DnsContext): Promise<CheckResult> {
  const searched: string[] = [];
  try {
    for (const name of caaCandidates(domain)) {
      searched.push(name);
      const records = await dns.caa(name);
      if (records.length > 0) {
        const issuers = records.filter((r) => r.tag === 'issue' || r.tag === 'issuewild').map((r) => r.value);
        return makeResult(
          'dns.caa',
          ctx.target,
          'pass',
          text(
            `CAA-Eintrag bei ${name}: ${issuers.join(', ') || records.map((r) => r.tag).join(', ')}.`,
            `CAA record at ${name}: ${issuers.join(', ') || records.map((r) => r.tag).join(', ')}.`,
          ),
          { foundAt: name, records, searched },
          { observedAt: ctx.observedAt },
        );
      }
    }
  } catch (error) {
    return dnsError('dns.caa', ctx, error);
  }
  return makeResult(
    'dns.caa',
    ctx.target,
    'fail',
    text(
      'Kein CAA-Eintrag für die Domain oder eine übergeordnete Domain.',
      'No CAA record for the domain or a parent.',
    ),
    { searched },
    { observedAt: ctx.observedAt, severity: 'low' },
  );
}

export async function checkDnssec(
  domain: string,
  dns: DnsOps,
  ctx: DnsContext,
  validatingResolver: boolean,
): Promise<CheckResult> {
  const opts = { observedAt: ctx.observedAt };
  if (!validatingResolver) {
    return makeResult(
      'dns.dnssec',
      ctx.target,
      'not_applicable',
      text(
        'Kein validierender Resolver konfiguriert; DNSSEC wird nicht bewertet.',
        'No validating resolver configured; DNSSEC is not rated.',
      ),
      {
        reason:
          'dns.dnssec needs a DNSSEC-validating resolver (validatingResolver: true); a plain resolver never sets the AD flag',
      },
      opts,
    );
  }
  try {
    const response = await dns.query(domain, 'SOA', { dnssecOk: true });
    const evidence = {
      query: `${domain} SOA +dnssec`,
      rcode: response.rcode,
      ad: response.authenticData,
      transport: response.transport,
    };
    if (response.rcode === 'SERVFAIL') {
      const unchecked = await dns.query(domain, 'SOA', { dnssecOk: true, checkingDisabled: true });
      if (unchecked.rcode === 'NOERROR' || unchecked.rcode === 'NXDOMAIN') {
        return makeResult(
          'dns.dnssec',
          ctx.target,
          'fail',
          text(
            'DNSSEC-Validierung schlägt fehl (SERVFAIL, mit CD-Bit beantwortet): Signaturen fehlerhaft.',
            'DNSSEC validation fails (SERVFAIL, answered with CD set): signatures are bogus.',
          ),
          { ...evidence, withCheckingDisabled: unchecked.rcode },
          { ...opts, severity: 'high' },
        );
      }
      return makeResult(
        'dns.dnssec',
        ctx.target,
        'error',
        text('Resolver antwortet mit SERVFAIL.', 'Resolver answers SERVFAIL.'),
        evidence,
        opts,
      );
    }
    if (response.authenticData) {
      return makeResult(
        'dns.dnssec',
        ctx.target,
        'pass',
        text('Antwort DNSSEC-validiert (AD-Flag gesetzt).', 'Answer DNSSEC-validated (AD flag set).'),
        evidence,
        opts,
      );
    }
    return makeResult(
      'dns.dnssec',
      ctx.target,
      'fail',
      text('Domain nicht DNSSEC-signiert (kein AD-Flag).', 'Domain not DNSSEC-signed (no AD flag).'),
      evidence,
      { ...opts, severity: 'medium' },
    );
  } catch (error) {
    return dnsError('dns.dnssec', ctx, error);
  }
}
