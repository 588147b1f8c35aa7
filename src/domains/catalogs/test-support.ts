/** Shared helpers of the catalog API, CLI and fuzz tests. */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { Executor } from '../../platform/db/database.ts';
import { SCHEMA_DIR } from './oscal/test-helpers.ts';

export const CATALOG_TABLES = [
  'catalogs',
  'catalog_groups',
  'catalog_requirements',
  'measure_templates',
  'catalog_cross_references',
  'audit_log',
] as const;
export type TableCounts = Record<(typeof CATALOG_TABLES)[number], number>;

export async function tableCounts(db: Executor): Promise<TableCounts> {
  const out = {} as TableCounts;
  for (const table of CATALOG_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  typeof addFormatsImport === 'function'
    ? (addFormatsImport as unknown as FormatsPlugin)
    : (addFormatsImport as unknown as { default: FormatsPlugin }).default;

let validator: ValidateFunction | undefined;
/** The official OSCAL 1.1.3 catalog JSON schema, compiled with ajv 8 + ajv-formats (default options). */
export function oscalCatalogValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(new URL('oscal_catalog_schema.json', SCHEMA_DIR), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

// ---------------------------------------------------------------------------------------------
// Mutations of JSON documents for the fuzz test
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      paths(v, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

export interface Mutation {
  target: number;
  kind: 'delete' | 'replace' | 'duplicate' | 'add-member' | 'retype';
  value: unknown;
  key: string;
}

/** Applies the mutations in place (targets are taken modulo the number of nodes). */
export function mutate(root: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  for (const m of mutations) {
    const all = paths(root).filter((p) => p.length > 0);
    const path = all[m.target % all.length] as Path;
    let parent: unknown = root;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
    const last = path[path.length - 1] as string | number;
    const node = parent as Record<string | number, unknown>;
    const current = node[last];
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete node[last];
        break;
      case 'replace':
        node[last] = structuredClone(m.value);
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(last as number, 0, structuredClone(current));
        break;
      case 'add-member':
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
          (current as Record<string, unknown>)[m.key] = structuredClone(m.value);
        }
        break;
      case 'retype':
        node[last] = typeof current === 'string' ? m.value : JSON.stringify(current ?? null);
        break;
    }
  }
  return root;
}
