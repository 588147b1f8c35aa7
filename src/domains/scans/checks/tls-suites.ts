/**
 * TLS cipher suites: the candidates the scanner offers and how BSI TR-02102-2 rates them.
 *
 * The TLS 1.2 candidates are what OpenSSL 3.0 (bundled with Node 20) can negotiate as a client
 * with `@SECLEVEL=0` (`openssl ciphers -stdname 'ALL:COMPLEMENTOFALL:!PSK:!SRP:@SECLEVEL=0'`),
 * plus the classic broken suites (RC4, 3DES, DES, EXPORT, IDEA) which this OpenSSL build can no
 * longer offer: those show up as "untestable" in the evidence and come from testssl.sh imports.
 * PSK and SRP suites are left out: a server only accepts them with a pre-shared secret.
 */

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** [OpenSSL name, IANA name] */
export const TLS12_CANDIDATES: readonly (readonly [string, string])[] = [
  ['ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  ['ECDHE-RSA-AES256-GCM-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['DHE-DSS-AES256-GCM-SHA384', 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384'],
  ['DHE-RSA-AES256-GCM-SHA384', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
  ['ECDHE-ECDSA-CHACHA20-POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  ['ECDHE-RSA-CHACHA20-POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  ['DHE-RSA-CHACHA20-POLY1305', 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  ['ECDHE-ECDSA-AES256-CCM8', 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8'],
  ['ECDHE-ECDSA-AES256-CCM', 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM'],
  ['DHE-RSA-AES256-CCM8', 'TLS_DHE_RSA_WITH_AES_256_CCM_8'],
  ['DHE-RSA-AES256-CCM', 'TLS_DHE_RSA_WITH_AES_256_CCM'],
  ['ECDHE-ECDSA-ARIA256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384'],
  ['ECDHE-ARIA256-GCM-SHA384', 'TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384'],
  ['DHE-DSS-ARIA256-GCM-SHA384', 'TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384'],
  ['DHE-RSA-ARIA256-GCM-SHA384', 'TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384'],
  ['ADH-AES256-GCM-SHA384', 'TLS_DH_anon_WITH_AES_256_GCM_SHA384'],
  ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  ['ECDHE-RSA-AES128-GCM-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  ['DHE-DSS-AES128-GCM-SHA256', 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256'],
  ['DHE-RSA-AES128-GCM-SHA256', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'],
  ['ECDHE-ECDSA-AES128-CCM8', 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
  ['ECDHE-ECDSA-AES128-CCM', 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  ['DHE-RSA-AES128-CCM8', 'TLS_DHE_RSA_WITH_AES_128_CCM_8'],
  ['DHE-RSA-AES128-CCM', 'TLS_DHE_RSA_WITH_AES_128_CCM'],
  ['ECDHE-ECDSA-ARIA128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256'],
  ['ECDHE-ARIA128-GCM-SHA256', 'TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256'],
  ['DHE-DSS-ARIA128-GCM-SHA256', 'TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256'],
  ['DHE-RSA-ARIA128-GCM-SHA256', 'TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256'],
  ['ADH-AES128-GCM-SHA256', 'TLS_DH_anon_WITH_AES_128_GCM_SHA256'],
  ['ECDHE-ECDSA-AES256-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384'],
  ['ECDHE-RSA-AES256-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'],
  ['DHE-RSA-AES256-SHA256', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256'],
  ['DHE-DSS-AES256-SHA256', 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256'],
  ['ECDHE-ECDSA-CAMELLIA256-SHA384', 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384'],
  ['ECDHE-RSA-CAMELLIA256-SHA384', 'TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384'],
  ['DHE-RSA-CAMELLIA256-SHA256', 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256'],
  ['DHE-DSS-CAMELLIA256-SHA256', 'TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256'],
  ['ADH-AES256-SHA256', 'TLS_DH_anon_WITH_AES_256_CBC_SHA256'],
  ['ADH-CAMELLIA256-SHA256', 'TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256'],
  ['ECDHE-ECDSA-AES128-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'],
  ['ECDHE-RSA-AES128-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'],
  ['DHE-RSA-AES128-SHA256', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256'],
  ['DHE-DSS-AES128-SHA256', 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256'],
  ['ECDHE-ECDSA-CAMELLIA128-SHA256', 'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256'],
  ['ECDHE-RSA-CAMELLIA128-SHA256', 'TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  ['DHE-RSA-CAMELLIA128-SHA256', 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  ['DHE-DSS-CAMELLIA128-SHA256', 'TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256'],
  ['ADH-AES128-SHA256', 'TLS_DH_anon_WITH_AES_128_CBC_SHA256'],
  ['ADH-CAMELLIA128-SHA256', 'TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256'],
  ['ECDHE-ECDSA-AES256-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA'],
  ['ECDHE-RSA-AES256-SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
  ['DHE-RSA-AES256-SHA', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA'],
  ['DHE-DSS-AES256-SHA', 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA'],
  ['DHE-RSA-CAMELLIA256-SHA', 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  ['DHE-DSS-CAMELLIA256-SHA', 'TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA'],
  ['AECDH-AES256-SHA', 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA'],
  ['ADH-AES256-SHA', 'TLS_DH_anon_WITH_AES_256_CBC_SHA'],
  ['ADH-CAMELLIA256-SHA', 'TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA'],
  ['ECDHE-ECDSA-AES128-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA'],
  ['ECDHE-RSA-AES128-SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
  ['DHE-RSA-AES128-SHA', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA'],
  ['DHE-DSS-AES128-SHA', 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA'],
  ['DHE-RSA-CAMELLIA128-SHA', 'TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  ['DHE-DSS-CAMELLIA128-SHA', 'TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA'],
  ['AECDH-AES128-SHA', 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA'],
  ['ADH-AES128-SHA', 'TLS_DH_anon_WITH_AES_128_CBC_SHA'],
  ['ADH-CAMELLIA128-SHA', 'TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA'],
  ['AES256-GCM-SHA384', 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  ['AES256-CCM8', 'TLS_RSA_WITH_AES_256_CCM_8'],
  ['AES256-CCM', 'TLS_RSA_WITH_AES_256_CCM'],
  ['ARIA256-GCM-SHA384', 'TLS_RSA_WITH_ARIA_256_GCM_SHA384'],
  ['AES128-GCM-SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
  ['AES128-CCM8', 'TLS_RSA_WITH_AES_128_CCM_8'],
  ['AES128-CCM', 'TLS_RSA_WITH_AES_128_CCM'],
  ['ARIA128-GCM-SHA256', 'TLS_RSA_WITH_ARIA_128_GCM_SHA256'],
  ['AES256-SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA256'],
  ['CAMELLIA256-SHA256', 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256'],
  ['AES128-SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA256'],
  ['CAMELLIA128-SHA256', 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256'],
  ['AES256-SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA'],
  ['CAMELLIA256-SHA', 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  ['AES128-SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'],
  ['CAMELLIA128-SHA', 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  ['ECDHE-ECDSA-NULL-SHA', 'TLS_ECDHE_ECDSA_WITH_NULL_SHA'],
  ['ECDHE-RSA-NULL-SHA', 'TLS_ECDHE_RSA_WITH_NULL_SHA'],
  ['AECDH-NULL-SHA', 'TLS_ECDH_anon_WITH_NULL_SHA'],
  ['NULL-SHA256', 'TLS_RSA_WITH_NULL_SHA256'],
  ['NULL-SHA', 'TLS_RSA_WITH_NULL_SHA'],
  ['NULL-MD5', 'TLS_RSA_WITH_NULL_MD5'],
  // Broken suites OpenSSL 3 no longer builds into the default provider; kept so that a scanner
  // linked against an older OpenSSL reports them, and so the evidence says they were not tested.
  ['DES-CBC3-SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['ECDHE-RSA-DES-CBC3-SHA', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['ECDHE-ECDSA-DES-CBC3-SHA', 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA'],
  ['EDH-RSA-DES-CBC3-SHA', 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  ['ADH-DES-CBC3-SHA', 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA'],
  ['RC4-SHA', 'TLS_RSA_WITH_RC4_128_SHA'],
  ['RC4-MD5', 'TLS_RSA_WITH_RC4_128_MD5'],
  ['ECDHE-RSA-RC4-SHA', 'TLS_ECDHE_RSA_WITH_RC4_128_SHA'],
  ['ECDHE-ECDSA-RC4-SHA', 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA'],
  ['DES-CBC-SHA', 'TLS_RSA_WITH_DES_CBC_SHA'],
  ['EXP-RC4-MD5', 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'],
  ['EXP-DES-CBC-SHA', 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA'],
  ['EXP-RC2-CBC-MD5', 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5'],
  ['IDEA-CBC-SHA', 'TLS_RSA_WITH_IDEA_CBC_SHA'],
  ['SEED-SHA', 'TLS_RSA_WITH_SEED_CBC_SHA'],
];

export const TLS13_CANDIDATES: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
];

/**
 * TLS 1.2 suites BSI TR-02102-2 (2025-01) recommends (3.3.1, all with forward secrecy):
 * (EC)DHE with ECDSA, RSA or DSS authentication and AES-128/256 in CBC (SHA-256/384), GCM or CCM.
 */
export const TR_02102_TLS12_RECOMMENDED: ReadonlySet<string> = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256',
  'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256',
  'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_AES_128_CCM',
  'TLS_DHE_RSA_WITH_AES_256_CCM',
]);

/** TLS 1.3 suites TR-02102-2 (2025-01) recommends (3.4.4). */
export const TR_02102_TLS13_RECOMMENDED: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_CCM_SHA256',
]);

export type SuiteRating = 'recommended' | 'not_recommended' | 'no_forward_secrecy' | 'weak';

export interface SuiteInfo {
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  name: string;
  /** Key exchange and authentication part (ECDHE_RSA, RSA, DH_anon, ...); `any` for TLS 1.3. */
  keyExchange: string;
  forwardSecrecy: boolean;
  rating: SuiteRating;
  /** Why a suite is weak or not recommended (empty for recommended ones). */
  reasons: string[];
}

/** Rates a suite by its IANA name (works for TLS 1.0–1.3 names). */
export function classifySuite(ianaName: string): SuiteInfo {
  const name = ianaName.toUpperCase().startsWith('TLS_') ? ianaName : `TLS_${ianaName}`;
  const tls13 = TLS13_CANDIDATES.includes(name);
  if (tls13) {
    const recommended = TR_02102_TLS13_RECOMMENDED.has(name);
    return {
      name,
      keyExchange: 'any',
      forwardSecrecy: true,
      rating: recommended ? 'recommended' : 'not_recommended',
      reasons: recommended ? [] : ['not in TR-02102-2 list for TLS 1.3'],
    };
  }
  const match = /^TLS_(.+?)_WITH_(.+)$/.exec(name);
  const keyExchange = match?.[1] ?? 'unknown';
  const rest = (match?.[2] ?? name).toUpperCase();
  const kx = keyExchange.toUpperCase();
  const reasons: string[] = [];
  if (kx.includes('ANON')) reasons.push('anonymous key exchange (no server authentication)');
  if (kx.includes('EXPORT') || rest.includes('EXPORT') || rest.includes('DES40') || /_40_/.test(rest))
    reasons.push('export-grade cryptography');
  if (rest.startsWith('NULL')) reasons.push('no encryption (NULL)');
  if (rest.includes('RC4')) reasons.push('RC4');
  if (rest.includes('3DES') || /(^|_)DES(_|$)/.test(rest) || rest.includes('DES_CBC'))
    reasons.push('DES/3DES');
  if (rest.includes('IDEA')) reasons.push('IDEA (64-bit block)');
  if (rest.includes('RC2')) reasons.push('RC2');
  if (rest.endsWith('_MD5')) reasons.push('MD5 MAC');
  const forwardSecrecy = (kx.startsWith('ECDHE') || kx.startsWith('DHE')) && !kx.includes('ANON');
  if (reasons.length > 0) return { name, keyExchange, forwardSecrecy, rating: 'weak', reasons };
  if (!forwardSecrecy) {
    return {
      name,
      keyExchange,
      forwardSecrecy,
      rating: 'no_forward_secrecy',
      reasons: [`${keyExchange} key exchange without forward secrecy`],
    };
  }
  if (TR_02102_TLS12_RECOMMENDED.has(name))
    return { name, keyExchange, forwardSecrecy, rating: 'recommended', reasons };
  return {
    name,
    keyExchange,
    forwardSecrecy,
    rating: 'not_recommended',
    reasons: ['not in TR-02102-2 list for TLS 1.2'],
  };
}

/** Groups TLS 1.2 candidates by key exchange + authentication (used to skip whole groups a server refuses). */
export function suiteGroup(ianaName: string): string {
  return /^TLS_(.+?)_WITH_/.exec(ianaName)?.[1] ?? 'other';
}
