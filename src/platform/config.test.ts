import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
