import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePurl, purlKey } from './purl.ts';

describe('purl', () => {
  it('parses all components', () => {
    expect(
      parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar&classifier=sources#src/main'),
    ).toEqual({
      type: 'maven',
      namespace: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.14.1',
      qualifiers: { type: 'jar', classifier: 'sources' },
      subpath: 'src/main',
      key: 'pkg:maven/org.apache.logging.log4j/log4j-core',
    });
  });

  it.each([
    ['pkg:generic/apache/httpd@2.4.58', 'pkg:generic/apache/httpd', '2.4.58', 'apache'],
    ['pkg:npm/%40angular/core@16.0.0', 'pkg:npm/@angular/core', '16.0.0', '@angular'],
    ['pkg:npm/acme/CSAFPID_0001', 'pkg:npm/acme/csafpid_0001', null, 'acme'],
    ['pkg:pypi/Django_Rest@3.0', 'pkg:pypi/django-rest', '3.0', null],
    [
      'pkg:deb/debian/apache2@2.4.57-2?arch=amd64&distro=bookworm',
      'pkg:deb/debian/apache2',
      '2.4.57-2',
      'debian',
    ],
    [
      'pkg://github/Package-URL/purl-spec@244fd47',
      'pkg:github/package-url/purl-spec',
      '244fd47',
      'Package-URL',
    ],
    ['PKG:Generic/nginx', 'pkg:generic/nginx', null, null],
    [
      'pkg:golang/google.golang.org/genproto#googleapis/api/annotations',
      'pkg:golang/google.golang.org/genproto',
      null,
      'google.golang.org',
    ],
  ])('%s → %s', (text, key, version, namespace) => {
    expect(parsePurl(text)).toMatchObject({ key, version, namespace });
  });

  it('version and qualifiers do not change the key', () => {
    expect(purlKey('pkg:generic/apache/httpd@2.4.41?x=1')).toBe(purlKey('pkg:generic/apache/httpd'));
  });

  it.each([
    'pkg:',
    'pkg:generic',
    'pkg:1abc/name',
    'pkg:generic/%zz',
    'generic/apache/httpd',
    'cpe:/a:x:y',
    'pkg:generic/a?=b',
  ])('rejects %s', (text) => {
    expect(parsePurl(text)).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `pkg:${s}`),
        ),
        (s) => {
          const purl = parsePurl(s);
          if (purl) expect(purl.key.startsWith(`pkg:${purl.type}/`)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
