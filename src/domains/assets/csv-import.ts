/**
 * CSV bulk import of an inventory. One row per domain, host, service or installed product:
 *
 *   kind,name,port,protocol,product,vendor,version,cpe,purl,notes
 *   domain,halberstadt.de,,,,,,,,
 *   host,www.halberstadt.de,,,,,,,,
 *   service,www.halberstadt.de,443,tcp,nginx,f5,1.24.0,cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*,,
 *   product,,,,Windows Server,microsoft,2019,cpe:/o:microsoft:windows_server_2019,,
 *
 * - Header line first; column names case-insensitive in any order (German names accepted:
 *   art, protokoll, produkt, hersteller, notizen); only `kind` and `name` are required. Comma
 *   or semicolon (as spreadsheets write it) separated, UTF-8 with or without BOM.
 * - domain / host: `name` (DNS name or, for a host, an IP address). A host is placed under the
 *   longest matching domain of the inventory.
 * - service: `name` is the host's name (the host is created when missing), `port`, `protocol`
 *   (tcp/udp), `product` what listens there. With vendor/version/cpe/purl also an installed
 *   product on that service.
 * - product: an installed product; `name` (+ `port`/`protocol`) names the host or service it
 *   runs on (optional); `product` required.
 * - A column that is missing leaves existing values alone; an empty cell clears `notes`.
 *
 * Every row is checked first, errors name line and column; then all rows are written in one
 * transaction or none. Re-importing the same file reports every row as unchanged.
 */
import { randomUUID } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { type Insertable, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorUserId, type RequestContext } from '../../platform/context.ts';
import type { AssetsTable, InstalledProductsTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { rematchOrganisation } from '../advisories/service.ts';
import { canonicalIp, isWithinDomain } from './names.ts';
import { findAllAssets, findAllInstalledProducts, lockInventory } from './repository.ts';
import type { ImportResult } from './schemas.ts';
import { loadOrganisation, readScope } from './service.ts';
import { validateAssetFields, validateProductFields } from './validate.ts';

export const MAX_IMPORT_ROWS = 20_000;
const MAX_REPORTED_ERRORS = 100;

export const COLUMNS = [
  'kind',
  'name',
  'port',
  'protocol',
  'product',
  'vendor',
  'version',
  'cpe',
  'purl',
  'notes',
] as const;
type Column = (typeof COLUMNS)[number];
const ALIASES: Record<string, Column> = {
  art: 'kind',
  typ: 'kind',
  protokoll: 'protocol',
  produkt: 'product',
  hersteller: 'vendor',
  notiz: 'notes',
  notizen: 'notes',
  bemerkung: 'notes',
};
const KIND_ALIASES: Record<string, RowKind> = {
  domain: 'domain',
  domäne: 'domain',
  host: 'host',
  service: 'service',
  dienst: 'service',
  product: 'product',
  produkt: 'product',
};
type RowKind = 'domain' | 'host' | 'service' | 'product';

export interface CsvProblem {
  line: number;
  column: string | null;
  message: string;
}

export class CsvImportError extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CsvImportError';
  }
}

export const formatProblem = (p: CsvProblem) =>
  p.column ? `Zeile ${p.line}, Spalte „${p.column}“: ${p.message}` : `Zeile ${p.line}: ${p.message}`;

interface ProductPart {
  vendor: string | null;
  product: string;
  version: string | null;
  cpe: string | null;
  purl: string | null;
}

export type CsvRow =
  | { line: number; kind: 'domain' | 'host'; name: string; notes: string | null | undefined }
  | {
      line: number;
      kind: 'service';
      name: string;
      port: number;
      protocol: 'tcp' | 'udp';
      product: string | null | undefined;
      notes: string | null | undefined;
      installed: ProductPart | null;
    }
  | {
      line: number;
      kind: 'product';
      asset: { name: string; port: number | null; protocol: 'tcp' | 'udp' | null } | null;
      installed: ProductPart;
    };

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Ein Anführungszeichen wird nicht geschlossen.',
  INVALID_OPENING_QUOTE:
    'Ein Anführungszeichen steht mitten im Feld; Felder mit Anführungszeichen ganz einschließen.',
  CSV_INVALID_CLOSING_QUOTE: 'Nach dem schließenden Anführungszeichen folgt noch Text.',
  CSV_MAX_RECORD_SIZE: 'Die Zeile ist zu lang.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'Nach dem schließenden Anführungszeichen folgt noch Text.',
};

function parsePort(text: string): number | null | 'invalid' {
  if (text === '') return null;
  if (!/^\d{1,5}$/.test(text)) return 'invalid';
  const value = Number(text);
  return value >= 1 && value <= 65535 ? value : 'invalid';
}

/** Reads and checks every row; throws CsvImportError with all problems (line, column, message). */
export function parseAssetCsv(text: string): CsvRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines) || 1;
      throw new CsvImportError([
        { line, column: null, message: CSV_MESSAGES[error.code] ?? 'Die Datei ist kein gültiges CSV.' },
      ]);
    }
    throw error;
  }
  const header = records[0];
  if (!header)
    throw new CsvImportError([{ line: 1, column: null, message: 'Die Datei ist leer (Kopfzeile fehlt).' }]);
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    throw new CsvImportError([
      { line: 1, column: null, message: `Höchstens ${MAX_IMPORT_ROWS} Zeilen je Import.` },
    ]);
  }
  const problems: CsvProblem[] = [];
  const columns: (Column | null)[] = header.record.map((raw) => {
    const name = raw.trim().toLowerCase();
    const column = (COLUMNS as readonly string[]).includes(name)
      ? (name as Column)
      : Object.hasOwn(ALIASES, name)
        ? ALIASES[name]!
        : null;
    if (!column) {
      problems.push({
        line: 1,
        column: raw.slice(0, 40),
        message: `Unbekannte Spalte; erlaubt sind ${COLUMNS.join(', ')}.`,
      });
    }
    return column;
  });
  for (const required of ['kind', 'name'] as const) {
    if (!columns.includes(required))
      problems.push({ line: 1, column: required, message: 'Diese Spalte fehlt in der Kopfzeile.' });
  }
  const seen = new Set<Column>();
  for (const column of columns) {
    if (column && seen.has(column))
      problems.push({ line: 1, column, message: 'Die Spalte steht doppelt in der Kopfzeile.' });
    if (column) seen.add(column);
  }
  if (problems.length > 0) throw new CsvImportError(problems);

  const rows: CsvRow[] = [];
  const keys = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (problems.length >= MAX_REPORTED_ERRORS) break;
    const problem = (column: string | null, message: string) => problems.push({ line, column, message });
    if (record.length !== columns.length) {
      problem(null, `${record.length} Felder, die Kopfzeile hat ${columns.length}.`);
      continue;
    }
    const cell = (column: Column): string | undefined => {
      const index = columns.indexOf(column);
      return index < 0 ? undefined : (record[index] ?? '');
    };
    const kindText = (cell('kind') ?? '').toLowerCase();
    const kind = Object.hasOwn(KIND_ALIASES, kindText) ? KIND_ALIASES[kindText] : undefined;
    if (!kind) {
      problem('kind', `„${kindText.slice(0, 40)}“ ist keine Art; erlaubt: domain, host, service, product.`);
      continue;
    }
    const portText = cell('port') ?? '';
    const port = parsePort(portText);
    if (port === 'invalid') {
      problem('port', `„${portText.slice(0, 20)}“ ist kein Port (ganze Zahl von 1 bis 65535).`);
      continue;
    }
    const protocol = cell('protocol') ?? '';
    const notesCell = cell('notes');
    const notes = notesCell === undefined ? undefined : notesCell === '' ? null : notesCell;
    if (notes && notes.length > 2000) problem('notes', 'Höchstens 2000 Zeichen.');
    const productFields = {
      vendor: cell('vendor') ?? null,
      product: cell('product') ?? null,
      version: cell('version') ?? null,
      cpe: cell('cpe') ?? null,
      purl: cell('purl') ?? null,
    };
    const hasProductDetails = [
      productFields.vendor,
      productFields.version,
      productFields.cpe,
      productFields.purl,
    ].some((v) => v !== null && v !== '');
    const name = cell('name') ?? '';

    if (kind === 'product') {
      const checkedProduct = validateProductFields(productFields, true);
      if (!checkedProduct.ok) for (const p of checkedProduct.problems) problem(p.field, p.message);
      let asset: { name: string; port: number | null; protocol: 'tcp' | 'udp' | null } | null = null;
      if (name !== '' || port !== null || protocol !== '') {
        const checked = validateAssetFields(port === null && protocol === '' ? 'host' : 'service', {
          name,
          port,
          protocol,
        });
        if (!checked.ok) for (const p of checked.problems) problem(p.field, p.message);
        else
          asset = {
            name: checked.value.name as string,
            port: checked.value.port,
            protocol: checked.value.protocol,
          };
      }
      if (!checkedProduct.ok || (name !== '' && !asset)) continue;
      const v = checkedProduct.value;
      const installed = {
        vendor: v.vendor ?? null,
        product: v.product as string,
        version: v.version ?? null,
        cpe: v.cpe ?? null,
        purl: v.purl ?? null,
      };
      const key = `product|${asset ? `${asset.name}|${asset.port}|${asset.protocol}` : ''}|${installed.vendor}|${installed.product}|${installed.version}`;
      if (keys.has(key)) {
        problem('product', `Dasselbe Produkt steht schon in Zeile ${keys.get(key)}.`);
        continue;
      }
      keys.set(key, line);
      rows.push({ line, kind, asset, installed });
      continue;
    }

    const checked = validateAssetFields(kind, { name, port, protocol: protocol === '' ? null : protocol });
    if (!checked.ok) {
      for (const p of checked.problems) problem(p.field, p.message);
      continue;
    }
    const assetName = checked.value.name as string;
    const key = `${kind}|${assetName}|${checked.value.port}|${checked.value.protocol}`;
    if (keys.has(key)) {
      problem('name', `${assetName} (${kind}) steht schon in Zeile ${keys.get(key)}.`);
      continue;
    }
    keys.set(key, line);
    if (kind !== 'service') {
      if (productFields.product || hasProductDetails) {
        problem(
          'product',
          'Produktangaben gehören zu einem Dienst (service) oder einer Zeile der Art product.',
        );
        continue;
      }
      rows.push({ line, kind, name: assetName, notes });
      continue;
    }
    const listening =
      productFields.product === null || productFields.product === ''
        ? productFields.product === null
          ? undefined
          : null
        : productFields.product;
    if (typeof listening === 'string' && listening.length > 200) {
      problem('product', 'Höchstens 200 Zeichen.');
      continue;
    }
    let installed: ProductPart | null = null;
    if (hasProductDetails) {
      const checkedProduct = validateProductFields(productFields, true);
      if (!checkedProduct.ok) {
        for (const p of checkedProduct.problems) problem(p.field, p.message);
        continue;
      }
      const v = checkedProduct.value;
      installed = {
        vendor: v.vendor ?? null,
        product: v.product as string,
        version: v.version ?? null,
        cpe: v.cpe ?? null,
        purl: v.purl ?? null,
      };
    }
    rows.push({
      line,
      kind,
      name: assetName,
      port: checked.value.port as number,
      protocol: checked.value.protocol as 'tcp' | 'udp',
      product: listening,
      notes,
      installed,
    });
  }
  if (problems.length > 0) throw new CsvImportError(problems.slice(0, MAX_REPORTED_ERRORS));
  if (rows.length === 0)
    throw new CsvImportError([
      { line: 2, column: null, message: 'Die Datei enthält keine Zeilen unter der Kopfzeile.' },
    ]);
  return rows;
}

/** The import error as problem+json: one field error per problem, plus the plain list. */
export function csvProblem(error: CsvImportError, pointer = '/body/csv'): AppError {
  return new AppError('validation-failed', {
    detail: `Die CSV-Datei wurde nicht importiert (nichts geändert): ${error.problems.map(formatProblem).join('; ')}`,
    errors: error.problems.map((p) => ({ pointer, message: formatProblem(p) })),
    extensions: { csvErrors: error.problems },
  });
}

// --- writing -----------------------------------------------------------------------------------------

type AssetState = {
  id: string;
  kind: string;
  name: string;
  port: number | null;
  protocol: string | null;
  product: string | null;
  parent_id: string | null;
  notes: string | null;
};
const assetKey = (kind: string, name: string, port: number | null, protocol: string | null) =>
  `${kind}|${name}|${port ?? ''}|${protocol ?? ''}`;
const productKey = (
  assetId: string | null,
  p: { vendor: string | null; product: string; version: string | null },
) => `${assetId ?? ''}|${p.vendor ?? '\u0000'}|${p.product}|${p.version ?? '\u0000'}`;

/** Imports the CSV into the organisation's inventory: all rows or none. */
export async function importAssets(
  ctx: RequestContext,
  organisationId: string,
  csv: string,
): Promise<ImportResult> {
  let rows: CsvRow[];
  try {
    rows = parseAssetCsv(csv);
  } catch (error) {
    // Authorisation first: an outsider learns nothing about the file's problems.
    await loadOrganisation(ctx, ctx.db, organisationId, 'asset.manage');
    if (error instanceof CsvImportError) throw csvProblem(error);
    throw error;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId, 'asset.manage');
    await lockInventory(trx, organisation.id);
    // Rows are inserted in batches at the end; updates may point at parents inserted there.
    await sql`set constraints all deferred`.execute(trx);
    const assets = new Map<string, AssetState>();
    for (const a of await findAllAssets(trx, readScope(ctx), organisation.id))
      assets.set(assetKey(a.kind, a.name, a.port, a.protocol), a);
    const products = new Map<string, { id: string; cpe: string | null; purl: string | null }>();
    for (const p of await findAllInstalledProducts(trx, readScope(ctx), organisation.id))
      products.set(productKey(p.asset_id, p), p);

    // Product rows may name assets that this file creates: check them all before writing.
    const planned = new Set(
      rows
        .filter((r) => r.kind !== 'product')
        .map((r) =>
          assetKey(
            r.kind,
            r.name,
            r.kind === 'service' ? r.port : null,
            r.kind === 'service' ? r.protocol : null,
          ),
        ),
    );
    for (const r of rows) if (r.kind === 'service') planned.add(assetKey('host', r.name, null, null));
    const missing: CsvProblem[] = [];
    for (const r of rows) {
      if (r.kind !== 'product' || !r.asset) continue;
      const key =
        r.asset.port === null
          ? assetKey('host', r.asset.name, null, null)
          : assetKey('service', r.asset.name, r.asset.port, r.asset.protocol);
      if (!assets.has(key) && !planned.has(key)) {
        missing.push({
          line: r.line,
          column: 'name',
          message: `${r.asset.port === null ? `Host ${r.asset.name}` : `Dienst ${r.asset.name}:${r.asset.port}/${r.asset.protocol}`} gibt es weder im Bestand noch in der Datei.`,
        });
      }
    }
    if (missing.length > 0) throw csvProblem(new CsvImportError(missing.slice(0, MAX_REPORTED_ERRORS)));

    const counts = { created: 0, updated: 0, unchanged: 0, implicitHosts: 0 };
    const lines: ImportResult['lines'] = [];
    const report = (
      line: number,
      kind: CsvRow['kind'],
      name: string | null,
      result: 'created' | 'updated' | 'unchanged',
    ) => {
      counts[result]++;
      lines.push({ line, kind, name, result });
    };
    const domains = () =>
      [...assets.values()].filter((a) => a.kind === 'domain').sort((a, b) => b.name.length - a.name.length);
    const enclosing = (name: string) =>
      canonicalIp(name) ? undefined : domains().find((d) => d.name !== name && isWithinDomain(name, d.name));

    // New rows get their ids here and are inserted in batches at the end, parents before children.
    const newAssets: Insertable<AssetsTable>[] = [];
    const newProducts: Insertable<InstalledProductsTable>[] = [];
    const upsertAsset = async (values: {
      kind: 'domain' | 'host' | 'service';
      name: string;
      port: number | null;
      protocol: 'tcp' | 'udp' | null;
      product: string | null | undefined;
      notes: string | null | undefined;
      parentId: string | null;
    }): Promise<{ asset: AssetState; result: 'created' | 'updated' | 'unchanged' }> => {
      const key = assetKey(values.kind, values.name, values.port, values.protocol);
      const existing = assets.get(key);
      if (!existing) {
        const row = {
          id: randomUUID(),
          organisation_id: organisation.id,
          kind: values.kind,
          name: values.name,
          port: values.port,
          protocol: values.protocol,
          product: values.product ?? null,
          parent_id: values.parentId,
          notes: values.notes ?? null,
          created_by: actorUserId(ctx.actor),
        };
        newAssets.push(row);
        assets.set(key, row);
        return { asset: row, result: 'created' };
      }
      const set: Partial<Pick<AssetState, 'product' | 'notes' | 'parent_id'>> = {};
      if (values.product !== undefined && values.product !== existing.product) set.product = values.product;
      if (values.notes !== undefined && values.notes !== existing.notes) set.notes = values.notes;
      // The import fills in a missing parent; one set by hand stays.
      if (existing.parent_id === null && values.parentId !== null) set.parent_id = values.parentId;
      if (Object.keys(set).length === 0) return { asset: existing, result: 'unchanged' };
      await trx
        .updateTable('assets')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', existing.id)
        .execute();
      const next = { ...existing, ...set };
      assets.set(key, next);
      return { asset: next, result: 'updated' };
    };
    const upsertProduct = async (
      assetId: string | null,
      p: ProductPart,
    ): Promise<'created' | 'updated' | 'unchanged'> => {
      const key = productKey(assetId, p);
      const existing = products.get(key);
      if (!existing) {
        const row = {
          id: randomUUID(),
          organisation_id: organisation.id,
          asset_id: assetId,
          ...p,
          created_by: actorUserId(ctx.actor),
        };
        newProducts.push(row);
        products.set(key, row);
        return 'created';
      }
      if (existing.cpe === p.cpe && existing.purl === p.purl) return 'unchanged';
      await trx
        .updateTable('installed_products')
        .set({ cpe: p.cpe, purl: p.purl, updated_at: new Date() })
        .where('id', '=', existing.id)
        .execute();
      products.set(key, { ...existing, cpe: p.cpe, purl: p.purl });
      return 'updated';
    };
    const combine = (a: string, b: string) =>
      a === 'created' || b === 'created'
        ? 'created'
        : a === 'updated' || b === 'updated'
          ? 'updated'
          : 'unchanged';

    // Domains (shortest first, so subdomains find their parents), then hosts, services, products.
    const byKind = (kind: CsvRow['kind']) => rows.filter((r) => r.kind === kind);
    const domainRows = byKind('domain').sort(
      (a, b) => (a as { name: string }).name.length - (b as { name: string }).name.length,
    );
    for (const r of domainRows) {
      if (r.kind !== 'domain') continue;
      const { result } = await upsertAsset({
        kind: 'domain',
        name: r.name,
        port: null,
        protocol: null,
        product: undefined,
        notes: r.notes,
        parentId: enclosing(r.name)?.id ?? null,
      });
      report(r.line, 'domain', r.name, result);
    }
    for (const r of byKind('host')) {
      if (r.kind !== 'host') continue;
      const { result } = await upsertAsset({
        kind: 'host',
        name: r.name,
        port: null,
        protocol: null,
        product: undefined,
        notes: r.notes,
        parentId: enclosing(r.name)?.id ?? null,
      });
      report(r.line, 'host', r.name, result);
    }
    for (const r of byKind('service')) {
      if (r.kind !== 'service') continue;
      let host = assets.get(assetKey('host', r.name, null, null));
      if (!host) {
        host = (
          await upsertAsset({
            kind: 'host',
            name: r.name,
            port: null,
            protocol: null,
            product: undefined,
            notes: undefined,
            parentId: enclosing(r.name)?.id ?? null,
          })
        ).asset;
        counts.implicitHosts++;
      }
      const { asset, result } = await upsertAsset({
        kind: 'service',
        name: r.name,
        port: r.port,
        protocol: r.protocol,
        product: r.product,
        notes: r.notes,
        parentId: host.id,
      });
      const productResult = r.installed ? await upsertProduct(asset.id, r.installed) : 'unchanged';
      report(r.line, 'service', `${r.name}:${r.port}/${r.protocol}`, combine(result, productResult));
    }
    for (const r of byKind('product')) {
      if (r.kind !== 'product') continue;
      const asset = r.asset
        ? assets.get(
            r.asset.port === null
              ? assetKey('host', r.asset.name, null, null)
              : assetKey('service', r.asset.name, r.asset.port, r.asset.protocol),
          )
        : undefined;
      const result = await upsertProduct(asset?.id ?? null, r.installed);
      report(r.line, 'product', r.installed.product, result);
    }
    const BATCH = 500;
    for (let i = 0; i < newAssets.length; i += BATCH) {
      await trx
        .insertInto('assets')
        .values(newAssets.slice(i, i + BATCH))
        .execute();
    }
    for (let i = 0; i < newProducts.length; i += BATCH) {
      await trx
        .insertInto('installed_products')
        .values(newProducts.slice(i, i + BATCH))
        .execute();
    }
    lines.sort((a, b) => a.line - b.line);
    const result: ImportResult = { organisationId: organisation.id, rows: rows.length, ...counts, lines };
    if (counts.created + counts.updated + counts.implicitHosts > 0) {
      await recordAudit(ctx, trx, {
        action: 'asset.import',
        resourceType: 'organisation',
        resourceId: organisation.id,
        organisationId: organisation.id,
        after: { rows: rows.length, ...counts },
      });
      await rematchOrganisation(trx, ctx, organisation.id);
    }
    return result;
  });
}
