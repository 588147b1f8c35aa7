import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  /** The process is up. */
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  /** The process can serve: the database answers. */
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    try {
      await sql`select 1`.execute(database.db);
    } catch (error) {
      throw new AppError('service-unavailable', { detail: 'Die Datenbank antwortet nicht.', cause: error });
    }
    return { status: 'ready', database: database.kind };
  });
}
