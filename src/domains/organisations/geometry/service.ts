import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { OrganisationType } from '../../../platform/db/schema.ts';
import { organisationInScope, scopeFor } from '../../../platform/policy/policy.ts';
import type { BoundaryFile } from './parse.ts';

export interface GeometryImportResult {
  format: BoundaryFile['format'];
  features: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Features whose key names no organisation of Bastei (e.g. Gemeinden inside a Verbandsgemeinde). */
  unmatched: number;
  /** Further features for an organisation that an earlier feature of the file already gave. */
  duplicates: number;
  skipped: BoundaryFile['skipped'];
}

/** The AGS of a Gemeinde is its ARS without the 4-digit Verband part; Verbände have none. */
const agsOfArs = (ars: string) =>
  ars.endsWith('0000000') ? ars.slice(0, 5).replace(/0{3}$/, '') : `${ars.slice(0, 5)}${ars.slice(9)}`;

/**
 * Stores the boundaries of a parsed file for the organisations its keys name (ARS first, then
 * AGS where it is unambiguous). All or nothing in one transaction; an unchanged geometry is not
 * rewritten, so importing the same file twice reports everything unchanged.
 */
export async function importGeometry(
  ctx: RequestContext,
  file: BoundaryFile,
  options: { source: string; attribution?: string | null },
): Promise<GeometryImportResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const organisations = await trx
      .selectFrom('organisations')
      .select(['id', 'ars'])
      .where('ars', 'is not', null)
      .execute();
    const byArs = new Map<string, string>();
    const byAgs = new Map<string, string | null>();
    for (const o of organisations) {
      const ars = o.ars as string;
      byArs.set(ars, o.id);
      const ags = agsOfArs(ars);
      // a key two organisations share (several Verbände of one Kreis) matches none of them
      byAgs.set(ags, byAgs.has(ags) ? null : o.id);
    }
    const existing = new Map(
      (await trx.selectFrom('organisation_geometries').select(['organisation_id', 'sha256']).execute()).map(
        (r) => [r.organisation_id, r.sha256],
      ),
    );
    const result: GeometryImportResult = {
      format: file.format,
      features: file.features.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      unmatched: 0,
      duplicates: 0,
      skipped: file.skipped,
    };
    const seen = new Set<string>();
    for (const f of file.features) {
      const organisationId =
        (f.ars ? byArs.get(f.ars) : undefined) ?? (f.ags ? (byAgs.get(f.ags) ?? undefined) : undefined);
      if (!organisationId) {
        result.unmatched++;
        continue;
      }
      if (seen.has(organisationId)) {
        result.duplicates++;
        continue;
      }
      seen.add(organisationId);
      const json = JSON.stringify(f.geometry);
      const sha256 = createHash('sha256').update(json).digest('hex');
      const previous = existing.get(organisationId);
      if (previous === sha256) {
        result.unchanged++;
        continue;
      }
      await trx
        .insertInto('organisation_geometries')
        .values({
          organisation_id: organisationId,
          geometry: json,
          sha256,
          source: options.source,
          attribution: options.attribution ?? null,
        })
        .onConflict((oc) =>
          oc.column('organisation_id').doUpdateSet((eb) => ({
            geometry: eb.ref('excluded.geometry'),
            sha256: eb.ref('excluded.sha256'),
            source: eb.ref('excluded.source'),
            attribution: eb.ref('excluded.attribution'),
            imported_at: sql<Date>`now()`,
          })),
        )
        .execute();
      if (previous) result.updated++;
      else result.created++;
    }
    if (result.created + result.updated > 0) {
      await recordAudit(ctx, trx, {
        action: 'organisation.geometry_import',
        resourceType: 'organisation_geometry',
        after: {
          source: options.source,
          attribution: options.attribution ?? null,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          unmatched: result.unmatched,
        },
      });
    }
    return result;
  });
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  /** The licences' attribution texts of the boundaries shown (foreign member, RFC 7946 §6.1). */
  attributions: string[];
  features: {
    type: 'Feature';
    id: string;
    properties: { organisationId: string; ars: string | null; name: string; type: OrganisationType };
    geometry: unknown;
  }[];
}

/** Boundaries of the organisations the caller may read, as one GeoJSON FeatureCollection. */
export async function listBoundaries(
  ctx: RequestContext,
  filter: { type?: OrganisationType; within?: string },
): Promise<BoundaryCollection> {
  const scope = scopeFor(ctx, 'organisation.read');
  let query = ctx.db
    .selectFrom('organisation_geometries')
    .innerJoin('organisations', 'organisations.id', 'organisation_geometries.organisation_id')
    .select([
      'organisations.id',
      'organisations.ars',
      'organisations.name',
      'organisations.type',
      'organisation_geometries.geometry',
      'organisation_geometries.attribution',
    ])
    .where((eb) => organisationInScope(eb, eb.ref('organisations.id'), scope));
  if (filter.type) query = query.where('organisations.type', '=', filter.type);
  if (filter.within) {
    const within = filter.within;
    query = query.where((eb) =>
      eb.or([
        eb('organisations.id', '=', within),
        sql<boolean>`${within}::uuid = ANY(${sql.ref('organisations.ancestor_ids')})`,
      ]),
    );
  }
  const rows = await query.orderBy('organisations.ars').execute();
  const attributions = [...new Set(rows.map((r) => r.attribution).filter((a): a is string => !!a))];
  return {
    type: 'FeatureCollection',
    attributions,
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      properties: { organisationId: r.id, ars: r.ars, name: r.name, type: r.type },
      geometry: r.geometry,
    })),
  };
}
