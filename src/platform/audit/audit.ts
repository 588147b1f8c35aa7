import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { actorLabel, actorUserId, type RequestContext } from '../context.ts';
import type { Executor, Tx } from '../db/database.ts';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends so that each entry links to the one committed before it.
const AUDIT_CHAIN_LOCK = 7_403_118;

export interface AuditEvent {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  id: number;
  occurredAt: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  organisationId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalize(fields) ?? '')
    .digest('hex');
}

/** JSON-safe copy (dates become ISO strings) so the stored jsonb hashes the same when read back. */
const toJson = (value: unknown) =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);

/**
 * Appends one hash-chained entry inside the caller's transaction: the write and its audit
 * record commit or roll back together.
 */
export async function recordAudit(ctx: RequestContext, trx: Tx, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await sql<{
    id: number;
  }>`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`.execute(trx);
  const fields: ChainedFields = {
    id: next.rows[0]!.id,
    occurredAt: new Date().toISOString(),
    actorUserId: actorUserId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    organisationId: event.organisationId ?? null,
    before: toJson(event.before),
    after: toJson(event.after),
    requestId: ctx.requestId,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      id: fields.id,
      occurred_at: new Date(fields.occurredAt),
      actor_user_id: fields.actorUserId,
      actor_label: fields.actorLabel,
      action: fields.action,
      resource_type: fields.resourceType,
      resource_id: fields.resourceId,
      organisation_id: fields.organisationId,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      request_id: fields.requestId,
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    })
    .execute();
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

/** Walks the whole chain in id order, in pages, and reports the first entry that does not fit. */
export async function verifyAuditChain(db: Executor, pageSize = 5_000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: {
            id: row.id,
            reason: 'prev_hash does not match the previous entry (entry removed or reordered)',
          },
        };
      }
      const expected = entryHash(prevHash, {
        id: row.id,
        occurredAt: row.occurred_at.toISOString(),
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        organisationId: row.organisation_id,
        before: row.before,
        after: row.after,
        requestId: row.request_id,
      });
      if (expected !== row.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { id: row.id, reason: 'content does not match its hash (entry altered)' },
        };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
