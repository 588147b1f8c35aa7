/**
 * HTTP(S) probe on node:http/https. Never follows redirects by itself; `fetchSameHost` follows
 * them only while they stay on the target's host name and reports any other Location instead.
 * TLS is accepted whatever the certificate (certificate problems are the tls.cert.* checks'
 * business); old protocol versions are allowed so that headers can still be read.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { errorCode, errorMessage, stripBrackets } from './util.ts';

export const USER_AGENT = 'Bastei-Scanner/0.1 (BSI baseline checks; authorised scan)';

export interface HttpProbeOptions {
  /** Address to connect to (the URL's host name is still sent as Host and SNI). */
  address?: string;
  /** Port to connect to when it differs from the URL's (test port mapping). */
  port?: number;
  timeoutMs?: number;
  /** Body bytes kept (the rest is not read). Default 64 KiB. */
  maxBodyBytes?: number;
  method?: 'GET' | 'HEAD';
  /** Keep-alive agent to reuse one connection for several requests to the same origin. */
  agent?: http.Agent;
}

export interface HttpProbeResult {
  url: string;
  /** Port actually connected to. */
  port: number;
  ok: boolean;
  status?: number;
  headers: Record<string, string>;
  location?: string;
  body?: string;
  bodyTruncated?: boolean;
  tls?: { protocol: string | null; cipher: string | null };
  error?: string;
  errorCode?: string;
  durationMs: number;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** One request, no redirects followed. Never throws for network trouble. */
export function probeHttp(url: string, options: HttpProbeOptions = {}): Promise<HttpProbeResult> {
  const started = performance.now();
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  const hostname = stripBrackets(parsed.hostname);
  const port = options.port ?? (parsed.port ? Number(parsed.port) : defaultPort(parsed.protocol));
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const base = { url, port, headers: {} as Record<string, string> };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: Omit<HttpProbeResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...value, durationMs: Math.round(performance.now() - started) });
    };
    const requestOptions: https.RequestOptions = {
      host: options.address ?? hostname,
      port,
      path: `${parsed.pathname}${parsed.search}`,
      method: options.method ?? 'GET',
      headers: {
        host: parsed.host,
        'user-agent': USER_AGENT,
        accept: '*/*',
        ...(options.agent ? {} : { connection: 'close' }),
      },
      agent: options.agent ?? false,
      ...(secure
        ? {
            rejectUnauthorized: false,
            minVersion: 'TLSv1' as const,
            ciphers: 'DEFAULT:@SECLEVEL=0',
            ...(isIP(hostname) ? {} : { servername: hostname }),
          }
        : {}),
    };
    const request = (secure ? https : http).request(requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const socket = response.socket as TLSSocket;
      const tlsInfo = secure
        ? {
            tls: {
              protocol: socket.getProtocol?.() ?? null,
              cipher: socket.getCipher?.()?.standardName ?? null,
            },
          }
        : {};
      const complete = (reusable: boolean) => {
        const headers = flattenHeaders(response.headers);
        finish({
          ...base,
          ok: true,
          status: response.statusCode ?? 0,
          headers,
          ...(headers.location !== undefined ? { location: headers.location } : {}),
          body: Buffer.concat(chunks).toString('utf8'),
          bodyTruncated: truncated,
          ...tlsInfo,
        });
        // A fully read response may leave its socket to the keep-alive agent.
        if (!reusable || !options.agent) request.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxBody) {
          chunks.push(chunk.subarray(0, maxBody - size));
          size = maxBody;
          truncated = true;
          complete(false);
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => complete(true));
      response.on('error', () => complete(false));
      response.on('aborted', () => complete(false));
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ...base, ok: false, errorCode: 'TIMEOUT', error: `no response within ${timeoutMs} ms` });
    }, timeoutMs);
    request.on('error', (error) => {
      finish({ ...base, ok: false, errorCode: errorCode(error), error: errorMessage(error) });
    });
    request.end();
  });
}

export interface SameHostFetch {
  /** Every response in order; the last one is the final answer or the one whose redirect was not followed. */
  chain: HttpProbeResult[];
  final: HttpProbeResult;
  /** A Location pointing to another host (not followed). */
  offHostLocation?: string;
  loop?: boolean;
}

export interface FetchOptions extends Omit<HttpProbeOptions, 'port'> {
  maxRedirects?: number;
  /** Stop (without requesting it) once a redirect points to https:// on the same host. */
  stopAtHttps?: boolean;
  /** Port to connect to for a URL (applies test port mappings); `false`: do not connect. */
  portFor?: (url: URL) => number | false;
}

function excluded(url: URL): HttpProbeResult {
  return {
    url: url.href,
    port: url.port ? Number(url.port) : defaultPort(url.protocol),
    ok: false,
    headers: {},
    errorCode: 'EXCLUDED',
    error: 'port excluded by the caller',
    durationMs: 0,
  };
}

/** Follows redirects while the host name stays the same (scheme and port may change). */
export async function fetchSameHost(url: string, options: FetchOptions = {}): Promise<SameHostFetch> {
  const maxRedirects = options.maxRedirects ?? 5;
  const origin = new URL(url);
  const chain: HttpProbeResult[] = [];
  const seen = new Set<string>();
  let current = origin;
  for (let i = 0; ; i++) {
    seen.add(current.href);
    const port = options.portFor?.(current);
    const response =
      port === false
        ? excluded(current)
        : await probeHttp(current.href, { ...options, ...(port !== undefined ? { port } : {}) });
    chain.push(response);
    const status = response.status ?? 0;
    if (!response.ok || status < 300 || status >= 400 || response.location === undefined) {
      return { chain, final: response };
    }
    let next: URL;
    try {
      next = new URL(response.location, current);
    } catch {
      return { chain, final: response };
    }
    if (next.hostname.toLowerCase() !== origin.hostname.toLowerCase()) {
      return { chain, final: response, offHostLocation: next.href };
    }
    if (options.stopAtHttps && next.protocol === 'https:') return { chain, final: response };
    if (seen.has(next.href) || i >= maxRedirects) return { chain, final: response, loop: true };
    current = next;
  }
}
