/**
 * Matching an advisory's product leaves against the municipalities' installed products.
 *
 * Identity (who is it?), strongest first:
 * - `cpe`: same CPE vendor:product (own or inherited CPE on the leaf);
 * - `purl`: same purl type/namespace/name;
 * - `alias`: both sides resolve to the same entry of the CERT's alias table (any mix of CPE, purl
 *   and curated names);
 * - `name`: only the normalised vendor/product names agree (never when both sides carry CPEs or
 *   purls that disagree);
 * - `platform`: the installed product is the platform of a combined product (relationship), not
 *   the component.
 *
 * Version (is this installation affected?): the leaf's version range (vers or simple expression),
 * or its exact version; `first_affected`/`last_affected`/`first_fixed` turn an exact version into
 * `>=`/`<=`/`>=`.
 *
 * Classes per (installed product, leaf):
 * - `confirmed`: identity via cpe/purl/alias and the installed version provably in the affected
 *   range or equal to the affected version; "all versions" counts as proof (every version is
 *   affected, CISA uses it deliberately, e.g. for the abandoned Adminer).
 * - `probable`: identity via cpe/purl/alias, affected, but the installed version is unknown or
 *   the advisory names the product without any version (BSI's "Debian Linux"); also a confirmed
 *   match on a combined product, whose platform the inventory cannot show.
 * - `review`: the range is free text, the versions are not comparable, the status is
 *   under_investigation, or the identity rests on names alone or on the platform only.
 * - `suppressed`: the leaf says fixed / first_fixed / known_not_affected / recommended for this
 *   installation (version provably inside, or the leaf has no version), and nothing says affected.
 *   A probable/review match is also suppressed when another leaf proves, through a strong identity,
 *   that every one of its vulnerabilities is fixed or not affected for this installation.
 * An installed version outside the range gives no match at all.
 */

import { ownValue } from '../../../platform/own-value.ts';
import type { FlatAdvisory, ProductLeaf, ProductStatus } from '../csaf/flatten.ts';
import { AliasTable, cpeIdentity, nameIdentities, purlIdentity } from './aliases.ts';
import { parseCpe } from './cpe.ts';
import { parsePurl } from './purl.ts';
import {
  isVersionLike,
  normaliseForEquality,
  parseVersionRange,
  rangeContains,
  type VersionRange,
  versionsEqual,
} from './version.ts';

export interface InstalledProduct {
  id: string;
  organisationId: string;
  /** Product name as recorded in the inventory ("Apache HTTP Server", "nginx"). */
  name: string;
  vendor?: string | null;
  version?: string | null;
  cpe?: string | null;
  purl?: string | null;
}

export type MatchClass = 'confirmed' | 'probable' | 'review' | 'suppressed';
export type IdentityBasis = 'cpe' | 'purl' | 'alias' | 'name' | 'platform';

export type MatchReason =
  | 'version-in-range'
  | 'version-equal'
  | 'all-versions'
  | 'installed-version-missing'
  | 'advisory-version-missing'
  | 'range-not-parseable'
  | 'version-not-comparable'
  | 'under-investigation'
  | 'name-only-match'
  | 'platform-match'
  | 'platform-unverified'
  | 'identity-inherited'
  | 'fixed'
  | 'first-fixed'
  | 'known-not-affected'
  | 'recommended'
  | 'superseded-by-suppression';

export interface MatchedVulnerability {
  vulnerability: number;
  cve: string | null;
  status: ProductStatus;
  class: MatchClass;
}

export interface AdvisoryMatch {
  installedProductId: string;
  organisationId: string;
  productId: string;
  class: MatchClass;
  basis: IdentityBasis;
  reasons: MatchReason[];
  installedVersion: string | null;
  /** The leaf's version statement: range text or exact version, null when none. */
  advisoryVersion: string | null;
  vulnerabilities: MatchedVulnerability[];
  /** CVEs of the vulnerabilities that make this match confirmed/probable/review. */
  cves: string[];
  /** Highest CVSS base score among those vulnerabilities. */
  maxBaseScore: number | null;
}

export const MATCH_CLASS_RANK: Readonly<Record<MatchClass, number>> = {
  suppressed: 0,
  review: 1,
  probable: 2,
  confirmed: 3,
};

const classOfRank = (rank: number): MatchClass =>
  (Object.keys(MATCH_CLASS_RANK) as MatchClass[]).find((c) => MATCH_CLASS_RANK[c] === rank) ?? 'review';

const BASIS_RANK: Record<IdentityBasis, number> = { platform: 0, name: 1, alias: 2, purl: 3, cpe: 4 };
const AFFECTED = new Set<ProductStatus>(['known_affected', 'first_affected', 'last_affected']);
const SUPPRESSING: Partial<Record<ProductStatus, MatchReason>> = {
  fixed: 'fixed',
  first_fixed: 'first-fixed',
  known_not_affected: 'known-not-affected',
  recommended: 'recommended',
};

// ---------------------------------------------------------------------------------------------
// inventory index

interface IndexedProduct {
  product: InstalledProduct;
  version: string | null;
  /** cpe:/purl: keys. */
  strong: string[];
}

/** The inventory indexed by identity keys; build once, match many advisories against it. */
export class InventoryIndex {
  readonly aliases: AliasTable;
  readonly size: number;
  private readonly byKey = new Map<string, IndexedProduct[]>();

  constructor(products: readonly InstalledProduct[], aliases: AliasTable = AliasTable.EMPTY) {
    this.aliases = aliases;
    this.size = products.length;
    for (const product of products) {
      const strong = [cpeIdentity(product.cpe), purlIdentity(product.purl)].filter(
        (k): k is string => k !== null,
      );
      const names = nameIdentities(product.vendor, product.name);
      const keys = new Set<string>([...strong, ...names]);
      for (const key of [...keys]) {
        const alias = aliases.resolve(key);
        if (alias) keys.add(alias);
      }
      const indexed: IndexedProduct = { product, version: installedVersion(product), strong };
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(indexed);
        else this.byKey.set(key, [indexed]);
      }
    }
  }

  lookup(key: string): readonly IndexedProduct[] {
    return this.byKey.get(key) ?? [];
  }
}

export function indexInventory(
  products: readonly InstalledProduct[],
  aliases: AliasTable = AliasTable.EMPTY,
): InventoryIndex {
  return new InventoryIndex(products, aliases);
}

function installedVersion(product: InstalledProduct): string | null {
  const own = product.version?.trim();
  if (own) return own;
  const cpe = product.cpe ? parseCpe(product.cpe) : null;
  if (cpe?.version) return cpe.version;
  const purl = product.purl ? parsePurl(product.purl) : null;
  return purl?.version ?? null;
}

// ---------------------------------------------------------------------------------------------
// leaf identity and version statement

interface LeafIdentity {
  cpe: string | null;
  purl: string | null;
  aliases: string[];
  names: string[];
  strong: boolean;
}

const identityCache = new WeakMap<AliasTable, WeakMap<ProductLeaf, LeafIdentity>>();

function leafIdentity(leaf: ProductLeaf, aliases: AliasTable): LeafIdentity {
  let perTable = identityCache.get(aliases);
  if (!perTable) {
    perTable = new WeakMap();
    identityCache.set(aliases, perTable);
  }
  const cached = perTable.get(leaf);
  if (cached) return cached;
  const cpe = cpeIdentity(leaf.cpe);
  const purl = purlIdentity(leaf.purl);
  const names = [
    ...nameIdentities(leaf.vendor, leaf.productName),
    ...(leaf.productName ? [] : nameIdentities(leaf.vendor, leaf.productFamily)),
    ...(leaf.origin === 'full_product_name' ? nameIdentities(null, leaf.name) : []),
  ];
  const aliasKeys = new Set<string>();
  for (const key of [cpe, purl, ...names]) {
    const alias = key ? aliases.resolve(key) : null;
    if (alias) aliasKeys.add(alias);
  }
  const identity: LeafIdentity = {
    cpe,
    purl,
    aliases: [...aliasKeys],
    names: [...new Set(names)],
    strong: cpe !== null || purl !== null,
  };
  perTable.set(leaf, identity);
  return identity;
}

type Statement =
  | { kind: 'none' }
  | { kind: 'exact'; version: string }
  | { kind: 'range'; range: VersionRange; text: string };

const rangeCache = new WeakMap<ProductLeaf, VersionRange>();

function statementFor(leaf: ProductLeaf, status: ProductStatus): Statement {
  if (leaf.versionRange !== null) {
    let range = rangeCache.get(leaf);
    if (!range) {
      range = parseVersionRange(leaf.versionRange);
      rangeCache.set(leaf, range);
    }
    return { kind: 'range', range, text: leaf.versionRange };
  }
  const version = leaf.version;
  if (version === null || version.trim() === '') return { kind: 'none' };
  const bound =
    status === 'first_affected' || status === 'first_fixed' ? '>=' : status === 'last_affected' ? '<=' : null;
  if (bound && isVersionLike(version)) {
    return {
      kind: 'range',
      range: {
        kind: 'expression',
        source: `${bound}${version}`,
        scheme: 'generic',
        anyOf: [[{ comparator: bound, version }]],
      },
      text: `${bound}${version}`,
    };
  }
  return { kind: 'exact', version };
}

type Containment =
  | 'in-range'
  | 'equal'
  | 'all'
  | 'out'
  | 'installed-unknown'
  | 'unversioned'
  | 'range-unknown'
  | 'not-comparable';

function contain(statement: Statement, installed: string | null): Containment {
  if (statement.kind === 'none') return 'unversioned';
  if (statement.kind === 'range' && statement.range.kind === 'all') return 'all';
  if (statement.kind === 'range' && statement.range.kind === 'unknown') return 'range-unknown';
  if (installed === null) return 'installed-unknown';
  if (statement.kind === 'exact') {
    if (isVersionLike(statement.version) && isVersionLike(installed)) {
      return versionsEqual(statement.version, installed) ? 'equal' : 'out';
    }
    return normaliseForEquality(statement.version) === normaliseForEquality(installed)
      ? 'equal'
      : 'not-comparable';
  }
  const result = rangeContains(statement.range, installed);
  return result === 'in' ? 'in-range' : result === 'out' ? 'out' : 'not-comparable';
}

const PROOF: Partial<Record<Containment, MatchReason>> = {
  'in-range': 'version-in-range',
  equal: 'version-equal',
  all: 'all-versions',
};

// ---------------------------------------------------------------------------------------------
// matching

interface Candidate {
  indexed: IndexedProduct;
  basis: IdentityBasis;
}

function candidatesFor(leaf: ProductLeaf, index: InventoryIndex): Map<string, Candidate> {
  const identity = leafIdentity(leaf, index.aliases);
  const found = new Map<string, Candidate>();
  const offer = (key: string | null, basis: IdentityBasis) => {
    if (!key) return;
    for (const indexed of index.lookup(key)) {
      if (basis === 'name' && identity.strong && indexed.strong.length > 0) continue; // identifiers disagree
      const existing = found.get(indexed.product.id);
      if (!existing || BASIS_RANK[basis] > BASIS_RANK[existing.basis]) {
        found.set(indexed.product.id, { indexed, basis });
      }
    }
  };
  offer(identity.cpe, 'cpe');
  offer(identity.purl, 'purl');
  for (const key of identity.aliases) offer(key, 'alias');
  for (const key of identity.names) offer(key, 'name');
  return found;
}

function platformCandidates(
  leaf: ProductLeaf,
  flat: Pick<FlatAdvisory, 'byId'> | null,
  index: InventoryIndex,
): Candidate[] {
  if (!leaf.relationship || !flat) return [];
  const platform = flat.byId.get(leaf.relationship.platformId);
  if (!platform) return [];
  const identity = leafIdentity(platform, index.aliases);
  const out: Candidate[] = [];
  for (const key of [identity.cpe, identity.purl, ...identity.aliases]) {
    if (!key) continue;
    for (const indexed of index.lookup(key)) out.push({ indexed, basis: 'platform' });
  }
  return out;
}

interface Evaluated {
  match: AdvisoryMatch;
  /** Vulnerabilities proven fixed/not affected for this installation through a strong identity. */
  provenSuppressed: number[];
}

function evaluate(leaf: ProductLeaf, candidate: Candidate): Evaluated | null {
  const { indexed, basis } = candidate;
  const installed = indexed.version;
  const vulnerabilities: MatchedVulnerability[] = [];
  const reasons = new Set<MatchReason>();
  const provenSuppressed: number[] = [];
  let best = -1;
  let suppressed = false;
  let advisoryVersion: string | null = null;
  let maxBaseScore: number | null = null;
  const cves = new Set<string>();

  for (const status of leaf.statuses) {
    const statement = statementFor(leaf, status.status);
    if (statement.kind !== 'none')
      advisoryVersion ??= statement.kind === 'exact' ? statement.version : statement.text;
    // on a platform match the inventory says nothing about the component's version
    const containment = basis === 'platform' ? 'installed-unknown' : contain(statement, installed);
    if (containment === 'out') continue;

    const suppressReason = ownValue(SUPPRESSING, status.status);
    if (suppressReason) {
      if (basis === 'platform') continue;
      if (containment in PROOF || containment === 'unversioned') {
        suppressed = true;
        reasons.add(suppressReason);
        vulnerabilities.push({
          vulnerability: status.vulnerability,
          cve: status.cve,
          status: status.status,
          class: 'suppressed',
        });
        if (basis !== 'name') provenSuppressed.push(status.vulnerability);
      }
      continue;
    }

    let cls: MatchClass;
    if (status.status === 'under_investigation') {
      cls = 'review';
      reasons.add('under-investigation');
    } else if (AFFECTED.has(status.status)) {
      const proof = PROOF[containment];
      if (proof) {
        cls = 'confirmed';
        reasons.add(proof);
      } else if (containment === 'installed-unknown') {
        cls = 'probable';
        reasons.add('installed-version-missing');
      } else if (containment === 'unversioned') {
        cls = 'probable';
        reasons.add('advisory-version-missing');
      } else {
        cls = 'review';
        reasons.add(containment === 'range-unknown' ? 'range-not-parseable' : 'version-not-comparable');
      }
    } else {
      continue;
    }
    if (basis === 'name' && cls !== 'review') {
      cls = 'review';
      reasons.add('name-only-match');
    } else if (basis === 'platform') {
      cls = 'review';
      reasons.add('platform-match');
    } else if (leaf.relationship && cls === 'confirmed') {
      cls = 'probable';
      reasons.add('platform-unverified');
    }
    vulnerabilities.push({
      vulnerability: status.vulnerability,
      cve: status.cve,
      status: status.status,
      class: cls,
    });
    best = Math.max(best, MATCH_CLASS_RANK[cls]);
    if (status.cve) cves.add(status.cve);
    if (status.cvss) maxBaseScore = Math.max(maxBaseScore ?? 0, status.cvss.baseScore);
  }

  const cls: MatchClass | null = best >= 0 ? classOfRank(best) : suppressed ? 'suppressed' : null;
  if (cls === null) return null;
  if (basis === 'name') reasons.add('name-only-match');
  if (
    (basis === 'cpe' && leaf.cpeSource === 'inherited') ||
    (basis === 'purl' && leaf.purlSource === 'inherited')
  ) {
    reasons.add('identity-inherited');
  }
  return {
    match: {
      installedProductId: indexed.product.id,
      organisationId: indexed.product.organisationId,
      productId: leaf.productId,
      class: cls,
      basis,
      reasons: [...reasons],
      installedVersion: installed,
      advisoryVersion,
      vulnerabilities,
      cves: [...cves],
      maxBaseScore,
    },
    provenSuppressed,
  };
}

/**
 * Match an advisory (its flattened leaves) against installed products.
 *
 * `installed` may be a prebuilt `InventoryIndex` (match many advisories against one inventory) or a
 * plain list, indexed on the fly with `aliases`. Returns one entry per (installed product, leaf)
 * that is confirmed, probable, review or suppressed, sorted by organisation, installed product,
 * product id.
 */
export function matchAdvisory(
  advisory: FlatAdvisory | readonly ProductLeaf[],
  installed: InventoryIndex | readonly InstalledProduct[],
  aliases: AliasTable = AliasTable.EMPTY,
): AdvisoryMatch[] {
  const index = installed instanceof InventoryIndex ? installed : new InventoryIndex(installed, aliases);
  const flat = isFlat(advisory) ? advisory : null;
  const leaves = isFlat(advisory) ? advisory.leaves : advisory;
  const byId = flat ?? { byId: new Map(leaves.map((leaf) => [leaf.productId, leaf])) };
  const results: Evaluated[] = [];
  for (const leaf of leaves) {
    if (leaf.statuses.length === 0) continue;
    const candidates = candidatesFor(leaf, index);
    for (const candidate of candidates.values()) {
      const evaluated = evaluate(leaf, candidate);
      if (evaluated) results.push(evaluated);
    }
    for (const candidate of platformCandidates(leaf, byId, index)) {
      if (candidates.has(candidate.indexed.product.id)) continue;
      const evaluated = evaluate(leaf, candidate);
      if (evaluated) results.push(evaluated);
    }
  }
  applyCrossLeafSuppression(results);
  return results
    .map((r) => r.match)
    .sort(
      (a, b) =>
        compareText(a.organisationId, b.organisationId) ||
        compareText(a.installedProductId, b.installedProductId) ||
        compareText(a.productId, b.productId),
    );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isFlat(value: FlatAdvisory | readonly ProductLeaf[]): value is FlatAdvisory {
  return !Array.isArray(value);
}

/** probable/review matches whose every vulnerability another leaf proves fixed/not affected. */
function applyCrossLeafSuppression(results: Evaluated[]): void {
  const proven = new Map<string, Set<number>>();
  for (const { match, provenSuppressed } of results) {
    if (provenSuppressed.length === 0) continue;
    const set = proven.get(match.installedProductId) ?? new Set<number>();
    for (const v of provenSuppressed) set.add(v);
    proven.set(match.installedProductId, set);
  }
  if (proven.size === 0) return;
  for (const { match } of results) {
    if (match.class !== 'probable' && match.class !== 'review') continue;
    const set = proven.get(match.installedProductId);
    if (!set) continue;
    const positive = match.vulnerabilities.filter((v) => v.class !== 'suppressed');
    if (positive.length > 0 && positive.every((v) => set.has(v.vulnerability))) {
      match.class = 'suppressed';
      match.reasons.push('superseded-by-suppression');
      for (const v of positive) v.class = 'suppressed';
      match.cves = [];
    }
  }
}

export interface OrganisationSummary {
  organisationId: string;
  best: MatchClass;
  counts: Record<MatchClass, number>;
  installedProductIds: string[];
}

/** Per organisation: the strongest class and counts, e.g. to pick a warning's recipients. */
export function summariseByOrganisation(matches: readonly AdvisoryMatch[]): OrganisationSummary[] {
  const byOrg = new Map<string, OrganisationSummary>();
  for (const match of matches) {
    let summary = byOrg.get(match.organisationId);
    if (!summary) {
      summary = {
        organisationId: match.organisationId,
        best: match.class,
        counts: { confirmed: 0, probable: 0, review: 0, suppressed: 0 },
        installedProductIds: [],
      };
      byOrg.set(match.organisationId, summary);
    }
    summary.counts[match.class]++;
    if (MATCH_CLASS_RANK[match.class] > MATCH_CLASS_RANK[summary.best]) summary.best = match.class;
    if (!summary.installedProductIds.includes(match.installedProductId)) {
      summary.installedProductIds.push(match.installedProductId);
    }
  }
  return [...byOrg.values()].sort((a, b) => compareText(a.organisationId, b.organisationId));
}
