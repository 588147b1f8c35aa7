/**
 * `bastei scan` (one target, directly, no queue) and `bastei worker` (a process that only works
 * jobs). Without --i-am-authorised a scan needs the organisation (--org) and an authorisation on
 * record for the target; unauthorised targets are refused with exit code 2 before any packet is sent.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Command } from 'commander';
import type { Config } from '../../../platform/config.ts';
import type { Database } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { createQueue, startWorkers } from '../../../platform/jobs/background.ts';
import { unsafeFindOrganisationByKey } from '../../organisations/repository.ts';
import { runChecks } from '../checks/run.ts';
import type { CheckResult, RunOptions } from '../checks/types.ts';
import { assertScanAuthorised } from './collaborators.ts';
import type { ScanTargetInput } from './schemas.ts';
import { normaliseScanTarget } from './target.ts';
import { findingsOf } from './worker.ts';

type WithDatabase = <T>(work: (database: Database, config: Config) => Promise<T>) => Promise<T>;

interface ScanCliOptions {
  json?: boolean;
  iAmAuthorised?: boolean;
  org?: string;
  as?: 'host' | 'domain';
  resolve: string[];
  port: string[];
  caFile?: string;
  timeout?: string;
}

const STATUS_DE: Record<string, string> = {
  pass: 'bestanden',
  fail: 'MANGEL',
  warn: 'Hinweis',
  error: 'nicht prüfbar',
  not_applicable: 'entfällt',
};
const SEVERITY_DE: Record<string, string> = { high: 'hoch', medium: 'mittel', low: 'niedrig', info: 'info' };

class CliRefusal extends Error {}

function targetOf(text: string, as: 'host' | 'domain' | undefined): ScanTargetInput {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { url: text };
  const bare = text.replace(/^\[|\]$/g, '');
  if (as === 'host' || isIP(bare)) return { host: text };
  return { domain: text };
}

function checkOptions(options: ScanCliOptions): RunOptions {
  const addresses: Record<string, string> = {};
  for (const entry of options.resolve) {
    const [name, address] = entry.split('=');
    if (!name || !address || !isIP(address))
      throw new CliRefusal(`--resolve erwartet NAME=IP, nicht „${entry}“.`);
    addresses[name.toLowerCase()] = address;
  }
  const ports: Record<number, number | false> = {};
  for (const entry of options.port) {
    const [from, to] = entry.split('=');
    const standard = Number(from);
    const mapped = to === 'off' ? false : Number(to);
    if (!Number.isInteger(standard) || (mapped !== false && !Number.isInteger(mapped))) {
      throw new CliRefusal(`--port erwartet STANDARD=PORT oder STANDARD=off, nicht „${entry}“.`);
    }
    ports[standard] = mapped;
  }
  return {
    ...(Object.keys(addresses).length ? { addresses } : {}),
    ...(Object.keys(ports).length ? { ports } : {}),
    ...(options.caFile ? { caCertificates: [readFileSync(options.caFile, 'utf8')] } : {}),
    timeoutMs: options.timeout ? Number(options.timeout) : 5000,
  };
}

function table(results: readonly CheckResult[]): string {
  const rows = results.map((r) => [
    r.checkId,
    STATUS_DE[r.status] ?? r.status,
    r.status === 'fail' || r.status === 'warn' ? (SEVERITY_DE[r.severity] ?? r.severity) : '',
    `${r.target.host}${r.target.port !== undefined ? `:${r.target.port}` : ''}`,
    r.summary.de,
  ]);
  const head = ['Prüfung', 'Status', 'Schwere', 'Ziel', 'Ergebnis'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function registerScanCommands(program: Command, withDatabase: WithDatabase): void {
  program
    .command('scan')
    .description('run every built-in check against one target (URL, host or domain) now, without the queue')
    .argument('<target>', 'https://www.example.de/, a host name or IP address, or a domain')
    .option('--json', 'results as JSON with the check ids')
    .option('--i-am-authorised', 'skip the authorisation lookup (you hold a written authorisation)')
    .option('--org <ars>', 'organisation (ARS or id) whose recorded authorisation covers the target')
    .option('--as <kind>', 'treat a bare name as "host" or "domain" (default: domain; IPs are hosts)')
    .option('--resolve <name=ip>', 'use this address for a name (like curl --resolve)', collect, [])
    .option(
      '--port <standard=port>',
      'connect to another port instead of a standard one, or "off"',
      collect,
      [],
    )
    .option('--ca-file <pem>', 'trust anchors for the certificate checks')
    .option('--timeout <ms>', 'timeout per network operation')
    .action(async (text: string, options: ScanCliOptions) => {
      try {
        const normalised = normaliseScanTarget(targetOf(text, options.as));
        if (!normalised.ok) throw new CliRefusal(normalised.message);
        const { target, host, port } = normalised.value;
        const runOptions = checkOptions(options);
        if (!options.iAmAuthorised) {
          if (!options.org) {
            throw new CliRefusal(
              'Ohne Freigabe wird nicht gescannt: bitte --org ARS angeben (die Freigabe wird in der Datenbank gesucht) oder mit --i-am-authorised bestätigen, dass eine schriftliche Freigabe vorliegt.',
            );
          }
          const org = options.org;
          await withDatabase(async (database) => {
            const organisation = await unsafeFindOrganisationByKey(database.db, org);
            if (!organisation) throw new CliRefusal(`Keine Organisation mit ARS oder id ${org}.`);
            try {
              await assertScanAuthorised(database.db, organisation.id, { host, port });
            } catch (error) {
              if (error instanceof AppError) throw new CliRefusal(error.detail ?? error.title);
              throw error;
            }
          });
        }
        const results = await runChecks(target, runOptions);
        const findings = findingsOf(results).length;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ target, results, findings }, null, 2)}\n`);
        } else {
          process.stdout.write(
            `Scan von ${Object.values(target)[0]}\n\n${table(results)}\n\n${findings} Mängel.\n`,
          );
        }
      } catch (error) {
        if (!(error instanceof CliRefusal)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 2;
      }
    });

  program
    .command('worker')
    .description(
      'work background jobs (scan runs, schedules) until SIGINT/SIGTERM; for BASTEI_WORKER=off servers',
    )
    .action(() =>
      withDatabase(async (database, config) => {
        const jobs = createQueue(database, {
          worker: true,
          onError: (error) => process.stderr.write(`job queue: ${error.message}\n`),
        });
        await startWorkers(database, config, jobs);
        process.stdout.write('Bastei worker running; stop with Ctrl+C.\n');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await jobs.stop();
      }),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
