import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig } from '../../../test/helpers.ts';
import type { Database } from '../db/database.ts';
import { buildApp } from './app.ts';

let database: Database;
let built: FastifyInstance;
let missing: FastifyInstance;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bastei-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Bastei</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'index-abc123.js.br'), 'brotli bytes');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  database = await createTestDatabase();
  built = await buildApp({ database, config: testConfig(), logger: false, webRoot: root });
  missing = await buildApp({ database, config: testConfig(), logger: false, webRoot: join(root, 'nope') });
});

afterAll(async () => {
  await built.close();
  await missing.close();
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

describe('web UI serving', () => {
  it('answers every non-API GET with index.html, revalidated on each load', async () => {
    for (const url of ['/', '/anmelden', '/kommunen?kreis=x', '/benutzer/123/tief']) {
      const response = await built.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('leaves API, health and metrics paths to the server', async () => {
    const api = await built.inject({ url: '/api/v1/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect((await built.inject({ url: '/api' })).statusCode).toBe(404);
    expect((await built.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await built.inject({ url: '/metrics' })).headers['content-type']).toContain('text/plain');
    expect((await built.inject({ url: '/healthz/extra' })).statusCode).toBe(404);
  });

  it('caches hashed assets for a year, sends the pre-compressed file, and 404s missing ones', async () => {
    const plain = await built.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.body).toBe('console.log("app")');
    const br = await built.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body).toBe('brotli bytes');
    const gone = await built.inject({ url: '/assets/index-old999.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['cache-control'] ?? '').not.toContain('immutable');
    // Nothing outside assets/ is served with the year-long cache.
    const traversal = await built.inject({ url: '/assets/%2e%2e/index.html' });
    expect(traversal.headers['cache-control'] ?? '').not.toContain('immutable');
    const icon = await built.inject({ url: '/favicon.svg' });
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the UI routes out of the OpenAPI document', async () => {
    const doc = (await built.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/api/'))).toEqual([]);
  });

  it('starts without a build and says how to make one', async () => {
    const response = await missing.inject({ url: '/kommunen' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('npm run build:web');
    expect((await missing.inject({ url: '/' })).body).toContain('npm run build:web');
    expect((await missing.inject({ url: '/api/v1/nothing' })).statusCode).toBe(404);
    expect((await missing.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
