import { recordAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { NewOrganisation, OrganisationRow, OrganisationType } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertAnyPermission, assertPermitted, scopeFor } from '../../platform/policy/policy.ts';
import { presentOrganisation } from './presenter.ts';
import type { RegisterUnit } from './register/register.ts';
import {
  findOrganisationById,
  findOrganisations,
  findOrganisationsByArs,
  insertOrganisation,
  updateOrganisation,
} from './repository.ts';
import type { CreateOrganisationInput, OrganisationListFilter } from './schemas.ts';

export async function listOrganisations(ctx: RequestContext, filter: OrganisationListFilter) {
  const scope = scopeFor(ctx, 'organisation.read');
  const { rows, total } = await findOrganisations(ctx.db, scope, filter);
  return { items: rows.map(presentOrganisation), total, limit: filter.limit, offset: filter.offset };
}

export async function getOrganisation(ctx: RequestContext, id: string) {
  const row = await findOrganisationById(ctx.db, scopeFor(ctx, 'organisation.read'), id);
  if (!row) throw notFound('Die Organisation');
  return presentOrganisation(row);
}

/** Organisations outside the official register: service providers, CERTs, the federal office. */
export async function createOrganisation(ctx: RequestContext, input: CreateOrganisationInput) {
  assertAnyPermission(ctx, 'organisation.manage');
  return ctx.db.transaction().execute(async (trx) => {
    let parent: OrganisationRow | undefined;
    if (input.parentId) {
      parent = await findOrganisationById(trx, scopeFor(ctx, 'organisation.read'), input.parentId);
      if (!parent) throw notFound('Die übergeordnete Organisation');
    }
    assertPermitted(ctx, 'organisation.manage', parent ?? null);
    const row = await insertOrganisation(trx, {
      type: input.type,
      subtype: null,
      ars: null,
      name: input.name,
      short_name: input.shortName ?? input.name,
      parent_id: parent?.id ?? null,
      ancestor_ids: parent ? [...parent.ancestor_ids, parent.id] : [],
      population: null,
      area_ha: null,
    });
    const dto = presentOrganisation(row);
    await recordAudit(ctx, trx, {
      action: 'organisation.create',
      resourceType: 'organisation',
      resourceId: row.id,
      organisationId: row.id,
      after: dto,
    });
    return dto;
  });
}

export interface RegisterImportResult {
  created: number;
  updated: number;
  unchanged: number;
  total: number;
}

const LEVEL_ORDER: Record<RegisterUnit['kind'], number> = { state: 0, district: 1, municipality: 2 };
const TYPE_OF_KIND: Record<RegisterUnit['kind'], OrganisationType> = {
  state: 'state',
  district: 'district',
  municipality: 'municipality',
};

/**
 * Creates or updates organisations from the official register, keyed by ARS, in one
 * transaction: a second run with the same file changes nothing. States hang below the federal
 * organisation when one exists.
 */
export async function importRegisterUnits(
  ctx: RequestContext,
  units: RegisterUnit[],
): Promise<RegisterImportResult> {
  assertAnyPermission(ctx, 'organisation.manage');
  assertPermitted(ctx, 'organisation.manage', null);
  // Members of an association come after the association, which is itself a municipality.
  const associationArs = new Set(units.filter((u) => u.kind === 'municipality').map((u) => u.ars));
  const depthOf = (u: RegisterUnit) =>
    LEVEL_ORDER[u.kind] + (u.parentArs && associationArs.has(u.parentArs) ? 1 : 0);
  const ordered = [...units].sort((a, b) => depthOf(a) - depthOf(b));
  return ctx.db.transaction().execute(async (trx) => {
    const federal = await trx
      .selectFrom('organisations')
      .selectAll()
      .where('type', '=', 'federal')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    const byArs = new Map<string, OrganisationRow>();
    for (let i = 0; i < ordered.length; i += 1000) {
      const chunk = ordered.slice(i, i + 1000).map((u) => u.ars);
      for (const row of await findOrganisationsByArs(trx, chunk)) if (row.ars) byArs.set(row.ars, row);
    }
    const result: RegisterImportResult = { created: 0, updated: 0, unchanged: 0, total: ordered.length };
    const createdArs: string[] = [];
    const updatedArs: string[] = [];
    for (const unit of ordered) {
      let parent: OrganisationRow | undefined = federal;
      if (unit.parentArs) {
        parent = byArs.get(unit.parentArs);
        if (!parent) {
          throw new AppError('validation-failed', {
            detail: `Die übergeordnete Einheit ${unit.parentArs} von ${unit.ars} (${unit.name}) fehlt in der Datei und in der Datenbank.`,
          });
        }
      }
      const values: Omit<NewOrganisation, 'ars'> = {
        type: TYPE_OF_KIND[unit.kind],
        subtype: unit.subtype,
        name: unit.name,
        short_name: unit.shortName,
        parent_id: parent?.id ?? null,
        ancestor_ids: parent ? [...parent.ancestor_ids, parent.id] : [],
        population: unit.population ?? null,
        area_ha: unit.areaHa ?? null,
      };
      const existing = byArs.get(unit.ars);
      if (!existing) {
        byArs.set(unit.ars, await insertOrganisation(trx, { ...values, ars: unit.ars }));
        result.created++;
        createdArs.push(unit.ars);
      } else if (differs(existing, values)) {
        byArs.set(unit.ars, await updateOrganisation(trx, existing.id, values));
        result.updated++;
        updatedArs.push(unit.ars);
      } else {
        result.unchanged++;
      }
    }
    if (result.created + result.updated > 0) {
      await recordAudit(ctx, trx, {
        action: 'organisation.import',
        resourceType: 'organisation',
        after: { ...result, createdArs, updatedArs },
      });
    }
    return result;
  });
}

function differs(row: OrganisationRow, values: Omit<NewOrganisation, 'ars'>): boolean {
  return (
    row.type !== values.type ||
    row.subtype !== values.subtype ||
    row.name !== values.name ||
    row.short_name !== values.short_name ||
    row.parent_id !== values.parent_id ||
    row.population !== values.population ||
    row.area_ha !== values.area_ha ||
    row.ancestor_ids.join() !== (values.ancestor_ids ?? []).join()
  );
}
