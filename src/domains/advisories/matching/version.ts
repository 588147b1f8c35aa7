/**
 * Version comparison and version ranges for advisory matching.
 *
 * Two comparison schemes:
 * - `generic` (default, also used for vers schemes without a dedicated comparator such as deb,
 *   rpm, pypi, maven): the version is split into numeric and alphabetic runs. Numbers compare
 *   numerically; known pre-release words (dev, alpha/a1, beta/b1, milestone, rc, pre, `~`) sort
 *   before the release, all other words (p1, sp, patch, letter suffixes like OpenSSL's `1.1.1w`,
 *   distribution suffixes) after it. A numeric suffix after a hyphen is a patch level, not a
 *   pre-release: ImageMagick `7.1.1-13` > `7.1.1`, Debian `2.4.57-2` > `2.4.57`. Trailing zeros do
 *   not count (`1.0` = `1.0.0`), case does not count, a leading `v` and a `N:` epoch are understood.
 *   Every version maps to a key and keys compare lexicographically, so the order is total:
 *   antisymmetric and transitive on arbitrary strings (property-tested).
 * - `semver` (vers schemes semver, npm, golang, cargo, nuget, composer): semver 2.0.0 precedence;
 *   `1.0.0-1` is a pre-release there. Strings that are not semver fall back to `generic`.
 *
 * Ranges: `vers:` URIs (https://github.com/package-url/vers-spec), and the simple expressions
 * found in BSI WID and other advisories (`<1.25.2`, `<=2.4.61`, `>= 8.0`, `>=1.2 <1.4`,
 * `1.2 - 1.4`, `2.4.x`, `1.2.3`). "all versions" and its German form are the universal range.
 * Everything else is free text → `unknown`, which matching sends to review.
 */
import { ownValue } from '../../../platform/own-value.ts';

export type VersionScheme = 'generic' | 'semver';

/** Whether a string looks like a version at all (starts with a digit, after `v`/epoch). */
export function isVersionLike(text: string): boolean {
  return /^\s*(?:\d+:)?(?:v(?:ersion)?\s*)?\d/i.test(text);
}

// ---------------------------------------------------------------------------------------------
// generic comparison

/** Item classes, in sort order. END is the virtual padding after the last item. */
const PRE = 0;
const END = 1;
const WORD = 2;
const NUM = 3;

interface Item {
  cls: number;
  /** Qualifier rank within PRE/WORD; 0 for numbers. */
  rank: number;
  /** Lower-case word, or the digits without leading zeros. */
  text: string;
}

const PRE_RANKS: Record<string, number> = {
  dev: -7,
  snapshot: -7,
  nightly: -7,
  ea: -6,
  alpha: -6,
  beta: -5,
  milestone: -4,
  rc: -3,
  cr: -3,
  pre: -3,
  preview: -3,
};
/** Single letters that are pre-release markers only when digits follow (`1.0a1`, `2.0b3`). */
const PRE_LETTERS: Record<string, number> = { a: -6, b: -5, m: -4 };
/** Words that mean "the release itself". */
const RELEASE_WORDS = new Set(['ga', 'final', 'release', 'stable', 'lts']);
const POST_WORDS = new Set(['p', 'pl', 'patch', 'post', 'sp', 'u', 'update', 'r', 'rev', 'hotfix', 'hf']);
const TILDE: Item = { cls: PRE, rank: -100, text: '~' };

const keyCache = new Map<string, Item[]>();
const KEY_CACHE_LIMIT = 50_000;

/** The comparable key of a version string (cached; callers must not mutate it). */
function genericKey(version: string): Item[] {
  const cached = keyCache.get(version);
  if (cached) return cached;
  const key = computeGenericKey(version);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(version, key);
  return key;
}

function computeGenericKey(version: string): Item[] {
  let s = version.trim().toLowerCase();
  const items: Item[] = [];
  const epoch = /^(\d+):(?=.)/.exec(s);
  if (epoch) {
    items.push(numberItem(epoch[1] as string));
    s = s.slice(epoch[0].length);
  } else {
    items.push(numberItem('0'));
  }
  s = s.replace(/^(?:version|ver\.?|v)\s*(?=\d)/, '');
  const out: Item[] = items;
  const push = (item: Item) => {
    if (item.cls !== NUM) stripTrailingZeros(out);
    out.push(item);
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      push(numberItem(s.slice(i, j)));
      i = j;
    } else if (c >= 97 && c <= 122) {
      let j = i;
      while (j < s.length && isLetter(s.charCodeAt(j))) j++;
      const word = s.slice(i, j);
      const digitFollows = j < s.length && isDigit(s.charCodeAt(j));
      const item = wordItem(word, digitFollows);
      if (item) push(item);
      i = j;
    } else {
      if (s[i] === '~') push(TILDE);
      i++;
    }
  }
  stripTrailingZeros(out);
  return out;
}

function stripTrailingZeros(items: Item[]): void {
  while (items.length > 0) {
    const last = items[items.length - 1] as Item;
    if (last.cls === NUM && last.text === '0') items.pop();
    else break;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 97 && c <= 122;

function numberItem(digits: string): Item {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return { cls: NUM, rank: 0, text: trimmed };
}

function wordItem(word: string, digitFollows: boolean): Item | null {
  if (RELEASE_WORDS.has(word)) return null;
  const pre = ownValue(PRE_RANKS, word);
  if (pre !== undefined) return { cls: PRE, rank: pre, text: word };
  const letter = ownValue(PRE_LETTERS, word);
  if (letter !== undefined && digitFollows) return { cls: PRE, rank: letter, text: word };
  return { cls: WORD, rank: POST_WORDS.has(word) ? 1 : 0, text: word };
}

function compareItems(a: Item | undefined, b: Item | undefined): number {
  const ac = a ? a.cls : END;
  const bc = b ? b.cls : END;
  if (ac !== bc) return ac < bc ? -1 : 1;
  if (!a || !b) return 0;
  if (ac === NUM) {
    if (a.text.length !== b.text.length) return a.text.length < b.text.length ? -1 : 1;
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** Generic comparison: negative, zero or positive. Never throws. */
export function compareGeneric(a: string, b: string): number {
  if (a === b) return 0;
  const ka = genericKey(a);
  const kb = genericKey(b);
  const n = Math.max(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const order = compareItems(ka[i], kb[i]);
    if (order !== 0) return order;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// semver comparison

interface SemVer {
  core: [string, string, string];
  pre: string[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export function parseSemver(text: string): SemVer | null {
  const m = SEMVER.exec(text.trim());
  if (!m) return null;
  return { core: [m[1] as string, m[2] as string, m[3] as string], pre: m[4] ? m[4].split('.') : [] };
}

function compareNumeric(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSemverParsed(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) {
    const order = compareNumeric(a.core[i] as string, b.core[i] as string);
    if (order !== 0) return order;
  }
  if (a.pre.length === 0 || b.pre.length === 0) {
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  const n = Math.max(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    let order: number;
    if (xNum && yNum) order = compareNumeric(x, y);
    else if (xNum) order = -1;
    else if (yNum) order = 1;
    else order = x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return 0;
}

/** Semver 2.0.0 precedence; falls back to generic when either side is not semver. */
export function compareSemver(a: string, b: string): number {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (pa && pb) return compareSemverParsed(pa, pb);
  return compareGeneric(a, b);
}

/** Compare two versions under a scheme: negative, zero or positive. Never throws. */
export function compareVersions(a: string, b: string, scheme: VersionScheme = 'generic'): number {
  return scheme === 'semver' ? compareSemver(a, b) : compareGeneric(a, b);
}

const SEMVER_SCHEMES = new Set(['semver', 'npm', 'golang', 'cargo', 'nuget', 'composer', 'swift', 'hex']);

/** Which comparator a vers versioning scheme uses here. */
export function schemeFor(versScheme: string): VersionScheme {
  return SEMVER_SCHEMES.has(versScheme.toLowerCase()) ? 'semver' : 'generic';
}

// ---------------------------------------------------------------------------------------------
// ranges

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface VersionConstraint {
  comparator: Comparator;
  version: string;
}

export type VersionRange =
  /** Every version (`vers:all/*`, `vers:x/*`, "all versions", "alle Versionen"). */
  | { kind: 'all'; source: string }
  /** No version (`vers:none/*`). */
  | { kind: 'none'; source: string }
  /** A vers URI; evaluated with the vers containment algorithm. */
  | {
      kind: 'vers';
      source: string;
      versScheme: string;
      scheme: VersionScheme;
      constraints: VersionConstraint[];
    }
  /** A simple expression: any of the groups, each group all of its constraints. */
  | { kind: 'expression'; source: string; scheme: VersionScheme; anyOf: VersionConstraint[][] }
  /** Free text or something we cannot read with confidence. */
  | { kind: 'unknown'; source: string; reason: string };

export type Containment = 'in' | 'out' | 'unknown';

const ALL_VERSIONS = new Set([
  '*',
  'all',
  'all versions',
  'any',
  'any version',
  'alle',
  'alle versionen',
  'sämtliche versionen',
  'all versions affected',
]);

const unknown = (source: string, reason: string): VersionRange => ({ kind: 'unknown', source, reason });

/** Parse a `vers:` URI or a simple range expression. Never throws; unreadable input → `unknown`. */
export function parseVersionRange(text: string, scheme: VersionScheme = 'generic'): VersionRange {
  const source = text;
  const trimmed = text.trim();
  if (trimmed.length === 0) return unknown(source, 'empty');
  if (trimmed.length > 1000) return unknown(source, 'too long');
  if (/^vers:/i.test(trimmed)) return parseVers(source);
  const lowered = trimmed.toLowerCase().replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
  if (ALL_VERSIONS.has(lowered)) return { kind: 'all', source };
  return parseExpression(source, trimmed, scheme);
}

function parseVers(source: string): VersionRange {
  const compact = source.replace(/[ \t]/g, '');
  const colon = compact.indexOf(':');
  const rest = compact.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash <= 0) return unknown(source, 'vers without versioning scheme');
  const versScheme = rest.slice(0, slash).toLowerCase();
  const body = rest.slice(slash + 1);
  if (body === '*') {
    if (versScheme === 'none') return { kind: 'none', source };
    return { kind: 'all', source };
  }
  if (versScheme === 'all') return { kind: 'all', source };
  if (versScheme === 'none') return { kind: 'none', source };
  const parts = body.split('|').filter((part) => part.length > 0);
  if (parts.length === 0) return unknown(source, 'vers without constraints');
  const constraints: VersionConstraint[] = [];
  for (const part of parts) {
    const m = /^(>=|<=|!=|<|>|=)?(.*)$/.exec(part) as RegExpExecArray;
    const comparator = (m[1] ?? '=') as Comparator;
    let version = m[2] as string;
    if (version.includes('%')) {
      try {
        version = decodeURIComponent(version);
      } catch {
        return unknown(source, `bad percent-encoding in ${part}`);
      }
    }
    if (version.length === 0 || version === '*')
      return unknown(source, `constraint without version: ${part}`);
    constraints.push({ comparator, version });
  }
  const scheme = schemeFor(versScheme);
  constraints.sort((a, b) => compareVersions(a.version, b.version, scheme));
  for (let i = 1; i < constraints.length; i++) {
    const previous = constraints[i - 1] as VersionConstraint;
    const current = constraints[i] as VersionConstraint;
    if (compareVersions(previous.version, current.version, scheme) === 0) {
      return unknown(source, `version ${current.version} occurs twice`);
    }
  }
  return { kind: 'vers', source, versScheme, scheme, constraints };
}

const COMPARATOR_TOKEN = /^(>=|=>|<=|=<|!=|==|<|>|=|≤|≥)\s*/;

function normaliseComparator(token: string): Comparator {
  switch (token) {
    case '=>':
    case '≥':
      return '>=';
    case '=<':
    case '≤':
      return '<=';
    case '==':
      return '=';
    default:
      return token as Comparator;
  }
}

/** One version token of an expression: version-like, no spaces inside. */
const VERSION_TOKEN = /^((?:\d+:)?v?\d[0-9A-Za-z.+_~:()-]*)/i;

function parseExpression(source: string, text: string, scheme: VersionScheme): VersionRange {
  const anyOf: VersionConstraint[][] = [];
  for (const alternative of text.split(/\s*(?:\|\||\||\bor\b|\boder\b)\s*/i)) {
    if (alternative.trim() === '') return unknown(source, 'empty alternative');
    const group = parseGroup(alternative.trim());
    if (!group) return unknown(source, 'free text');
    anyOf.push(...group);
  }
  return { kind: 'expression', source, scheme, anyOf };
}

/** A conjunction like `>=1.2 <1.4`, `>= 1.2, < 1.4`, `1.2 - 1.4`, `2.4.x` or `1.2.3`. */
function parseGroup(text: string): VersionConstraint[][] | null {
  // hyphen range "1.2 - 1.4" (spaces around the dash are required, versions contain dashes)
  const hyphen = /^(\S+)\s+(?:-|–|bis|to)\s+(\S+)$/i.exec(text);
  if (hyphen) {
    const low = hyphen[1] as string;
    const high = hyphen[2] as string;
    if (!isWholeVersion(low) || !isWholeVersion(high)) return null;
    return [
      [
        { comparator: '>=', version: stripV(low) },
        { comparator: '<=', version: stripV(high) },
      ],
    ];
  }
  const wildcard = /^v?(\d+(?:\.\d+)*)\.(?:x|\*)$/i.exec(text);
  if (wildcard) {
    const prefix = (wildcard[1] as string).split('.');
    const last = prefix.length - 1;
    const next = [...prefix.slice(0, last), String(Number(prefix[last]) + 1)].join('.');
    return [
      [
        { comparator: '>=', version: prefix.join('.') },
        { comparator: '<', version: next },
      ],
    ];
  }
  const constraints: VersionConstraint[] = [];
  let rest = text;
  while (rest.length > 0) {
    rest = rest.replace(/^(?:,|&&|\band\b|\bund\b)?\s*/i, '');
    if (rest.length === 0) break;
    const cmp = COMPARATOR_TOKEN.exec(rest);
    let comparator: Comparator = '=';
    if (cmp) {
      comparator = normaliseComparator(cmp[1] as string);
      rest = rest.slice(cmp[0].length);
    }
    const v = VERSION_TOKEN.exec(rest);
    if (!v) return null;
    const version = stripV(v[1] as string);
    rest = rest.slice(v[0].length);
    if (rest.length > 0 && !/^[\s,&]/.test(rest)) return null;
    rest = rest.trimStart();
    constraints.push({ comparator, version });
  }
  if (constraints.length === 0) return null;
  if (constraints.length > 1 && constraints.some((c) => c.comparator === '=')) return null;
  return [constraints];
}

function isWholeVersion(token: string): boolean {
  const m = VERSION_TOKEN.exec(token);
  return m !== null && m[0] === token;
}

const stripV = (version: string) => version.replace(/^v(?=\d)/i, '');

function satisfies(version: string, c: VersionConstraint, scheme: VersionScheme): boolean {
  const order = compareVersions(version, c.version, scheme);
  switch (c.comparator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    default: {
      const never: never = c.comparator;
      throw new Error(`unknown comparator ${String(never)}`);
    }
  }
}

/** The vers containment algorithm over constraints sorted by version. */
function versContains(version: string, constraints: VersionConstraint[], scheme: VersionScheme): boolean {
  for (const c of constraints) {
    if (
      (c.comparator === '=' || c.comparator === '<=' || c.comparator === '>=') &&
      compareVersions(version, c.version, scheme) === 0
    ) {
      return true;
    }
  }
  for (const c of constraints) {
    if (c.comparator === '!=' && compareVersions(version, c.version, scheme) === 0) return false;
  }
  const ranges = constraints.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  if (ranges.length === 0) {
    // only "=" and "!=": in when every constraint is an exclusion (the version is none of them)
    return constraints.every((c) => c.comparator === '!=');
  }
  const isLess = (c: VersionConstraint) => c.comparator === '<' || c.comparator === '<=';
  const isGreater = (c: VersionConstraint) => c.comparator === '>' || c.comparator === '>=';
  const first = ranges[0] as VersionConstraint;
  const last = ranges[ranges.length - 1] as VersionConstraint;
  if (isLess(first) && compareVersions(version, first.version, scheme) < 0) return true;
  if (isGreater(last) && compareVersions(version, last.version, scheme) > 0) return true;
  for (let i = 0; i + 1 < ranges.length; i++) {
    const current = ranges[i] as VersionConstraint;
    const next = ranges[i + 1] as VersionConstraint;
    if (
      isGreater(current) &&
      isLess(next) &&
      compareVersions(version, current.version, scheme) > 0 &&
      compareVersions(version, next.version, scheme) < 0
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Whether `version` lies in `range`. `unknown` when the range is free text or the version does not
 * look like a version (e.g. "Frühjahr 2024"), so that a human decides.
 */
export function rangeContains(range: VersionRange, version: string): Containment {
  switch (range.kind) {
    case 'all':
      return 'in';
    case 'none':
      return 'out';
    case 'unknown':
      return 'unknown';
    case 'vers':
      if (!isVersionLike(version)) return 'unknown';
      return versContains(version, range.constraints, range.scheme) ? 'in' : 'out';
    case 'expression':
      if (!isVersionLike(version)) return 'unknown';
      return range.anyOf.some((group) => group.every((c) => satisfies(version, c, range.scheme)))
        ? 'in'
        : 'out';
    default: {
      const never: never = range;
      throw new Error(`unknown range ${JSON.stringify(never)}`);
    }
  }
}

/** For comparing non-version strings ("2022H2", "Winter release"): case and spacing do not count. */
export function normaliseForEquality(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Exact version equality under a scheme (`2.4.44` = `2.4.44.0` = `v2.4.44`). */
export function versionsEqual(a: string, b: string, scheme: VersionScheme = 'generic'): boolean {
  return compareVersions(a, b, scheme) === 0;
}
