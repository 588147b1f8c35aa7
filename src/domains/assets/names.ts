/**
 * Names of the inventory and of scan targets in one canonical spelling, so that "WWW.Halberstadt.de.",
 * "www.halberstadt.de" and an IDN in Unicode meet as one asset, and "2001:DB8:0::1" equals
 * "2001:db8::1". IP text is canonicalised by node:net; IDNs are converted by node:url (UTS #46).
 * Every function here returns a result or a German message; none throws.
 */
import { BlockList, isIPv4, isIPv6, SocketAddress } from 'node:net';
import { domainToASCII } from 'node:url';

export type Named = { ok: true; value: string } | { ok: false; message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_INPUT = 300;

/** Canonical text of an IPv4/IPv6 address (IPv4-mapped IPv6 becomes IPv4), or null. */
export function canonicalIp(input: string): string | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // Zone ids (fe80::1%eth0) name an interface of one machine, never an internet target.
  if (text.includes('%')) return null;
  const family = isIPv4(text) ? 'ipv4' : isIPv6(text) ? 'ipv6' : null;
  if (!family) return null;
  try {
    const address = new SocketAddress({ address: text, family }).address;
    if (family === 'ipv6') {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
      if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
    }
    return address;
  } catch {
    return null;
  }
}

export const ipFamily = (canonical: string): 'ipv4' | 'ipv6' => (isIPv4(canonical) ? 'ipv4' : 'ipv6');

/**
 * A DNS name in lower-case ASCII without the trailing dot. `minLabels` 2 for domains (a single
 * label like "fileserver01" is fine for an internal host of the inventory, not for a domain).
 */
export function normaliseDnsName(input: string, minLabels = 1): Named {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: 'Der Name fehlt.' };
  if (input.length > MAX_INPUT)
    return { ok: false, message: 'Der Name ist zu lang (höchstens 253 Zeichen).' };
  const trimmed = input.trim().replace(/\.$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.includes('/')) {
    return {
      ok: false,
      message: `„${trimmed}“ ist kein DNS-Name: bitte nur den Namen ohne Schema und Pfad angeben.`,
    };
  }
  // domainToASCII lower-cases, maps Unicode to Punycode and answers '' for what UTS #46 refuses.
  const ascii = /^[\x21-\x7e]+$/.test(trimmed) ? trimmed.toLowerCase() : domainToASCII(trimmed);
  const labels = ascii.split('.');
  const valid =
    ascii !== '' &&
    ascii.length <= 253 &&
    labels.every((label) => LABEL.test(label)) &&
    // An all-numeric top label would make "1.2.3.400" a DNS name.
    !/^\d+$/.test(labels[labels.length - 1] ?? '') &&
    (!ascii.includes('xn--') || domainToASCII(ascii) === ascii);
  if (!valid) {
    return {
      ok: false,
      message: `„${trimmed.slice(0, 80)}“ ist kein gültiger DNS-Name (Buchstaben, Ziffern und Bindestriche, durch Punkte getrennt).`,
    };
  }
  if (labels.length < minLabels) {
    return {
      ok: false,
      message: `„${ascii}“ ist keine Domain: mindestens zwei Namensteile, z. B. halberstadt.de.`,
    };
  }
  return { ok: true, value: ascii };
}

/** A host's name: canonical IP text or a DNS name. */
export function normaliseHostName(input: string): Named & { ip?: boolean } {
  const ip = canonicalIp(input);
  if (ip) return { ok: true, value: ip, ip: true };
  return normaliseDnsName(input);
}

/** Whether `name` is `domain` itself or below it (www.halberstadt.de under halberstadt.de). */
export const isWithinDomain = (name: string, domain: string) =>
  name === domain || name.endsWith(`.${domain}`);

// --- scan targets ------------------------------------------------------------------------------------

/**
 * Address ranges the platform never scans whatever a Kommune declares: this host, private and
 * shared networks, link-local, multicast and reserved space (IANA special-purpose registries).
 * The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) stay
 * allowed: examples and tests use them and nothing answers there.
 */
const NOT_SCANNABLE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_SCANNABLE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_SCANNABLE.addSubnet(network, prefix, 'ipv6');
}

const DOMAINS_NOT_SCANNABLE = ['localhost', 'local', 'internal', 'arpa', 'home.arpa', 'invalid'];

export const isScannableAddress = (canonical: string) => !NOT_SCANNABLE.check(canonical, ipFamily(canonical));

/** The largest range one authorisation may cover: 256 addresses (IPv4 /24, IPv6 /120). */
export const MIN_PREFIX = { ipv4: 24, ipv6: 120 } as const;

function toBigInt(canonical: string): bigint {
  if (isIPv4(canonical)) return canonical.split('.').reduce((n, octet) => (n << 8n) + BigInt(octet), 0n);
  let text = canonical;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = toBigInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, group) => (n << 16n) + BigInt(Number.parseInt(group, 16)), 0n);
}

function fromBigInt(value: bigint, family: 'ipv4' | 'ipv6'): string {
  if (family === 'ipv4') return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return canonicalIp(groups.join(':')) ?? groups.join(':');
}

export interface Cidr {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  last: string;
}

/** "192.0.2.0/24" → network, prefix and last address; host bits must be zero. */
export function parseCidr(input: string): { ok: true; value: Cidr } | { ok: false; message: string } {
  const match = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(input);
  const address = match?.[1] ? canonicalIp(match[1]) : null;
  if (!match || !address) {
    return {
      ok: false,
      message: `„${input.slice(0, 80)}“ ist kein Adressbereich in CIDR-Schreibweise (z. B. 192.0.2.0/24).`,
    };
  }
  const family = ipFamily(address);
  const bits = family === 'ipv4' ? 32 : 128;
  const prefix = Number(match[2]);
  if (prefix > bits)
    return {
      ok: false,
      message: `Die Präfixlänge /${prefix} ist für ${family === 'ipv4' ? 'IPv4' : 'IPv6'} zu groß.`,
    };
  if (prefix < MIN_PREFIX[family]) {
    return {
      ok: false,
      message: `Der Bereich /${prefix} ist zu groß: eine Freigabe umfasst höchstens 256 Adressen (IPv4 /${MIN_PREFIX.ipv4}, IPv6 /${MIN_PREFIX.ipv6}).`,
    };
  }
  const hostBits = BigInt(bits - prefix);
  const value = toBigInt(address);
  const network = (value >> hostBits) << hostBits;
  if (network !== value) {
    const suggestion = `${fromBigInt(network, family)}/${prefix}`;
    return {
      ok: false,
      message: `In „${input.trim()}“ sind Host-Bits gesetzt; gemeint ist wohl ${suggestion}.`,
    };
  }
  const last = fromBigInt(network | ((1n << hostBits) - 1n), family);
  return { ok: true, value: { network: address, prefix, family, last } };
}

export function cidrContains(cidr: string, canonical: string): boolean {
  const [network = '', prefix = ''] = cidr.split('/');
  const family = ipFamily(network);
  if (ipFamily(canonical) !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return list.check(canonical, family);
}

export type TargetKind = 'domain' | 'host' | 'ip' | 'cidr';

/** A scan target as an authorisation records it (canonical text), or why it cannot be authorised. */
export function normaliseTarget(kind: TargetKind, input: string): Named {
  if (kind === 'cidr') {
    const parsed = parseCidr(input);
    if (!parsed.ok) return parsed;
    const { network, prefix, last } = parsed.value;
    if (!isScannableAddress(network) || !isScannableAddress(last)) {
      return {
        ok: false,
        message: `${network}/${prefix} ist kein öffentlicher Adressbereich und wird nie gescannt.`,
      };
    }
    return { ok: true, value: `${network}/${prefix}` };
  }
  const ip = canonicalIp(input);
  if (kind === 'ip' || (kind === 'host' && ip)) {
    if (!ip) return { ok: false, message: `„${input.slice(0, 80)}“ ist keine IP-Adresse.` };
    if (!isScannableAddress(ip)) {
      return {
        ok: false,
        message: `${ip} ist keine öffentliche Adresse (privat, lokal oder reserviert) und wird nie gescannt.`,
      };
    }
    return { ok: true, value: ip };
  }
  if (ip)
    return { ok: false, message: `${ip} ist eine IP-Adresse: bitte als Art „ip“ oder „cidr“ freigeben.` };
  const name = normaliseDnsName(input, 2);
  if (!name.ok) return name;
  if (DOMAINS_NOT_SCANNABLE.some((suffix) => isWithinDomain(name.value, suffix))) {
    return {
      ok: false,
      message: `${name.value} ist ein lokaler oder reservierter Name und wird nie gescannt.`,
    };
  }
  return name;
}
