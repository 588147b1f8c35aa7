import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpeKey, parseCpe } from './cpe.ts';

describe('CPE', () => {
  it.each([
    ['cpe:/a:apache:http_server:2.4.58', 'apache:http_server', '2.4.58', 'a', '2.2'],
    ['cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*', 'apache:http_server', '2.4.58', 'a', '2.3'],
    ['cpe:/o:debian:debian_linux:-', 'debian:debian_linux', null, 'o', '2.2'],
    ['cpe:/a:avaya:aura_experience_portal', 'avaya:aura_experience_portal', null, 'a', '2.2'],
    ['cpe:/o:redhat:rhel_aus:7.6::server', 'redhat:rhel_aus', '7.6', 'o', '2.2'],
    [
      'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc1',
      'csaf-tools:cvrf-csaf-converter',
      '1.0.0-rc1',
      'a',
      '2.2',
    ],
    ['cpe:2.3:o:cisco:ios:12.2\\(55\\)se:*:*:*:*:*:*:*', 'cisco:ios', '12.2(55)se', 'o', '2.3'],
    [
      'cpe:2.3:a:oracle:mysql_connector\\/j:8.0.33:*:*:*:*:*:*:*',
      'oracle:mysql_connector/j',
      '8.0.33',
      'a',
      '2.3',
    ],
    ['cpe:2.3:a:vendor:prod\\:uct:1:*:*:*:*:*:*:*', 'vendor:prod:uct', '1', 'a', '2.3'],
    ['cpe:/a:ve%21ndor:product:1.0', 've!ndor:product', '1.0', 'a', '2.2'],
    ['CPE:/A:Apache:HTTP_Server:2.4', 'apache:http_server', '2.4', 'a', '2.2'],
    ['cpe:2.3:h:fortinet:fortigate:-:*:*:*:*:*:*:*', 'fortinet:fortigate', null, 'h', '2.3'],
    ['cpe:2.3:a:f5:nginx', 'f5:nginx', null, 'a', '2.3'],
  ])('%s → %s %s', (text, key, version, part, binding) => {
    expect(parseCpe(text)).toMatchObject({ key, version, part, binding });
  });

  it('2.2 and 2.3 spellings of a product share the key', () => {
    expect(cpeKey('cpe:/a:apache:http_server:2.4.41')).toBe(
      cpeKey('cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*'),
    );
  });

  it.each([
    'cpe:2.3:a:*:*:1.0:*:*:*:*:*:*:*',
    'cpe:/a::product',
    'cpe:/x:vendor:product',
    'cpe:2.3:a:vendor:product\\',
    'cpe:/a:ve%zzndor:product',
    'pkg:generic/apache/httpd',
    'apache:http_server',
    '',
  ])('rejects %s', (text) => {
    expect(parseCpe(text)).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `cpe:2.3:${s}`),
          fc.string().map((s) => `cpe:/${s}`),
        ),
        (s) => {
          const cpe = parseCpe(s);
          if (cpe) expect(cpe.key).toBe(`${cpe.vendor}:${cpe.product}`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
