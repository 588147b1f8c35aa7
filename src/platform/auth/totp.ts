import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string) {
  return new TOTP({
    issuer: 'Bastei',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

export const totpUri = (secret: string, label: string) => totpFor(secret, label).toString();

/**
 * Checks a code with one step of clock drift either way and returns the time step it belongs
 * to, or null. Callers refuse a step at or below the last one used, so a code works once.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

export const currentTotpCode = (secret: string, now = Date.now()) =>
  totpFor(secret, 'check').generate({ timestamp: now });
