import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BASTEI_BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    await t.app.inject({ url: '/api/v1/organisations' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('bastei_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/v1/organisations"');
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const list = doc.paths['/api/v1/organisations'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['type', 'parent', 'limit']),
    );
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('sends security headers on every response, error pages included', async () => {
    for (const url of ['/healthz', '/api/v1/organisations', '/api/v1/no-such-route', '/nowhere']) {
      const response = await t.app.inject({ url });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(response.headers['content-security-policy']).toContain("object-src 'none'");
      expect(response.headers['content-security-policy']).toContain("base-uri 'none'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await t.app.inject({ url: '/api/v1/organisations' })).headers['cache-control']).toBe('no-store');
  });

  it('answers malformed JSON, wrong types, unknown fields and oversize bodies with problem+json', async () => {
    const admin = await t.as('admin');
    const malformed = await admin.request('POST', '/api/v1/organisations', '{"type": "provider",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ type: 'urn:bastei:problem:malformed-request', status: 400 });
    expect(malformed.body).not.toMatch(/at .*\.ts|node_modules/);

    const wrong = await admin.post('/api/v1/organisations', { type: 'castle', name: 42, extra: true });
    expect(wrong.statusCode).toBe(400);
    const pointers = wrong.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/type', '/body/name']));
    expect(wrong.json().errors.length).toBeGreaterThanOrEqual(3);

    const big = await admin.post('/api/v1/organisations', { type: 'provider', name: 'x'.repeat(5000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toBe('urn:bastei:problem:payload-too-large');

    const badQuery = await admin.get('/api/v1/organisations?limit=abc&colour=blue');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/querystring/limit']),
    );
    const badId = await admin.get('/api/v1/organisations/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].pointer).toBe('/params/id');
  });

  it('answers malformed URLs and over-long path parameters with problem+json', async () => {
    for (const url of ['/api/v1/organisations/%E0%A4%A', `/api/v1/organisations/${'a'.repeat(300)}`]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      expect(response.headers['content-security-policy'], url).toContain("object-src 'none'");
    }
  });

  it('answers unknown routes with a 404 problem', async () => {
    const admin = await t.as('admin');
    const response = await admin.get('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'urn:bastei:problem:not-found', status: 404 });
  });
});
