/**
 * CPE names (NIST IR 7695) reduced to what matching needs: part, vendor, product, version.
 *
 * - CPE 2.2 URI binding: `cpe:/a:apache:http_server:2.4.58` (components may be empty = ANY,
 *   `-` = NA, percent-encoded characters, edition may be `~`-packed).
 * - CPE 2.3 formatted string: `cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*` with backslash
 *   escapes (`12.2\(55\)se`, `mysql_connector\/j`), `*` = ANY, `-` = NA.
 *
 * Both normalise to lower case with escapes removed, so that the 2.2 and 2.3 spellings of a
 * product give the same key `vendor:product`.
 */

export type CpePart = 'a' | 'o' | 'h';

export interface Cpe {
  binding: '2.2' | '2.3';
  part: CpePart | null;
  vendor: string;
  product: string;
  /** null for ANY (`*`, empty) and NA (`-`). */
  version: string | null;
  update: string | null;
  /** `vendor:product`, lower case, unescaped: the identity used for matching. */
  key: string;
}

const MAX_LENGTH = 2000;

/** Parse a CPE 2.2 URI or 2.3 formatted string; null when it is neither or lacks vendor/product. */
export function parseCpe(text: string): Cpe | null {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower.startsWith('cpe:2.3:')) return parse23(trimmed.slice(8));
  if (lower.startsWith('cpe:/')) return parse22(trimmed.slice(5));
  return null;
}

/** `vendor:product` of a CPE, or null. */
export function cpeKey(text: string): string | null {
  return parseCpe(text)?.key ?? null;
}

function parse22(body: string): Cpe | null {
  const fields = body.split(':').map(decode22);
  if (fields.some((field) => field === null)) return null;
  const [part, vendor, product, version, update] = fields as string[];
  return build('2.2', part, vendor, product, version, update);
}

function decode22(component: string): string | null {
  if (!component.includes('%')) return component;
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

function parse23(body: string): Cpe | null {
  const fields: string[] = [];
  let current = '';
  let raw = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) return null;
      current += next;
      raw += c + next;
      i++;
    } else if (c === ':') {
      fields.push(unescapedValue(current, raw));
      current = '';
      raw = '';
    } else {
      current += c;
      raw += c;
    }
  }
  fields.push(unescapedValue(current, raw));
  const [part, vendor, product, version, update] = fields;
  return build('2.3', part, vendor, product, version, update);
}

/** `*` and `-` are logical values only when unescaped. */
function unescapedValue(value: string, raw: string): string {
  if (raw === '*') return '';
  if (raw === '-') return '-';
  return value;
}

function logical(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (v === '' || v === '*' || v === '-') return null;
  return v;
}

function build(
  binding: '2.2' | '2.3',
  partText: string | undefined,
  vendorText: string | undefined,
  productText: string | undefined,
  versionText: string | undefined,
  updateText: string | undefined,
): Cpe | null {
  const part = logical(partText);
  const vendor = logical(vendorText);
  const product = logical(productText);
  if (!vendor || !product) return null;
  if (part !== null && part !== 'a' && part !== 'o' && part !== 'h') return null;
  return {
    binding,
    part,
    vendor,
    product,
    version: logical(versionText),
    update: logical(updateText),
    key: `${vendor}:${product}`,
  };
}
