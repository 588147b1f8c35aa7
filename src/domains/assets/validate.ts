/**
 * Field rules shared by the API and the CSV import, so both accept and refuse the same input
 * with the same German messages. Errors name the field; callers turn that into a JSON pointer
 * (API) or a line and column (CSV).
 */
import type { AssetKind } from '../../platform/db/schema.ts';
import { parseCpe } from '../advisories/matching/cpe.ts';
import { parsePurl } from '../advisories/matching/purl.ts';
import { normaliseDnsName, normaliseHostName } from './names.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface AssetFields {
  name?: string | undefined;
  port?: number | null | undefined;
  protocol?: string | null | undefined;
}

export interface ValidAssetFields {
  name: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
}

/** Name, port and protocol for an asset of `kind`; a service may leave its name to its host. */
export function validateAssetFields(
  kind: AssetKind,
  input: AssetFields,
): { ok: true; value: ValidAssetFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let name: string | null = null;
  const hasName = input.name !== undefined && input.name.trim() !== '';
  if (!hasName && kind !== 'service') problems.push({ field: 'name', message: 'Der Name fehlt.' });
  if (hasName) {
    const named =
      kind === 'domain' ? normaliseDnsName(input.name as string, 2) : normaliseHostName(input.name as string);
    if (named.ok) name = named.value;
    else problems.push({ field: 'name', message: named.message });
  }
  let port: number | null = null;
  let protocol: 'tcp' | 'udp' | null = null;
  if (kind === 'service') {
    if (input.port === undefined || input.port === null)
      problems.push({ field: 'port', message: 'Ein Dienst braucht einen Port (1–65535).' });
    else if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
      problems.push({ field: 'port', message: 'Der Port ist eine ganze Zahl von 1 bis 65535.' });
    } else port = input.port;
    const p = input.protocol?.trim().toLowerCase();
    if (!p) problems.push({ field: 'protocol', message: 'Ein Dienst braucht ein Protokoll (tcp oder udp).' });
    else if (p !== 'tcp' && p !== 'udp')
      problems.push({
        field: 'protocol',
        message: `Protokoll „${p.slice(0, 20)}“ ist unbekannt: tcp oder udp.`,
      });
    else protocol = p;
  } else {
    const label = kind === 'domain' ? 'Eine Domain' : 'Ein Host';
    if (input.port !== undefined && input.port !== null)
      problems.push({
        field: 'port',
        message: `${label} hat keinen Port; dafür einen Dienst (service) erfassen.`,
      });
    if (input.protocol !== undefined && input.protocol !== null && input.protocol.trim() !== '') {
      problems.push({
        field: 'protocol',
        message: `${label} hat kein Protokoll; dafür einen Dienst (service) erfassen.`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { name, port, protocol } };
}

export interface ProductFields {
  vendor?: string | null | undefined;
  product?: string | null | undefined;
  version?: string | null | undefined;
  cpe?: string | null | undefined;
  purl?: string | null | undefined;
}

const blankToNull = (value: string | null | undefined) => {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const LIMITS = { vendor: 200, product: 200, version: 100, cpe: 500, purl: 500 } as const;

/**
 * Trims the product fields (blank → null), checks lengths and the CPE/PURL syntax with the
 * advisory matcher's parsers (what they cannot read would never match an advisory).
 * `undefined` stays undefined (a PATCH leaves the field alone).
 */
export function validateProductFields(
  input: ProductFields,
  requireProduct: boolean,
):
  | { ok: true; value: { [K in keyof ProductFields]: string | null | undefined } }
  | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value = {
    vendor: blankToNull(input.vendor),
    product: blankToNull(input.product),
    version: blankToNull(input.version),
    cpe: blankToNull(input.cpe),
    purl: blankToNull(input.purl),
  };
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const text = value[field];
    if (typeof text === 'string' && text.length > LIMITS[field]) {
      problems.push({ field, message: `Höchstens ${LIMITS[field]} Zeichen.` });
    }
  }
  if (requireProduct && !value.product)
    problems.push({ field: 'product', message: 'Der Produktname fehlt.' });
  if (value.product === null && !requireProduct && input.product !== undefined) {
    problems.push({ field: 'product', message: 'Der Produktname darf nicht leer sein.' });
  }
  if (typeof value.cpe === 'string' && value.cpe.length <= LIMITS.cpe && !parseCpe(value.cpe)) {
    problems.push({
      field: 'cpe',
      message:
        'Kein gültiger CPE-Name: CPE 2.2 „cpe:/a:hersteller:produkt:version“ oder CPE 2.3 „cpe:2.3:a:hersteller:produkt:version:…“.',
    });
  }
  if (typeof value.purl === 'string' && value.purl.length <= LIMITS.purl && !parsePurl(value.purl)) {
    problems.push({
      field: 'purl',
      message: 'Keine gültige Package-URL: „pkg:typ/namensraum/name@version“.',
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
