import { beforeAll, describe, expect, it } from 'vitest';
import { flattenCsaf } from '../csaf/flatten.ts';
import { loadCsafValidator, readCsaf } from '../csaf/validate.ts';
import { hasReference, readReference, readReferenceJson } from '../test-support.ts';
import { ALIASES, INVENTORY } from './inventory.fixture.ts';
import { type AdvisoryMatch, indexInventory, matchAdvisory, summariseByOrganisation } from './match.ts';

// importing the validator library takes seconds on a busy machine: pay it outside the test timeout
beforeAll(() => loadCsafValidator(), 120_000);

/**
 * The real reference advisories against the test inventory (inventory.fixture.ts). Each table
 * lists EVERY expected (installed product, leaf, class); anything else matching fails the test.
 */
type Row = [installed: string, productId: string, cls: AdvisoryMatch['class'], basis: AdvisoryMatch['basis']];

const index = indexInventory(INVENTORY, ALIASES);

async function matchFile(file: string): Promise<AdvisoryMatch[]> {
  const read = await readCsaf(readReference(file));
  return matchAdvisory(flattenCsaf(read.document), index);
}

const rows = (matches: AdvisoryMatch[]): Row[] =>
  matches.map((m) => [m.installedProductId, m.productId, m.class, m.basis]);

const find = (matches: AdvisoryMatch[], installed: string, productId: string) => {
  const match = matches.find((m) => m.installedProductId === installed && m.productId === productId);
  if (!match) throw new Error(`no match ${installed} × ${productId}`);
  return match;
};

const sortRows = (list: Row[]) =>
  [...list].sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));

const EXPECTED: Record<string, Row[]> = {
  // Apache httpd <2.4.44 (range leaf without CPE, identity inherited from its fixed sibling) and
  // distributions named without versions.
  'bsi-wid/wid-sec-w-2024-3319.json': [
    ['hb-debian', '2951', 'probable', 'cpe'], // advisory names "Debian Linux" without a version
    ['os-debian', '2951', 'probable', 'cpe'],
    ['os-fortigate', 'T004020', 'review', 'name'], // known by name only
    ['os-httpd', 'T017059', 'probable', 'alias'], // no installed version
    ['qb-httpd', 'T017059', 'probable', 'alias'], // purl via alias table, no version
    ['wr-httpd', 'T017059', 'confirmed', 'cpe'], // 2.4.41 < 2.4.44 (CPE 2.2 vs inherited CPE)
    // hb-httpd 2.4.58 is outside <2.4.44: no match
  ],
  'bsi-wid/wid-sec-w-2023-1632.json': [
    ['wr-imagemagick', 'T028400', 'review', 'name'], // 7.1.1-12 <= 7.1.1-13, but name only
    // qb-imagemagick 7.1.1-15 is outside <=7.1.1-13
  ],
  'cisa/va-24-201-01.json': [
    ['md-adminerevo', 'CSAFPID-0009', 'suppressed', 'alias'], // 4.8.4 fixed
    ['os-adminer', 'CSAFPID-0006', 'confirmed', 'alias'], // "all versions", version unknown
    ['os-adminerevo', 'CSAFPID-0007', 'confirmed', 'alias'], // 4.8.3 known_affected (2 CVEs)
    ['wr-adminer', 'CSAFPID-0006', 'confirmed', 'alias'], // "all versions"
  ],
  'oasis/examples/bsi-2022-0001.json': [
    ['md-converter', 'CSAFPID-0005', 'confirmed', 'cpe'], // 1.0.0-rc1 known_affected
    ['md-converter-new', 'CSAFPID-0006', 'suppressed', 'cpe'], // 1.0.0 >= first_fixed 1.0.0-rc2
  ],
  'oasis/examples/cisco-sa-20180328-smi2.json': [['qb-cisco', 'CVRFPID-103763', 'confirmed', 'alias']],
  'oasis/examples/rhsa-2022_0011.json': [], // all fixed; md-rhel is only the platform
  'oasis/vex/2022-evd-uc-01-a-001.json': [
    ['wo-def', 'CSAFPID-0001', 'probable', 'alias'],
    ['wo-def10', 'CSAFPID-0001', 'confirmed', 'alias'],
  ],
  'oasis/vex/2022-evd-uc-01-f-001.json': [['wo-def11', 'CSAFPID-0001', 'suppressed', 'alias']],
  'oasis/vex/2022-evd-uc-01-na-001.json': [['wo-abc', 'CSAFPID-0001', 'suppressed', 'name']],
  'oasis/vex/2022-evd-uc-01-ui-001.json': [['wo-ghi', 'CSAFPID-0001', 'review', 'name']],
  'oasis/vex/2022-evd-uc-02-na-001.json': [['wo-abc', 'CSAFPID-0001', 'suppressed', 'name']],
  'isduba-revisions/avendor-advisory-0004.v2.json': [['os-avendor', 'CSAFPID_0001', 'review', 'name']],
  'isduba-revisions/avendor-advisory-0004.v3-interim.json': [
    ['os-avendor', 'CSAFPID_0001', 'review', 'name'],
  ],
  'isduba-revisions/avendor-advisory-0004.v3-final.json': [['os-avendor', 'CSAFPID_0001', 'review', 'name']],
};

describe.runIf(hasReference(...Object.keys(EXPECTED)))('reference advisories × test inventory', () => {
  it.each(Object.keys(EXPECTED))('%s', async (file) => {
    expect(sortRows(rows(await matchFile(file)))).toEqual(sortRows(EXPECTED[file] as Row[]));
  });

  it('BSI WID 3319: why each match got its class', async () => {
    const matches = await matchFile('bsi-wid/wid-sec-w-2024-3319.json');
    expect(find(matches, 'wr-httpd', 'T017059')).toMatchObject({
      reasons: ['version-in-range', 'identity-inherited'],
      installedVersion: '2.4.41',
      advisoryVersion: '<2.4.44',
      cves: ['CVE-2020-11984', 'CVE-2020-11985', 'CVE-2020-11993', 'CVE-2020-9490'],
      organisationId: 'wernigerode',
    });
    expect(find(matches, 'hb-debian', '2951').reasons).toEqual(['advisory-version-missing']);
    expect(find(matches, 'os-httpd', 'T017059').reasons).toEqual(['installed-version-missing']);
    expect(find(matches, 'os-fortigate', 'T004020').reasons).toEqual([
      'advisory-version-missing',
      'name-only-match',
    ]);
    expect(summariseByOrganisation(matches).map((s) => [s.organisationId, s.best])).toEqual([
      ['halberstadt', 'probable'],
      ['oschersleben', 'probable'],
      ['quedlinburg', 'probable'],
      ['wernigerode', 'confirmed'],
    ]);
  });

  it('CISA: "all versions" is proof (confirmed), fixed CVEs of the same leaf are listed as suppressed', async () => {
    const matches = await matchFile('cisa/va-24-201-01.json');
    expect(find(matches, 'os-adminer', 'CSAFPID-0006')).toMatchObject({
      reasons: ['all-versions'],
      installedVersion: null,
      advisoryVersion: 'all versions',
      maxBaseScore: 9,
    });
    const evo = find(matches, 'os-adminerevo', 'CSAFPID-0007');
    expect(evo.cves).toEqual(['CVE-2023-45195', 'CVE-2023-45196']);
    expect(evo.vulnerabilities.map((v) => [v.cve, v.status, v.class])).toEqual([
      ['CVE-2023-45195', 'known_affected', 'confirmed'],
      ['CVE-2023-45196', 'known_affected', 'confirmed'],
      ['CVE-2023-45197', 'fixed', 'suppressed'],
    ]);
    expect(find(matches, 'md-adminerevo', 'CSAFPID-0009').reasons).toEqual(['fixed']);
  });

  it('VEX: known_not_affected and fixed are suppressed with their reason', async () => {
    const na = await matchFile('oasis/vex/2022-evd-uc-02-na-001.json');
    expect(find(na, 'wo-abc', 'CSAFPID-0001')).toMatchObject({
      reasons: ['known-not-affected', 'name-only-match'],
      cves: [],
    });
    expect(find(na, 'wo-abc', 'CSAFPID-0001').vulnerabilities).toHaveLength(19);
    const fixed = await matchFile('oasis/vex/2022-evd-uc-01-f-001.json');
    expect(find(fixed, 'wo-def11', 'CSAFPID-0001').reasons).toEqual(['fixed']);
    const ui = await matchFile('oasis/vex/2022-evd-uc-01-ui-001.json');
    expect(find(ui, 'wo-ghi', 'CSAFPID-0001').reasons).toEqual(['under-investigation', 'name-only-match']);
  });

  it('free text in a real range goes to review (3319 with its range rewritten in memory)', async () => {
    const doc = readReferenceJson('bsi-wid/wid-sec-w-2024-3319.json');
    const text = JSON.stringify(doc).replace('"name":"<2.4.44"', '"name":"Versionen vor dem Oktober-Patch"');
    expect(text).toContain('Oktober-Patch');
    const read = await readCsaf(new TextEncoder().encode(text));
    const matches = matchAdvisory(flattenCsaf(read.document), index);
    expect(find(matches, 'wr-httpd', 'T017059')).toMatchObject({
      class: 'review',
      reasons: ['range-not-parseable', 'identity-inherited'],
    });
    expect(find(matches, 'qb-httpd', 'T017059').class).toBe('review');
    // and now hb-httpd 2.4.58 cannot be ruled out either
    expect(find(matches, 'hb-httpd', 'T017059').class).toBe('review');
  });

  it('a fixed leaf suppresses the version it names; the unversioned installation stays probable', async () => {
    const doc = readReferenceJson('bsi-wid/wid-sec-w-2024-3319.json') as {
      vulnerabilities: { product_status: Record<string, string[]> }[];
    };
    for (const v of doc.vulnerabilities) v.product_status.fixed = ['T017059-fixed'];
    const extra = {
      id: 'md-httpd',
      organisationId: 'magdeburg',
      name: 'Apache HTTP Server',
      version: '2.4.44',
    };
    const matches = matchAdvisory(flattenCsaf(doc), [...INVENTORY, extra], ALIASES);
    expect(find(matches, 'md-httpd', 'T017059-fixed')).toMatchObject({
      class: 'suppressed',
      reasons: ['fixed'],
    });
    expect(matches.some((m) => m.installedProductId === 'md-httpd' && m.productId === 'T017059')).toBe(false);
    expect(find(matches, 'qb-httpd', 'T017059').class).toBe('probable');
  });

  it('the same result from a list and from a prebuilt index, in any inventory order', async () => {
    const read = await readCsaf(readReference('bsi-wid/wid-sec-w-2024-3319.json'));
    const flat = flattenCsaf(read.document);
    const fromIndex = matchAdvisory(flat, index);
    expect(matchAdvisory(flat.leaves, [...INVENTORY].reverse(), ALIASES)).toEqual(fromIndex);
  });

  it('without the alias table, name-only spellings drop to review and purls no longer meet CPEs', async () => {
    const read = await readCsaf(readReference('bsi-wid/wid-sec-w-2024-3319.json'));
    const matches = matchAdvisory(flattenCsaf(read.document), INVENTORY);
    expect(find(matches, 'os-httpd', 'T017059')).toMatchObject({ class: 'review', basis: 'name' });
    expect(matches.some((m) => m.installedProductId === 'qb-httpd')).toBe(false);
    expect(find(matches, 'wr-httpd', 'T017059').class).toBe('confirmed');
  });
});
