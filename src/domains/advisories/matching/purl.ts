/**
 * Package URLs (https://github.com/package-url/purl-spec):
 * `pkg:type/namespace/name@version?qualifiers#subpath`, components percent-encoded.
 *
 * Parsing follows the spec's right-to-left procedure. The matching key is
 * `pkg:type/namespace/name` in lower case (pypi also folds `_` to `-`): advisory and inventory
 * spellings of the same package then meet, the version stays separate.
 */

export interface Purl {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string>;
  subpath: string | null;
  /** `pkg:type/namespace/name`, lower case: the identity used for matching. */
  key: string;
}

const MAX_LENGTH = 4000;

function decode(component: string): string | null {
  if (!component.includes('%')) return component;
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

/** Parse a purl; null when it is not one. Never throws. */
export function parsePurl(text: string): Purl | null {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  let rest = text.trim();
  if (!/^pkg:/i.test(rest)) return null;
  rest = rest.slice(4).replace(/^\/+/, '');

  let subpath: string | null = null;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const segments = rest
      .slice(hash + 1)
      .split('/')
      .filter((s) => s !== '' && s !== '.' && s !== '..')
      .map(decode);
    if (segments.some((s) => s === null)) return null;
    subpath = segments.length > 0 ? segments.join('/') : null;
    rest = rest.slice(0, hash);
  }

  const qualifiers: Record<string, string> = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) return null;
      const key = pair.slice(0, eq).toLowerCase();
      const value = decode(pair.slice(eq + 1));
      if (value === null || !/^[a-z0-9.\-_]+$/.test(key)) return null;
      if (value !== '') qualifiers[key] = value;
    }
    rest = rest.slice(0, question);
  }

  rest = rest.replace(/\/+$/, '');
  let version: string | null = null;
  const at = rest.lastIndexOf('@');
  const slashBeforeName = rest.lastIndexOf('/');
  if (at > slashBeforeName) {
    const decoded = decode(rest.slice(at + 1));
    if (decoded === null) return null;
    version = decoded === '' ? null : decoded;
    rest = rest.slice(0, at);
  }

  const segments = rest.split('/').filter((s) => s !== '');
  const type = segments.shift()?.toLowerCase();
  if (!type || !/^[a-z.+-][a-z0-9.+-]*$/.test(type)) return null;
  const rawName = segments.pop();
  if (rawName === undefined) return null;
  const name = decode(rawName);
  if (name === null || name === '') return null;
  const decodedNamespace = segments.map(decode);
  if (decodedNamespace.some((s) => s === null)) return null;
  const namespace = decodedNamespace.length > 0 ? decodedNamespace.join('/') : null;

  const keyName = type === 'pypi' ? name.toLowerCase().replace(/_/g, '-') : name.toLowerCase();
  const key = `pkg:${type}/${namespace ? `${namespace.toLowerCase()}/` : ''}${keyName}`;
  return { type, namespace, name, version, qualifiers, subpath, key };
}

/** `pkg:type/namespace/name` of a purl, or null. */
export function purlKey(text: string): string | null {
  return parsePurl(text)?.key ?? null;
}
