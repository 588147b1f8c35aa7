/**
 * Outbound HTTP(S) for fetches whose URLs come from outside (CSAF provider metadata, feeds,
 * webhooks): the guard against server-side request forgery lives here, in one place.
 *
 * - only https (http only when the policy allows it, for tests on loopback);
 * - only hosts on the allow list (exact names, or `*.example.org` for subdomains);
 * - every address the name resolves to must be public: loopback, private, link-local, CGNAT,
 *   multicast and reserved ranges are refused unless the policy allows private networks. The
 *   check runs inside the socket's own DNS lookup, so the connection goes to exactly the address
 *   that was checked (no window for DNS rebinding); IP literals are checked before connecting;
 * - redirects are followed by hand (at most `maxRedirects`), each hop checked again;
 * - the body is read up to `maxBytes`, a slow server is cut off after `timeoutMs`.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.ts';

export interface OutboundPolicy {
  allowedHosts: readonly string[];
  /** Tests on loopback only: lets requests reach private and loopback addresses. */
  allowPrivateNetworks?: boolean;
  /** Tests on loopback only: plain http. */
  allowHttp?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface OutboundResponse {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  contentType: string | null;
  body: Buffer;
}

export class OutboundError extends AppError {
  constructor(
    readonly url: string,
    readonly reason: 'scheme' | 'host' | 'address' | 'size' | 'timeout' | 'network' | 'redirects' | 'status',
    detail: string,
  ) {
    super('validation-failed', { detail });
  }
}

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address lies in a range an outbound request must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1] as string, 'ipv4');
  return BLOCKED.check(address, 'ipv6');
}

export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase().replace(/\.$/, '');
    return allowed.startsWith('*.')
      ? name.endsWith(allowed.slice(1)) && name.length > allowed.length - 1
      : name === allowed;
  });
}

function checkedLookup(policy: OutboundPolicy, url: string) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = addresses.find((a) => isBlockedAddress(a.address));
      if (blocked && !policy.allowPrivateNetworks) {
        return callback(
          new OutboundError(
            url,
            'address',
            `${hostname} löst auf eine nicht öffentliche Adresse auf (${blocked.address}); Abruf verweigert.`,
          ),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function checkUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError(raw, 'scheme', `Keine gültige URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new OutboundError(raw, 'scheme', `Nur https-Adressen werden abgerufen: ${url.origin}`);
  }
  if (url.username || url.password) {
    throw new OutboundError(raw, 'scheme', 'URLs mit Zugangsdaten werden nicht abgerufen.');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(host, policy.allowedHosts)) {
    throw new OutboundError(raw, 'host', `Der Host ${host} steht nicht auf der Liste der erlaubten Quellen.`);
  }
  if (isIP(host) && isBlockedAddress(host) && !policy.allowPrivateNetworks) {
    throw new OutboundError(raw, 'address', `${host} ist keine öffentliche Adresse; Abruf verweigert.`);
  }
  return url;
}

function requestOnce(
  url: URL,
  policy: OutboundPolicy,
): Promise<{ status: number; location: string | null; contentType: string | null; body: Buffer }> {
  const maxBytes = policy.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = policy.timeoutMs ?? 15_000;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        headers: {
          accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
          'user-agent': 'Bastei CSAF-Abruf',
        },
        lookup: checkedLookup(policy, url.href) as never,
        // a fresh connection per request: no pooled socket outlives the check of its address
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location ?? null;
        const declared = Number(response.headers['content-length'] ?? Number.NaN);
        if (Number.isFinite(declared) && declared > maxBytes) {
          response.destroy();
          return reject(new OutboundError(url.href, 'size', `${url.href} ist größer als ${maxBytes} Bytes.`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(new OutboundError(url.href, 'size', `${url.href} ist größer als ${maxBytes} Bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status,
            location,
            contentType: response.headers['content-type'] ?? null,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', (error) =>
          reject(new OutboundError(url.href, 'network', `${url.href}: ${error.message}`)),
        );
      },
    );
    // the whole exchange, not only socket inactivity, is bounded
    const deadline = setTimeout(
      () =>
        request.destroy(new OutboundError(url.href, 'timeout', `${url.href} antwortet nicht rechtzeitig.`)),
      timeoutMs,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () =>
      request.destroy(new OutboundError(url.href, 'timeout', `${url.href} antwortet nicht rechtzeitig.`)),
    );
    request.on('error', (error) =>
      reject(
        error instanceof OutboundError
          ? error
          : new OutboundError(url.href, 'network', `${url.href}: ${error.message}`),
      ),
    );
    request.end();
  });
}

/** GET under the policy; non-2xx answers are returned (callers decide), network faults throw. */
export async function safeFetch(raw: string, policy: OutboundPolicy): Promise<OutboundResponse> {
  let current = raw;
  for (let hop = 0; hop <= (policy.maxRedirects ?? 3); hop++) {
    const url = checkUrl(current, policy);
    const response = await requestOnce(url, policy);
    if (response.status >= 300 && response.status < 400 && response.location) {
      current = new URL(response.location, url).href;
      continue;
    }
    return { url: url.href, status: response.status, contentType: response.contentType, body: response.body };
  }
  throw new OutboundError(raw, 'redirects', `Zu viele Weiterleitungen ab ${raw}.`);
}
