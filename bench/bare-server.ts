/**
 * The baseline for the scoped-read benchmark: a bare Fastify route that runs the same scoped
 * SQL through the same driver, without sessions, policy, validation or audit plumbing.
 */
import Fastify from 'fastify';
import { findOrganisationById } from '../src/domains/organisations/repository.ts';
import { openDatabase } from '../src/platform/db/database.ts';

const [dataDirOrUrl, port, scopeJson] = process.argv.slice(2) as [string, string, string];
const database = await openDatabase(
  dataDirOrUrl.startsWith('postgres')
    ? { kind: 'postgres', url: dataDirOrUrl }
    : { kind: 'pglite', dataDir: dataDirOrUrl },
);
const scope = JSON.parse(scopeJson);
const app = Fastify();
app.get<{ Params: { id: string } }>('/bare/:id', async (request) =>
  findOrganisationById(database.db, scope, request.params.id),
);
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
