import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { seedDemo } from '../domains/demo/seed.ts';
import { parseRegisterFile } from '../domains/organisations/register/index.ts';
import { unsafeFindOrganisationByKey } from '../domains/organisations/repository.ts';
import { importRegisterUnits } from '../domains/organisations/service.ts';
import { registerScanCommands } from '../domains/scans/runs/cli.ts';
import { unsafeFindUserByEmail } from '../domains/users/repository.ts';
import { addMembership, assignAuditor, createUser, setUserPassword } from '../domains/users/service.ts';
import { reportStartupError, startServer } from '../main.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { backupArchive, restoreArchive } from '../platform/backup/archive.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { systemContext } from '../platform/context.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { ROLES, type Role } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';

/** Opens the configured database, migrated, runs `work`, and always closes it again. */
async function withDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
  options = { migrate: true },
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, poolSize: 2 }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  try {
    if (options.migrate) await migrate(database);
    return await work(database, config);
  } finally {
    await database.close();
  }
}

const operator = () => process.env.USER ?? 'operator';
const print = (json: boolean, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

async function requireUser(database: Database, email: string) {
  const user = await unsafeFindUserByEmail(database.db, email);
  if (!user) throw new AppError('not-found', { detail: `No account with e-mail ${email}.` });
  return user;
}

async function requireOrganisation(database: Database, key: string) {
  const organisation = await unsafeFindOrganisationByKey(database.db, key);
  if (!organisation) throw new AppError('not-found', { detail: `No organisation with ARS or id ${key}.` });
  return organisation;
}

const program = new Command('bastei')
  .description('Bastei: state-wide information-security programme for Kommunen')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server (migrates first)')
  .option('--demo', 'seed the demo state (Sachsen-Anhalt) when the database is empty')
  .action(async (options: { demo?: boolean }) => {
    await startServer({ demo: Boolean(options.demo) });
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase(
      async (database) => {
        const report = await migrate(database);
        print(
          false,
          report,
          report.applied.length ? `Applied: ${report.applied.join(', ')}` : 'Database is up to date.',
        );
      },
      { migrate: false },
    ),
  );

program
  .command('seed-demo')
  .description('seed the demo state and accounts (once)')
  .action(() =>
    withDatabase(async (database, config) => {
      const result = await seedDemo(database.db, config);
      if (!result.seeded) {
        print(false, result, 'Demo state already present; nothing changed.');
        return;
      }
      print(
        false,
        result,
        [
          'Demo state seeded. Accounts:',
          ...result.accounts.map((a) => `  ${a}`),
          result.passwordGenerated
            ? `Password (shown only now): ${result.password}`
            : 'Password: BASTEI_DEMO_PASSWORD',
        ].join('\n'),
      );
    }),
  );

const importCommand = program.command('import').description('import reference data');
importCommand
  .command('municipalities')
  .description('import the official register (Destatis GV100AD fixed-width or the derived CSV layouts)')
  .argument('<file>')
  .option('--state <code>', 'only this Land (two digits, e.g. 15)')
  .option('--include-members', 'also import member municipalities of Verbandsgemeinden/Ämter')
  .option('--json', 'print the result as JSON')
  .action((file: string, options: { state?: string; includeMembers?: boolean; json?: boolean }) =>
    withDatabase(async (database) => {
      if (options.state && !/^\d{2}$/.test(options.state)) {
        throw new AppError('validation-failed', {
          detail: '--state expects a two-digit Land code such as 15.',
        });
      }
      const parsed = parseRegisterFile(await readFile(file), {
        state: options.state,
        includeMembers: Boolean(options.includeMembers),
      });
      const result = await importRegisterUnits(systemContext(database.db, `cli:${operator()}`), parsed.units);
      print(
        Boolean(options.json),
        { format: parsed.format, ...result },
        `Imported ${result.total} units (${parsed.format}): ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
      );
    }),
  );

importCommand
  .command('geometry')
  .description('import boundaries for the map (GeoJSON or TopoJSON keyed by ARS or AGS)')
  .argument('<file>')
  .option(
    '--object <name>',
    'TopoJSON: read only this object (repeatable)',
    (v: string, p: string[]) => [...p, v],
    [],
  )
  .option('--attribution <text>', 'attribution the data licence requires, shown with the map')
  .option('--json', 'print the result as JSON')
  .action((file: string, options: { object: string[]; attribution?: string; json?: boolean }) =>
    withDatabase(async (database) => {
      const { stat } = await import('node:fs/promises');
      const { basename } = await import('node:path');
      const { parseBoundaryFile } = await import('../domains/organisations/geometry/parse.ts');
      const { importGeometry } = await import('../domains/organisations/geometry/service.ts');
      const MAX_BYTES = 200 * 1024 * 1024;
      if ((await stat(file)).size > MAX_BYTES) {
        throw new AppError('payload-too-large', { detail: `${file} is larger than 200 MB.` });
      }
      const parsed = parseBoundaryFile(await readFile(file, 'utf8'), {
        objects: options.object.length ? options.object : undefined,
      });
      const result = await importGeometry(systemContext(database.db, `cli:${operator()}`), parsed, {
        source: basename(file),
        attribution: options.attribution ?? null,
      });
      print(
        Boolean(options.json),
        result,
        `Boundaries (${result.format}, ${result.features} features): ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.unmatched} without a matching organisation, ${result.duplicates} duplicates, ${result.skipped.length} skipped.`,
      );
    }),
  );

// --- scan reports (dynamic imports keep this one block) -------------------------------------
importCommand
  .command('scan')
  .description(
    'import a scanner report for a Kommune (Greenbone/OpenVAS XML, Nmap XML, testssl.sh JSON, Nuclei JSON/JSONL, internet.nl JSON); all or nothing',
  )
  .argument('<file>')
  .requiredOption('--org <ars>', 'the Kommune: ARS (12 digits) or organisation id')
  .option('--format <format>', 'greenbone, nmap, testssl, nuclei, internetnl (default: detected)')
  .option('--json', 'print the imported counts as JSON')
  .action((file: string, options: { org: string; format?: string; json?: boolean }) =>
    withDatabase(async (database, config) => {
      const { createReadStream } = await import('node:fs');
      const { stat } = await import('node:fs/promises');
      const { basename } = await import('node:path');
      const { SCAN_FORMATS } = await import('../domains/scans/imports/finding.ts');
      const { importScanReport } = await import('../domains/scans/findings/service.ts');
      const format = options.format ?? 'auto';
      if (format !== 'auto' && !(SCAN_FORMATS as readonly string[]).includes(format)) {
        throw new AppError('validation-failed', {
          detail: `--format: unbekanntes Format "${format}" (erlaubt: ${SCAN_FORMATS.join(', ')}).`,
        });
      }
      const organisation = await requireOrganisation(database, options.org);
      const { size } = await stat(file);
      const result = await importScanReport(systemContext(database.db, `cli:${operator()}`), {
        organisationId: organisation.id,
        body: createReadStream(file),
        fileName: basename(file).slice(0, 255),
        format: format as 'auto',
        declaredSize: size,
        limitBytes: config.scanImportLimitBytes,
      });
      print(
        Boolean(options.json),
        result,
        `Imported ${result.format} report ${result.fileName} for ${organisation.name}: ${result.findingsCount} findings (${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.reopened} reopened, ${result.fixed} fixed); open now: ${result.open.high} high, ${result.open.medium} medium, ${result.open.low} low, ${result.open.info} info.`,
      );
    }),
  );

// --- catalogs (dynamic imports keep this one block) ----------------------------------------
const collect = (value: string, previous: string[]) => [...previous, value];
const catalogCommand = program.command('catalog').description('catalogs: OSCAL import/export, Bastei-Basis');
catalogCommand
  .command('import')
  .description('import an OSCAL catalog, profile or mapping collection (JSON)')
  .argument('<file>')
  .option(
    '--with <[href=]file>',
    'a catalog the profile imports; href= names the import it stands for',
    collect,
    [],
  )
  .option('--key <key>', 'catalog key (default: derived from the title)')
  .option(
    '--schema-dir <dir>',
    'validate against the OSCAL JSON schemas here (default: BASTEI_OSCAL_SCHEMA_DIR)',
  )
  .option('--json', 'print {"catalogId","groups","controls"} as JSON')
  .action((file: string, options: { with: string[]; key?: string; schemaDir?: string; json?: boolean }) =>
    withDatabase(async (database, config) => {
      const { existsSync } = await import('node:fs');
      const { importOscalCatalog } = await import('../domains/catalogs/service.ts');
      const withDocuments = await Promise.all(
        options.with.map(async (value) => {
          const eq = value.indexOf('=');
          const named = eq > 0 && !existsSync(value);
          const path = named ? value.slice(eq + 1) : value;
          return named
            ? { href: value.slice(0, eq), document: await readFile(path) }
            : { href: path.slice(path.lastIndexOf('/') + 1), document: await readFile(path) };
        }),
      );
      const schemaDir = options.schemaDir ?? config.oscalSchemaDir;
      const result = await importOscalCatalog(
        systemContext(database.db, `cli:${operator()}`),
        await readFile(file),
        {
          with: withDocuments,
          ...(options.key ? { key: options.key } : {}),
          ...(schemaDir ? { schema: { schemaDir } } : {}),
        },
      );
      const summary =
        result.kind === 'mapping-collection'
          ? { catalogId: null, groups: 0, controls: 0, crossReferences: result.crossReferences }
          : { catalogId: result.catalogId, groups: result.groups, controls: result.controls };
      print(
        Boolean(options.json),
        summary,
        result.kind === 'mapping-collection'
          ? `Imported ${result.crossReferences} cross-references from "${result.title}" (${result.key}@${result.version}).`
          : `Imported "${result.title}" (${result.key}@${result.version}) as ${result.catalogId}: ${result.groups} groups, ${result.controls} controls, ${result.measureTemplates} measure templates.`,
      );
      for (const w of result.warnings) process.stderr.write(`warning: ${w.pointer} ${w.message}\n`);
    }),
  );
catalogCommand
  .command('export')
  .description('write a catalog as an OSCAL catalog JSON file')
  .argument('<catalog>', 'catalog id, key (newest version) or key@version')
  .argument('<file>')
  .action((reference: string, file: string) =>
    withDatabase(async (database) => {
      const { writeFile } = await import('node:fs/promises');
      const { findCatalogByReference } = await import('../domains/catalogs/repository.ts');
      const { exportCatalog } = await import('../domains/catalogs/service.ts');
      const catalog = await findCatalogByReference(database.db, reference);
      if (!catalog) throw new AppError('not-found', { detail: `No catalog ${reference}.` });
      const { document } = await exportCatalog(systemContext(database.db, `cli:${operator()}`), catalog.id);
      await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
      print(false, null, `Exported ${catalog.key}@${catalog.version} to ${file}.`);
    }),
  );
catalogCommand
  .command('install-baseline')
  .description('store the built-in baseline Bastei-Basis (once)')
  .option('--json')
  .action((options: { json?: boolean }) =>
    withDatabase(async (database) => {
      const { installBaseline } = await import('../domains/catalogs/service.ts');
      const result = await installBaseline(systemContext(database.db, `cli:${operator()}`));
      print(
        Boolean(options.json),
        {
          catalogId: result.catalogId,
          groups: result.groups,
          controls: result.controls,
          installed: result.installed,
        },
        result.installed
          ? `Installed ${result.title} (${result.key}@${result.version}): ${result.groups} topics, ${result.controls} requirements, ${result.measureTemplates} measure templates.`
          : `${result.key}@${result.version} is already installed (${result.catalogId}); nothing changed.`,
      );
    }),
  );

// --- advisories (dynamic imports keep this one block) ---------------------------------------
program
  .command('advisories')
  .description('CSAF advisories')
  .command('import')
  .description('import CSAF 2.0 files for a CERT: validate, store byte-exact, supersede, match')
  .argument('<files...>')
  .option('--cert <id|name>', 'the owning CERT (default: the only CERT organisation)')
  .option('--named <email>', 'TLP:RED: a person named as recipient (repeatable)', collect, [])
  .option('--json', 'print one JSON object per file')
  .action((files: string[], options: { cert?: string; named: string[]; json?: boolean }) =>
    withDatabase(async (database) => {
      const { importAdvisories } = await import('../domains/advisories/service.ts');
      const certs = await database.db
        .selectFrom('organisations')
        .select(['id', 'name', 'short_name'])
        .where('type', '=', 'cert')
        .execute();
      const wanted = options.cert;
      const chosen = wanted
        ? certs.filter((c) => c.id === wanted || c.name === wanted || c.short_name === wanted)
        : certs;
      if (chosen.length !== 1) {
        throw new AppError('validation-failed', {
          detail: wanted
            ? `No CERT organisation "${wanted}".`
            : `Please name the CERT with --cert (${certs.map((c) => c.short_name).join(', ') || 'none exists'}).`,
        });
      }
      const named = await Promise.all(
        options.named.map(async (email) => (await requireUser(database, email)).id),
      );
      const ctx = systemContext(database.db, `cli:${operator()}`);
      // one call for all files: validated first, then written in chunks (each file all or nothing)
      const outcomes = await importAdvisories(ctx, await Promise.all(files.map((file) => readFile(file))), {
        organisationId: chosen[0]!.id,
        namedRecipientUserIds: named,
      });
      for (const [i, outcome] of outcomes.entries()) {
        const file = files[i]!;
        if (!outcome.ok) {
          process.stderr.write(
            `${file}: nothing imported. ${outcome.error.title} ${outcome.error.detail ?? ''}\n`,
          );
          process.exitCode = 1;
          continue;
        }
        const result = outcome.result;
        const a = result.advisory;
        print(
          Boolean(options.json),
          {
            id: a.id,
            trackingId: a.trackingId,
            version: a.version,
            tlp: a.tlp.label,
            created: result.created,
            current: result.current,
            matchedKommunen: result.matches.organisations,
            matches: result.matches,
          },
          `${result.created ? 'Imported' : 'Already present:'} ${a.trackingId} v${a.version} (TLP:${a.tlp.label}) as ${a.id}${result.current ? '' : ' (older revision, not current)'}: ${result.matches.organisations} Kommunen matched (${result.matches.confirmed} confirmed, ${result.matches.probable} probable, ${result.matches.review} review).`,
        );
        for (const w of result.warnings) process.stderr.write(`warning: ${w.pointer} ${w.message}\n`);
      }
    }),
  );

const user = program.command('user').description('manage accounts');
user
  .command('create')
  .requiredOption('--email <email>')
  .requiredOption('--name <displayName>')
  .option('--password <password>', 'otherwise one is generated and printed once')
  .option('--oidc-only', 'no password: the account signs in through OIDC')
  .action((options: { email: string; name: string; password?: string; oidcOnly?: boolean }) =>
    withDatabase(async (database, config) => {
      const password = options.oidcOnly
        ? undefined
        : (options.password ?? randomBytes(12).toString('base64url'));
      const created = await createUser(
        systemContext(database.db, `cli:${operator()}`),
        { email: options.email.trim().toLowerCase(), displayName: options.name, password, locale: 'de' },
        { argon2MemoryKiB: config.argon2MemoryKiB },
      );
      print(
        false,
        created,
        `Created ${created.email}.${password && !options.password ? ` Password: ${password}` : ''}`,
      );
    }),
  );
user
  .command('add-membership')
  .requiredOption('--email <email>')
  .requiredOption('--org <arsOrId>', 'organisation by ARS or id')
  .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
  .action((options: { email: string; org: string; role: Role }) =>
    withDatabase(async (database) => {
      const target = await requireUser(database, options.email);
      const organisation = await requireOrganisation(database, options.org);
      await addMembership(systemContext(database.db, `cli:${operator()}`), target.id, {
        organisationId: organisation.id,
        role: options.role,
      });
      print(false, null, `${target.email} is now ${options.role} of ${organisation.name}.`);
    }),
  );
user
  .command('assign')
  .description('assign an auditor to a Kommune')
  .requiredOption('--email <email>')
  .requiredOption('--org <arsOrId>')
  .action((options: { email: string; org: string }) =>
    withDatabase(async (database) => {
      const target = await requireUser(database, options.email);
      const organisation = await requireOrganisation(database, options.org);
      await assignAuditor(systemContext(database.db, `cli:${operator()}`), target.id, organisation.id);
      print(false, null, `${target.email} is assigned to ${organisation.name}.`);
    }),
  );
user
  .command('reset-password')
  .requiredOption('--email <email>')
  .option('--password <password>', 'otherwise one is generated and printed once')
  .action((options: { email: string; password?: string }) =>
    withDatabase(async (database, config) => {
      const target = await requireUser(database, options.email);
      const password = options.password ?? randomBytes(12).toString('base64url');
      await setUserPassword(systemContext(database.db, `cli:${operator()}`), target.id, password, {
        argon2MemoryKiB: config.argon2MemoryKiB,
      });
      print(
        false,
        null,
        `Password of ${target.email} reset; all sessions ended.${options.password ? '' : ` New password: ${password}`}`,
      );
    }),
  );

program
  .command('audit')
  .description('audit log')
  .command('verify')
  .description('verify the hash chain; exits 1 at the first broken link')
  .option('--json')
  .action((options: { json?: boolean }) =>
    withDatabase(async (database) => {
      const result = await verifyAuditChain(database.db);
      print(
        Boolean(options.json),
        result,
        result.ok
          ? `Audit chain intact: ${result.checked} entries verified.`
          : `Audit chain BROKEN at entry ${result.firstBroken!.id}: ${result.firstBroken!.reason} (${result.checked} entries before it are intact).`,
      );
      if (!result.ok) process.exitCode = 1;
    }),
  );

program
  .command('backup')
  .description('write one archive with a consistent dump of the database and the stored files')
  .argument('<file>')
  .action((file: string) =>
    withDatabase(async (database, config) => {
      const result = await backupArchive(database, config.filesDir, file);
      const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
      for (const sha of result.missingFiles)
        process.stderr.write(`warning: evidence file ${sha} is missing\n`);
      print(
        false,
        result,
        `Backup written to ${file}: ${rows} rows in ${Object.keys(result.tables).length} tables, ${result.files} files (${result.fileBytes} bytes).`,
      );
    }),
  );

program
  .command('restore')
  .description('restore an archive into an empty data folder or an empty PostgreSQL database (checked first)')
  .argument('<file>')
  .action((file: string) =>
    withDatabase(
      async (database, config) => {
        const result = await restoreArchive(database, config.filesDir, file);
        const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
        print(false, result, `Restored ${rows} rows and ${result.files} files from ${file}.`);
      },
      { migrate: false },
    ),
  );

// --- assets (src/domains/assets): CSV inventory import ----------------------------------------
importCommand
  .command('assets')
  .description(
    'import a Kommune’s inventory from CSV (kind,name,port,protocol,product,vendor,version,cpe,purl,notes); all rows or none',
  )
  .argument('<file>')
  .requiredOption('--org <arsOrId>', 'organisation by ARS or id')
  .option('--json', 'print the result (or the errors) as JSON')
  .action((file: string, options: { org: string; json?: boolean }) =>
    withDatabase(async (database) => {
      const { importAssets } = await import('../domains/assets/csv-import.ts');
      const organisation = await requireOrganisation(database, options.org);
      try {
        const result = await importAssets(
          systemContext(database.db, `cli:${operator()}`),
          organisation.id,
          await readFile(file, 'utf8'),
        );
        print(
          Boolean(options.json),
          result,
          `Imported ${result.rows} rows into ${organisation.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged${result.implicitHosts ? `, ${result.implicitHosts} hosts added for services` : ''}.`,
        );
      } catch (error) {
        const lines = error instanceof AppError ? error.extensions.csvErrors : undefined;
        if (!Array.isArray(lines)) throw error;
        if (options.json) print(true, { ok: false, errors: lines }, '');
        else
          process.stderr.write(
            `${file}: nothing imported.\n${(error as AppError).errors?.map((e) => `  ${e.message}`).join('\n')}\n`,
          );
        process.exitCode = 1;
      }
    }),
  );

registerScanCommands(program, withDatabase);

program
  .command('bench-data')
  .description(
    'generate a synthetic national data set (16 Länder, ~400 districts, Kommunen with assessments; keys 9…) once',
  )
  .option('--municipalities <n>', 'number of Kommunen', '10953')
  .option('--seed <seed>', 'seed of the generated data', 'bastei')
  .action((options: { municipalities: string; seed: string }) =>
    withDatabase(async (database) => {
      const { generateBenchData } = await import('../domains/overview/bench-data.ts');
      const result = await generateBenchData(database.db, {
        municipalities: Number(options.municipalities),
        seed: options.seed,
        onProgress: (message) => process.stderr.write(`${message}\n`),
      });
      print(
        false,
        result,
        `Created ${result.states} states, ${result.districts} districts, ${result.municipalities} Kommunen, ${result.assessments} assessments with ${result.answers} answers in ${result.seconds} s.`,
      );
    }),
  );

program.commands
  .find((command) => command.name() === 'advisories')
  ?.command('poll')
  .description('poll every enabled CSAF provider now (as the hourly job does) and print what each poll did')
  .option('--json', 'print the reports as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (database, config) => {
      const { pollAllFeedProviders } = await import('../domains/advisories/feeds/worker.ts');
      const reports = await pollAllFeedProviders(database, config);
      print(
        Boolean(options.json),
        reports,
        reports.length === 0
          ? 'No CSAF providers registered.'
          : reports
              .map(
                (r) =>
                  `${r.provider}: ${r.imported} imported, ${r.unchanged} unchanged, ${r.skipped} already known, ${r.rejected.length} rejected, ${r.errors.length} errors`,
              )
              .join('\n'),
      );
    }),
  );

program.parseAsync(process.argv).catch(reportStartupError);
