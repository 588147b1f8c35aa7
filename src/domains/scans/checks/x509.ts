/**
 * Certificate facts the TLS checks rate: key type and size, signature algorithm (Node 20's
 * X509Certificate has no `signatureAlgorithm`, so it is read from the DER), validity, and a
 * chain validation against caller-supplied trust anchors that ignores validity dates (those
 * are rated separately by tls.cert.expiry).
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity, rootCertificates } from 'node:tls';
import { ownValue } from '../../../platform/own-value.ts';

const SIGNATURE_OIDS: Record<string, { name: string; hash: string }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'MD2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'MD5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'SHA-1' },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', hash: 'SHA-1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'SHA-224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'SHA-512' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: 'SHA-1' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'SHA-1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'SHA-224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'SHA-512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'SHA-1' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa-with-sha224', hash: 'SHA-224' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-sha256', hash: 'SHA-256' },
  '1.3.101.112': { name: 'Ed25519', hash: 'SHA-512 (EdDSA)' },
  '1.3.101.113': { name: 'Ed448', hash: 'SHAKE256 (EdDSA)' },
};

const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '1.2.840.113549.2.5': 'MD5',
};

export const WEAK_SIGNATURE_HASHES: ReadonlySet<string> = new Set(['MD2', 'MD5', 'SHA-1']);

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(der: Buffer, offset: number): Tlv {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('truncated DER');
  let pos = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[pos++];
      if (lengthByte === undefined) throw new Error('truncated DER');
      length = length * 256 + lengthByte;
    }
  }
  if (pos + length > der.length) throw new Error('truncated DER');
  return { tag, start: pos, end: pos + length };
}

function decodeOid(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** Reads an AlgorithmIdentifier: SEQUENCE { OID, params }. */
function readAlgorithm(der: Buffer, tlv: Tlv): { oid: string; params?: Tlv } {
  const oidTlv = readTlv(der, tlv.start);
  if (oidTlv.tag !== 0x06) throw new Error('AlgorithmIdentifier without OID');
  const oid = decodeOid(der.subarray(oidTlv.start, oidTlv.end));
  return oidTlv.end < tlv.end ? { oid, params: readTlv(der, oidTlv.end) } : { oid };
}

export interface SignatureAlgorithm {
  oid: string;
  name: string;
  hash: string;
}

/** The outer signatureAlgorithm of a DER certificate (RFC 5280 4.1.1.2). */
export function signatureAlgorithmOf(der: Buffer): SignatureAlgorithm {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(der, certificate.start);
  const algorithm = readTlv(der, tbs.end);
  const { oid, params } = readAlgorithm(der, algorithm);
  const known = ownValue(SIGNATURE_OIDS, oid);
  if (!known) return { oid, name: oid, hash: 'unknown' };
  if (oid === '1.2.840.113549.1.1.10' && params && params.tag === 0x30) {
    // RSASSA-PSS-params: [0] hashAlgorithm (default SHA-1, RFC 4055 3.1)
    let pos = params.start;
    while (pos < params.end) {
      const field = readTlv(der, pos);
      if (field.tag === 0xa0) {
        const hashAlg = readAlgorithm(der, readTlv(der, field.start));
        return { oid, name: known.name, hash: ownValue(HASH_OIDS, hashAlg.oid) ?? hashAlg.oid };
      }
      pos = field.end;
    }
  }
  return { oid, ...known };
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  subjectAltName: string | null;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  keyType: string;
  keyBits: number | null;
  curve: string | null;
  signatureAlgorithm: string;
  signatureOid: string;
  signatureHash: string;
  selfSigned: boolean;
  ca: boolean;
}

const CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp192r1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256r1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

function keyFacts(cert: X509Certificate): { keyType: string; keyBits: number | null; curve: string | null } {
  const key = cert.publicKey;
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') {
    return { keyType: type, keyBits: details.modulusLength ?? null, curve: null };
  }
  if (type === 'ec') {
    const curve = details.namedCurve ?? null;
    const bits = curve
      ? (ownValue(CURVE_BITS, curve) ?? Number(/(\d{3})/.exec(curve)?.[1] ?? Number.NaN))
      : Number.NaN;
    return { keyType: type, keyBits: Number.isFinite(bits) ? bits : null, curve };
  }
  if (type === 'ed25519') return { keyType: type, keyBits: 256, curve: 'Ed25519' };
  if (type === 'ed448') return { keyType: type, keyBits: 456, curve: 'Ed448' };
  return { keyType: type, keyBits: null, curve: null };
}

function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.subject !== cert.issuer) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

export function describeCertificate(cert: X509Certificate): CertificateInfo {
  let signature: SignatureAlgorithm;
  try {
    signature = signatureAlgorithmOf(cert.raw);
  } catch {
    signature = { oid: 'unparsable', name: 'unparsable', hash: 'unknown' };
  }
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    subjectAltName: cert.subjectAltName ?? null,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    ...keyFacts(cert),
    signatureAlgorithm: signature.name,
    signatureOid: signature.oid,
    signatureHash: signature.hash,
    selfSigned: isSelfSigned(cert),
    ca: cert.ca,
  };
}

export type TrustStatus = 'trusted' | 'self_signed' | 'unknown_issuer' | 'issuer_not_ca' | 'chain_too_long';

export interface TrustResult {
  status: TrustStatus;
  /** Subjects from the leaf up to the anchor (or as far as the chain could be built). */
  path: string[];
  /** Subject of the anchor the chain ends in. */
  anchor?: string;
}

const anchorCache = new WeakMap<readonly (string | Buffer)[], X509Certificate[]>();
let bundledAnchors: X509Certificate[] | undefined;

function parseAnchors(source: readonly (string | Buffer)[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const item of source) {
    const text = typeof item === 'string' ? item : item.toString('latin1');
    const pems = text.includes('-----BEGIN CERTIFICATE-----')
      ? (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
      : [];
    if (pems.length > 0) for (const pem of pems) out.push(new X509Certificate(pem));
    else if (Buffer.isBuffer(item)) out.push(new X509Certificate(item));
  }
  return out;
}

/** Trust anchors from the caller, or Node's bundled Mozilla store; parsed once per array. */
export function trustAnchors(source: readonly (string | Buffer)[] | undefined): X509Certificate[] {
  if (!source) {
    bundledAnchors ??= parseAnchors(rootCertificates);
    return bundledAnchors;
  }
  let parsed = anchorCache.get(source);
  if (!parsed) {
    parsed = parseAnchors(source);
    anchorCache.set(source, parsed);
  }
  return parsed;
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Builds a path from the leaf through the certificates the server sent to one of the anchors.
 * Signatures are verified; validity dates are deliberately not (tls.cert.expiry rates them).
 */
export function validateChain(
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): TrustResult {
  const leaf = chain[0];
  if (!leaf) return { status: 'unknown_issuer', path: [] };
  const path: X509Certificate[] = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    const subjects = path.map((c) => c.subject.replace(/\n/g, ', '));
    const self = anchors.find((a) => a.fingerprint256 === current.fingerprint256);
    if (self) return { status: 'trusted', path: subjects, anchor: subjects[subjects.length - 1]! };
    const anchor = anchors.find((a) => issuedBy(current, a));
    if (anchor) {
      return { status: 'trusted', path: subjects, anchor: anchor.subject.replace(/\n/g, ', ') };
    }
    const next = chain.find((c) => !path.includes(c) && issuedBy(current, c));
    if (!next) {
      return { status: isSelfSigned(current) ? 'self_signed' : 'unknown_issuer', path: subjects };
    }
    if (!next.ca) return { status: 'issuer_not_ca', path: [...subjects, next.subject.replace(/\n/g, ', ')] };
    path.push(next);
    current = next;
  }
  return { status: 'chain_too_long', path: path.map((c) => c.subject.replace(/\n/g, ', ')) };
}

/** RFC 6125/9525 name check as Node's TLS client does it; undefined when the name matches. */
export function hostnameMismatch(host: string, leaf: X509Certificate): string | undefined {
  const legacy = leaf.toLegacyObject();
  const error = checkServerIdentity(host, legacy);
  return error ? error.message : undefined;
}

export function isIpLiteral(host: string): boolean {
  return isIP(host) !== 0;
}
