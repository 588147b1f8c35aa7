import { describe, expect, it } from 'vitest';
import { hasReference, readReferenceJson, VALID_ADVISORIES } from '../test-support.ts';
import { countFlat, flattenCsaf, type ProductLeaf } from './flatten.ts';

/**
 * Expected numbers, counted independently of this code with jq over the reference files:
 *   branch: [ (.product_tree.branches // []) | .. | objects | select(has("product")) ] | length
 *   fpn:    .product_tree.full_product_names | length
 *   rel:    .product_tree.relationships | length
 *   cpe / purl: [ .product_tree | .. | objects | select(has("cpe")) ] | length  (resp. "purl")
 *   ranges: [ .. | objects | select(.category? == "product_version_range") ] | length
 *   statuses: [.vulnerabilities[]?.product_status | to_entries[] | {k: .key, n: (.value|length)}]
 *             | group_by(.k) | map({(.[0].k): (map(.n)|add)}) | add
 */
const EXPECTED: Record<
  (typeof VALID_ADVISORIES)[number],
  {
    branch: number;
    fpn: number;
    rel: number;
    cpe: number;
    purl: number;
    ranges: number;
    vulnerabilities: number;
    statuses: Record<string, number>;
  }
> = {
  'bsi-wid/wid-sec-w-2023-1632.json': {
    branch: 2,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 2,
    vulnerabilities: 1,
    statuses: { last_affected: 1 },
  },
  'bsi-wid/wid-sec-w-2024-3319.json': {
    branch: 11,
    fpn: 0,
    rel: 0,
    cpe: 10,
    purl: 0,
    ranges: 1,
    vulnerabilities: 4,
    statuses: { known_affected: 31 },
  },
  'cisa/va-24-201-01.json': {
    branch: 7,
    fpn: 0,
    rel: 1,
    cpe: 0,
    purl: 0,
    ranges: 2,
    vulnerabilities: 3,
    statuses: { fixed: 3, known_affected: 8 },
  },
  'gocsaf-rolie-provider/white/avendor-advisory-0004.json': {
    branch: 5,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 2,
    statuses: { under_investigation: 2 },
  },
  'isduba-revisions/avendor-advisory-0004.v2.json': {
    branch: 5,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 2,
    statuses: { under_investigation: 2 },
  },
  'isduba-revisions/avendor-advisory-0004.v3-interim.json': {
    branch: 5,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 1,
    ranges: 0,
    vulnerabilities: 2,
    statuses: { under_investigation: 2 },
  },
  'isduba-revisions/avendor-advisory-0004.v3-final.json': {
    branch: 5,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 1,
    ranges: 0,
    vulnerabilities: 2,
    statuses: { under_investigation: 2 },
  },
  'oasis/examples/bsi-2022-0001.json': {
    branch: 6,
    fpn: 0,
    rel: 0,
    cpe: 6,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { first_fixed: 1, fixed: 1, known_affected: 5 },
  },
  'oasis/examples/cisco-sa-20180328-smi2.json': {
    branch: 259,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { known_affected: 259 },
  },
  'oasis/examples/rhsa-2022_0011.json': {
    branch: 10,
    fpn: 0,
    rel: 15,
    cpe: 3,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { fixed: 15 },
  },
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json': {
    branch: 0,
    fpn: 2,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 0,
    statuses: {},
  },
  'oasis/testcases/oasis_csaf_tc-csaf_2_0-2021-6-1-06-11.json': {
    branch: 0,
    fpn: 1,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { known_affected: 1, recommended: 1 },
  },
  'oasis/vex/2022-evd-uc-01-a-001.json': {
    branch: 1,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { known_affected: 1 },
  },
  'oasis/vex/2022-evd-uc-01-f-001.json': {
    branch: 1,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { fixed: 1 },
  },
  'oasis/vex/2022-evd-uc-01-na-001.json': {
    branch: 1,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { known_not_affected: 1 },
  },
  'oasis/vex/2022-evd-uc-01-ui-001.json': {
    branch: 1,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 1,
    statuses: { under_investigation: 1 },
  },
  'oasis/vex/2022-evd-uc-02-na-001.json': {
    branch: 1,
    fpn: 0,
    rel: 0,
    cpe: 0,
    purl: 0,
    ranges: 0,
    vulnerabilities: 19,
    statuses: { known_not_affected: 19 },
  },
};

const flat = (file: string) => flattenCsaf(readReferenceJson(file));
const leaf = (leaves: Map<string, ProductLeaf>, id: string): ProductLeaf => {
  const found = leaves.get(id);
  if (!found) throw new Error(`no leaf ${id}`);
  return found;
};

describe.runIf(hasReference(...VALID_ADVISORIES))('flatten: counts per reference document', () => {
  it.each(VALID_ADVISORIES)('%s', (file) => {
    const expected = EXPECTED[file];
    const result = flat(file);
    const counts = countFlat(result);
    expect(result.problems).toEqual([]);
    expect(counts.byOrigin).toEqual({
      branch: expected.branch,
      full_product_name: expected.fpn,
      relationship: expected.rel,
    });
    expect(counts.leaves).toBe(expected.branch + expected.fpn + expected.rel);
    expect(counts.withCpe).toBe(expected.cpe);
    expect(result.leaves.filter((l) => l.purlSource === 'own')).toHaveLength(expected.purl);
    expect(counts.withRange).toBe(expected.ranges);
    expect(result.vulnerabilities).toHaveLength(expected.vulnerabilities);
    expect(counts.statuses).toEqual(expected.statuses);
  });
});

describe.runIf(hasReference(...VALID_ADVISORIES))('flatten: leaves in detail', () => {
  it('BSI WID: the range leaf inherits apache:http_server (identity only) from its fixed sibling', () => {
    const { byId } = flat('bsi-wid/wid-sec-w-2024-3319.json');
    expect(leaf(byId, 'T017059')).toMatchObject({
      name: 'Apache HTTP Server <2.4.44',
      vendor: 'Apache',
      productName: 'HTTP Server',
      version: null,
      versionRange: '<2.4.44',
      cpe: 'cpe:/a:apache:http_server:2.4.44',
      cpeSource: 'inherited',
      pointer: '/product_tree/branches/1/branches/0/branches/0/product',
    });
    expect(leaf(byId, 'T017059').statuses.map((s) => s.cve)).toEqual([
      'CVE-2020-11984',
      'CVE-2020-11985',
      'CVE-2020-11993',
      'CVE-2020-9490',
    ]);
    expect(leaf(byId, 'T017059-fixed')).toMatchObject({ version: '2.4.44', cpeSource: 'own', statuses: [] });
    // CPE without version (`:-`) gives no version
    expect(leaf(byId, '2951')).toMatchObject({
      vendor: 'Debian',
      version: null,
      cpe: 'cpe:/o:debian:debian_linux:-',
    });
  });

  it('BSI WID 2023-1632: no CPE anywhere, so nothing to inherit; last_affected with a vls range', () => {
    const { byId } = flat('bsi-wid/wid-sec-w-2023-1632.json');
    expect(leaf(byId, 'T028400')).toMatchObject({
      vendor: 'Open Source',
      productName: 'ImageMagick',
      versionRange: '<=7.1.1-13',
      cpe: null,
      cpeSource: null,
    });
    expect(leaf(byId, 'T028400').statuses).toEqual([
      { vulnerability: 0, cve: null, status: 'last_affected', cvss: null, remediations: [], flag: null },
    ]);
  });

  it('Cisco: service_pack is the version (12.2(55)SE below the 12.2SE train)', () => {
    const { byId } = flat('oasis/examples/cisco-sa-20180328-smi2.json');
    expect(leaf(byId, 'CVRFPID-103763')).toMatchObject({
      vendor: 'Cisco',
      productName: 'IOS',
      version: '12.2(55)SE',
      name: 'Cisco IOS 12.2SE 12.2(55)SE',
    });
    expect(leaf(byId, 'CVRFPID-103763').statuses[0]).toMatchObject({
      cve: 'CVE-2018-0171',
      status: 'known_affected',
      cvss: { baseScore: 9.8, version: '3.0' },
      remediations: ['workaround'],
    });
  });

  it('Red Hat: default_component_of gives combined products that keep their platform', () => {
    const result = flat('oasis/examples/rhsa-2022_0011.json');
    const combined = leaf(result.byId, '7Server-7.6.AUS:telnet-server-1:0.17-65.el7_6.x86_64');
    expect(combined).toMatchObject({
      origin: 'relationship',
      vendor: 'Red Hat',
      version: 'telnet-server-1:0.17-65.el7_6.x86_64',
      architecture: 'x86_64',
      relationship: {
        category: 'default_component_of',
        componentId: 'telnet-server-1:0.17-65.el7_6.x86_64',
        platformId: '7Server-7.6.AUS',
      },
    });
    expect(combined.statuses.map((s) => s.status)).toEqual(['fixed']);
    expect(leaf(result.byId, '7Server-7.6.AUS')).toMatchObject({
      productFamily: 'Red Hat Enterprise Linux',
      productName: 'Red Hat Enterprise Linux Server AUS (v. 7.6)',
      version: '7.6',
      cpeSource: 'own',
    });
  });

  it('CISA: external_component_of and "all versions" ranges; per-product CVSS', () => {
    const { byId } = flat('cisa/va-24-201-01.json');
    expect(leaf(byId, 'CSAFPID-0005')).toMatchObject({
      origin: 'relationship',
      name: 'Adminer contained in AdminerEvo',
      productFamily: 'Adminer',
      relationship: {
        category: 'external_component_of',
        componentId: 'CSAFPID-0013',
        platformId: 'CSAFPID-0004',
      },
    });
    expect(leaf(byId, 'CSAFPID-0006')).toMatchObject({ versionRange: 'all versions', vendor: 'Adminer' });
    const statuses = leaf(byId, 'CSAFPID-0006').statuses;
    expect(statuses.map((s) => [s.cve, s.status, s.cvss?.baseScore, s.remediations])).toEqual([
      ['CVE-2023-45195', 'known_affected', 5.3, ['none_available']],
      ['CVE-2023-45196', 'known_affected', 5.3, ['none_available']],
      ['CVE-2023-45197', 'known_affected', 9, ['none_available']],
    ]);
    expect(leaf(byId, 'CSAFPID-0007').statuses.map((s) => s.status)).toEqual([
      'known_affected',
      'known_affected',
      'fixed',
    ]);
  });

  it('ISDuBA v3: the purl of product_1 1.1 is inherited by its sibling versions', () => {
    const { byId } = flat('isduba-revisions/avendor-advisory-0004.v3-final.json');
    expect(leaf(byId, 'CSAFPID_0001')).toMatchObject({
      purl: 'pkg:npm/acme/CSAFPID_0001',
      purlSource: 'own',
    });
    expect(leaf(byId, 'CSAFPID_0002')).toMatchObject({
      purl: 'pkg:npm/acme/CSAFPID_0001',
      purlSource: 'inherited',
    });
    expect(leaf(byId, 'CSAFPID_0004')).toMatchObject({ purl: null, vendor: 'AVendor1' });
  });
});

describe('flatten: synthetic structures', () => {
  const doc = {
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Example',
          branches: [
            {
              category: 'product_name',
              name: 'Server',
              branches: [
                {
                  category: 'product_version',
                  name: '1.0',
                  product: {
                    product_id: 'S10',
                    name: 'Example Server 1.0',
                    product_identification_helper: { purl: 'pkg:generic/example/server@1.0' },
                  },
                },
                {
                  category: 'product_version_range',
                  name: 'vers:generic/<1.0',
                  product: { product_id: 'SOLD', name: 'Example Server <1.0' },
                },
              ],
            },
            {
              category: 'product_name',
              name: 'Agent',
              branches: [
                {
                  category: 'product_version',
                  name: '2',
                  product: {
                    product_id: 'A2',
                    name: 'Agent 2',
                    product_identification_helper: { cpe: 'cpe:2.3:a:example:agent:2:*:*:*:*:*:*:*' },
                  },
                },
                {
                  category: 'product_version',
                  name: '3',
                  product: {
                    product_id: 'A3',
                    name: 'Agent 3',
                    product_identification_helper: { cpe: 'cpe:2.3:a:example:agent_ng:3:*:*:*:*:*:*:*' },
                  },
                },
                { category: 'product_version', name: '4', product: { product_id: 'A4', name: 'Agent 4' } },
              ],
            },
          ],
        },
      ],
      full_product_names: [
        { product_id: 'OS', name: 'Some OS 7', product_identification_helper: { cpe: 'cpe:/o:some:os:7' } },
      ],
      relationships: [
        {
          category: 'installed_on',
          product_reference: 'S10',
          relates_to_product_reference: 'OS',
          full_product_name: { product_id: 'S10-OS', name: 'Server 1.0 on OS 7' },
        },
        {
          category: 'installed_with',
          product_reference: 'S10-OS',
          relates_to_product_reference: 'A2',
          full_product_name: { product_id: 'S10-OS-A2', name: 'chained' },
        },
        {
          category: 'installed_on',
          product_reference: 'NOPE',
          relates_to_product_reference: 'OS',
          full_product_name: { product_id: 'BROKEN', name: 'dangling' },
        },
      ],
      product_groups: [{ group_id: 'G-SERVER', product_ids: ['S10', 'SOLD'] }],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2099-0001',
        product_status: {
          known_affected: ['SOLD', 'S10-OS-A2', 'UNKNOWN'],
          fixed: ['S10'],
          known_not_affected: ['A2'],
        },
        remediations: [{ category: 'vendor_fix', group_ids: ['G-SERVER'] }],
        flags: [{ label: 'component_not_present', product_ids: ['A2'] }],
        scores: [
          {
            products: ['SOLD'],
            cvss_v2: { version: '2.0', baseScore: 10, vectorString: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' },
          },
          {
            products: ['SOLD'],
            cvss_v3: { version: '3.1', baseScore: 7.5, vectorString: 'CVSS:3.1/AV:N', baseSeverity: 'HIGH' },
          },
        ],
      },
    ],
  };

  const result = flattenCsaf(doc);

  it('inherits a purl within the product_name, but not a CPE when siblings disagree', () => {
    expect(leaf(result.byId, 'SOLD')).toMatchObject({
      purl: 'pkg:generic/example/server@1.0',
      purlSource: 'inherited',
      versionRange: 'vers:generic/<1.0',
      version: null,
    });
    expect(leaf(result.byId, 'A4')).toMatchObject({ cpe: null, cpeSource: null, version: '4' });
  });

  it('resolves relationship chains to the innermost component', () => {
    expect(leaf(result.byId, 'S10-OS-A2')).toMatchObject({
      productName: 'Server',
      version: '1.0',
      purl: 'pkg:generic/example/server@1.0',
      purlSource: 'inherited',
      relationship: { category: 'installed_with', componentId: 'S10-OS', platformId: 'A2' },
    });
  });

  it('expands product groups in remediations and records group membership', () => {
    expect(leaf(result.byId, 'S10').groupIds).toEqual(['G-SERVER']);
    expect(leaf(result.byId, 'SOLD').statuses[0]?.remediations).toEqual(['vendor_fix']);
    expect(leaf(result.byId, 'S10').statuses[0]).toMatchObject({
      status: 'fixed',
      remediations: ['vendor_fix'],
    });
  });

  it('prefers CVSS v3 over v2 and keeps the VEX flag', () => {
    expect(leaf(result.byId, 'SOLD').statuses[0]?.cvss).toEqual({
      version: '3.1',
      baseScore: 7.5,
      vectorString: 'CVSS:3.1/AV:N',
      baseSeverity: 'HIGH',
    });
    expect(result.vulnerabilities[0]?.maxBaseScore).toBe(10);
    expect(leaf(result.byId, 'A2').statuses[0]).toMatchObject({
      status: 'known_not_affected',
      flag: 'component_not_present',
    });
  });

  it('reports dangling references as problems instead of failing', () => {
    expect(result.problems).toEqual([
      'relationship BROKEN refers to unknown product NOPE',
      '/vulnerabilities/0/product_status/known_affected: unknown product UNKNOWN',
    ]);
  });
});
