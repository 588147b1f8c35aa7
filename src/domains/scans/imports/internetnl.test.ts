import { describe, expect, it } from 'vitest';
import { parseInternetNl } from './internetnl.ts';
import { collect, expectScanImportError, hasSample, readSample } from './test-support.ts';

const WEB = 'internetnl/internetnl_batch_v2_web_rpki.json';
const MAIL = 'internetnl/internetnl_batch_v2_mail_rpki.json';

describe('parseInternetNl with the dashboard fixtures', () => {
  // jq '.[].results.tests | length': 36 tests each; web all "passed", mail 35 passed + 1 warning.
  it.skipIf(!hasSample(WEB))('web: 36 passed tests, no findings', async () => {
    const { summary, findings } = await collect(parseInternetNl(readSample(WEB)));
    expect(findings).toHaveLength(0);
    expect(summary).toMatchObject({
      format: 'internetnl',
      hosts: ['internet.nl'],
      coveredTargets: [{ host: 'internet.nl' }],
      findingsCount: 0,
      recordsTotal: 36,
      recordCounts: { passed: 36 },
    });
  });

  it.skipIf(!hasSample(MAIL))('mail: the one warning becomes a low finding', async () => {
    const { summary, findings } = await collect(parseInternetNl(readSample(MAIL)));
    expect(findings).toEqual([
      {
        host: 'internet.nl',
        hostname: 'internet.nl',
        checkId: 'mail_starttls_tls_ciphers',
        title: 'internet.nl mail_starttls_tls_ciphers: warning (phase-out)',
        description:
          'The internet.nl test mail_starttls_tls_ciphers reported status "warning" with verdict "phase-out".',
        cves: [],
        severity: 'low',
        evidence: 'status=warning, verdict=phase-out',
        references: ['https://dev.batch.internet.nl/mail/internet.nl/84789/'],
        source: 'internetnl',
        raw: {
          status: 'warning',
          verdict: 'phase-out',
          category: 'mail_starttls',
          categoryStatus: 'passed',
          scorePercentage: 100,
        },
      },
    ]);
    expect(summary).toMatchObject({
      recordsTotal: 36,
      recordCounts: { passed: 35, warning: 1 },
      findingsCount: 1,
    });
  });
});

describe('parseInternetNl with the full batch response', () => {
  const response = {
    request: {
      api_version: '2.4.0',
      request_id: 'abc',
      request_type: 'web',
      submit_date: '2026-11-01T10:00:00.000000+00:00',
      finished_date: '2026-11-01T10:30:00.000000+00:00',
    },
    domains: {
      'www.gemeinde.example': {
        status: 'ok',
        report: { url: 'https://batch.internet.nl/site/www.gemeinde.example/1/' },
        scoring: { percentage: 61 },
        results: {
          categories: {
            web_https: { verdict: 'failed', status: 'failed' },
            web_appsecpriv: { status: 'warning' },
          },
          tests: {
            web_https_http_hsts: { status: 'failed', verdict: 'bad' },
            web_appsecpriv_securitytxt: { status: 'info', verdict: 'bad' },
            web_https_tls_0rtt: { status: 'not_tested', verdict: 'not-tested' },
            web_https_dane_exist: { status: 'good_not_tested' },
          },
        },
      },
      'alt.gemeinde.example': { status: 'unreachable' },
    },
  };

  it('maps failed/info tests, skips untested ones and untestable domains', async () => {
    const { summary, findings } = await collect(parseInternetNl(JSON.stringify(response)));
    expect(findings.map((f) => [f.host, f.checkId, f.severity, f.raw?.category])).toEqual([
      ['www.gemeinde.example', 'web_https_http_hsts', 'medium', 'web_https'],
      ['www.gemeinde.example', 'web_appsecpriv_securitytxt', 'info', 'web_appsecpriv'],
    ]);
    expect(summary).toMatchObject({
      scannerVersion: 'batch API 2.4.0',
      startedAt: '2026-11-01T10:00:00.000Z',
      endedAt: '2026-11-01T10:30:00.000Z',
      hosts: ['www.gemeinde.example'],
      coveredTargets: [{ host: 'www.gemeinde.example' }],
      recordsTotal: 5,
      recordCounts: { failed: 1, info: 1, not_tested: 1, good_not_tested: 1, 'domain:unreachable': 1 },
    });
  });

  it('rejects documents of another shape', async () => {
    const error = await expectScanImportError(() => collect(parseInternetNl('{"a": 1}')));
    expect(error).toMatchObject({ format: 'internetnl', reason: 'invalid-record' });
    await expectScanImportError(() => collect(parseInternetNl('[]')));
  });
});
