import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareGeneric,
  compareSemver,
  compareVersions,
  isVersionLike,
  parseVersionRange,
  rangeContains,
  versionsEqual,
} from './version.ts';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
/** Negation without producing -0 (toBe uses Object.is). */
const neg = (n: number) => (n === 0 ? 0 : -n);

describe('generic comparison', () => {
  it.each([
    ['1.0', '1.0.0', 0],
    ['v2.4.44', '2.4.44', 0],
    ['2.4.44', '2.4.44.0', 0],
    ['1.2', '1.10', -1],
    ['2.4.9', '2.4.10', -1],
    ['1.0.0-rc1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.0-beta', '1.0.0-rc1', -1],
    ['1.0.0-rc1', '1.0.0-rc2', -1],
    ['1.0.0-dev1', '1.0.0-alpha', -1],
    ['1.0-rc1', '1.0.0-rc1', 0],
    ['1.0a1', '1.0', -1], // Python-style alpha
    ['1.1.1', '1.1.1w', -1], // OpenSSL letter releases come after
    ['1.1.1w', '1.1.2', -1],
    ['9.3', '9.3p1', -1], // OpenSSH portable
    ['9.3p1', '9.3p2', -1],
    ['9.3p2', '9.4', -1],
    ['7.1.1-13', '7.1.1', 1], // ImageMagick patch levels are after the release
    ['7.1.1-12', '7.1.1-13', -1],
    ['7.1.1-13', '7.1.2', -1],
    ['2.4.57-2', '2.4.57-10', -1], // Debian revisions
    ['1:0.17-65.el7_6', '0.18', 1], // epoch wins
    ['1.0~rc1', '1.0', -1], // Debian tilde
    ['12.2(55)SE', '12.2(55)SE1', -1], // Cisco
    ['12.2(55)SE', '12.2(55)se', 0],
    ['12.2(55)SE9', '12.2(58)SE', -1],
    ['2022H2', '2023H1', -1],
    ['1.0 Final', '1.0', 0],
    ['10 SP1', '10', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(sign(compareGeneric(a, b))).toBe(expected);
    expect(sign(compareGeneric(b, a))).toBe(neg(expected));
  });
});

describe('semver comparison', () => {
  it('follows semver 2.0.0 precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(compareSemver(ordered[i] as string, ordered[i + 1] as string)).toBeLessThan(0);
    }
    expect(compareSemver('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(compareSemver('1.0.0-1', '1.0.0')).toBeLessThan(0); // pre-release in semver, unlike generic
    expect(compareGeneric('1.0.0-1', '1.0.0')).toBeGreaterThan(0);
    expect(compareSemver('not semver', '1.0')).toBe(compareGeneric('not semver', '1.0'));
  });
});

describe('isVersionLike', () => {
  it.each([
    ['2.4.58', true],
    ['v1.2', true],
    ['Version 3', true],
    ['1:0.17', true],
    ['all versions', false],
    ['Frühjahr 2024', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(isVersionLike(text)).toBe(expected);
  });
});

describe('ranges', () => {
  const cases: [string, string, 'in' | 'out' | 'unknown'][] = [
    // BSI WID style
    ['<2.4.44', '2.4.43', 'in'],
    ['<2.4.44', '2.4.44', 'out'],
    ['<2.4.44', '2.4.58', 'out'],
    ['<=2.4.61', '2.4.61', 'in'],
    ['>= 8.0', '8.0.1', 'in'],
    ['>= 8.0', '7.9', 'out'],
    ['<=7.1.1-13', '7.1.1-12', 'in'],
    ['<=7.1.1-13', '7.1.1-15', 'out'],
    ['<V2.4', '2.3', 'in'],
    ['1.2 - 1.4', '1.3.7', 'in'],
    ['1.2 - 1.4', '1.4', 'in'],
    ['1.2 - 1.4', '1.4.1', 'out'],
    ['>=1.2 <1.4', '1.3', 'in'],
    ['>=1.2, <1.4', '1.4', 'out'],
    ['<1.2 || >=2.0', '2.1', 'in'],
    ['<1.2 || >=2.0', '1.5', 'out'],
    ['2.4.x', '2.4.58', 'in'],
    ['2.4.x', '2.5.0', 'out'],
    ['1.2.3', '1.2.3', 'in'],
    ['1.2.3', '1.2.4', 'out'],
    // the universal range
    ['all versions', '0.1', 'in'],
    ['(all versions)', '99', 'in'],
    ['alle Versionen', '4.8.1', 'in'],
    ['vers:all/*', '1', 'in'],
    ['vers:none/*', '1', 'out'],
    ['vers:npm/*', '1.0.0', 'in'],
    // vers
    ['vers:generic/>=1.2|<1.25.2', '1.25.1', 'in'],
    ['vers:generic/>=1.2|<1.25.2', '1.25.2', 'out'],
    ['vers:generic/>=1.2|<1.25.2', '1.1', 'out'],
    ['vers:npm/1.2.3|>=2.0.0|<5.0.0', '1.2.3', 'in'],
    ['vers:npm/1.2.3|>=2.0.0|<5.0.0', '3.0.0-rc.1', 'in'],
    ['vers:npm/1.2.3|>=2.0.0|<5.0.0', '1.5.0', 'out'],
    ['vers:npm/1.2.3|>=2.0.0|<5.0.0', '5.0.0', 'out'],
    ['vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1', '7.0.3', 'in'],
    [
      'vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1',
      '7.0.8',
      'out',
    ],
    ['vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1', '8.0.0', 'in'],
    ['vers:gem/>=2.2.0|!=2.2.1|<2.3.0', '2.2.1', 'out'],
    ['vers:gem/>=2.2.0|!=2.2.1|<2.3.0', '2.2.2', 'in'],
    ['vers:generic/<1.0|>2.0', '0.5', 'in'],
    ['vers:generic/<1.0|>2.0', '1.5', 'out'],
    ['vers:generic/<1.0|>2.0', '2.5', 'in'],
    ['vers:pypi/0.0.0|0.0.1|0.0.2|1.0|2.0pre1', '2.0pre1', 'in'],
    ['vers:pypi/0.0.0|0.0.1|0.0.2|1.0|2.0pre1', '2.0', 'out'],
    ['vers:generic/>= 1.0 | < 2.0', '1.5', 'in'],
    ['vers:generic/<1%7C2', '1', 'in'],
    // free text and unreadable
    ['vor dem Oktober-Patch', '1.0', 'unknown'],
    ['<2.4.44 (Linux)', '2.4.43', 'unknown'],
    ['1.2.3 and later', '1.2.3', 'unknown'],
    ['', '1.0', 'unknown'],
    ['vers:generic/1.0|1.0', '1.0', 'unknown'],
    ['vers:generic', '1.0', 'unknown'],
    ['vers:generic/', '1.0', 'unknown'],
    // a version that is not a version
    ['<2.4.44', 'Frühjahr 2024', 'unknown'],
  ];

  it.each(cases)('%s contains %s → %s', (range, version, expected) => {
    expect(rangeContains(parseVersionRange(range), version)).toBe(expected);
  });

  it('keeps free text as unknown with the source', () => {
    expect(parseVersionRange('Alle Versionen vor 3.2 (siehe Hinweis)')).toMatchObject({
      kind: 'unknown',
      source: 'Alle Versionen vor 3.2 (siehe Hinweis)',
    });
  });

  it('parses vers constraints sorted by version, with the scheme’s comparator', () => {
    expect(parseVersionRange('vers:npm/<5.0.0|>=2.0.0|1.2.3')).toMatchObject({
      kind: 'vers',
      versScheme: 'npm',
      scheme: 'semver',
      constraints: [
        { comparator: '=', version: '1.2.3' },
        { comparator: '>=', version: '2.0.0' },
        { comparator: '<', version: '5.0.0' },
      ],
    });
  });
});

/** Versions built from the pieces real versions are made of. */
const versionArbitrary = fc
  .tuple(
    fc.option(fc.nat({ max: 3 }), { nil: undefined }),
    fc.array(fc.oneof(fc.nat({ max: 30 }).map(String), fc.constantFrom('0', '00', '007')), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.array(
      fc.tuple(
        fc.constantFrom('-', '.', '', '~', '+', '_'),
        fc.constantFrom(
          'rc',
          'alpha',
          'a',
          'b',
          'beta',
          'dev',
          'p',
          'sp',
          'se',
          'final',
          'w',
          'el7',
          'M',
          '',
        ),
        fc.option(fc.nat({ max: 20 }), { nil: undefined }),
      ),
      { maxLength: 2 },
    ),
  )
  .map(
    ([epoch, numbers, suffixes]) =>
      `${epoch !== undefined ? `${epoch}:` : ''}${numbers.join('.')}${suffixes
        .map(([sep, word, n]) => `${sep}${word}${n ?? ''}`)
        .join('')}`,
  );

describe('comparator properties (fast-check)', () => {
  const anyVersion = fc.oneof(versionArbitrary, fc.string(), fc.string({ unit: 'binary', maxLength: 20 }));

  it('never throws and is reflexive on arbitrary strings', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, (a, b) => {
        expect(Number.isFinite(compareVersions(a, b))).toBe(true);
        expect(Number.isFinite(compareVersions(a, b, 'semver'))).toBe(true);
        expect(compareVersions(a, a)).toBe(0);
        expect(isVersionLike(a)).toBeTypeOf('boolean');
        rangeContains(parseVersionRange(a), b);
      }),
      { numRuns: 2000 },
    );
  });

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(anyVersion, anyVersion, (a, b) => {
        expect(sign(compareGeneric(a, b))).toBe(neg(sign(compareGeneric(b, a))));
      }),
      { numRuns: 3000 },
    );
  });

  it('is transitive (sorting agrees pairwise)', () => {
    fc.assert(
      fc.property(fc.array(anyVersion, { minLength: 3, maxLength: 12 }), (versions) => {
        const sorted = [...versions].sort(compareGeneric);
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            expect(compareGeneric(sorted[i] as string, sorted[j] as string)).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(versionArbitrary, versionArbitrary, versionArbitrary, (a, b, c) => {
        if (compareGeneric(a, b) <= 0 && compareGeneric(b, c) <= 0) {
          expect(compareGeneric(a, c)).toBeLessThanOrEqual(0);
        }
        if (versionsEqual(a, b) && versionsEqual(b, c)) expect(versionsEqual(a, c)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('orders plain dotted numbers like integer tuples', () => {
    const tuple = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        const pad = Math.max(a.length, b.length);
        const pa = [...a, ...Array(pad - a.length).fill(0)];
        const pb = [...b, ...Array(pad - b.length).fill(0)];
        let expected = 0;
        for (let i = 0; i < pad && expected === 0; i++)
          expected = sign((pa[i] as number) - (pb[i] as number));
        expect(sign(compareGeneric(a.join('.'), b.join('.')))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('semver comparison is antisymmetric and transitive on valid semver', () => {
    const ident = fc.oneof(fc.nat({ max: 20 }).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'x-y'));
    const semver = fc
      .tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.array(ident, { maxLength: 3 }))
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}`);
    fc.assert(
      fc.property(semver, semver, semver, (a, b, c) => {
        expect(sign(compareSemver(a, b))).toBe(neg(sign(compareSemver(b, a))));
        if (compareSemver(a, b) <= 0 && compareSemver(b, c) <= 0)
          expect(compareSemver(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('words that are names of Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    '1.0-%s is an ordinary word: finite, antisymmetric, equal to itself',
    (word) => {
      const a = `1.0-${word}`;
      expect(compareGeneric(a, a)).toBe(0);
      const ab = compareGeneric(a, '1.0-zeta');
      expect(Number.isFinite(ab)).toBe(true);
      expect(sign(compareGeneric('1.0-zeta', a))).toBe(neg(sign(ab)));
    },
  );
});
