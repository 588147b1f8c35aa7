/**
 * exposure.service: the risky service ports are mapped (`ports`) onto loopback ports of servers
 * this test starts, or onto ports it has just closed. Real ports (3389, 445, ...) are never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISKY_SERVICES } from './exposure.ts';
import { runChecks } from './run.ts';
import {
  byCheck,
  closedPort,
  createPki,
  loopbackOptions,
  type Pki,
  type RunningServer,
  startHttpServer,
  startHttpsServer,
  startTcpServer,
} from './test-support.ts';

let pki: Pki;
const servers: RunningServer[] = [];
let allClosed: Record<number, number>;

beforeAll(async () => {
  pki = await createPki();
  allClosed = {};
  for (const service of RISKY_SERVICES) allClosed[service.port] = await closedPort();
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pki?.cleanup();
});

async function tcp(greeting?: string): Promise<number> {
  const server = await startTcpServer(greeting);
  servers.push(server);
  return server.port;
}

function hostScan(ports: Record<number, number | false>) {
  return runChecks(
    { host: '127.0.0.1' },
    loopbackOptions({ caCertificates: [pki.ca], ports: { ...allClosed, ...ports } }),
  );
}

describe('exposure.service', () => {
  it('passes when no risky service answers', async () => {
    const results = byCheck(await hostScan({}), 'exposure.service');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'pass', target: { host: '127.0.0.1' } });
    const probed = results[0]!.evidence.probed as { state: string }[];
    expect(probed).toHaveLength(RISKY_SERVICES.length);
    expect(probed.every((p) => p.state === 'closed')).toBe(true);
  });

  it('fails high for RDP, SMB, Telnet and databases, medium for FTP, one result per port', async () => {
    const ports = {
      3389: await tcp(),
      445: await tcp(),
      23: await tcp('\xff\xfd\x18login: '),
      3306: await tcp('J\x00\x00\x00\x0a8.0.36\x00'),
      6379: await tcp(),
      21: await tcp('220 ProFTPD Server ready.\r\n'),
    };
    const results = byCheck(await hostScan(ports), 'exposure.service');
    expect(results.map((r) => [r.target.service, r.status, r.severity])).toEqual([
      ['rdp', 'fail', 'high'],
      ['smb', 'fail', 'high'],
      ['telnet', 'fail', 'high'],
      ['ftp', 'fail', 'medium'],
      ['mysql', 'fail', 'high'],
      ['redis', 'fail', 'high'],
    ]);
    const ftp = results[3]!;
    expect(ftp.target.port).toBe(ports[21]);
    expect(ftp.evidence.banner).toBe('220 ProFTPD Server ready.');
  });

  it('flags admin UIs only when they show a login page', async () => {
    const login = await startHttpServer({
      headers: {},
      routes: {
        '/': {
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: '<html><title>Router</title><form><input type="password" name="pw"></form></html>',
        },
      },
    });
    const cockpit = await startHttpsServer({
      key: pki.leafKey,
      cert: pki.certs.good,
      routes: {
        '/': { status: 200, headers: { 'content-type': 'text/html' }, body: '<title>Cockpit</title>' },
      },
    });
    const basicAuth = await startHttpServer({
      routes: { '/': { status: 401, headers: { 'www-authenticate': 'Basic realm="admin"' } } },
    });
    const plainPage = await startHttpServer({});
    servers.push(login, cockpit, basicAuth, plainPage);
    const results = byCheck(
      await hostScan({ 8080: login.port, 9090: cockpit.port, 10000: basicAuth.port, 8443: plainPage.port }),
      'exposure.service',
    );
    const rows = results
      .map((r) => [r.target.service, r.status, r.severity, r.evidence.loginIndicator])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(rows).toEqual([
      ['cockpit', 'fail', 'medium', 'page title "Cockpit"'],
      ['http-admin', 'fail', 'medium', 'HTML form with a password field'],
      ['webmin', 'fail', 'medium', '401 with WWW-Authenticate: Basic realm="admin"'],
    ]);
    // The open 8443 without a login page is noted in the evidence only: no result of its own.
    expect(results.some((r) => r.target.service === 'https-admin')).toBe(false);
  });

  it('runs the TLS checks on open TLS ports of a host target', async () => {
    const site = await startHttpsServer({ key: pki.leafKey, cert: pki.certs.good });
    servers.push(site);
    const results = await hostScan({ 443: site.port, 993: await closedPort() });
    const tlsResults = results.filter((r) => r.checkId.startsWith('tls.'));
    expect(tlsResults).toHaveLength(7);
    expect(tlsResults.every((r) => r.target.port === site.port && r.target.service === 'https')).toBe(true);
    expect(tlsResults.find((r) => r.checkId === 'tls.cert.trust')?.status).toBe('pass');
  });

  it('is not_applicable when every port is excluded', async () => {
    const ports: Record<number, false> = {};
    for (const service of RISKY_SERVICES) ports[service.port] = false;
    const results = byCheck(await hostScan(ports), 'exposure.service');
    expect(results).toMatchObject([{ status: 'not_applicable' }]);
  });
});
