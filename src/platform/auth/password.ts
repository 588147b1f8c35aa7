import argon2 from 'argon2';
import { z } from 'zod';

export interface PasswordHashingOptions {
  memoryKiB: number;
}

/** argon2id with OWASP's recommended cost (19 MiB, 2 passes); memory is configurable. */
export function hashPassword(password: string, options: PasswordHashingOptions): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: options.memoryKiB,
    timeCost: 2,
    parallelism: 1,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the account does not exist, so timing reveals nothing.
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string, options: PasswordHashingOptions): Promise<boolean> {
  dummyHash ??= hashPassword('bastei-no-such-account', options);
  return dummyHash.then((hash) => verifyPassword(hash, password)).then(() => false);
}

/** ASVS 6.2: at least 12 characters, up to 128, any characters allowed. */
export const NewPasswordSchema = z
  .string()
  .min(12, 'Das Passwort muss mindestens 12 Zeichen lang sein.')
  .max(128, 'Das Passwort darf höchstens 128 Zeichen lang sein.');
