/**
 * A minimal stub resolver on dns-packet: sends one question to a given resolver over UDP and
 * falls back to TCP when the answer is truncated (TC) or UDP gets no answer. It never reads
 * /etc/resolv.conf; the caller names the resolver. Used for the mail/DNS checks and, when a
 * resolver is configured, for resolving scan targets.
 */

import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import net from 'node:net';
import type { Answer, DecodedPacket, RecordType } from 'dns-packet';
import dnsPacket from 'dns-packet';
import type { ResolverAddress } from './types.ts';
import { ProbeTimeoutError } from './util.ts';

const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
] as const;

export interface DnsQueryOptions {
  resolver: ResolverAddress;
  timeoutMs: number;
  /** Set the EDNS DO bit (ask for DNSSEC records and the AD flag). */
  dnssecOk?: boolean;
  /** Set the CD bit (ask the resolver not to validate). */
  checkingDisabled?: boolean;
  /** Skip UDP (tests of the TCP path). */
  tcpOnly?: boolean;
}

export interface DnsResponse {
  name: string;
  type: RecordType;
  rcode: string;
  authenticData: boolean;
  truncated: boolean;
  transport: 'udp' | 'tcp';
  answers: Answer[];
}

export class DnsError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** The system's first configured DNS server; only used when the caller names none. */
export function systemResolver(): ResolverAddress {
  const first = getServers()[0];
  if (!first) throw new DnsError('no DNS resolver configured on this system', 'NO_RESOLVER');
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(first);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2]) };
  const v4 = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(first);
  if (v4) return { host: v4[1]!, port: Number(v4[2]) };
  return { host: first, port: 53 };
}

function encodeQuery(name: string, type: RecordType, options: DnsQueryOptions, id: number): Buffer {
  let flags = dnsPacket.RECURSION_DESIRED;
  if (options.checkingDisabled) flags |= dnsPacket.CHECKING_DISABLED;
  return dnsPacket.encode({
    type: 'query',
    id,
    flags,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: options.dnssecOk ? dnsPacket.DNSSEC_OK : 0,
        flag_do: options.dnssecOk === true,
        options: [],
      },
    ],
  });
}

function toResponse(
  packet: DecodedPacket,
  name: string,
  type: RecordType,
  transport: 'udp' | 'tcp',
): DnsResponse {
  const rcode = RCODES[(packet.flags ?? 0) & 0xf] ?? `RCODE${(packet.flags ?? 0) & 0xf}`;
  return {
    name,
    type,
    rcode,
    authenticData: packet.flag_ad === true,
    truncated: packet.flag_tc === true,
    transport,
    answers: packet.answers ?? [],
  };
}

function queryUdp(
  query: Buffer,
  id: number,
  options: DnsQueryOptions,
): Promise<{ truncated: true } | { truncated: false; packet: DecodedPacket }> {
  const { host, port } = options.resolver;
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      finish();
      reject(new ProbeTimeoutError(`DNS query over UDP to ${host}:${port}`, options.timeoutMs));
    }, options.timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.close();
    };
    socket.on('error', (error) => {
      finish();
      reject(error);
    });
    socket.on('message', (message, rinfo) => {
      if (rinfo.port !== port || message.length < 12 || message.readUInt16BE(0) !== id) return;
      // Read TC from the header before decoding: a truncated answer may not decode at all.
      if ((message[2]! & 0x02) !== 0) {
        finish();
        resolve({ truncated: true });
        return;
      }
      try {
        const packet = dnsPacket.decode(message);
        finish();
        resolve({ truncated: false, packet });
      } catch (error) {
        finish();
        reject(new DnsError(`undecodable DNS answer: ${(error as Error).message}`, 'EBADRESP'));
      }
    });
    socket.send(query, port, host);
  });
}

function queryTcp(query: Buffer, id: number, options: DnsQueryOptions): Promise<DecodedPacket> {
  const host = options.resolver.host;
  const port = options.resolver.tcpPort ?? options.resolver.port;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeTimeoutError(`DNS query over TCP to ${host}:${port}`, options.timeoutMs));
    }, options.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.on('error', fail);
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const size = buffered.readUInt16BE(0);
        if (buffered.length < size + 2) return;
        const message = buffered.subarray(2, size + 2);
        buffered = buffered.subarray(size + 2);
        if (message.length < 12 || message.readUInt16BE(0) !== id) continue;
        try {
          const packet = dnsPacket.decode(message);
          clearTimeout(timer);
          socket.end();
          resolve(packet);
        } catch (error) {
          fail(new DnsError(`undecodable DNS answer: ${(error as Error).message}`, 'EBADRESP'));
        }
        return;
      }
    });
    socket.on('end', () =>
      fail(new DnsError(`DNS server ${host}:${port} closed the TCP connection`, 'ECONNRESET')),
    );
  });
}

/** One question to the resolver: UDP first, TCP when truncated or when UDP gets no answer. */
export async function queryDns(
  name: string,
  type: RecordType,
  options: DnsQueryOptions,
): Promise<DnsResponse> {
  const id = randomInt(0, 0x10000);
  const query = encodeQuery(name, type, options, id);
  if (!options.tcpOnly) {
    try {
      const udp = await queryUdp(query, id, options);
      if (!udp.truncated) return toResponse(udp.packet, name, type, 'udp');
    } catch (error) {
      if ((error as DnsError).code === 'EBADRESP') throw error;
      // No UDP answer (filtered, lost): try TCP once before giving up.
    }
  }
  return toResponse(await queryTcp(query, id, options), name, type, 'tcp');
}

/** Answers of the asked type (a recursive resolver may put a CNAME chain before them). */
function answersOf<T extends Answer['type']>(response: DnsResponse, type: T): Extract<Answer, { type: T }>[] {
  return response.answers.filter((a): a is Extract<Answer, { type: T }> => a.type === type);
}

/** Throws on SERVFAIL/REFUSED & co.; NXDOMAIN and NOERROR/NODATA give an empty list. */
function assertUsable(response: DnsResponse): void {
  if (response.rcode !== 'NOERROR' && response.rcode !== 'NXDOMAIN') {
    throw new DnsError(`${response.type} ${response.name}: ${response.rcode}`, response.rcode);
  }
}

export async function lookupTxt(name: string, options: DnsQueryOptions): Promise<string[]> {
  const response = await queryDns(name, 'TXT', options);
  assertUsable(response);
  return answersOf(response, 'TXT').map((answer) => {
    const data = answer.data;
    const chunks = Array.isArray(data) ? data : [data];
    // RFC 7208 3.3: the character-strings of one record are joined without separator.
    return chunks.map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))).join('');
  });
}

export interface MxRecord {
  exchange: string;
  preference: number;
}

export async function lookupMx(name: string, options: DnsQueryOptions): Promise<MxRecord[]> {
  const response = await queryDns(name, 'MX', options);
  assertUsable(response);
  return answersOf(response, 'MX')
    .map((a) => ({ exchange: a.data.exchange.replace(/\.$/, ''), preference: a.data.preference ?? 0 }))
    .sort((a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange));
}

export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}

export async function lookupCaa(name: string, options: DnsQueryOptions): Promise<CaaRecord[]> {
  const response = await queryDns(name, 'CAA', options);
  assertUsable(response);
  return answersOf(response, 'CAA').map((a) => ({
    flags: a.data.flags ?? 0,
    tag: a.data.tag,
    value: a.data.value,
  }));
}

/** A then AAAA records of a name. */
export async function lookupAddresses(name: string, options: DnsQueryOptions): Promise<string[]> {
  const out: string[] = [];
  for (const type of ['A', 'AAAA'] as const) {
    const response = await queryDns(name, type, options);
    assertUsable(response);
    for (const answer of response.answers) {
      if (answer.type === type && typeof answer.data === 'string') out.push(answer.data);
    }
    if (out.length > 0) break;
  }
  return out;
}
