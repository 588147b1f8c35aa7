import { seedDemo } from './domains/demo/seed.ts';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { AppError } from './platform/errors.ts';
import { buildApp } from './platform/http/app.ts';

/** Starts the server: migrate, optionally seed the demo state, listen, stop cleanly on signals. */
export async function startServer(options: { demo: boolean; config?: Config }): Promise<void> {
  const config = options.config ?? loadConfig();
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  const migration = await migrate(database);
  if (options.demo) {
    const seeded = await seedDemo(database.db, config);
    if (seeded.seeded) printDemoBanner(seeded.accounts, seeded.password!, seeded.passwordGenerated!);
  }
  const app = await buildApp({ database, config });
  app.log.info({ applied: migration.applied, database: database.kind }, 'database ready');
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Bastei is ready at ${config.publicUrl.origin}`);
}

function printDemoBanner(accounts: string[], password: string, generated: boolean): void {
  const lines = [
    'Demo state seeded: Sachsen-Anhalt, 14 Landkreise/kreisfreie Städte, 133 Kommunen.',
    'Accounts:',
    ...accounts.map((a) => `  ${a}`),
    generated
      ? `Password for all demo accounts (shown only now): ${password}`
      : 'Password: the value of BASTEI_DEMO_PASSWORD',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

export function reportStartupError(error: unknown): never {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof AppError) process.stderr.write(`${error.title} ${error.detail ?? ''}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer({ demo: process.argv.includes('--demo') }).catch(reportStartupError);
}
