/**
 * A requested scan target in canonical form, plus the host (and port) its authorisation is
 * checked against. Pure; errors are German messages for the field that was wrong.
 */
import { normaliseDnsName, normaliseHostName } from '../../assets/names.ts';
import type { ScanTarget } from '../checks/types.ts';
import type { ScanTargetInput } from './schemas.ts';

export interface NormalisedTarget {
  target: ScanTarget;
  host: string;
  /** Set for URLs (explicit or the scheme's default port); host and domain targets cover every port. */
  port: number | undefined;
}

export type TargetResult = { ok: true; value: NormalisedTarget } | { ok: false; message: string };

export function normaliseScanTarget(input: ScanTargetInput): TargetResult {
  if ('url' in input) {
    const text = input.url.trim();
    if (!URL.canParse(text)) return { ok: false, message: `„${text.slice(0, 80)}“ ist keine gültige URL.` };
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, message: 'Nur http- und https-URLs können gescannt werden.' };
    }
    if (url.username || url.password) {
      return { ok: false, message: 'Die URL darf keine Zugangsdaten enthalten.' };
    }
    const host = normaliseHostName(url.hostname);
    if (!host.ok) return host;
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    url.hostname = host.ip && host.value.includes(':') ? `[${host.value}]` : host.value;
    url.hash = '';
    return { ok: true, value: { target: { url: url.href }, host: host.value, port } };
  }
  if ('host' in input) {
    const host = normaliseHostName(input.host);
    if (!host.ok) return host;
    return { ok: true, value: { target: { host: host.value }, host: host.value, port: undefined } };
  }
  const domain = normaliseDnsName(input.domain, 2);
  if (!domain.ok) return domain;
  return { ok: true, value: { target: { domain: domain.value }, host: domain.value, port: undefined } };
}
