import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskUrlCredentials } from './config.ts';

describe('configuration', () => {
  it('has working defaults: embedded database in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ kind: 'pglite' });
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('switches to PostgreSQL with DATABASE_URL and to secure cookies with an https public URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db/bastei',
      BASTEI_PUBLIC_URL: 'https://bastei.example.org',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db/bastei', poolSize: 10 });
    expect(config.secureCookies).toBe(true);
  });

  it('reports every bad value on its own line, hiding secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        BASTEI_DEMO_PASSWORD: 'short',
        BASTEI_TRUST_PROXY: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT='))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('BASTEI_DEMO_PASSWORD='))).toContain('(hidden)');
    expect((error as Error).message.split('\n')).toHaveLength(5);
  });

  it('requires the OIDC settings together and known roles for the second-factor rule', () => {
    expect(() => loadConfig({ BASTEI_OIDC_ISSUER: 'https://id.example.org/realms/land' })).toThrow(
      /must be set together/,
    );
    expect(() => loadConfig({ BASTEI_REQUIRE_SECOND_FACTOR_ROLES: 'admin,king' })).toThrow(
      /unknown role "king"/,
    );
  });
});

describe('URL-valued settings never echo a password', () => {
  const SECRET = 'Geheim-Passwort-42';

  it('masks the password of an invalid SMTP, database, webhook or OIDC URL in every line', () => {
    let error: unknown;
    try {
      loadConfig({
        BASTEI_SMTP_URL: `ftp://mailer:${SECRET}@mail.example.org:587`,
        DATABASE_URL: `postgres://bastei:${SECRET}@db host/bastei`,
        BASTEI_WEBHOOK_URL: `gopher://hook:${SECRET}@hooks.example.org/x`,
        BASTEI_OIDC_ISSUER: `notaurl://:${SECRET}@`,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(4);
    expect(message).not.toContain(SECRET);
    expect(String(error)).not.toContain(SECRET);
    expect(problems.find((p) => p.startsWith('BASTEI_SMTP_URL='))).toContain(
      'ftp://mailer:***@mail.example.org',
    );
    expect(problems.find((p) => p.startsWith('DATABASE_URL='))).toContain(
      'postgres://bastei:***@db host/bastei',
    );
  });

  it('masks passwords with unencoded @, / or # and a userinfo that is only a token', () => {
    expect(maskUrlCredentials('"smtp://user:p@ss/w#rd@mail.example.org"')).toBe(
      '"smtp://user:***@mail.example.org"',
    );
    expect(maskUrlCredentials('https://ghp_token123@example.org/repo')).toBe('https://***@example.org/repo');
    expect(maskUrlCredentials('postgres://u@db/bastei and smtp://a:b@c')).toBe(
      'postgres://***@db/bastei and smtp://a:***@c',
    );
    expect(maskUrlCredentials('https://example.org/path?x=1')).toBe('https://example.org/path?x=1');
  });

  it('property: whatever the password, no problem line contains it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 40 }).filter((p) => !/[\s"'<>]/.test(p) && !p.includes('***')),
        fc.constantFrom('BASTEI_SMTP_URL', 'DATABASE_URL', 'BASTEI_WEBHOOK_URL', 'BASTEI_PUBLIC_URL'),
        (password, key) => {
          try {
            loadConfig({ [key]: `bad://user:${password}@host:99999/x` });
          } catch (e) {
            for (const line of (e as ConfigError).problems) expect(line).not.toContain(`:${password}@`);
            expect((e as Error).message).not.toContain(`:${password}@`);
            return;
          }
          throw new Error('expected a ConfigError');
        },
      ),
    );
  });
});
