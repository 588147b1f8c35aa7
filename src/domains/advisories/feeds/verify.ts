/**
 * Integrity of a downloaded advisory: the published hash file (`<hex>  <name>`, sha512 or
 * sha256) must match the original bytes, and a published detached OpenPGP signature must verify
 * with one of the keys the provider-metadata lists — by fingerprint, so a key file swapped on the
 * server does not count. What is not published is reported as absent; what is published and
 * wrong rejects the document.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';

export type Check = 'valid' | 'absent';

export class IntegrityError extends Error {
  constructor(
    readonly check: 'hash' | 'signature' | 'key',
    message: string,
  ) {
    super(message);
  }
}

const normaliseFingerprint = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** Reads armored public keys, keeping those whose fingerprint the provider lists. */
export async function trustedKeys(
  armoredKeys: readonly string[],
  listedFingerprints: readonly string[],
): Promise<{ keys: openpgp.PublicKey[]; rejected: string[] }> {
  const listed = new Set(listedFingerprints.map(normaliseFingerprint));
  const keys: openpgp.PublicKey[] = [];
  const rejected: string[] = [];
  for (const armoredKey of armoredKeys) {
    try {
      const read = await openpgp.readKeys({ armoredKeys: armoredKey });
      for (const key of read) {
        const fingerprint = normaliseFingerprint(key.getFingerprint());
        if (listed.has(fingerprint)) keys.push(key);
        else rejected.push(`Schlüssel ${fingerprint} ist nicht in provider-metadata.json gelistet`);
      }
    } catch (error) {
      rejected.push(`Schlüssel nicht lesbar: ${(error as Error).message}`);
    }
  }
  return { keys, rejected };
}

export function checkHash(bytes: Uint8Array, hashFile: string | null, algorithm: 'sha512' | 'sha256'): Check {
  if (hashFile === null) return 'absent';
  const stated = /^([0-9a-fA-F]+)\b/.exec(hashFile.trim())?.[1]?.toLowerCase();
  const expectedLength = algorithm === 'sha512' ? 128 : 64;
  if (!stated || stated.length !== expectedLength) {
    throw new IntegrityError('hash', `Die ${algorithm}-Datei enthält keinen ${algorithm}-Wert.`);
  }
  const actual = createHash(algorithm).update(bytes).digest('hex');
  if (actual !== stated) {
    throw new IntegrityError('hash', `Der ${algorithm}-Wert stimmt nicht mit dem Dokument überein.`);
  }
  return 'valid';
}

export async function checkSignature(
  bytes: Uint8Array,
  armoredSignature: string | null,
  keys: readonly openpgp.PublicKey[],
): Promise<Check> {
  if (armoredSignature === null) return 'absent';
  if (keys.length === 0) {
    throw new IntegrityError(
      'key',
      'Die Signatur kann nicht geprüft werden: kein gelisteter Schlüssel des Anbieters ist verfügbar.',
    );
  }
  let verified = false;
  try {
    const signature = await openpgp.readSignature({ armoredSignature });
    const message = await openpgp.createMessage({ binary: bytes });
    const result = await openpgp.verify({ message, signature, verificationKeys: [...keys] });
    for (const s of result.signatures) {
      try {
        if (await s.verified) verified = true;
      } catch {
        // another key, or a bad signature: the next one may still verify
      }
    }
  } catch (error) {
    throw new IntegrityError(
      'signature',
      `Die OpenPGP-Signatur ist nicht lesbar: ${(error as Error).message}`,
    );
  }
  if (!verified)
    throw new IntegrityError(
      'signature',
      'Die OpenPGP-Signatur passt nicht zum Dokument oder zu keinem gelisteten Schlüssel.',
    );
  return 'valid';
}
