/**
 * The test inventory: six municipalities of Sachsen-Anhalt with installed products chosen to hit
 * every class against the real reference advisories, and the CERT's alias table for them.
 */
import { type AliasEntry, AliasTable } from './aliases.ts';
import type { InstalledProduct } from './match.ts';

export const ALIAS_ENTRIES: AliasEntry[] = [
  {
    id: 'apache:http_server',
    label: 'Apache HTTP Server',
    cpes: ['apache:http_server'],
    purls: ['pkg:generic/apache/httpd', 'pkg:deb/debian/apache2'],
    names: ['Apache HTTP Server', 'Apache httpd'],
  },
  { id: 'cisco:ios', cpes: ['cisco:ios'], names: ['Cisco IOS'] },
  { id: 'adminer', cpes: ['adminer:adminer'], names: ['Adminer'] },
  { id: 'adminerevo', cpes: ['adminerevo:adminerevo'], names: ['AdminerEvo'] },
  { id: 'example:def', purls: ['pkg:generic/example/def'], names: ['Example Company DEF'] },
  // deliberately NOT aliased: ImageMagick, Fortinet FortiGate, Example Company ABC/GHI, AVendor
];

export const ALIASES = new AliasTable(ALIAS_ENTRIES);

const product = (
  organisationId: string,
  id: string,
  fields: Omit<InstalledProduct, 'id' | 'organisationId'>,
): InstalledProduct => ({ id, organisationId, ...fields });

export const INVENTORY: InstalledProduct[] = [
  // Halberstadt
  product('halberstadt', 'hb-httpd', {
    vendor: 'Apache',
    name: 'HTTP Server',
    version: '2.4.58',
    cpe: 'cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*',
  }),
  product('halberstadt', 'hb-nginx', { vendor: 'F5', name: 'nginx' }),
  product('halberstadt', 'hb-debian', {
    vendor: 'Debian',
    name: 'Debian GNU/Linux',
    cpe: 'cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*',
  }),
  // Wernigerode
  product('wernigerode', 'wr-httpd', {
    vendor: 'Apache',
    name: 'HTTP Server',
    cpe: 'cpe:/a:apache:http_server:2.4.41',
  }),
  product('wernigerode', 'wr-imagemagick', { name: 'ImageMagick', version: '7.1.1-12' }),
  product('wernigerode', 'wr-adminer', { name: 'Adminer', version: '4.8.1' }),
  // Quedlinburg
  product('quedlinburg', 'qb-httpd', { name: 'httpd', purl: 'pkg:generic/apache/httpd' }),
  product('quedlinburg', 'qb-imagemagick', {
    name: 'ImageMagick',
    cpe: 'cpe:2.3:a:imagemagick:imagemagick:7.1.1-15:*:*:*:*:*:*:*',
  }),
  product('quedlinburg', 'qb-cisco', {
    vendor: 'Cisco',
    name: 'Catalyst 2960 (IOS)',
    cpe: 'cpe:2.3:o:cisco:ios:12.2\\(55\\)se:*:*:*:*:*:*:*',
  }),
  // Magdeburg
  product('magdeburg', 'md-converter', {
    name: 'CVRF-CSAF-Converter',
    cpe: 'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc1',
  }),
  product('magdeburg', 'md-converter-new', {
    name: 'CVRF-CSAF-Converter',
    cpe: 'cpe:2.3:a:csaf-tools:cvrf-csaf-converter:1.0.0:*:*:*:*:*:*:*',
  }),
  product('magdeburg', 'md-adminerevo', { name: 'AdminerEvo', version: '4.8.4' }),
  product('magdeburg', 'md-rhel', {
    vendor: 'Red Hat',
    name: 'Enterprise Linux Server AUS',
    cpe: 'cpe:/o:redhat:rhel_aus:7.6::server',
  }),
  // Wolmirstedt: the OASIS VEX products
  product('wolmirstedt', 'wo-def10', {
    vendor: 'Example Company',
    name: 'DEF',
    purl: 'pkg:generic/example/def@1.0',
  }),
  product('wolmirstedt', 'wo-def11', { vendor: 'Example Company', name: 'DEF', version: '1.1' }),
  product('wolmirstedt', 'wo-def', { vendor: 'Example Company', name: 'DEF' }),
  product('wolmirstedt', 'wo-abc', { vendor: 'Example Company', name: 'ABC', version: '4.2' }),
  product('wolmirstedt', 'wo-ghi', { vendor: 'Example Company', name: 'GHI', version: '17.4' }),
  // Oschersleben
  product('oschersleben', 'os-adminerevo', {
    name: 'AdminerEvo',
    cpe: 'cpe:2.3:a:adminerevo:adminerevo:4.8.3:*:*:*:*:*:*:*',
  }),
  product('oschersleben', 'os-adminer', { name: 'Adminer' }),
  product('oschersleben', 'os-httpd', { name: 'Apache HTTP Server' }),
  product('oschersleben', 'os-debian', {
    vendor: 'Debian',
    name: 'Linux',
    cpe: 'cpe:/o:debian:debian_linux:-',
  }),
  product('oschersleben', 'os-fortigate', { vendor: 'Fortinet', name: 'FortiGate', version: '7.2.5' }),
  product('oschersleben', 'os-avendor', { vendor: 'AVendor', name: 'product_1', version: '1.1' }),
];
