import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNotifier,
  isPrivateAddress,
  signWebhook,
  verifyWebhookSignature,
  withRetry,
} from './notifications.ts';
import { startHttpReceiver, startSmtpServer } from './test-support.ts';

const SECRET = 'a-secret-of-sufficient-length';
const base = {
  mailFrom: 'Bastei <noreply@bastei.test>',
  webhookSecret: SECRET,
  attempts: 3,
  retryBaseMs: 5,
};

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  hook = await startHttpReceiver([503, 502]);
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});

describe('notifications', () => {
  it('delivers mail to the local SMTP server', async () => {
    const notifier = createNotifier({
      ...base,
      smtpUrl: smtp.url,
      webhookUrl: undefined,
      allowPrivateTargets: true,
    });
    const result = await notifier.sendMail({ to: 'isb@kommune.test', subject: 'Betreff äöü', text: 'Hallo' });
    notifier.close();
    expect(result.ok).toBe(true);
    expect(smtp.received.at(-1)).toMatchObject({ to: ['isb@kommune.test'], from: 'noreply@bastei.test' });
  });

  it('posts signed webhooks and retries until the receiver answers 2xx', async () => {
    const notifier = createNotifier({
      ...base,
      smtpUrl: undefined,
      webhookUrl: hook.url,
      allowPrivateTargets: true,
    });
    const body = JSON.stringify({ event: 'test', n: 1 });
    const result = await notifier.sendWebhook({ body, event: 'test' });
    expect(result).toEqual({ ok: true, attempts: 3 });
    expect(hook.received).toHaveLength(3);
    const last = hook.received.at(-1)!;
    expect(last.body).toBe(body);
    expect(verifyWebhookSignature(SECRET, body, last.headers['x-bastei-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature(SECRET, `${body} `, last.headers['x-bastei-signature'] as string)).toBe(
      false,
    );
    const stale = signWebhook(SECRET, body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifyWebhookSignature(SECRET, body, stale)).toBe(false);
  });

  it('refuses loopback, private and link-local targets unless allowed, without retrying', async () => {
    const before = hook.received.length;
    const notifier = createNotifier({
      ...base,
      smtpUrl: undefined,
      webhookUrl: hook.url,
      allowPrivateTargets: false,
    });
    const result = await notifier.sendWebhook({ body: '{}', event: 'test' });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.error).toContain('private');
    const byName = createNotifier({
      ...base,
      smtpUrl: undefined,
      webhookUrl: hook.url.replace('127.0.0.1', 'localhost'),
      allowPrivateTargets: false,
    });
    expect((await byName.sendWebhook({ body: '{}', event: 'test' })).ok).toBe(false);
    expect(hook.received.length).toBe(before);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'fd00::1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '2001:4860:4860::8888'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('gives up after the configured attempts and reports the last error', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        throw new Error(`kaputt ${calls}`);
      },
      { attempts: 3, baseDelayMs: 1 },
    );
    expect(result).toEqual({ ok: false, attempts: 3, error: 'kaputt 3' });
  });
});
