/**
 * Streaming import benchmark: generates a ~50 MB Greenbone report in a temp dir and parses it with
 * parseGreenbone, printing wall time and peak RSS. Goal: < 10 s and < 200 MB.
 *
 *   npx tsx bench/scan-import.bench.ts [megabytes]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportedReportSummary } from '../src/domains/scans/imports/finding.ts';
import { parseGreenbone } from '../src/domains/scans/imports/greenbone.ts';
import { writeSyntheticGreenboneReport } from '../src/domains/scans/imports/synthetic.ts';

const megabytes = Number(process.argv[2] ?? 50);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const dir = await mkdtemp(join(tmpdir(), 'bastei-scan-bench-'));
try {
  const report = await writeSyntheticGreenboneReport(join(dir, 'report.xml'), megabytes * 1024 * 1024);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);

  const started = performance.now();
  const items = parseGreenbone(createReadStream(report.path));
  let findings = 0;
  let summary: ImportedReportSummary;
  while (true) {
    const step = await items.next();
    if (step.done) {
      summary = step.value;
      break;
    }
    if (step.value.kind === 'finding') findings += 1;
    // Let the sampler run now and then; a real consumer would await DB writes here.
    if (findings % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  if (findings !== report.results) throw new Error(`expected ${report.results} findings, got ${findings}`);
  console.log(`report:    ${mb(report.bytes)} MB, ${report.results} results, ${report.hosts} hosts`);
  console.log(`parsed:    ${findings} findings, ${summary.hosts.length} hosts in the summary`);
  console.log(
    `time:      ${seconds.toFixed(2)} s (${(report.bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s)`,
  );
  console.log(`RSS:       before ${mb(rssBefore)} MB, peak while parsing ${mb(peakRss)} MB`);
  console.log(
    `maxRSS:    ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB (whole process, incl. generation and tsx)`,
  );
  console.log(
    `goal:      < 10 s and < 200 MB -> ${seconds < 10 && peakRss < 200 * 1024 * 1024 ? 'met' : 'NOT met'}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
