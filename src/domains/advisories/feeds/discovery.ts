/**
 * What a CSAF provider publishes (CSAF 2.0 §7): its provider-metadata.json names ROLIE feeds
 * and/or directories and the OpenPGP keys that sign the advisories. This module turns those
 * documents into a list of advisory entries with the URLs of their hash and signature files.
 * Parsing is tolerant where real providers deviate harmlessly (CISA writes `"ref": "hash"` where
 * the ROLIE profile says `rel`) and strict where it matters (URLs, keys).
 */
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';

const Url = z.url({ protocol: /^https?$/ });

const ProviderMetadata = z.object({
  canonical_url: Url,
  metadata_version: z.string(),
  role: z.enum(['csaf_publisher', 'csaf_provider', 'csaf_trusted_provider']),
  publisher: z.object({ name: z.string(), namespace: Url, category: z.string() }),
  last_updated: z.string().optional(),
  distributions: z
    .array(
      z.object({
        directory_url: Url.optional(),
        rolie: z
          .object({
            feeds: z
              .array(z.object({ url: Url, tlp_label: z.string(), summary: z.string().optional() }))
              .min(1),
          })
          .optional(),
      }),
    )
    .optional(),
  public_openpgp_keys: z
    .array(z.object({ fingerprint: z.string().regex(/^[0-9A-Fa-f]{40,}$/), url: Url.optional() }))
    .optional(),
});
export type ProviderMetadata = z.infer<typeof ProviderMetadata>;

export interface FeedSource {
  kind: 'rolie' | 'directory';
  url: string;
  /** TLP v1 label of a ROLIE feed as the provider states it. */
  tlpLabel: string | null;
}

export interface FeedEntry {
  documentUrl: string;
  /** As the feed states it (ISO 8601); a changed value means a new revision to fetch. */
  updated: string | null;
  hashUrl: string | null;
  hashAlgorithm: 'sha512' | 'sha256' | null;
  signatureUrl: string | null;
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new AppError('validation-failed', {
      detail: `${what} ist kein gültiges JSON: ${(error as Error).message}`,
    });
  }
}

function zodDetail(what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${what} ist ungültig: /${issue?.path.join('/') ?? ''} ${issue?.message ?? ''}`.trim();
}

export function parseProviderMetadata(bytes: Buffer): ProviderMetadata {
  const parsed = ProviderMetadata.safeParse(parseJson(bytes, 'provider-metadata.json'));
  if (!parsed.success)
    throw new AppError('validation-failed', { detail: zodDetail('provider-metadata.json', parsed.error) });
  return parsed.data;
}

/** The feeds and directories of a provider, each once. */
export function feedSources(metadata: ProviderMetadata): FeedSource[] {
  const sources: FeedSource[] = [];
  const seen = new Set<string>();
  for (const distribution of metadata.distributions ?? []) {
    for (const feed of distribution.rolie?.feeds ?? []) {
      if (!seen.has(feed.url)) sources.push({ kind: 'rolie', url: feed.url, tlpLabel: feed.tlp_label });
      seen.add(feed.url);
    }
    if (distribution.directory_url && !seen.has(distribution.directory_url)) {
      sources.push({ kind: 'directory', url: distribution.directory_url, tlpLabel: null });
      seen.add(distribution.directory_url);
    }
  }
  return sources;
}

const RolieLink = z.object({ href: z.string(), rel: z.string().optional(), ref: z.string().optional() });
const RolieFeed = z.object({
  feed: z.object({
    entry: z
      .array(
        z.object({
          updated: z.string().optional(),
          content: z.object({ src: z.string() }).optional(),
          link: z.array(RolieLink).optional(),
        }),
      )
      .default([]),
  }),
});

function absolute(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

function hashAlgorithmOf(url: string): 'sha512' | 'sha256' | null {
  if (url.endsWith('.sha512')) return 'sha512';
  if (url.endsWith('.sha256')) return 'sha256';
  return null;
}

export function parseRolieFeed(bytes: Buffer, feedUrl: string): FeedEntry[] {
  const parsed = RolieFeed.safeParse(parseJson(bytes, `ROLIE-Feed ${feedUrl}`));
  if (!parsed.success)
    throw new AppError('validation-failed', { detail: zodDetail(`ROLIE-Feed ${feedUrl}`, parsed.error) });
  const entries: FeedEntry[] = [];
  for (const entry of parsed.data.feed.entry) {
    const links = entry.link ?? [];
    const relOf = (l: z.infer<typeof RolieLink>) => l.rel ?? l.ref ?? '';
    const self = links.find((l) => relOf(l) === 'self')?.href ?? entry.content?.src;
    const documentUrl = self ? absolute(self, feedUrl) : null;
    if (!documentUrl) continue;
    // prefer the stronger hash when both are listed
    const hashes = links
      .filter((l) => relOf(l) === 'hash')
      .map((l) => absolute(l.href, feedUrl))
      .filter((u): u is string => u !== null && hashAlgorithmOf(u) !== null)
      .sort(
        (a, b) => (hashAlgorithmOf(a) === 'sha512' ? -1 : 0) - (hashAlgorithmOf(b) === 'sha512' ? -1 : 0),
      );
    const signature = links.find((l) => relOf(l) === 'signature');
    entries.push({
      documentUrl,
      updated: entry.updated ?? null,
      hashUrl: hashes[0] ?? null,
      hashAlgorithm: hashes[0] ? hashAlgorithmOf(hashes[0]) : null,
      signatureUrl: signature ? absolute(signature.href, feedUrl) : null,
    });
  }
  return entries;
}

/**
 * A directory distribution lists its advisories in `changes.csv` ("path","timestamp", newest
 * first). Hash and signature files sit beside each document under the CSAF naming rule.
 */
export function parseChangesCsv(text: string, directoryUrl: string): FeedEntry[] {
  const base = directoryUrl.endsWith('/') ? directoryUrl : `${directoryUrl}/`;
  const entries: FeedEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^"?([^",]+\.json)"?\s*,\s*"?([^"]*)"?\s*$/.exec(line.trim());
    if (!match) continue;
    const documentUrl = absolute(match[1] as string, base);
    if (!documentUrl?.startsWith(base)) continue;
    entries.push({
      documentUrl,
      updated: match[2] || null,
      hashUrl: `${documentUrl}.sha512`,
      hashAlgorithm: 'sha512',
      signatureUrl: `${documentUrl}.asc`,
    });
  }
  return entries;
}
