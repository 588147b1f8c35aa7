/**
 * One poll of one CSAF provider: read its provider-metadata.json, load the listed keys, walk its
 * ROLIE feeds and directories, and hand every new or changed advisory whose integrity checks
 * pass to the importer. Entries already fetched with the same `updated` value are skipped. A
 * failing feed or document is reported and the rest goes on: one broken file must not stop the
 * warnings of the others.
 */
import { OutboundError, type OutboundResponse } from '../../../platform/outbound/safe-fetch.ts';
import {
  type FeedEntry,
  feedSources,
  parseChangesCsv,
  parseProviderMetadata,
  parseRolieFeed,
} from './discovery.ts';
import { type Check, checkHash, checkSignature, IntegrityError, trustedKeys } from './verify.ts';

export interface FetchedDocument {
  providerUrl: string;
  documentUrl: string;
  updated: string | null;
  bytes: Buffer;
  hash: Check;
  signature: Check;
}

export interface PollDependencies {
  fetch: (url: string) => Promise<OutboundResponse>;
  /** Whether this document with this `updated` value was handled before. */
  alreadyHandled: (documentUrl: string, updated: string | null) => Promise<boolean>;
  importDocument: (
    document: FetchedDocument,
  ) => Promise<{ outcome: 'imported' | 'unchanged'; advisoryId?: string }>;
  /** Remembers the outcome of one entry (imported, unchanged or rejected with its reason). */
  recordEntry: (entry: {
    documentUrl: string;
    updated: string | null;
    outcome: 'imported' | 'unchanged' | 'rejected';
    detail: string | null;
    advisoryId: string | null;
  }) => Promise<void>;
}

export interface PollReport {
  provider: string;
  publisher: string | null;
  sources: number;
  entries: number;
  imported: number;
  unchanged: number;
  skipped: number;
  rejected: { url: string; reason: string }[];
  errors: { url: string; reason: string }[];
}

async function fetchOk(deps: PollDependencies, url: string): Promise<Buffer> {
  const response = await deps.fetch(url);
  if (response.status < 200 || response.status >= 300) {
    throw new OutboundError(url, 'status', `${url} antwortet mit HTTP ${response.status}.`);
  }
  return response.body;
}

/** A companion file (hash, signature) that may legitimately be missing: 404 means absent. */
async function fetchOptional(deps: PollDependencies, url: string | null): Promise<string | null> {
  if (!url) return null;
  const response = await deps.fetch(url);
  if (response.status === 404 || response.status === 410) return null;
  if (response.status < 200 || response.status >= 300) {
    throw new OutboundError(url, 'status', `${url} antwortet mit HTTP ${response.status}.`);
  }
  return response.body.toString('utf8');
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function pollProvider(
  providerUrl: string,
  deps: PollDependencies,
  options: { maxEntries?: number } = {},
): Promise<PollReport> {
  const report: PollReport = {
    provider: providerUrl,
    publisher: null,
    sources: 0,
    entries: 0,
    imported: 0,
    unchanged: 0,
    skipped: 0,
    rejected: [],
    errors: [],
  };
  const metadata = parseProviderMetadata(await fetchOk(deps, providerUrl));
  report.publisher = metadata.publisher.name;

  const listed = (metadata.public_openpgp_keys ?? []).map((k) => k.fingerprint);
  const armored: string[] = [];
  for (const key of metadata.public_openpgp_keys ?? []) {
    if (!key.url) continue;
    try {
      armored.push((await fetchOk(deps, key.url)).toString('utf8'));
    } catch (error) {
      report.errors.push({ url: key.url, reason: reasonOf(error) });
    }
  }
  const { keys, rejected: rejectedKeys } = await trustedKeys(armored, listed);
  for (const reason of rejectedKeys) report.errors.push({ url: providerUrl, reason });

  const entries: FeedEntry[] = [];
  const sources = feedSources(metadata);
  report.sources = sources.length;
  for (const source of sources) {
    try {
      if (source.kind === 'rolie') {
        entries.push(...parseRolieFeed(await fetchOk(deps, source.url), source.url));
      } else {
        const base = source.url.endsWith('/') ? source.url : `${source.url}/`;
        entries.push(...parseChangesCsv((await fetchOk(deps, `${base}changes.csv`)).toString('utf8'), base));
      }
    } catch (error) {
      report.errors.push({ url: source.url, reason: reasonOf(error) });
    }
  }
  const unique = [...new Map(entries.map((e) => [e.documentUrl, e])).values()];
  report.entries = unique.length;

  let handled = 0;
  for (const entry of unique) {
    if (await deps.alreadyHandled(entry.documentUrl, entry.updated)) {
      report.skipped++;
      continue;
    }
    if (handled >= (options.maxEntries ?? 200)) break;
    handled++;
    try {
      const bytes = await fetchOk(deps, entry.documentUrl);
      const hashFile = await fetchOptional(deps, entry.hashUrl);
      const signatureFile = await fetchOptional(deps, entry.signatureUrl);
      const hash = checkHash(bytes, hashFile, entry.hashAlgorithm ?? 'sha512');
      const signature = await checkSignature(bytes, signatureFile, keys);
      if (metadata.role === 'csaf_trusted_provider' && signature === 'absent') {
        throw new IntegrityError(
          'signature',
          'Ein csaf_trusted_provider muss jedes Dokument signieren; die Signatur fehlt.',
        );
      }
      const result = await deps.importDocument({
        providerUrl,
        documentUrl: entry.documentUrl,
        updated: entry.updated,
        bytes,
        hash,
        signature,
      });
      if (result.outcome === 'imported') report.imported++;
      else report.unchanged++;
      await deps.recordEntry({
        documentUrl: entry.documentUrl,
        updated: entry.updated,
        outcome: result.outcome,
        detail: `hash ${hash}, signature ${signature}`,
        advisoryId: result.advisoryId ?? null,
      });
    } catch (error) {
      const reason = reasonOf(error);
      if (error instanceof OutboundError) {
        // network trouble: not remembered, the next poll tries again
        report.errors.push({ url: entry.documentUrl, reason });
        continue;
      }
      const status = (error as { status?: number }).status;
      if (error instanceof IntegrityError || status === 400 || status === 413) {
        report.rejected.push({ url: entry.documentUrl, reason });
        await deps.recordEntry({
          documentUrl: entry.documentUrl,
          updated: entry.updated,
          outcome: 'rejected',
          detail: reason,
          advisoryId: null,
        });
        continue;
      }
      throw error;
    }
  }
  return report;
}
