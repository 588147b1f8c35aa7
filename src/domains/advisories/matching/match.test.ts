import { describe, expect, it } from 'vitest';
import { flattenCsaf } from '../csaf/flatten.ts';
import { AliasTable, nameIdentities, normaliseName } from './aliases.ts';
import { type InstalledProduct, matchAdvisory } from './match.ts';

/** A small advisory with one vendor and several product shapes; statuses given per call. */
function advisory(productStatus: Record<string, string[]>, extra: Record<string, unknown> = {}) {
  return flattenCsaf({
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Acme',
          branches: [
            {
              category: 'product_name',
              name: 'Gateway',
              branches: [
                {
                  category: 'product_version',
                  name: '2.0',
                  product: {
                    product_id: 'GW20',
                    name: 'Acme Gateway 2.0',
                    product_identification_helper: { cpe: 'cpe:/a:acme:gateway:2.0' },
                  },
                },
                {
                  category: 'product_version',
                  name: '3.0',
                  product: {
                    product_id: 'GW30',
                    name: 'Acme Gateway 3.0',
                    product_identification_helper: { cpe: 'cpe:/a:acme:gateway:3.0' },
                  },
                },
                {
                  category: 'product_version_range',
                  name: 'vers:generic/>=1.0|<2.0',
                  product: { product_id: 'GW1X', name: 'Acme Gateway 1.x' },
                },
              ],
            },
            {
              category: 'product_name',
              name: 'Platform',
              product: {
                product_id: 'PF',
                name: 'Acme Platform',
                product_identification_helper: { cpe: 'cpe:/o:acme:platform:-' },
              },
            },
          ],
        },
      ],
      relationships: [
        {
          category: 'installed_on',
          product_reference: 'GW20',
          relates_to_product_reference: 'PF',
          full_product_name: { product_id: 'GW20-PF', name: 'Gateway 2.0 on Platform' },
        },
      ],
      ...extra,
    },
    vulnerabilities: [{ cve: 'CVE-2099-0001', product_status: productStatus }],
  });
}

const installed = (id: string, fields: Partial<InstalledProduct>): InstalledProduct => ({
  id,
  organisationId: `org-${id}`,
  name: 'Gateway',
  vendor: 'Acme',
  ...fields,
});

const classes = (matches: ReturnType<typeof matchAdvisory>) =>
  Object.fromEntries(matches.map((m) => [`${m.installedProductId}/${m.productId}`, m.class]));

describe('classification rules', () => {
  it('first_affected / last_affected turn an exact version into a bound', () => {
    const gw = (v: string) => installed(`gw-${v}`, { cpe: `cpe:2.3:a:acme:gateway:${v}:*:*:*:*:*:*:*` });
    const inventory = ['1.9', '2.0', '2.5', '3.0', '3.1'].map(gw);
    expect(classes(matchAdvisory(advisory({ first_affected: ['GW20'] }), inventory))).toEqual({
      'gw-2.0/GW20': 'confirmed',
      'gw-2.5/GW20': 'confirmed',
      'gw-3.0/GW20': 'confirmed',
      'gw-3.1/GW20': 'confirmed',
      // a first_affected product can also be a platform: GW20-PF is not in the status
    });
    expect(classes(matchAdvisory(advisory({ last_affected: ['GW30'] }), inventory))).toEqual({
      'gw-1.9/GW30': 'confirmed',
      'gw-2.0/GW30': 'confirmed',
      'gw-2.5/GW30': 'confirmed',
      'gw-3.0/GW30': 'confirmed',
    });
  });

  it('a vers range leaf inherits the CPE identity of its siblings', () => {
    const inventory = [
      installed('a', { cpe: 'cpe:2.3:a:acme:gateway:1.5:*:*:*:*:*:*:*' }),
      installed('b', { cpe: 'cpe:2.3:a:acme:gateway:2.0:*:*:*:*:*:*:*' }),
    ];
    const matches = matchAdvisory(advisory({ known_affected: ['GW1X'] }), inventory);
    expect(classes(matches)).toEqual({ 'a/GW1X': 'confirmed' });
    expect(matches[0]?.reasons).toEqual(['version-in-range', 'identity-inherited']);
  });

  it('a combined product: the component match is at most probable, the platform alone is review', () => {
    const inventory = [
      installed('gw', { cpe: 'cpe:2.3:a:acme:gateway:2.0:*:*:*:*:*:*:*' }),
      installed('pf', { name: 'Platform', cpe: 'cpe:2.3:o:acme:platform:5:*:*:*:*:*:*:*' }),
    ];
    const matches = matchAdvisory(advisory({ known_affected: ['GW20-PF'] }), inventory);
    expect(classes(matches)).toEqual({ 'gw/GW20-PF': 'probable', 'pf/GW20-PF': 'review' });
    expect(matches.find((m) => m.installedProductId === 'gw')?.reasons).toEqual([
      'version-equal',
      'platform-unverified',
      'identity-inherited',
    ]);
    expect(matches.find((m) => m.installedProductId === 'pf')?.basis).toBe('platform');
    // a fixed combined product is never suppressed through its platform
    expect(classes(matchAdvisory(advisory({ fixed: ['GW20-PF'] }), inventory))).toEqual({
      'gw/GW20-PF': 'suppressed',
    });
  });

  it('suppression needs proof: an unknown installed version is not suppressed by a fixed version', () => {
    const inventory = [installed('nov', { cpe: 'cpe:2.3:a:acme:gateway:*:*:*:*:*:*:*:*' })];
    expect(matchAdvisory(advisory({ fixed: ['GW30'] }), inventory)).toEqual([]);
    expect(
      classes(matchAdvisory(advisory({ known_affected: ['GW20'], fixed: ['GW30'] }), inventory)),
    ).toEqual({
      'nov/GW20': 'probable',
    });
  });

  it('another leaf proving "fixed" for the same vulnerability suppresses a probable match', () => {
    const inventory = [
      installed('pf5', { name: 'Platform', cpe: 'cpe:2.3:o:acme:platform:5:*:*:*:*:*:*:*' }),
    ];
    // PF (no version) affected → probable; PF5 (fixed, exact 5) proves this installation fixed
    const extra = {
      full_product_names: [
        {
          product_id: 'PF5',
          name: 'Acme Platform 5',
          product_identification_helper: { cpe: 'cpe:/o:acme:platform:5' },
        },
      ],
    };
    const matches = matchAdvisory(advisory({ known_affected: ['PF'], fixed: ['PF5'] }, extra), inventory);
    expect(classes(matches)).toEqual({ 'pf5/PF': 'suppressed', 'pf5/PF5': 'suppressed' });
    expect(matches.find((m) => m.productId === 'PF')?.reasons).toEqual([
      'advisory-version-missing',
      'superseded-by-suppression',
    ]);
  });

  it('names never match when both sides carry identifiers that disagree', () => {
    const inventory = [
      installed('other-cpe', { cpe: 'cpe:2.3:a:other:gateway:2.0:*:*:*:*:*:*:*' }),
      installed('no-cpe', { version: '2.0' }),
    ];
    const matches = matchAdvisory(advisory({ known_affected: ['GW20'] }), inventory);
    expect(classes(matches)).toEqual({ 'no-cpe/GW20': 'review' });
    expect(matches[0]?.reasons).toEqual(['version-equal', 'name-only-match']);
  });

  it('non-version strings: equal text matches, anything else goes to review', () => {
    const flat = flattenCsaf({
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: 'AVendor',
            branches: [
              {
                category: 'product_name',
                name: 'product_3',
                branches: [
                  {
                    category: 'product_version',
                    name: 'Winter Release',
                    product: { product_id: 'P3', name: 'p3' },
                  },
                ],
              },
            ],
          },
        ],
      },
      vulnerabilities: [{ product_status: { known_affected: ['P3'] } }],
    });
    const aliases = new AliasTable([{ id: 'avendor:product_3', names: ['AVendor product_3'] }]);
    const inventory = [
      installed('same', { vendor: 'AVendor', name: 'product_3', version: 'winter  release' }),
      installed('other', { vendor: 'AVendor', name: 'product_3', version: '2.0' }),
    ];
    expect(classes(matchAdvisory(flat, inventory, aliases))).toEqual({
      'same/P3': 'confirmed',
      'other/P3': 'review',
    });
  });

  it('leaves without any status never match', () => {
    const inventory = [installed('gw', { cpe: 'cpe:2.3:a:acme:gateway:2.0:*:*:*:*:*:*:*' })];
    expect(matchAdvisory(advisory({}), inventory)).toEqual([]);
  });
});

describe('alias table', () => {
  it('normalises names', () => {
    expect(normaliseName('  Apache HTTP-Server® ')).toBe('apache http server');
    expect(normaliseName('Größe Büro-Software')).toBe('grosse buro software');
    expect(nameIdentities('Cisco', 'Cisco IOS')).toEqual(['name:cisco ios']);
    expect(nameIdentities('Open Source', 'ImageMagick')).toEqual([
      'name:open source imagemagick',
      'name:imagemagick',
    ]);
    expect(nameIdentities('Acme', null)).toEqual([]);
  });

  it('resolves every spelling of an entry to the entry', () => {
    const table = new AliasTable([
      {
        id: 'apache:http_server',
        cpes: ['apache:http_server', 'cpe:/a:apache:httpd'],
        purls: ['pkg:generic/apache/httpd@2'],
        names: ['Apache HTTP Server'],
      },
    ]);
    expect(table.resolve('cpe:apache:http_server')).toBe('alias:apache:http_server');
    expect(table.resolve('cpe:apache:httpd')).toBe('alias:apache:http_server');
    expect(table.resolve('purl:pkg:generic/apache/httpd')).toBe('alias:apache:http_server');
    expect(table.resolve('name:apache http server')).toBe('alias:apache:http_server');
    expect(table.resolve('name:nginx')).toBeNull();
  });

  it('refuses conflicting or malformed entries', () => {
    expect(
      () =>
        new AliasTable([
          { id: 'a', names: ['httpd'] },
          { id: 'b', names: ['HTTPD'] },
        ]),
    ).toThrow(/already belongs to a/);
    expect(() => new AliasTable([{ id: 'a', cpes: ['not a cpe'] }])).toThrow(/not a CPE/);
    expect(() => new AliasTable([{ id: 'a', purls: ['npm/x'] }])).toThrow(/not a purl/);
    expect(() => new AliasTable([{ id: ' ' }])).toThrow(/without id/);
  });
});
