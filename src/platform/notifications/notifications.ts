/**
 * Outbound notifications: e-mail over SMTP (nodemailer) and one signed webhook, with retries.
 *
 * Domains decide what to send and to whom (TLP included); this module only carries messages and
 * reports the outcome. Webhook bodies are signed with HMAC-SHA256 over `<timestamp>.<body>`
 * (header `X-Bastei-Signature: t=<unix seconds>,v1=<hex>`) so the receiver can check origin and
 * freshness. Webhook targets on loopback, private or link-local networks are refused (also when a
 * name resolves there at connect time, which covers DNS changes), unless the operator allows
 * them; redirects are not followed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface WebhookMessage {
  /** Serialised JSON, sent exactly as signed. */
  body: string;
  event: string;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface Notifier {
  readonly mailEnabled: boolean;
  readonly webhookEnabled: boolean;
  /** The webhook's origin (for logs; never the path or query, which may hold tokens). */
  readonly webhookTarget: string | null;
  sendMail(message: MailMessage): Promise<DeliveryResult>;
  sendWebhook(message: WebhookMessage): Promise<DeliveryResult>;
  close(): void;
}

export const SIGNATURE_HEADER = 'x-bastei-signature';

/** `t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<body>">`. */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** What a receiver does: recompute and compare in constant time, refuse stale timestamps. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  { nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300 } = {},
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, timestamp).split('v1=')[1] as string, 'hex');
  const given = Buffer.from(match[2] as string, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
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
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, CGNAT, multicast, reserved, IPv4-mapped: not a webhook target. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach an IPv4 host
  const embedded = /^(?:::ffff:|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (embedded) return isPrivateAddress(embedded[1] as string);
  if (/^(?:::ffff:|64:ff9b::)/i.test(address)) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http.request that refuses private addresses at connect time. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (refused) {
        const blocked: NodeJS.ErrnoException = new Error(
          `webhook target ${hostname} resolves to a private address (${refused.address})`,
        );
        blocked.code = 'EBLOCKED';
        return callback(blocked, []);
      }
      const wantsAll = (options as { all?: boolean }).all === true;
      if (wantsAll) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), []);
      return callback(null, first.address, first.family);
    });
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tries `attempt` up to `attempts` times with exponential backoff (base, 2×base, 4×base …). */
export async function withRetry(
  attempt: () => Promise<void>,
  { attempts, baseDelayMs }: { attempts: number; baseDelayMs: number },
): Promise<DeliveryResult> {
  let lastError = '';
  for (let n = 1; n <= attempts; n++) {
    try {
      await attempt();
      return { ok: true, attempts: n };
    } catch (error) {
      lastError = (error as Error).message;
      if ((error as NodeJS.ErrnoException).code === 'EBLOCKED')
        return { ok: false, attempts: n, error: lastError };
      if (n < attempts) await sleep(baseDelayMs * 2 ** (n - 1));
    }
  }
  return { ok: false, attempts, error: lastError };
}

function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
  timeoutMs: number,
) {
  return new Promise<void>((resolve, reject) => {
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0 && !allowPrivate && isPrivateAddress(literal)) {
      const blocked: NodeJS.ErrnoException = new Error(`webhook target ${literal} is a private address`);
      blocked.code = 'EBLOCKED';
      reject(blocked);
      return;
    }
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: guardedLookup(allowPrivate) as never,
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`webhook answered HTTP ${status}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`webhook timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

export function createNotifier(
  config: Config['notifications'],
  options: { timeoutMs?: number } = {},
): Notifier {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = { attempts: config.attempts, baseDelayMs: config.retryBaseMs };
  let transport: Transporter | null = null;
  const mailer = () => {
    transport ??= nodemailer.createTransport(config.smtpUrl as string, {
      from: config.mailFrom,
    });
    return transport;
  };
  const webhookUrl = config.webhookUrl ? new URL(config.webhookUrl) : null;
  return {
    mailEnabled: Boolean(config.smtpUrl),
    webhookEnabled: Boolean(webhookUrl && config.webhookSecret),
    webhookTarget: webhookUrl ? webhookUrl.origin : null,
    async sendMail(message) {
      if (!config.smtpUrl) return { ok: false, attempts: 0, error: 'no SMTP server configured' };
      return withRetry(async () => {
        await mailer().sendMail({ to: message.to, subject: message.subject, text: message.text });
      }, retry);
    },
    async sendWebhook(message) {
      if (!webhookUrl || !config.webhookSecret) {
        return { ok: false, attempts: 0, error: 'no webhook configured' };
      }
      const secret = config.webhookSecret;
      return withRetry(
        () =>
          postOnce(
            webhookUrl,
            message.body,
            {
              [SIGNATURE_HEADER]: signWebhook(secret, message.body, Math.floor(Date.now() / 1000)),
              'x-bastei-event': message.event,
            },
            config.allowPrivateTargets,
            timeoutMs,
          ),
        retry,
      );
    },
    close() {
      transport?.close();
      transport = null;
    },
  };
}
