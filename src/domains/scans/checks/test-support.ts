/**
 * Test fixtures for the built-in checks. Every server listens on 127.0.0.1 on a random port;
 * nothing here contacts another address or reads /etc/resolv.conf. Certificates are made with
 * the openssl CLI into a temporary folder.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import type { Answer, RecordType } from 'dns-packet';
import dnsPacket from 'dns-packet';
import { TCPServer, UDPServer } from 'dns2';
import { RISKY_SERVICES } from './exposure.ts';
import type { CheckId, CheckResult, ResolverAddress, RunOptions } from './types.ts';

const run = promisify(execFile);

export interface Pki {
  dir: string;
  ca: string;
  /** Other CA the scanner does not trust. */
  otherCa: string;
  leafKey: string;
  key2048: string;
  key1024: string;
  keyP256: string;
  keyP224: string;
  certs: {
    good: string;
    rsa2048: string;
    rsa1024: string;
    sha1: string;
    expired: string;
    expiring10: string;
    expiring20: string;
    wrongHost: string;
    selfSigned: string;
    ecP256: string;
    ecP224: string;
    otherCaLeaf: string;
    /** Self-signed, RSA 1024, SHA-1, expired, for other.test (key: key1024). */
    terrible: string;
  };
  cleanup(): Promise<void>;
}

export const TEST_NAMES = [
  'www.kommune.test',
  'kommune.test',
  'mx.kommune.test',
  'mx2.kommune.test',
  'localhost',
];

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

/** Creates a CA and the leaf certificates the TLS tests need (about 1–3 s). */
export async function createPki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'bastei-checks-pki-'));
  const san = `subjectAltName=${TEST_NAMES.map((n) => `DNS:${n}`).join(',')},IP:127.0.0.1`;
  const caExt = [
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ];
  await Promise.all([
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'rsa:3072',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-sha256',
      '-subj',
      '/CN=Bastei Test Root CA',
      ...caExt,
    ]),
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'other-ca.key',
      '-out',
      'other-ca.pem',
      '-days',
      '3650',
      '-sha256',
      '-subj',
      '/CN=Unknown Test CA',
      ...caExt,
    ]),
    openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072', '-out', 'leaf.key']),
    openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'k2048.key']),
    openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'k1024.key']),
    openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'p256.key']),
    openssl(dir, [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:secp224r1',
      '-out',
      'p224.key',
    ]),
  ]);
  await writeFile(join(dir, 'leaf.ext'), `${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  await writeFile(join(dir, 'wrong.ext'), 'subjectAltName=DNS:other.test\nbasicConstraints=CA:FALSE\n');
  // `openssl ca` is the only 3.0 command that takes explicit past dates (for the expired certificate).
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      '[leaf_ext]',
      san,
      'basicConstraints = CA:FALSE',
      '[wrong_ext]',
      'subjectAltName = DNS:other.test',
      'basicConstraints = CA:FALSE',
      '',
    ].join('\n'),
  );
  const csr = async (key: string, name: string, cn = 'www.kommune.test') =>
    openssl(dir, ['req', '-new', '-key', key, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  await Promise.all([
    csr('leaf.key', 'leaf'),
    csr('k2048.key', 'k2048'),
    csr('k1024.key', 'k1024'),
    csr('p256.key', 'p256'),
    csr('p224.key', 'p224'),
    csr('leaf.key', 'wrong', 'other.test'),
    csr('k1024.key', 'terrible', 'other.test'),
  ]);
  let serial = 0x2000;
  // Explicit serials: parallel `-CAcreateserial` runs would race on the serial file.
  const sign = (name: string, out: string, days: number, extra: string[] = [], ext = 'leaf.ext', ca = 'ca') =>
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-set_serial',
      String(serial++),
      '-out',
      `${out}.pem`,
      '-days',
      String(days),
      '-extfile',
      ext,
      ...extra,
    ]);
  await Promise.all([
    sign('leaf', 'good', 90, ['-sha256']),
    sign('k2048', 'rsa2048', 90, ['-sha256']),
    sign('k1024', 'rsa1024', 90, ['-sha256']),
    sign('leaf', 'sha1', 90, ['-sha1']),
    sign('leaf', 'expiring10', 10, ['-sha256']),
    sign('leaf', 'expiring20', 20, ['-sha256']),
    sign('p256', 'ecp256', 90, ['-sha256']),
    sign('p224', 'ecp224', 90, ['-sha256']),
    sign('wrong', 'wronghost', 90, ['-sha256'], 'wrong.ext'),
    sign('leaf', 'otherleaf', 90, ['-sha256'], 'leaf.ext', 'other-ca'),
    openssl(dir, [
      'req',
      '-x509',
      '-key',
      'leaf.key',
      '-out',
      'selfsigned.pem',
      '-days',
      '90',
      '-sha256',
      '-subj',
      '/CN=www.kommune.test',
      '-addext',
      san,
    ]),
  ]);
  await openssl(dir, [
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    'leaf.csr',
    '-out',
    'expired.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200301000000Z',
    '-extensions',
    'leaf_ext',
    '-notext',
  ]);
  // Everything wrong at once: self-signed, RSA 1024, SHA-1, expired, issued to another name.
  await openssl(dir, [
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-selfsign',
    '-keyfile',
    'k1024.key',
    '-in',
    'terrible.csr',
    '-out',
    'terrible.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200301000000Z',
    '-md',
    'sha1',
    '-extensions',
    'wrong_ext',
    '-notext',
  ]);
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  return {
    dir,
    ca: await read('ca.pem'),
    otherCa: await read('other-ca.pem'),
    leafKey: await read('leaf.key'),
    key2048: await read('k2048.key'),
    key1024: await read('k1024.key'),
    keyP256: await read('p256.key'),
    keyP224: await read('p224.key'),
    certs: {
      good: await read('good.pem'),
      rsa2048: await read('rsa2048.pem'),
      rsa1024: await read('rsa1024.pem'),
      sha1: await read('sha1.pem'),
      expired: await read('expired.pem'),
      expiring10: await read('expiring10.pem'),
      expiring20: await read('expiring20.pem'),
      wrongHost: await read('wronghost.pem'),
      selfSigned: await read('selfsigned.pem'),
      ecP256: await read('ecp256.pem'),
      ecP224: await read('ecp224.pem'),
      otherCaLeaf: await read('otherleaf.pem'),
      terrible: await read('terrible.pem'),
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

export interface WebSite {
  /** Headers on every response (unless the route sets its own). */
  headers?: Record<string, string>;
  /** Extra routes: path → status, headers, body. */
  routes?: Record<string, { status: number; headers?: Record<string, string>; body?: string }>;
}

function siteHandler(site: WebSite): http.RequestListener {
  return (request, response) => {
    const route = site.routes?.[request.url ?? '/'];
    if (route) {
      response.writeHead(route.status, { ...(route.headers ?? {}) });
      response.end(route.body ?? '');
      return;
    }
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(site.headers ?? {}) });
      response.end('<!doctype html><title>Gemeinde</title><p>Willkommen</p>');
      return;
    }
    response.writeHead(404, { 'content-type': 'text/html', ...(site.headers ?? {}) });
    response.end('<!doctype html><title>Nicht gefunden</title>');
  };
}

export interface TlsServerOptions extends WebSite {
  key: string;
  cert: string;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  ecdhCurve?: string;
  dhparam?: 'auto';
  honorCipherOrder?: boolean;
}

/** An HTTPS server on 127.0.0.1 with the given TLS settings. */
export async function startHttpsServer(options: TlsServerOptions): Promise<RunningServer> {
  const server = https.createServer(
    {
      key: options.key,
      cert: options.cert,
      ...(options.minVersion ? { minVersion: options.minVersion } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      ...(options.ciphers ? { ciphers: options.ciphers } : {}),
      ...(options.ecdhCurve ? { ecdhCurve: options.ecdhCurve } : {}),
      ...(options.dhparam ? { dhparam: options.dhparam } : {}),
      ...(options.honorCipherOrder ? { honorCipherOrder: true } : {}),
    },
    siteHandler(options),
  );
  server.on('tlsClientError', () => {});
  const sockets = track(server);
  server.on('secureConnection', (socket: tls.TLSSocket) => socket.on('error', () => {}));
  const port = await listen(server);
  return { port, close: closer(server, sockets) };
}

export async function startHttpServer(site: WebSite): Promise<RunningServer> {
  const server = http.createServer(siteHandler(site));
  const sockets = track(server);
  const port = await listen(server);
  return { port, close: closer(server, sockets) };
}

/** A port that was just free: bound, then released (connections are refused). */
export async function closedPort(): Promise<number> {
  // Port 1 (tcpmux) on loopback: nothing here ever listens there. A port taken from the OS and
  // released again could be handed to another test process running in parallel and answer.
  return 1;
}

/** A TCP server that accepts and optionally greets (stands in for RDP, MySQL, ...). */
export async function startTcpServer(greeting?: string): Promise<RunningServer> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    if (greeting) socket.write(greeting);
  });
  const sockets = track(server);
  const port = await listen(server);
  return { port, close: closer(server, sockets) };
}

/** Every standard port the checks touch, switched off; tests switch on what they need. */
export function allPortsOff(): Record<number, false> {
  const ports: Record<number, false> = {};
  for (const port of [
    80,
    443,
    25,
    465,
    636,
    853,
    990,
    993,
    995,
    8443,
    ...RISKY_SERVICES.map((s) => s.port),
  ]) {
    ports[port] = false;
  }
  return ports;
}

export interface ZoneRecord {
  type: RecordType;
  data: unknown;
}

export interface DnsServerOptions {
  zone: Record<string, ZoneRecord[]>;
  /** Names answered with the AD flag (as a validating resolver would for a signed zone). */
  signed?: string[];
  /** Names answered SERVFAIL unless CD is set (bogus signatures). */
  bogus?: string[];
  /** Names whose UDP answer is truncated (TC), forcing TCP. */
  truncateUdp?: string[];
}

export interface RunningDns {
  resolver: ResolverAddress;
  queries: { name: string; type: string; transport: 'udp' | 'tcp'; dnssecOk: boolean; cd: boolean }[];
  close(): Promise<void>;
}

const TYPE_NAMES: Record<number, RecordType> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  257: 'CAA',
};

interface Dns2Request {
  header: { id: number; cd?: number };
  questions: { name: string; type: number }[];
  additionals?: { type: number; ttl?: number; flags?: number }[];
}

/** A dns2 server on 127.0.0.1 (UDP and TCP) answering from `zone` with dns-packet-encoded replies. */
export async function startDnsServer(options: DnsServerOptions): Promise<RunningDns> {
  const queries: RunningDns['queries'] = [];
  const zone = new Map(Object.entries(options.zone).map(([name, records]) => [name.toLowerCase(), records]));
  const answer = (transport: 'udp' | 'tcp') => (request: Dns2Request, send: (response: Buffer) => void) => {
    const question = request.questions[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const type = TYPE_NAMES[question.type] ?? 'NULL';
    const cd = request.header.cd === 1;
    // dns2 keeps the OPT record's TTL field, whose top bit of the flags half is DO.
    const opt = request.additionals?.find((a) => a.type === 41);
    const dnssecOk =
      opt !== undefined && (((opt.ttl ?? 0) & 0x8000) !== 0 || ((opt.flags ?? 0) & 0x8000) !== 0);
    queries.push({ name, type, transport, dnssecOk, cd });
    let flags = dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE;
    const base = {
      type: 'response' as const,
      id: request.header.id,
      questions: [{ name: question.name, type }],
    };
    if (transport === 'udp' && options.truncateUdp?.includes(name)) {
      send(dnsPacket.encode({ ...base, flags: flags | dnsPacket.TRUNCATED_RESPONSE, answers: [] }));
      return;
    }
    if (options.bogus?.includes(name) && !cd) {
      send(dnsPacket.encode({ ...base, flags: flags | 2, answers: [] }));
      return;
    }
    const records = zone.get(name);
    if (options.signed?.includes(name) && !cd) flags |= dnsPacket.AUTHENTIC_DATA;
    if (!records) {
      send(dnsPacket.encode({ ...base, flags: flags | 3, answers: [] }));
      return;
    }
    const answers = records
      .filter((r) => r.type === type)
      .map((r) => ({ type: r.type, name: question.name, ttl: 60, class: 'IN', data: r.data }) as Answer);
    send(dnsPacket.encode({ ...base, flags, answers }));
  };
  const udp = new UDPServer({ type: 'udp4' });
  udp.on('request', answer('udp') as never);
  await udp.listen(0, '127.0.0.1');
  const port = udp.address().port;
  const tcp = new TCPServer();
  tcp.on('request', answer('tcp') as never);
  // Same port number for TCP when it is free (the common case), otherwise any port.
  const tcpPort = await new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      tcp.listen(0, '127.0.0.1', () => resolve((tcp.address() as net.AddressInfo).port));
    };
    tcp.once('error', onError);
    tcp.listen(port, '127.0.0.1', () => {
      tcp.off('error', onError);
      resolve((tcp.address() as net.AddressInfo).port);
    });
  });
  return {
    resolver: { host: '127.0.0.1', port, ...(tcpPort !== port ? { tcpPort } : {}) },
    queries,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

export interface SmtpServerOptions {
  starttls: boolean;
  /** Listen address (127.0.0.1 or ::1) and port (default: random). */
  host?: string;
  port?: number;
  key?: string;
  cert?: string;
  tls?: Omit<tls.SecureContextOptions, 'key' | 'cert'>;
  hostname?: string;
}

/** A hand-rolled SMTP server: banner, EHLO (with or without STARTTLS), STARTTLS, QUIT. */
export async function startSmtpServer(
  options: SmtpServerOptions,
): Promise<RunningServer & { sessions: number }> {
  const name = options.hostname ?? 'mx.kommune.test';
  const context =
    options.starttls && options.key && options.cert
      ? tls.createSecureContext({ key: options.key, cert: options.cert, ...(options.tls ?? {}) })
      : undefined;
  const state = { sessions: 0 };
  const server = net.createServer((socket) => {
    state.sessions += 1;
    socket.on('error', () => {});
    socket.write(`220 ${name} ESMTP Bastei test\r\n`);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let index = buffer.indexOf('\r\n');
      while (index !== -1) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') {
          const caps = ['PIPELINING', 'SIZE 10240000', ...(options.starttls ? ['STARTTLS'] : []), '8BITMIME'];
          socket.write(
            `250-${name}\r\n${caps.map((c, i) => `250${i === caps.length - 1 ? ' ' : '-'}${c}`).join('\r\n')}\r\n`,
          );
        } else if (verb === 'STARTTLS' && context) {
          socket.off('data', onData);
          socket.write('220 2.0.0 Ready to start TLS\r\n', () => {
            const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
            secure.on('error', () => {});
            secure.on('data', (data: Buffer) => {
              if (/^QUIT/i.test(data.toString('latin1'))) secure.end('221 2.0.0 Bye\r\n');
              else secure.write('250 OK\r\n');
            });
          });
          return;
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 Bye\r\n');
          return;
        } else {
          socket.write('502 5.5.2 Command not recognised\r\n');
        }
        index = buffer.indexOf('\r\n');
      }
    };
    socket.on('data', onData);
  });
  const sockets = track(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
      resolve((server.address() as net.AddressInfo).port),
    );
  });
  return {
    port,
    get sessions() {
      return state.sessions;
    },
    close: closer(server, sockets),
  };
}

export function byCheck(results: readonly CheckResult[], id: CheckId): CheckResult[] {
  return results.filter((r) => r.checkId === id);
}

export function oneResult(results: readonly CheckResult[], id: CheckId): CheckResult {
  const found = byCheck(results, id);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${id} result, got ${found.length}: ${JSON.stringify(results.map((r) => r.checkId))}`,
    );
  }
  return found[0]!;
}

/** Options that keep a run on loopback: every port off unless mapped, names from `addresses`. */
export function loopbackOptions(
  overrides: RunOptions & { ports?: Record<number, number | false> } = {},
): RunOptions {
  return {
    // Generous: other work may load this machine; failures never depend on hitting a timeout.
    timeoutMs: 8000,
    ...overrides,
    ports: { ...allPortsOff(), ...(overrides.ports ?? {}) },
    addresses: {
      'www.kommune.test': '127.0.0.1',
      'kommune.test': '127.0.0.1',
      ...(overrides.addresses ?? {}),
    },
  };
}

/** TLS settings that meet TR-02102-2 exactly (no ChaCha20, no RSA key exchange). */
export const STRICT_SUITES =
  'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';

export const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; object-src 'none'",
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export interface KommuneFixture {
  domain: string;
  /** Options for runChecks that reach only this fixture's servers. */
  options: RunOptions;
  dns: RunningDns;
  close(): Promise<void>;
}

/**
 * A well-configured Kommune on loopback: DNS zone (signed, SPF, DMARC, CAA, MX), HTTPS with
 * TR-02102-2 suites, headers and security.txt, HTTP → HTTPS redirect, SMTP with STARTTLS, and
 * every risky service port mapped onto a closed port. Every check passes against it.
 */
export async function startGoodKommune(pki: Pki, domain = 'kommune.test'): Promise<KommuneFixture> {
  const expires = new Date(Date.now() + 180 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const [httpsServer, httpServer, smtp] = await Promise.all([
    startHttpsServer({
      key: pki.leafKey,
      cert: pki.certs.good,
      ciphers: STRICT_SUITES,
      headers: GOOD_HEADERS,
      routes: {
        '/.well-known/security.txt': {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `Contact: mailto:security@${domain}\nExpires: ${expires}\nPreferred-Languages: de, en\n`,
        },
      },
    }),
    startHttpServer({ routes: { '/': { status: 301, headers: { location: `https://${domain}/` } } } }),
    startSmtpServer({
      starttls: true,
      key: pki.leafKey,
      cert: pki.certs.good,
      tls: { ciphers: STRICT_SUITES },
    }),
  ]);
  const dns = await startDnsServer({
    zone: {
      [domain]: [
        { type: 'A', data: '127.0.0.1' },
        { type: 'MX', data: { exchange: `mx.${domain}`, preference: 10 } },
        { type: 'TXT', data: 'v=spf1 mx -all' },
        { type: 'CAA', data: { flags: 0, tag: 'issue', value: 'ca.kommune.test' } },
        { type: 'SOA', data: { mname: `ns.${domain}`, rname: `hostmaster.${domain}`, serial: 1 } },
      ],
      [`mx.${domain}`]: [{ type: 'A', data: '127.0.0.1' }],
      [`_dmarc.${domain}`]: [{ type: 'TXT', data: `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}` }],
    },
    signed: [domain],
  });
  const exposure: Record<number, number> = {};
  for (const service of RISKY_SERVICES) exposure[service.port] = await closedPort();
  return {
    domain,
    dns,
    options: {
      resolver: dns.resolver,
      validatingResolver: true,
      caCertificates: [pki.ca],
      timeoutMs: 8000,
      ports: { ...allPortsOff(), ...exposure, 443: httpsServer.port, 80: httpServer.port, 25: smtp.port },
    },
    close: async () => {
      await Promise.all([httpsServer.close(), httpServer.close(), smtp.close(), dns.close()]);
    },
  };
}
