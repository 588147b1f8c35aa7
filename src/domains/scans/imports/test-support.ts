/**
 * Helpers for the importer tests. The real scanner samples live outside the repository in
 * /work/shared/reference/scans (see SOURCES.md there); they are read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ScanImportError } from './errors.ts';
import type { ImportedFinding, ImportedItem, ImportedReportSummary, ImportedService } from './finding.ts';

export const SAMPLES_URL = new URL('../../../../../shared/reference/scans/', import.meta.url);
export const SAMPLES_DIR = fileURLToPath(SAMPLES_URL);

const warned = new Set<string>();

/** Absolute path of a sample, or undefined (with one console.warn saying why) when it is missing. */
export function samplePath(relative: string): string | undefined {
  const path = fileURLToPath(new URL(relative, SAMPLES_URL));
  if (existsSync(path)) return path;
  if (!warned.has(relative)) {
    warned.add(relative);
    console.warn(
      `skipping tests that need the scanner sample ${relative}: not found at ${path} ` +
        '(the shared reference folder is not available here, or the file was removed)',
    );
  }
  return undefined;
}

export function hasSample(relative: string): boolean {
  return samplePath(relative) !== undefined;
}

export function readSample(relative: string): Buffer {
  const path = samplePath(relative);
  if (!path) throw new Error(`sample ${relative} is missing`);
  return readFileSync(path);
}

/** Feeds `bytes` in chunks of `size` bytes, to prove results do not depend on chunk boundaries. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export interface Collected {
  summary: ImportedReportSummary;
  findings: ImportedFinding[];
  services: ImportedService[];
}

export async function collect(
  items: AsyncGenerator<ImportedItem, ImportedReportSummary, undefined>,
): Promise<Collected> {
  const findings: ImportedFinding[] = [];
  const services: ImportedService[] = [];
  while (true) {
    const step = await items.next();
    if (step.done) return { summary: step.value, findings, services };
    if (step.value.kind === 'finding') findings.push(step.value.finding);
    else services.push(step.value.service);
  }
}

/** Runs `run` and returns the ScanImportError it must throw (fails the test otherwise). */
export async function expectScanImportError(run: () => Promise<unknown>): Promise<ScanImportError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScanImportError);
    return error as ScanImportError;
  }
  throw new Error('expected a ScanImportError, but the import succeeded');
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
