import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers.ts';
import { clearAuthCache } from '../../platform/auth/auth-cache.ts';
import { currentTotpCode } from '../../platform/auth/totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BASTEI_LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('signs in with e-mail and password and sets a hardened session cookie', async () => {
    const client = t.anonymous();
    const response = await client.login('ISB.Halberstadt@demo.bastei.local ', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.email).toBe('isb.halberstadt@demo.bastei.local');
    expect(body.memberships).toEqual([
      expect.objectContaining({ role: 'isb', organisationName: 'Halberstadt, Stadt' }),
    ]);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^bastei_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');
    const me = await client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(body.user.id);
  });

  it('uses the __Host- prefix and Secure when served over TLS', async () => {
    const tls = await createTestApp({ BASTEI_PUBLIC_URL: 'https://bastei.example.org' });
    try {
      const response = await tls.anonymous().login('admin@demo.bastei.local', TEST_PASSWORD);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-bastei_session=/);
      expect(setCookie).toContain('Secure');
      expect(setCookie).toContain('Path=/');
    } finally {
      await tls.close();
    }
  });

  it('answers wrong passwords and unknown accounts the same way', async () => {
    const wrong = await t.anonymous().login('cert@demo.bastei.local', 'falsch-falsch-falsch');
    const unknown = await t.anonymous().login('niemand@demo.bastei.local', 'falsch-falsch-falsch');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('urn:bastei:problem:invalid-credentials');
    }
  });

  it('issues a new session id at every login (no fixation) and logout ends the session', async () => {
    const client = t.anonymous();
    client.cookies.set('bastei_session', 'planted-by-attacker');
    await client.login('isb.salzlandkreis@demo.bastei.local', TEST_PASSWORD);
    const first = client.cookies.get('bastei_session');
    expect(first).not.toBe('planted-by-attacker');
    const second = t.anonymous();
    await second.login('isb.salzlandkreis@demo.bastei.local', TEST_PASSWORD);
    expect(second.cookies.get('bastei_session')).not.toBe(first);

    const stolen = client.cookies.get('bastei_session')!;
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = t.anonymous();
    replay.cookies.set('bastei_session', stolen);
    const response = await replay.get('/api/v1/me');
    expect(response.statusCode).toBe(401);
    expect(response.json().type).toBe('urn:bastei:problem:session-expired');
  });

  it('ends sessions that were idle too long or passed their absolute lifetime', async () => {
    const client = await t.as('isb.arneburg-goldbeck');
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    // The database was changed behind the server's back: drop its few-second auth cache.
    clearAuthCache();
    expect((await client.get('/api/v1/me')).json().type).toBe('urn:bastei:problem:session-expired');

    const other = await t.as('isb.arneburg-goldbeck');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('requires a session for the API', async () => {
    const response = await t.anonymous().get('/api/v1/organisations');
    expect(response.statusCode).toBe(401);
    expect(response.json().type).toBe('urn:bastei:problem:authentication-required');
  });
});

describe('CSRF protection', () => {
  it('rejects a state-changing request without the CSRF token', async () => {
    const client = await t.as('admin');
    client.csrfToken = undefined;
    const response = await client.post('/api/v1/organisations', {
      type: 'provider',
      name: 'Ohne Token GmbH',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('urn:bastei:problem:csrf-rejected');
    const count = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 'Ohne Token GmbH')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('rejects cross-origin posts, also before login', async () => {
    const client = await t.as('admin');
    const crossOrigin = await client.post(
      '/api/v1/organisations',
      { type: 'provider', name: 'Fremd GmbH' },
      { origin: 'https://evil.example' },
    );
    expect(crossOrigin.statusCode).toBe(403);
    const crossSite = await t
      .anonymous()
      .post(
        '/api/v1/auth/login',
        { email: 'admin@demo.bastei.local', password: TEST_PASSWORD },
        { 'sec-fetch-site': 'cross-site' },
      );
    expect(crossSite.statusCode).toBe(403);
  });

  it('rejects text/plain and form bodies (the content types a cross-site form can send)', async () => {
    const client = await t.as('admin');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await client.request('POST', '/api/v1/organisations', 'type=provider&name=Form', {
        'content-type': type,
      });
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('lockout', () => {
  it('locks an account temporarily after repeated failures with a clear message, then lets the owner in again', async () => {
    const email = 'ministerium@demo.bastei.local';
    for (let i = 0; i < 2; i++)
      expect((await t.anonymous().login(email, 'falsches-passwort')).statusCode).toBe(401);
    const locked = await t.anonymous().login(email, 'falsches-passwort');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe('urn:bastei:problem:account-locked');
    expect(locked.json().detail).toMatch(/vorübergehend gesperrt.*Uhr/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits until the lock ends …
    expect((await t.anonymous().login(email, TEST_PASSWORD)).statusCode).toBe(429);
    // … and works once it has passed.
    await t.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1) })
      .where('email', '=', email)
      .execute();
    expect((await t.anonymous().login(email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('second factor (TOTP)', () => {
  it('sets up TOTP, then requires a single-use code at login', async () => {
    const client = await t.as('bsi');
    const setup = await client.post('/api/v1/me/totp/setup', { password: TEST_PASSWORD });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Bastei:/);
    expect((await client.post('/api/v1/me/totp/enable', { code: '000000' })).statusCode).toBe(401);
    const now = Date.now();
    expect(
      (await client.post('/api/v1/me/totp/enable', { code: currentTotpCode(secret, now) })).statusCode,
    ).toBe(204);

    const withoutCode = await t.anonymous().login('bsi@demo.bastei.local', TEST_PASSWORD);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().type).toBe('urn:bastei:problem:second-factor-required');
    // The code used for enabling is spent; the next window's code works exactly once.
    expect(
      (await t.anonymous().login('bsi@demo.bastei.local', TEST_PASSWORD, currentTotpCode(secret, now)))
        .statusCode,
    ).toBe(401);
    const next = currentTotpCode(secret, now + 30_000);
    expect((await t.anonymous().login('bsi@demo.bastei.local', TEST_PASSWORD, next)).statusCode).toBe(200);
    expect((await t.anonymous().login('bsi@demo.bastei.local', TEST_PASSWORD, next)).statusCode).toBe(401);
  });

  it('blocks roles that must use a second factor until they set it up', async () => {
    const strict = await createTestApp({ BASTEI_REQUIRE_SECOND_FACTOR_ROLES: 'admin' });
    try {
      const admin = await strict.as('admin');
      const blocked = await admin.get('/api/v1/organisations');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().type).toBe('urn:bastei:problem:second-factor-setup-required');
      const me = await admin.get('/api/v1/me');
      expect(me.json().secondFactorRequired).toBe(true);
      expect((await admin.post('/api/v1/me/totp/setup', { password: TEST_PASSWORD })).statusCode).toBe(200);
      const isb = await strict.as('isb.halberstadt');
      expect((await isb.get('/api/v1/organisations')).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('password change', () => {
  it('needs the current password, enforces length and ends the other sessions', async () => {
    const client = await t.as('pruefer');
    const elsewhere = await t.as('pruefer');
    const wrong = await client.post('/api/v1/me/password', {
      currentPassword: 'nicht-richtig',
      newPassword: 'Ein-neues-langes-Passwort',
    });
    expect(wrong.statusCode).toBe(403);
    const short = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'kurz',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ pointer: '/body/newPassword' })]);
    const ok = await client.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Ein-neues-langes-Passwort',
    });
    expect(ok.statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect(
      (await t.anonymous().login('pruefer@demo.bastei.local', 'Ein-neues-langes-Passwort')).statusCode,
    ).toBe(200);
  });

  it('disabling an account ends its sessions', async () => {
    const admin = await t.as('admin');
    const victim = await t.as('cert');
    const me = (await victim.get('/api/v1/me')).json();
    expect((await admin.post(`/api/v1/users/${me.user.id}/disable`)).statusCode).toBe(200);
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.anonymous().login('cert@demo.bastei.local', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await admin.post(`/api/v1/users/${me.user.id}/enable`)).statusCode).toBe(200);
  });
});
