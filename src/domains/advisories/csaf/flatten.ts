/**
 * Flattens a CSAF 2.0 document into product leaves with their statuses per vulnerability.
 *
 * - Branch products take vendor, product name, family, version or version range, architecture
 *   etc. from the branch categories on their path.
 * - A leaf without its own CPE/PURL inherits the identity (never the version) from the
 *   products under its nearest `product_name` (else `product_family`) ancestor when those agree on
 *   one vendor:product / one package. BSI WID puts CPEs on fixed-version leaves but never on
 *   version-range leaves; this is how the range leaf `Apache HTTP Server <2.4.44` gets
 *   `apache:http_server`.
 * - Relationships (default_component_of, external_component_of, installed_on, installed_with,
 *   optional_component_of) give combined products: identity and version of the component
 *   (`product_reference`), the platform (`relates_to_product_reference`) kept alongside.
 * - Product groups expand wherever vulnerabilities reference `group_ids` (remediations, threats,
 *   flags); every leaf lists the groups it belongs to.
 * - Each vulnerability's `product_status` becomes one status entry per product, with the CVE, the
 *   highest CVSS v3 (else v2) base score given for that product, the remediation categories and
 *   the VEX justification flag.
 *
 * The input is `unknown`: this also runs on documents that failed validation (for diagnostics) and
 * under fuzzing, so it never throws; oddities go to `problems`.
 */
import { parseCpe } from '../matching/cpe.ts';
import { parsePurl } from '../matching/purl.ts';
import { isVersionLike } from '../matching/version.ts';

export const PRODUCT_STATUSES = [
  'first_affected',
  'first_fixed',
  'fixed',
  'known_affected',
  'known_not_affected',
  'last_affected',
  'recommended',
  'under_investigation',
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const RELATIONSHIP_CATEGORIES = [
  'default_component_of',
  'external_component_of',
  'installed_on',
  'installed_with',
  'optional_component_of',
] as const;
export type RelationshipCategory = (typeof RELATIONSHIP_CATEGORIES)[number];

export interface BranchStep {
  category: string;
  name: string;
}

export interface CvssScore {
  version: '2.0' | '3.0' | '3.1';
  baseScore: number;
  vectorString: string | null;
  baseSeverity: string | null;
}

export interface LeafStatus {
  /** Index into `FlatAdvisory.vulnerabilities`. */
  vulnerability: number;
  cve: string | null;
  status: ProductStatus;
  cvss: CvssScore | null;
  /** Remediation categories (vendor_fix, workaround, mitigation, none_available, no_fix_planned). */
  remediations: string[];
  /** VEX justification for known_not_affected (e.g. vulnerable_code_not_present). */
  flag: string | null;
}

export interface ProductLeaf {
  productId: string;
  /** The full product name as published. */
  name: string;
  origin: 'branch' | 'full_product_name' | 'relationship';
  /** JSON pointer to the product object in the document. */
  pointer: string;
  branchPath: BranchStep[];
  vendor: string | null;
  productName: string | null;
  productFamily: string | null;
  /** The most specific version on the path (product_version, service_pack, patch_level), else from the own CPE/PURL. */
  version: string | null;
  /** product_version_range (vers or free text). */
  versionRange: string | null;
  architecture: string | null;
  /** CPE 2.2 or 2.3: the leaf's own, else inherited (identity only, see `cpeSource`). */
  cpe: string | null;
  cpeSource: 'own' | 'inherited' | null;
  purl: string | null;
  purlSource: 'own' | 'inherited' | null;
  relationship: {
    category: string;
    componentId: string;
    platformId: string;
  } | null;
  groupIds: string[];
  statuses: LeafStatus[];
}

export interface FlatVulnerability {
  index: number;
  cve: string | null;
  title: string | null;
  /** Other identifiers (`ids[].text`). */
  ids: string[];
  cwe: string | null;
  /** Highest CVSS base score given anywhere in this vulnerability. */
  maxBaseScore: number | null;
}

export interface FlatAdvisory {
  leaves: ProductLeaf[];
  byId: Map<string, ProductLeaf>;
  vulnerabilities: FlatVulnerability[];
  groups: Map<string, string[]>;
  problems: string[];
}

/** Safety net against hostile nesting; real trees are < 10 deep. */
const MAX_DEPTH = 64;
const MAX_PROBLEMS = 100;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

interface Helper {
  cpe: string | null;
  purl: string | null;
}

function helperOf(product: Json): Helper {
  const helper = isObject(product.product_identification_helper) ? product.product_identification_helper : {};
  const cpe = asString(helper.cpe);
  // CSAF 2.0 has `purl`; the 2.1 draft `purls[]`
  const purl = asString(helper.purl) ?? asString(asArray(helper.purls)[0]);
  return { cpe: cpe && parseCpe(cpe) ? cpe : null, purl: purl && parsePurl(purl) ? purl : null };
}

interface BuildState {
  leaves: ProductLeaf[];
  byId: Map<string, ProductLeaf>;
  problems: string[];
}

function problem(state: BuildState, message: string): void {
  if (state.problems.length < MAX_PROBLEMS) state.problems.push(message);
}

function addLeaf(state: BuildState, leaf: ProductLeaf): void {
  if (state.byId.has(leaf.productId)) {
    problem(state, `duplicate product_id ${leaf.productId} at ${leaf.pointer}`);
    return;
  }
  state.byId.set(leaf.productId, leaf);
  state.leaves.push(leaf);
}

function emptyLeaf(
  productId: string,
  name: string,
  origin: ProductLeaf['origin'],
  pointer: string,
): ProductLeaf {
  return {
    productId,
    name,
    origin,
    pointer,
    branchPath: [],
    vendor: null,
    productName: null,
    productFamily: null,
    version: null,
    versionRange: null,
    architecture: null,
    cpe: null,
    cpeSource: null,
    purl: null,
    purlSource: null,
    relationship: null,
    groupIds: [],
    statuses: [],
  };
}

/** Most specific version from the path: the last version-ish step, joined to an earlier numeric one if it is not a version itself (`10` + `SP1`). */
function versionFromPath(path: BranchStep[]): string | null {
  const steps = path.filter(
    (s) => s.category === 'product_version' || s.category === 'service_pack' || s.category === 'patch_level',
  );
  const last = steps[steps.length - 1];
  if (!last) return null;
  if (isVersionLike(last.name) || steps.length === 1) return last.name;
  const earlier = [...steps.slice(0, -1)].reverse().find((s) => isVersionLike(s.name));
  return earlier ? `${earlier.name} ${last.name}` : last.name;
}

function leafFromPath(productId: string, name: string, pointer: string, path: BranchStep[], helper: Helper) {
  const leaf = emptyLeaf(productId, name, 'branch', pointer);
  leaf.branchPath = path;
  const lastOf = (category: string) => [...path].reverse().find((s) => s.category === category)?.name ?? null;
  leaf.vendor = lastOf('vendor');
  leaf.productName = lastOf('product_name');
  leaf.productFamily = lastOf('product_family');
  leaf.versionRange = lastOf('product_version_range');
  leaf.architecture = lastOf('architecture');
  leaf.version = versionFromPath(path);
  applyOwnHelper(leaf, helper);
  return leaf;
}

function applyOwnHelper(leaf: ProductLeaf, helper: Helper): void {
  if (helper.cpe) {
    leaf.cpe = helper.cpe;
    leaf.cpeSource = 'own';
  }
  if (helper.purl) {
    leaf.purl = helper.purl;
    leaf.purlSource = 'own';
  }
  if (leaf.version === null && leaf.versionRange === null) {
    leaf.version =
      (helper.cpe && parseCpe(helper.cpe)?.version) ||
      (helper.purl && parsePurl(helper.purl)?.version) ||
      null;
  }
}

/** Products below a branch, collected for identity inheritance. */
interface Scope {
  category: string;
  leaves: ProductLeaf[];
}

function walkBranches(
  state: BuildState,
  branches: unknown,
  pointer: string,
  path: BranchStep[],
  scopes: Scope[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    problem(state, `branches nested deeper than ${MAX_DEPTH} at ${pointer}`);
    return;
  }
  asArray(branches).forEach((branch, index) => {
    const here = `${pointer}/${index}`;
    if (!isObject(branch)) return;
    const step: BranchStep = {
      category: asString(branch.category) ?? 'unknown',
      name: asString(branch.name) ?? '',
    };
    const nextPath = [...path, step];
    const opensScope = step.category === 'product_name' || step.category === 'product_family';
    const nextScopes = opensScope ? [...scopes, { category: step.category, leaves: [] }] : scopes;
    if (isObject(branch.product)) {
      const productId = asString(branch.product.product_id);
      if (productId) {
        const leaf = leafFromPath(
          productId,
          asString(branch.product.name) ?? productId,
          `${here}/product`,
          nextPath,
          helperOf(branch.product),
        );
        addLeaf(state, leaf);
        for (const scope of nextScopes) scope.leaves.push(leaf);
      } else {
        problem(state, `product without product_id at ${here}/product`);
      }
    }
    if (branch.branches !== undefined) {
      walkBranches(state, branch.branches, `${here}/branches`, nextPath, nextScopes, depth + 1);
    }
    if (opensScope) inheritIdentity(nextScopes[nextScopes.length - 1] as Scope);
  });
}

/** Give leaves without CPE/PURL the one identity their siblings under this scope agree on. */
function inheritIdentity(scope: Scope): void {
  const cpes = new Map<string, string>();
  const purls = new Map<string, string>();
  for (const leaf of scope.leaves) {
    if (leaf.cpeSource === 'own' && leaf.cpe) {
      const key = parseCpe(leaf.cpe)?.key;
      if (key && !cpes.has(key)) cpes.set(key, leaf.cpe);
    }
    if (leaf.purlSource === 'own' && leaf.purl) {
      const key = parsePurl(leaf.purl)?.key;
      if (key && !purls.has(key)) purls.set(key, leaf.purl);
    }
  }
  const [cpe] = cpes.size === 1 ? [...cpes.values()] : [];
  const [purl] = purls.size === 1 ? [...purls.values()] : [];
  for (const leaf of scope.leaves) {
    if (cpe && leaf.cpe === null) {
      leaf.cpe = cpe;
      leaf.cpeSource = 'inherited';
    }
    if (purl && leaf.purl === null) {
      leaf.purl = purl;
      leaf.purlSource = 'inherited';
    }
  }
}

function addFullProductNames(state: BuildState, list: unknown, pointer: string): void {
  asArray(list).forEach((product, index) => {
    if (!isObject(product)) return;
    const productId = asString(product.product_id);
    if (!productId) {
      problem(state, `product without product_id at ${pointer}/${index}`);
      return;
    }
    const leaf = emptyLeaf(
      productId,
      asString(product.name) ?? productId,
      'full_product_name',
      `${pointer}/${index}`,
    );
    applyOwnHelper(leaf, helperOf(product));
    addLeaf(state, leaf);
  });
}

interface PendingRelationship {
  leaf: ProductLeaf;
  helper: Helper;
}

function addRelationships(state: BuildState, list: unknown, pointer: string): PendingRelationship[] {
  const pending: PendingRelationship[] = [];
  asArray(list).forEach((relationship, index) => {
    if (!isObject(relationship) || !isObject(relationship.full_product_name)) return;
    const full = relationship.full_product_name;
    const productId = asString(full.product_id);
    const componentId = asString(relationship.product_reference);
    const platformId = asString(relationship.relates_to_product_reference);
    if (!productId || !componentId || !platformId) {
      problem(state, `incomplete relationship at ${pointer}/${index}`);
      return;
    }
    const leaf = emptyLeaf(
      productId,
      asString(full.name) ?? productId,
      'relationship',
      `${pointer}/${index}/full_product_name`,
    );
    leaf.relationship = { category: asString(relationship.category) ?? 'unknown', componentId, platformId };
    addLeaf(state, leaf);
    if (state.byId.get(productId) === leaf) pending.push({ leaf, helper: helperOf(full) });
  });
  return pending;
}

/** Combined products take the component's identity and version (resolving chains, cycle-safe). */
function resolveRelationships(state: BuildState, pending: PendingRelationship[]): void {
  const resolved = new Set<string>();
  const resolve = (item: PendingRelationship, seen: Set<string>): void => {
    const { leaf, helper } = item;
    if (resolved.has(leaf.productId)) return;
    const relationship = leaf.relationship as NonNullable<ProductLeaf['relationship']>;
    const component = state.byId.get(relationship.componentId);
    if (!component) {
      problem(state, `relationship ${leaf.productId} refers to unknown product ${relationship.componentId}`);
    } else if (seen.has(component.productId)) {
      problem(state, `relationship cycle through ${component.productId}`);
    } else {
      if (component.relationship) {
        const inner = pending.find((p) => p.leaf === component);
        if (inner) resolve(inner, new Set([...seen, leaf.productId]));
      }
      leaf.vendor = component.vendor;
      leaf.productName = component.productName;
      leaf.productFamily = component.productFamily;
      leaf.version = component.version;
      leaf.versionRange = component.versionRange;
      leaf.architecture = component.architecture;
      leaf.branchPath = component.branchPath;
      leaf.cpe = component.cpe;
      leaf.cpeSource = component.cpe ? 'inherited' : null;
      leaf.purl = component.purl;
      leaf.purlSource = component.purl ? 'inherited' : null;
    }
    if (!state.byId.has(relationship.platformId)) {
      problem(state, `relationship ${leaf.productId} refers to unknown product ${relationship.platformId}`);
    }
    // an own helper on the combined product wins over the inherited identity
    if (helper.cpe) {
      leaf.cpe = helper.cpe;
      leaf.cpeSource = 'own';
    }
    if (helper.purl) {
      leaf.purl = helper.purl;
      leaf.purlSource = 'own';
    }
    resolved.add(leaf.productId);
  };
  for (const item of pending) resolve(item, new Set([item.leaf.productId]));
}

function readGroups(state: BuildState, list: unknown): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const group of asArray(list)) {
    if (!isObject(group)) continue;
    const groupId = asString(group.group_id);
    if (!groupId) continue;
    const ids = asArray(group.product_ids).filter((id): id is string => typeof id === 'string');
    groups.set(groupId, ids);
    for (const id of ids) {
      const leaf = state.byId.get(id);
      if (leaf && !leaf.groupIds.includes(groupId)) leaf.groupIds.push(groupId);
    }
  }
  return groups;
}

/** product_ids plus the members of group_ids. */
function productsOf(item: Json, groups: Map<string, string[]>): string[] {
  const ids = new Set<string>();
  for (const id of asArray(item.product_ids)) if (typeof id === 'string') ids.add(id);
  for (const groupId of asArray(item.group_ids)) {
    if (typeof groupId !== 'string') continue;
    for (const id of groups.get(groupId) ?? []) ids.add(id);
  }
  return [...ids];
}

function cvssOf(score: Json): CvssScore | null {
  for (const key of ['cvss_v3', 'cvss_v2'] as const) {
    const cvss = score[key];
    if (!isObject(cvss) || typeof cvss.baseScore !== 'number' || !Number.isFinite(cvss.baseScore)) continue;
    const version = asString(cvss.version);
    return {
      version:
        version === '3.1' || version === '3.0' || version === '2.0'
          ? version
          : key === 'cvss_v3'
            ? '3.1'
            : '2.0',
      baseScore: cvss.baseScore,
      vectorString: asString(cvss.vectorString),
      baseSeverity: asString(cvss.baseSeverity),
    };
  }
  return null;
}

const better = (a: CvssScore | null, b: CvssScore | null): CvssScore | null => {
  if (!a) return b;
  if (!b) return a;
  // v3 over v2, then the higher score
  if (a.version.startsWith('3') !== b.version.startsWith('3')) return a.version.startsWith('3') ? a : b;
  return b.baseScore > a.baseScore ? b : a;
};

function readVulnerabilities(
  state: BuildState,
  list: unknown,
  groups: Map<string, string[]>,
): FlatVulnerability[] {
  const vulnerabilities: FlatVulnerability[] = [];
  asArray(list).forEach((raw, index) => {
    const vulnerability = isObject(raw) ? raw : {};
    const cve = asString(vulnerability.cve);
    const cvssByProduct = new Map<string, CvssScore>();
    let maxBaseScore: number | null = null;
    for (const score of asArray(vulnerability.scores)) {
      if (!isObject(score)) continue;
      const cvss = cvssOf(score);
      if (!cvss) continue;
      maxBaseScore = Math.max(maxBaseScore ?? 0, cvss.baseScore);
      for (const id of asArray(score.products)) {
        if (typeof id !== 'string') continue;
        const best = better(cvssByProduct.get(id) ?? null, cvss);
        if (best) cvssByProduct.set(id, best);
      }
    }
    const remediationsByProduct = new Map<string, string[]>();
    for (const remediation of asArray(vulnerability.remediations)) {
      if (!isObject(remediation)) continue;
      const category = asString(remediation.category);
      if (!category) continue;
      for (const id of productsOf(remediation, groups)) {
        const list = remediationsByProduct.get(id) ?? [];
        if (!list.includes(category)) list.push(category);
        remediationsByProduct.set(id, list);
      }
    }
    const flagByProduct = new Map<string, string>();
    for (const flag of asArray(vulnerability.flags)) {
      if (!isObject(flag)) continue;
      const label = asString(flag.label);
      if (!label) continue;
      for (const id of productsOf(flag, groups)) flagByProduct.set(id, label);
    }
    const cwe = isObject(vulnerability.cwe) ? asString(vulnerability.cwe.id) : null;
    vulnerabilities.push({
      index,
      cve,
      title: asString(vulnerability.title),
      ids: asArray(vulnerability.ids)
        .map((id) => (isObject(id) ? asString(id.text) : null))
        .filter((id): id is string => id !== null),
      cwe,
      maxBaseScore,
    });
    const productStatus = isObject(vulnerability.product_status) ? vulnerability.product_status : {};
    for (const status of PRODUCT_STATUSES) {
      const seen = new Set<string>();
      for (const id of asArray(productStatus[status])) {
        if (typeof id !== 'string' || seen.has(id)) continue;
        seen.add(id);
        const leaf = state.byId.get(id);
        if (!leaf) {
          problem(state, `/vulnerabilities/${index}/product_status/${status}: unknown product ${id}`);
          continue;
        }
        leaf.statuses.push({
          vulnerability: index,
          cve,
          status,
          cvss: cvssByProduct.get(id) ?? null,
          remediations: remediationsByProduct.get(id) ?? [],
          flag: flagByProduct.get(id) ?? null,
        });
      }
    }
  });
  return vulnerabilities;
}

/** Flatten a (parsed) CSAF document. Never throws. */
export function flattenCsaf(document: unknown): FlatAdvisory {
  const state: BuildState = { leaves: [], byId: new Map(), problems: [] };
  const root = isObject(document) ? document : {};
  const tree = isObject(root.product_tree) ? root.product_tree : {};
  walkBranches(state, tree.branches, '/product_tree/branches', [], [], 0);
  addFullProductNames(state, tree.full_product_names, '/product_tree/full_product_names');
  const pending = addRelationships(state, tree.relationships, '/product_tree/relationships');
  resolveRelationships(state, pending);
  const groups = readGroups(state, tree.product_groups);
  const vulnerabilities = readVulnerabilities(state, root.vulnerabilities, groups);
  return { leaves: state.leaves, byId: state.byId, vulnerabilities, groups, problems: state.problems };
}

/** Counts for tests and logs: leaves per origin, status entries per status. */
export function countFlat(flat: FlatAdvisory): {
  leaves: number;
  byOrigin: Record<ProductLeaf['origin'], number>;
  statuses: Partial<Record<ProductStatus, number>>;
  withCpe: number;
  withInheritedCpe: number;
  withPurl: number;
  withRange: number;
} {
  const byOrigin = { branch: 0, full_product_name: 0, relationship: 0 };
  const statuses: Partial<Record<ProductStatus, number>> = {};
  let withCpe = 0;
  let withInheritedCpe = 0;
  let withPurl = 0;
  let withRange = 0;
  for (const leaf of flat.leaves) {
    byOrigin[leaf.origin]++;
    if (leaf.cpeSource === 'own') withCpe++;
    if (leaf.cpeSource === 'inherited') withInheritedCpe++;
    if (leaf.purl) withPurl++;
    if (leaf.versionRange !== null) withRange++;
    for (const status of leaf.statuses) statuses[status.status] = (statuses[status.status] ?? 0) + 1;
  }
  return { leaves: flat.leaves.length, byOrigin, statuses, withCpe, withInheritedCpe, withPurl, withRange };
}
