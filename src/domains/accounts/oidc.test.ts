import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/helpers.ts';

const REDIRECT_URI = 'http://localhost:3000/api/v1/auth/oidc/callback';
const ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  'kc-halberstadt': { email: 'ISB.Halberstadt@demo.bastei.local', email_verified: true },
  'kc-unverified': { email: 'ministerium@demo.bastei.local', email_verified: false },
  'kc-stranger': { email: 'fremd@example.org', email_verified: true },
};

let issuerServer: Server;
let issuer: string;
let t: TestApp;

beforeAll(async () => {
  issuerServer = createServer();
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'bastei',
        client_secret: 'bastei-test-secret',
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['bastei-test-cookie-key'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }),
  });
  issuerServer.on('request', provider.callback());
  t = await createTestApp({
    BASTEI_OIDC_ISSUER: issuer,
    BASTEI_OIDC_CLIENT_ID: 'bastei',
    BASTEI_OIDC_CLIENT_SECRET: 'bastei-test-secret',
    BASTEI_OIDC_ALLOW_HTTP: 'true',
  });
});
afterAll(async () => {
  await t.close();
  issuerServer.close();
});

/** Plays the user at the test issuer: follows redirects, signs in as `accountId`, consents. */
async function authenticateAtIssuer(start: URL, accountId: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.toString().startsWith(REDIRECT_URI)) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      form = undefined;
      continue;
    }
    const html = await response.text();
    const prompt =
      /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
    form = new URLSearchParams({ prompt, login: accountId, password: 'irrelevant' });
  }
  throw new Error('the issuer did not redirect back');
}

async function loginThroughIssuer(client: TestClient, accountId: string, returnTo = '/') {
  const start = await client.get(`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.statusCode).toBe(302);
  const callback = await authenticateAtIssuer(new URL(String(start.headers.location)), accountId);
  return client.get(`${callback.pathname}${callback.search}`);
}

describe('OIDC login', () => {
  it('announces the provider', async () => {
    const info = await t.anonymous().get('/api/v1/auth/oidc');
    expect(info.json()).toEqual({ enabled: true, label: 'Anmelden mit Landeskonto' });
  });

  it('signs in an existing account by verified e-mail, links it, and returns to the page', async () => {
    const client = t.anonymous();
    const callback = await loginThroughIssuer(client, 'kc-halberstadt', '/kommune/fragen');
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toBe('/kommune/fragen');
    const me = await client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('isb.halberstadt@demo.bastei.local');
    expect(me.json().session.authMethod).toBe('oidc');
    const linked = await t.database.db
      .selectFrom('users')
      .select(['oidc_issuer', 'oidc_subject'])
      .where('email', '=', 'isb.halberstadt@demo.bastei.local')
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: issuer, oidc_subject: 'kc-halberstadt' });
    // The second time the subject alone finds the account.
    const again = await loginThroughIssuer(t.anonymous(), 'kc-halberstadt');
    expect(again.statusCode).toBe(302);
  });

  it('refuses unknown accounts and unverified e-mail addresses', async () => {
    for (const account of ['kc-stranger', 'kc-unverified']) {
      const response = await loginThroughIssuer(t.anonymous(), account);
      expect(response.statusCode).toBe(401);
      expect(response.json().type).toBe('urn:bastei:problem:oidc-failed');
    }
  });

  it('refuses a callback in a browser that did not start the login (login CSRF)', async () => {
    const attacker = t.anonymous();
    const start = await attacker.get('/api/v1/auth/oidc/start');
    const callback = await authenticateAtIssuer(new URL(String(start.headers.location)), 'kc-halberstadt');
    const victim = t.anonymous();
    const response = await victim.get(`${callback.pathname}${callback.search}`);
    expect(response.statusCode).toBe(401);
    expect(victim.cookies.has('bastei_session')).toBe(false);
  });

  it('never redirects to another site after login', async () => {
    const response = await loginThroughIssuer(t.anonymous(), 'kc-halberstadt', '//evil.example/phish');
    expect(response.headers.location).toBe('/');
  });
});
