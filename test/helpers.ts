import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { demoEmail, seedDemo } from '../src/domains/demo/seed.ts';
import type { Config } from '../src/platform/config.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { TEST_PASSWORD, testConfig } from './config.ts';
import { withDatabaseName } from './global-setup.ts';

export { TEST_PASSWORD, testConfig };

/** A private copy of the seeded template database: PGlite in memory, or a fresh PostgreSQL database. */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.BASTEI_TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `bastei_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE bastei_template`);
    await admin.end();
    const database = await openDatabase({
      kind: 'postgres',
      url: withDatabaseName(serverUrl, name),
      poolSize: 5,
    });
    return {
      ...database,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const image = readFileSync(fileURLToPath(new URL('../.bastei-test/template.tar', import.meta.url)));
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: new Blob([image]) });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** A signed-in client for a demo account, e.g. `as('isb.halberstadt')`. */
  as(local: string): Promise<TestClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    async as(local) {
      const client = new TestClient(app);
      const response = await client.login(local.includes('@') ? local : demoEmail(local), TEST_PASSWORD);
      if (response.statusCode !== 200) throw new Error(`login of ${local} failed: ${response.body}`);
      return client;
    },
    anonymous: () => new TestClient(app),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Talks to the app like a browser: keeps the session cookie and sends the CSRF token. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async login(email: string, password: string, totp?: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/v1/auth/login', {
      email,
      password,
      ...(totp ? { totp } : {}),
    });
    if (response.statusCode === 200) this.csrfToken = response.json().csrfToken;
    return response;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

/**
 * An embedded data folder at `dir` that already holds the migrated demo state, for tests that
 * drive the CLI or a server process: loading the template image takes a second, seeding anew
 * takes far longer. Without an image (a run on a PostgreSQL server builds none) it seeds.
 */
export async function createSeededDataDir(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const image = fileURLToPath(new URL('../.bastei-test/template.tar', import.meta.url));
  if (existsSync(image)) {
    const database = await openDatabase({
      kind: 'pglite',
      dataDir: dir,
      loadDataDir: new Blob([readFileSync(image)]),
    });
    await database.close();
    return;
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await migrate(database);
    await seedDemo(database.db, testConfig());
  } finally {
    await database.close();
  }
}
