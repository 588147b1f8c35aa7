/**
 * Asset inventory of a Kommune: domains, hosts, services (port/protocol, what listens) and the
 * products installed anywhere in its administration. The Kommune's ISB, the programme managers
 * of its state and admins edit it; members, assigned auditors and the state CERT read it.
 *
 * Objects outside the read scope answer 404, visible ones with a forbidden action 403, duplicates
 * 409. Every write runs in one transaction with its audit record; inventory writes of one
 * organisation are serialised (lockInventory) so unique keys are checked, not raced.
 */
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorUserId, type RequestContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { AssetKind, OrganisationRow } from '../../platform/db/schema.ts';
import { AppError, type FieldError, notFound } from '../../platform/errors.ts';
import { assertPermitted, type Permission, scopeFor } from '../../platform/policy/policy.ts';
// advisories are matched against installed products: every inventory change re-matches the Kommune
import { rematchOrganisation } from '../advisories/service.ts';
import { findOrganisationById } from '../organisations/repository.ts';
import { canonicalIp, isWithinDomain } from './names.ts';
import { presentAsset, presentInstalledProduct } from './presenter.ts';
import {
  type AssetRecord,
  countAssetSubtree,
  findAssetById,
  findAssetByKey,
  findAssets,
  findEnclosingDomains,
  findInstalledProductById,
  findInstalledProductByKey,
  findInstalledProducts,
  type InstalledProductRecord,
  lockInventory,
} from './repository.ts';
import type {
  AssetListFilter,
  AssetPatchInput,
  CreateAssetInput,
  CreateInstalledProductInput,
  InstalledProductListFilter,
  InstalledProductPatchInput,
} from './schemas.ts';
import { type FieldProblem, validateAssetFields, validateProductFields } from './validate.ts';

export const readScope = (ctx: RequestContext) => scopeFor(ctx, 'asset.read');

/** The organisation if the caller may read its inventory (else 404), checked for `permission` (else 403). */
export async function loadOrganisation(
  ctx: RequestContext,
  db: Executor,
  id: string,
  permission?: Permission,
): Promise<OrganisationRow> {
  const organisation = await findOrganisationById(db, readScope(ctx), id);
  if (!organisation) throw notFound('Die Organisation');
  if (permission) assertPermitted(ctx, permission, organisation);
  return organisation;
}

export function permit(
  ctx: RequestContext,
  permission: Permission,
  row: { organisation_id: string; organisation_ancestor_ids: string[] },
) {
  assertPermitted(ctx, permission, { id: row.organisation_id, ancestor_ids: row.organisation_ancestor_ids });
}

export function invalid(problems: FieldProblem[], prefix = '/body'): AppError {
  const errors: FieldError[] = problems.map((p) => ({ pointer: `${prefix}/${p.field}`, message: p.message }));
  return new AppError('validation-failed', {
    detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
    errors,
  });
}

async function loadAsset(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findAssetById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Das Asset');
  return row;
}

const describeAsset = (a: { kind: AssetKind; name: string; port: number | null; protocol: string | null }) =>
  a.kind === 'service' ? `${a.name}:${a.port}/${a.protocol}` : a.name;

const snapshot = (a: AssetRecord) => ({
  kind: a.kind,
  name: a.name,
  port: a.port,
  protocol: a.protocol,
  product: a.product,
  parentId: a.parent_id,
  notes: a.notes,
});

/** The longest domain of the inventory that contains `name` (not `name` itself), for DNS names only. */
export async function enclosingDomain(
  db: Executor,
  ctx: RequestContext,
  organisationId: string,
  name: string,
): Promise<AssetRecord | undefined> {
  if (canonicalIp(name)) return undefined;
  const domains = await findEnclosingDomains(db, readScope(ctx), organisationId, name);
  return domains.find((d) => d.name !== name);
}

/** Checks a requested parent: same organisation, the right kind, and the name fits under it. */
async function checkParent(
  ctx: RequestContext,
  db: Executor,
  organisationId: string,
  kind: AssetKind,
  name: string,
  parentId: string,
): Promise<AssetRecord> {
  const parent = await findAssetById(db, readScope(ctx), parentId);
  const problem = (message: string) => invalid([{ field: 'parentId', message }]);
  if (!parent || parent.organisation_id !== organisationId) {
    throw problem('Das übergeordnete Asset gibt es in dieser Organisation nicht.');
  }
  if (kind === 'service') {
    if (parent.kind !== 'host') throw problem('Ein Dienst gehört zu einem Host.');
    if (parent.name !== name)
      throw problem(`Der Dienst muss den Namen seines Hosts tragen (${parent.name}).`);
  } else {
    if (parent.kind !== 'domain') throw problem('Übergeordnet ist hier nur eine Domain.');
    const dnsName = !canonicalIp(name);
    if ((kind === 'domain' || dnsName) && (parent.name === name || !isWithinDomain(name, parent.name))) {
      throw problem(`${name} liegt nicht unter der Domain ${parent.name}.`);
    }
  }
  return parent;
}

async function assertFree(
  ctx: RequestContext,
  db: Executor,
  organisationId: string,
  key: { kind: AssetKind; name: string; port: number | null; protocol: 'tcp' | 'udp' | null },
  exceptId?: string,
) {
  const existing = await findAssetByKey(db, readScope(ctx), organisationId, key);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', {
      detail: `${describeAsset(key)} (${key.kind}) ist bereits im Bestand erfasst.`,
      extensions: { existingId: existing.id },
    });
  }
}

export async function insertAsset(
  ctx: RequestContext,
  trx: Tx,
  values: {
    organisation_id: string;
    kind: AssetKind;
    name: string;
    port: number | null;
    protocol: 'tcp' | 'udp' | null;
    product: string | null;
    parent_id: string | null;
    notes: string | null;
  },
) {
  return trx
    .insertInto('assets')
    .values({ ...values, created_by: actorUserId(ctx.actor) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The host of a service: by id, else by name; created (under its domain) when missing. */
async function hostForService(
  ctx: RequestContext,
  trx: Tx,
  organisationId: string,
  name: string | null,
  parentId: string | null | undefined,
): Promise<{ host: AssetRecord | { id: string; name: string }; created: boolean }> {
  if (parentId) {
    const parent = await findAssetById(trx, readScope(ctx), parentId);
    if (!parent || parent.organisation_id !== organisationId || parent.kind !== 'host') {
      throw invalid([{ field: 'parentId', message: 'Ein Dienst gehört zu einem Host dieser Organisation.' }]);
    }
    if (name !== null && name !== parent.name) {
      throw invalid([
        { field: 'name', message: `Der Dienst muss den Namen seines Hosts tragen (${parent.name}).` },
      ]);
    }
    return { host: parent, created: false };
  }
  if (name === null) throw invalid([{ field: 'name', message: 'Name oder parentId des Hosts angeben.' }]);
  const existing = await findAssetByKey(trx, readScope(ctx), organisationId, {
    kind: 'host',
    name,
    port: null,
    protocol: null,
  });
  if (existing) return { host: existing, created: false };
  const domain = await enclosingDomain(trx, ctx, organisationId, name);
  const host = await insertAsset(ctx, trx, {
    organisation_id: organisationId,
    kind: 'host',
    name,
    port: null,
    protocol: null,
    product: null,
    parent_id: domain?.id ?? null,
    notes: null,
  });
  await recordAudit(ctx, trx, {
    action: 'asset.create',
    resourceType: 'asset',
    resourceId: host.id,
    organisationId,
    after: { kind: 'host', name, implicit: true },
  });
  return { host, created: true };
}

// --- assets ----------------------------------------------------------------------------------------

export async function listAssets(ctx: RequestContext, organisationId: string, filter: AssetListFilter) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const { rows, total } = await findAssets(ctx.db, readScope(ctx), organisation.id, filter);
  return {
    organisationId: organisation.id,
    items: rows.map(presentAsset),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getAsset(ctx: RequestContext, id: string) {
  return presentAsset(await loadAsset(ctx, ctx.db, id));
}

export async function createAsset(ctx: RequestContext, organisationId: string, input: CreateAssetInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId, 'asset.manage');
    const checked = validateAssetFields(input.kind, input);
    if (!checked.ok) throw invalid(checked.problems);
    await lockInventory(trx, organisation.id);
    const { port, protocol } = checked.value;
    let name = checked.value.name;
    let parentId: string | null = null;
    if (input.kind === 'service') {
      const { host } = await hostForService(ctx, trx, organisation.id, name, input.parentId);
      name = host.name;
      parentId = host.id;
    } else if (input.parentId) {
      parentId = (await checkParent(ctx, trx, organisation.id, input.kind, name as string, input.parentId))
        .id;
    } else if (input.parentId === undefined) {
      parentId = (await enclosingDomain(trx, ctx, organisation.id, name as string))?.id ?? null;
    }
    if (input.kind !== 'service' && input.product) {
      throw invalid([
        {
          field: 'product',
          message: 'Nur ein Dienst nennt, was dort läuft; Produkte als installierte Produkte erfassen.',
        },
      ]);
    }
    const key = { kind: input.kind, name: name as string, port, protocol };
    await assertFree(ctx, trx, organisation.id, key);
    const row = await insertAsset(ctx, trx, {
      organisation_id: organisation.id,
      ...key,
      product: input.kind === 'service' ? (input.product ?? null) || null : null,
      parent_id: parentId,
      notes: input.notes || null,
    });
    await recordAudit(ctx, trx, {
      action: 'asset.create',
      resourceType: 'asset',
      resourceId: row.id,
      organisationId: organisation.id,
      after: {
        kind: row.kind,
        name: row.name,
        port: row.port,
        protocol: row.protocol,
        product: row.product,
        parentId,
      },
    });
    return presentAsset(row);
  });
}

export async function updateAsset(ctx: RequestContext, id: string, input: AssetPatchInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadAsset(ctx, trx, id);
    permit(ctx, 'asset.manage', current);
    await lockInventory(trx, current.organisation_id);
    const row = await loadAsset(ctx, trx, id, true);
    const checked = validateAssetFields(row.kind, {
      name: input.name ?? row.name,
      port: input.port ?? row.port,
      protocol: input.protocol ?? row.protocol,
    });
    if (!checked.ok) throw invalid(checked.problems);
    const name = checked.value.name ?? row.name;
    if (row.kind === 'service' && input.name !== undefined && name !== row.name) {
      throw invalid([
        {
          field: 'name',
          message: 'Ein Dienst trägt den Namen seines Hosts; den Host umbenennen oder parentId ändern.',
        },
      ]);
    }
    if (row.kind !== 'service' && input.product) {
      throw invalid([{ field: 'product', message: 'Nur ein Dienst nennt, was dort läuft.' }]);
    }
    let parentId = row.parent_id;
    let serviceName = name;
    if (input.parentId !== undefined) {
      if (input.parentId === null) {
        if (row.kind === 'service')
          throw invalid([{ field: 'parentId', message: 'Ein Dienst gehört immer zu einem Host.' }]);
        parentId = null;
      } else {
        const parent =
          row.kind === 'service'
            ? (await hostForService(ctx, trx, row.organisation_id, null, input.parentId)).host
            : await checkParent(ctx, trx, row.organisation_id, row.kind, name, input.parentId);
        parentId = parent.id;
        if (row.kind === 'service') serviceName = parent.name;
      }
    } else if (row.kind !== 'service' && name !== row.name && row.parent_id) {
      // A renamed host or domain must still fit under its domain.
      await checkParent(ctx, trx, row.organisation_id, row.kind, name, row.parent_id);
    }
    const next = {
      name: row.kind === 'service' ? serviceName : name,
      port: checked.value.port,
      protocol: checked.value.protocol,
      product: input.product !== undefined ? input.product || null : row.product,
      parent_id: parentId,
      notes: input.notes !== undefined ? input.notes || null : row.notes,
    };
    await assertFree(
      ctx,
      trx,
      row.organisation_id,
      { kind: row.kind, name: next.name, port: next.port, protocol: next.protocol },
      row.id,
    );
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return presentAsset(row);
    const updated = await trx
      .updateTable('assets')
      .set({ ...next, updated_at: new Date() })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.kind === 'host' && next.name !== row.name) {
      // Services carry their host's name.
      await trx
        .updateTable('assets')
        .set({ name: next.name, updated_at: new Date() })
        .where('parent_id', '=', row.id)
        .where('organisation_id', '=', row.organisation_id)
        .where('kind', '=', 'service')
        .execute();
    }
    const label = (k: string) => (k === 'parent_id' ? 'parentId' : k);
    await recordAudit(ctx, trx, {
      action: 'asset.update',
      resourceType: 'asset',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: Object.fromEntries(changed.map((k) => [label(k), row[k]])),
      after: Object.fromEntries(changed.map((k) => [label(k), next[k]])),
    });
    return presentAsset(updated);
  });
}

/** Deletes an asset with its services and installed products; a domain's hosts and subdomains stay (detached). */
export async function deleteAsset(ctx: RequestContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadAsset(ctx, trx, id);
    permit(ctx, 'asset.manage', current);
    await lockInventory(trx, current.organisation_id);
    const row = await loadAsset(ctx, trx, id, true);
    if (row.kind === 'domain') {
      await trx
        .updateTable('assets')
        .set({ parent_id: null, updated_at: new Date() })
        .where('parent_id', '=', row.id)
        .where('organisation_id', '=', row.organisation_id)
        .execute();
    }
    const counts = await countAssetSubtree(trx, row.id);
    await trx
      .deleteFrom('assets')
      .where('id', '=', row.id)
      .where('organisation_id', '=', row.organisation_id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'asset.delete',
      resourceType: 'asset',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: snapshot(row),
      after: { deletedAssets: counts.assets, deletedInstalledProducts: counts.products },
    });
    if (counts.products > 0) await rematchOrganisation(trx, ctx, row.organisation_id);
    return {
      id: row.id,
      organisationId: row.organisation_id,
      deletedAssets: counts.assets,
      deletedInstalledProducts: counts.products,
    };
  });
}

// --- installed products ----------------------------------------------------------------------------

async function loadProduct(ctx: RequestContext, db: Executor, id: string, lock = false) {
  const row = await findInstalledProductById(db, readScope(ctx), id, lock);
  if (!row) throw notFound('Das installierte Produkt');
  return row;
}

async function checkProductAsset(ctx: RequestContext, db: Executor, organisationId: string, assetId: string) {
  const asset = await findAssetById(db, readScope(ctx), assetId);
  if (!asset || asset.organisation_id !== organisationId) {
    throw invalid([{ field: 'assetId', message: 'Das Asset gibt es in dieser Organisation nicht.' }]);
  }
  if (asset.kind === 'domain') {
    throw invalid([
      { field: 'assetId', message: 'Produkte laufen auf einem Host oder Dienst, nicht auf einer Domain.' },
    ]);
  }
  return asset;
}

async function assertProductFree(
  ctx: RequestContext,
  db: Executor,
  organisationId: string,
  key: { assetId: string | null; vendor: string | null; product: string; version: string | null },
  exceptId?: string,
) {
  const existing = await findInstalledProductByKey(db, readScope(ctx), organisationId, key);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', {
      detail: `${[key.vendor, key.product, key.version].filter(Boolean).join(' ')} ist ${key.assetId ? 'auf diesem Asset ' : ''}bereits erfasst.`,
      extensions: { existingId: existing.id },
    });
  }
}

const productSnapshot = (p: InstalledProductRecord) => ({
  assetId: p.asset_id,
  vendor: p.vendor,
  product: p.product,
  version: p.version,
  cpe: p.cpe,
  purl: p.purl,
});

export async function listInstalledProducts(
  ctx: RequestContext,
  organisationId: string,
  filter: InstalledProductListFilter,
) {
  const organisation = await loadOrganisation(ctx, ctx.db, organisationId);
  const { rows, total } = await findInstalledProducts(ctx.db, readScope(ctx), organisation.id, filter);
  return {
    organisationId: organisation.id,
    items: rows.map(presentInstalledProduct),
    total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getInstalledProduct(ctx: RequestContext, id: string) {
  return presentInstalledProduct(await loadProduct(ctx, ctx.db, id));
}

export async function createInstalledProduct(
  ctx: RequestContext,
  organisationId: string,
  input: CreateInstalledProductInput,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await loadOrganisation(ctx, trx, organisationId, 'asset.manage');
    const checked = validateProductFields(input, true);
    if (!checked.ok) throw invalid(checked.problems);
    await lockInventory(trx, organisation.id);
    const assetId = input.assetId
      ? (await checkProductAsset(ctx, trx, organisation.id, input.assetId)).id
      : null;
    const v = checked.value;
    const key = {
      assetId,
      vendor: v.vendor ?? null,
      product: v.product as string,
      version: v.version ?? null,
    };
    await assertProductFree(ctx, trx, organisation.id, key);
    const row = await trx
      .insertInto('installed_products')
      .values({
        organisation_id: organisation.id,
        asset_id: assetId,
        vendor: key.vendor,
        product: key.product,
        version: key.version,
        cpe: v.cpe ?? null,
        purl: v.purl ?? null,
        created_by: actorUserId(ctx.actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'installed_product.create',
      resourceType: 'installed_product',
      resourceId: row.id,
      organisationId: organisation.id,
      after: { ...key, cpe: row.cpe, purl: row.purl },
    });
    await rematchOrganisation(trx, ctx, organisation.id);
    return presentInstalledProduct(row);
  });
}

export async function updateInstalledProduct(
  ctx: RequestContext,
  id: string,
  input: InstalledProductPatchInput,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadProduct(ctx, trx, id);
    permit(ctx, 'asset.manage', current);
    await lockInventory(trx, current.organisation_id);
    const row = await loadProduct(ctx, trx, id, true);
    const checked = validateProductFields(input, false);
    if (!checked.ok) throw invalid(checked.problems);
    const v = checked.value;
    let assetId = row.asset_id;
    if (input.assetId !== undefined) {
      assetId =
        input.assetId === null
          ? null
          : (await checkProductAsset(ctx, trx, row.organisation_id, input.assetId)).id;
    }
    const next = {
      asset_id: assetId,
      vendor: v.vendor === undefined ? row.vendor : v.vendor,
      product: v.product ?? row.product,
      version: v.version === undefined ? row.version : v.version,
      cpe: v.cpe === undefined ? row.cpe : v.cpe,
      purl: v.purl === undefined ? row.purl : v.purl,
    };
    await assertProductFree(
      ctx,
      trx,
      row.organisation_id,
      { assetId: next.asset_id, vendor: next.vendor, product: next.product, version: next.version },
      row.id,
    );
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return presentInstalledProduct(row);
    const updated = await trx
      .updateTable('installed_products')
      .set({ ...next, updated_at: new Date() })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, trx, {
      action: 'installed_product.update',
      resourceType: 'installed_product',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: Object.fromEntries(changed.map((k) => [k, row[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    await rematchOrganisation(trx, ctx, row.organisation_id);
    return presentInstalledProduct(updated);
  });
}

export async function deleteInstalledProduct(ctx: RequestContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadProduct(ctx, trx, id, true);
    permit(ctx, 'asset.manage', row);
    await trx
      .deleteFrom('installed_products')
      .where('id', '=', row.id)
      .where('organisation_id', '=', row.organisation_id)
      .execute();
    await recordAudit(ctx, trx, {
      action: 'installed_product.delete',
      resourceType: 'installed_product',
      resourceId: row.id,
      organisationId: row.organisation_id,
      before: productSnapshot(row),
    });
    await rematchOrganisation(trx, ctx, row.organisation_id);
  });
}
