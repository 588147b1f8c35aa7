/**
 * TLS probe on node:tls. What it does per target:
 * 1. one handshake with a modern client offer (TLS 1.0–1.3, Node's default suites first) to read
 *    the certificate chain and what a current client negotiates;
 * 2. one handshake per protocol version (min = max = version; TLS 1.0/1.1 with @SECLEVEL=0);
 * 3. TLS 1.2 suites one suite per handshake. To keep this affordable, suites are first offered
 *    per key-exchange/authentication group (ECDHE_RSA, RSA, DHE_DSS, ...): a group the server
 *    refuses as a whole is not split up; every suite of an accepted group is then offered
 *    alone. `cipherEnumeration: 'exhaustive'` skips the grouping (same result, more handshakes);
 * 4. the five TLS 1.3 suites one by one;
 * 5. a TLS 1.2 handshake with a browser-like offer (forward-secret suites first) to see whether
 *    the server picks a suite without forward secrecy itself.
 * SSLv2/SSLv3 cannot be spoken by Node's OpenSSL 3 and are reported as not probed.
 */
import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import {
  classifySuite,
  suiteGroup,
  TLS12_CANDIDATES,
  TLS13_CANDIDATES,
  type TlsVersion,
} from './tls-suites.ts';
import type { Limiter } from './util.ts';
import { CONNECT_ERRORS, createLimiter, errorCode, errorMessage } from './util.ts';
import {
  type CertificateInfo,
  describeCertificate,
  hostnameMismatch,
  isIpLiteral,
  type TrustResult,
  trustAnchors,
  validateChain,
} from './x509.ts';

export interface TlsProbeOptions {
  /** SNI and the name certificates are checked against. Default: the host when it is a name. */
  servername?: string;
  timeoutMs?: number;
  /** Trust anchors (PEM/DER). Default: Node's bundled Mozilla root store. */
  caCertificates?: readonly (string | Buffer)[];
  /** Address to connect to when `host` is a name resolved elsewhere. */
  address?: string;
  /** Opens the plain connection TLS starts on (STARTTLS); default: TCP to address:port. */
  connect?: () => Promise<Socket>;
  /** Which parts to run; default all. */
  enumerate?: { protocols?: boolean; ciphers?: boolean };
  cipherEnumeration?: 'grouped' | 'exhaustive';
  /** Limits handshakes in flight (shared with the caller's other probes). */
  limit?: Limiter;
}

export interface NegotiatedInfo {
  protocol: string;
  /** IANA name */
  cipher: string;
  opensslName: string;
  ephemeralKey?: string;
}

export interface ProtocolOutcome {
  accepted: boolean;
  /** Suite negotiated for that version (IANA name) when accepted. */
  cipher?: string;
  error?: string;
}

export interface AcceptedSuite {
  name: string;
  opensslName: string;
  /** `ECDH X25519 253`, `DH 2048`; only for (EC)DHE suites. */
  ephemeralKey?: string;
}

export interface TlsProbeResult {
  host: string;
  address: string;
  port: number;
  servername: string | null;
  /** A TCP (or STARTTLS) connection could be opened. */
  reachable: boolean;
  /** At least one handshake completed. */
  tls: boolean;
  error?: string;
  negotiated?: NegotiatedInfo;
  protocols: Partial<Record<TlsVersion, ProtocolOutcome>>;
  notProbed: string[];
  ciphers: {
    enumerated: boolean;
    mode: 'grouped' | 'exhaustive';
    tls12: AcceptedSuite[];
    tls13: AcceptedSuite[];
    /** IANA names this OpenSSL build cannot offer. */
    untestable: string[];
    /** Suites whose probe failed for a reason other than a refusal (timeouts). */
    errors: string[];
    /** Suite a browser-like TLS 1.2 offer gets (forward-secret suites listed first). */
    tls12Preferred?: string;
    handshakes: number;
  };
  certificates: CertificateInfo[];
  trust?: TrustResult;
  /** null when the name matches, the reason otherwise; absent without a name to check. */
  hostnameError?: string | null;
  durationMs: number;
}

type HandshakeOutcome =
  | {
      ok: true;
      protocol: string;
      cipher: tls.CipherNameAndProtocol;
      ephemeralKey?: string;
      chain?: X509Certificate[];
    }
  | { ok: false; stage: 'config' | 'connect' | 'handshake'; code: string; error: string };

const contextCache = new Map<string, tls.SecureContext | Error>();

/** Contexts without trust anchors (we validate chains ourselves), cached per offer. */
function secureContext(
  minVersion: TlsVersion,
  maxVersion: TlsVersion,
  ciphers: string,
): tls.SecureContext | Error {
  const key = `${minVersion}|${maxVersion}|${ciphers}`;
  let context = contextCache.get(key);
  if (!context) {
    try {
      context = tls.createSecureContext({ minVersion, maxVersion, ciphers, ecdhCurve: SCANNER_GROUPS });
    } catch (error) {
      context = error instanceof Error ? error : new Error(String(error));
    }
    contextCache.set(key, context);
  }
  return context;
}

/**
 * Groups offered in supported_groups: the usual ones plus brainpool (BSI recommends it) and
 * P-224, so that servers with such ECDSA certificates can be reached (TLS 1.2 only: TLS 1.3
 * defines no brainpool signature for these OpenSSL names).
 */
const SCANNER_GROUPS =
  'X25519:P-256:P-384:P-521:X448:brainpoolP256r1:brainpoolP384r1:brainpoolP512r1:secp224r1';

const MODERN_OFFER = `${tls.DEFAULT_CIPHERS}:ALL:@SECLEVEL=0`;
const BROWSER_LIKE_TLS12 = `${tls.DEFAULT_CIPHERS}:@SECLEVEL=0`;
const ALL_TLS13 = TLS13_CANDIDATES.join(':');

function versionOffer(version: TlsVersion): string {
  // TLS 1.3 suites are set separately by Node (names starting with TLS_); the rest applies to ≤ 1.2.
  return version === 'TLSv1.3' ? `${ALL_TLS13}:ALL:@SECLEVEL=0` : 'ALL:COMPLEMENTOFALL:@SECLEVEL=0';
}

function ephemeralOf(socket: tls.TLSSocket): string | undefined {
  const info = socket.getEphemeralKeyInfo();
  if (!info || !('type' in info) || !info.type) return undefined;
  return [info.type, 'name' in info ? info.name : undefined, info.size]
    .filter((x) => x !== undefined)
    .join(' ');
}

function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

interface Endpoint {
  host: string;
  port: number;
  servername?: string;
  connect?: () => Promise<Socket>;
  timeoutMs: number;
}

function handshake(
  endpoint: Endpoint,
  minVersion: TlsVersion,
  maxVersion: TlsVersion,
  ciphers: string,
  wantChain: boolean,
): Promise<HandshakeOutcome> {
  const context = secureContext(minVersion, maxVersion, ciphers);
  if (context instanceof Error) {
    return Promise.resolve({
      ok: false,
      stage: 'config',
      code: errorCode(context),
      error: errorMessage(context),
    });
  }
  return new Promise((resolve) => {
    let settled = false;
    let tcpConnected = false;
    let socket: tls.TLSSocket | undefined;
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: HandshakeOutcome) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
      resolve(outcome);
    };
    const start = (plain?: Socket) => {
      if (settled) {
        plain?.destroy();
        return;
      }
      tcpConnected = plain !== undefined;
      socket = tls.connect({
        ...(plain ? { socket: plain } : { host: endpoint.host, port: endpoint.port }),
        ...(endpoint.servername && !isIpLiteral(endpoint.servername)
          ? { servername: endpoint.servername }
          : {}),
        secureContext: context,
        rejectUnauthorized: false,
      });
      socket.once('connect', () => {
        tcpConnected = true;
      });
      socket.once('secureConnect', () => {
        const s = socket!;
        const cipher = s.getCipher();
        const ephemeralKey = ephemeralOf(s);
        done({
          ok: true,
          protocol: s.getProtocol() ?? 'unknown',
          cipher,
          ...(ephemeralKey ? { ephemeralKey } : {}),
          ...(wantChain ? { chain: peerChain(s) } : {}),
        });
      });
      socket.on('error', (error) => {
        const code = errorCode(error);
        done({
          ok: false,
          stage: tcpConnected && !CONNECT_ERRORS.has(code) ? 'handshake' : 'connect',
          code,
          error: errorMessage(error),
        });
      });
      socket.once('close', () =>
        done({
          ok: false,
          stage: tcpConnected ? 'handshake' : 'connect',
          code: 'ECONNRESET',
          error: 'connection closed during the handshake',
        }),
      );
    };
    timer = setTimeout(
      () =>
        done({
          ok: false,
          stage: tcpConnected ? 'handshake' : 'connect',
          code: tcpConnected ? 'HANDSHAKE_TIMEOUT' : 'CONNECT_TIMEOUT',
          error: `no ${tcpConnected ? 'handshake' : 'connection'} within ${endpoint.timeoutMs} ms`,
        }),
      endpoint.timeoutMs,
    );
    if (endpoint.connect) {
      endpoint.connect().then(
        (plain) => start(plain),
        (error) => done({ ok: false, stage: 'connect', code: errorCode(error), error: errorMessage(error) }),
      );
    } else {
      start();
    }
  });
}

/** Probes one TLS endpoint; never throws for network trouble (it is reported in the result). */
export async function probeTls(
  host: string,
  port: number,
  options: TlsProbeOptions = {},
): Promise<TlsProbeResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 5000;
  const servername = options.servername ?? (isIpLiteral(host) ? undefined : host);
  const address = options.address ?? host;
  const limit = options.limit ?? createLimiter(16);
  const endpoint: Endpoint = {
    host: address,
    port,
    timeoutMs,
    ...(servername ? { servername } : {}),
    ...(options.connect ? { connect: options.connect } : {}),
  };
  const enumerateProtocols = options.enumerate?.protocols ?? true;
  const enumerateCiphers = options.enumerate?.ciphers ?? true;
  const mode = options.cipherEnumeration ?? 'grouped';
  let handshakes = 0;
  const shake = (min: TlsVersion, max: TlsVersion, ciphers: string, wantChain = false) =>
    limit(() => {
      handshakes += 1;
      return handshake(endpoint, min, max, ciphers, wantChain);
    });

  const result: TlsProbeResult = {
    host,
    address,
    port,
    servername: servername ?? null,
    reachable: false,
    tls: false,
    protocols: {},
    notProbed: ['SSLv2', 'SSLv3'],
    ciphers: { enumerated: false, mode, tls12: [], tls13: [], untestable: [], errors: [], handshakes: 0 },
    certificates: [],
    durationMs: 0,
  };

  const readCertificates = (outcome: Extract<HandshakeOutcome, { ok: true }>) => {
    result.negotiated = {
      protocol: outcome.protocol,
      cipher: outcome.cipher.standardName ?? outcome.cipher.name,
      opensslName: outcome.cipher.name,
      ...(outcome.ephemeralKey ? { ephemeralKey: outcome.ephemeralKey } : {}),
    };
    const chain = outcome.chain ?? [];
    result.certificates = chain.map(describeCertificate);
    if (chain.length > 0) {
      result.trust = validateChain(chain, trustAnchors(options.caCertificates));
      if (servername) result.hostnameError = hostnameMismatch(servername, chain[0]!) ?? null;
      // An IP target passes only with a matching IP entry; otherwise there is no name to check.
      else if (isIpLiteral(host) && hostnameMismatch(host, chain[0]!) === undefined)
        result.hostnameError = null;
    }
  };

  let first = await shake('TLSv1', 'TLSv1.3', MODERN_OFFER, true);
  if (!first.ok && first.stage === 'handshake') {
    // Servers whose certificate only works in TLS 1.2 (brainpool, P-224) refuse a 1.3 offer.
    const retry = await shake('TLSv1', 'TLSv1.2', MODERN_OFFER, true);
    if (retry.ok) first = retry;
  }
  if (first.ok) {
    result.reachable = true;
    result.tls = true;
    readCertificates(first);
  } else {
    result.reachable = first.stage === 'handshake';
    result.error = `${first.code}: ${first.error}`;
    // A refused modern offer may still mean an old-only server: keep probing versions.
    if (!result.reachable) {
      result.durationMs = Math.round(performance.now() - started);
      result.ciphers.handshakes = handshakes;
      return result;
    }
  }

  if (enumerateProtocols) {
    const versions: TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
    // The version the modern offer negotiated is known to be accepted; no need to ask again.
    const known = first.ok ? (first.protocol as TlsVersion) : undefined;
    const outcomes = await Promise.all(
      versions.map((v) => (v === known && first.ok ? Promise.resolve(first) : shake(v, v, versionOffer(v)))),
    );
    versions.forEach((version, i) => {
      const outcome = outcomes[i]!;
      result.protocols[version] = outcome.ok
        ? { accepted: true, cipher: outcome.cipher.standardName ?? outcome.cipher.name }
        : {
            accepted: false,
            ...(outcome.stage !== 'handshake' ? { error: `${outcome.code}: ${outcome.error}` } : {}),
          };
      if (outcome.ok) result.tls = true;
    });
  } else if (result.negotiated) {
    const version = result.negotiated.protocol as TlsVersion;
    result.protocols[version] = { accepted: true, cipher: result.negotiated.cipher };
  }
  if (!first.ok && result.tls) {
    // Only a single-version offer worked (e.g. a TLS 1.0-only server): read the chain there.
    const version = (['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const).find(
      (v) => result.protocols[v]?.accepted,
    );
    if (version) {
      const again = await shake(version, version, versionOffer(version), true);
      if (again.ok) readCertificates(again);
    }
  }

  if (enumerateCiphers && result.tls) {
    result.ciphers.enumerated = true;
    const tasks: Promise<void>[] = [];
    if (result.protocols['TLSv1.2']?.accepted) tasks.push(enumerateTls12(result, shake, mode));
    if (result.protocols['TLSv1.3']?.accepted) {
      tasks.push(
        Promise.all(
          TLS13_CANDIDATES.map(async (suite) => {
            // The suite the modern offer negotiated under TLS 1.3 is known to be accepted.
            const known = first.ok && first.protocol === 'TLSv1.3' && first.cipher.standardName === suite;
            const outcome = known ? first : await shake('TLSv1.3', 'TLSv1.3', `${suite}:ALL:@SECLEVEL=0`);
            if (outcome.ok) {
              result.ciphers.tls13.push({
                name: suite,
                opensslName: suite,
                ...(outcome.ephemeralKey ? { ephemeralKey: outcome.ephemeralKey } : {}),
              });
            } else if (outcome.stage === 'config') result.ciphers.untestable.push(suite);
            else if (outcome.stage !== 'handshake') result.ciphers.errors.push(suite);
          }),
        ).then(() => undefined),
      );
    }
    await Promise.all(tasks);
    const order = (name: string) => TLS13_CANDIDATES.indexOf(name);
    result.ciphers.tls13.sort((a, b) => order(a.name) - order(b.name));
  }
  result.ciphers.handshakes = handshakes;
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

type Shake = (min: TlsVersion, max: TlsVersion, ciphers: string) => Promise<HandshakeOutcome>;

async function enumerateTls12(
  result: TlsProbeResult,
  shake: Shake,
  mode: 'grouped' | 'exhaustive',
): Promise<void> {
  const supported: (readonly [string, string])[] = [];
  for (const candidate of TLS12_CANDIDATES) {
    if (secureContext('TLSv1.2', 'TLSv1.2', `${candidate[0]}:@SECLEVEL=0`) instanceof Error) {
      result.ciphers.untestable.push(candidate[1]);
    } else supported.push(candidate);
  }
  const accepted = new Map<string, AcceptedSuite>();
  const trySuite = async ([openssl, iana]: readonly [string, string]) => {
    const outcome = await shake('TLSv1.2', 'TLSv1.2', `${openssl}:@SECLEVEL=0`);
    if (outcome.ok) {
      accepted.set(iana, {
        name: iana,
        opensslName: openssl,
        ...(outcome.ephemeralKey ? { ephemeralKey: outcome.ephemeralKey } : {}),
      });
    } else if (outcome.stage !== 'handshake') result.ciphers.errors.push(iana);
  };
  if (mode === 'exhaustive') {
    await Promise.all(supported.map(trySuite));
  } else {
    const groups = new Map<string, (readonly [string, string])[]>();
    for (const candidate of supported) {
      const key = suiteGroup(candidate[1]);
      groups.set(key, [...(groups.get(key) ?? []), candidate]);
    }
    await Promise.all(
      [...groups.values()].map(async (members) => {
        if (members.length === 1) return trySuite(members[0]!);
        const offer = `${members.map((m) => m[0]).join(':')}:@SECLEVEL=0`;
        const outcome = await shake('TLSv1.2', 'TLSv1.2', offer);
        if (!outcome.ok) {
          if (outcome.stage !== 'handshake') result.ciphers.errors.push(...members.map((m) => m[1]));
          return;
        }
        // The suite the server picked from the group offer is accepted; offer each other one alone.
        const picked = members.find((m) => m[0] === outcome.cipher.name);
        if (picked) {
          accepted.set(picked[1], {
            name: picked[1],
            opensslName: picked[0],
            ...(outcome.ephemeralKey ? { ephemeralKey: outcome.ephemeralKey } : {}),
          });
        }
        await Promise.all(members.filter((m) => m !== picked).map(trySuite));
      }),
    );
  }
  // Keep candidate order (strongest first, as OpenSSL lists them).
  result.ciphers.tls12 = supported.flatMap(([, iana]) => {
    const suite = accepted.get(iana);
    return suite ? [suite] : [];
  });
  const hasNonPfs = result.ciphers.tls12.some((s) => !classifySuite(s.name).forwardSecrecy);
  // With TLS 1.3 a current client never lands on TLS 1.2, so the TLS 1.2 preference does not matter.
  if (hasNonPfs && !result.protocols['TLSv1.3']?.accepted) {
    const outcome = await shake('TLSv1.2', 'TLSv1.2', BROWSER_LIKE_TLS12);
    if (outcome.ok) result.ciphers.tls12Preferred = outcome.cipher.standardName ?? outcome.cipher.name;
  }
}
