/**
 * The audit log: append-only (trigger), hash-chained (sha256 over the previous hash, a newline and
 * the RFC 8785 canonical JSON of the entry), written in the transaction of the change it records,
 * checked by `verifyAuditChain` (`bastei audit verify`), which names the first broken link.
 *
 * Appending, and why this way (issue 3, answer saves with 20 concurrent writers): the chain needs
 * one total order, so appends are serialised by a transaction-scoped advisory lock. The lock is
 * taken inside one statement, the audit_append function (migrations/20261123210000_audit_speed.sql):
 * lock, read the newest hash, draw the id, insert with the hash computed by the database. That is
 * one round trip instead of four, and the lock is held only from the append to the commit. The
 * canonical JSON is still made here (the `canonicalize` library), split around the id, so the
 * database only concatenates and hashes; verification recomputes everything from the stored
 * columns in JavaScript, independently of that function.
 * The hottest write, saving one answer, folds even that into its own statement (auditAppendSql:
 * check, update, history and append as data-modifying CTEs of ONE autocommit statement, no
 * begin/commit): its before/after are read under the row lock inside that statement, so the
 * database splices their canonical JSON from text (to_json escapes like JSON.stringify) and the
 * verifier still recomputes every hash in JavaScript. The chain lock is then held from the append
 * to the end of that one statement: measured on PostgreSQL 15, the audit CTE takes about 0.3 ms,
 * so 20 writers queue on it for well under the 30 ms budget.
 * Weighed and not taken: per-organisation chains (more parallelism across Kommunen, but many
 * chains to verify and no global order; one Kommune's writers still queue); positions from a
 * sequence with the hash filled in later (entries would stay unprotected until sealed, and a
 * sealer cannot tell a gap of a rolled-back transaction from one still in flight).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type Expression, type RawBuilder, sql } from 'kysely';
import { actorLabel, actorUserId, type RequestContext } from '../context.ts';
import type { Executor, Tx } from '../db/database.ts';

export const GENESIS_HASH = '0'.repeat(64);

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
 * The entry's canonical JSON split around the value of `id`, which only the database knows when
 * it appends: `head + id + tail` equals `canonicalize(fields)`. RFC 8785 orders members by key,
 * and every key of the first half sorts before "id", every key of the second after it.
 */
export function canonicalAroundId(fields: Omit<ChainedFields, 'id'>): { head: string; tail: string } {
  const head = canonicalize({
    actorLabel: fields.actorLabel,
    actorUserId: fields.actorUserId,
    action: fields.action,
    after: fields.after,
    before: fields.before,
  }) as string;
  const tail = canonicalize({
    occurredAt: fields.occurredAt,
    organisationId: fields.organisationId,
    requestId: fields.requestId,
    resourceId: fields.resourceId,
    resourceType: fields.resourceType,
  }) as string;
  return { head: `${head.slice(0, -1)},"id":`, tail: `,${tail.slice(1)}` };
}

/**
 * Appends one hash-chained entry inside the caller's transaction: the write and its audit
 * record commit or roll back together. One statement (the audit_append function of
 * migrations/20261123210000_audit_speed.sql) takes the chain lock, reads the newest entry and
 * inserts the new one with its hash, so the lock is held only from here to the commit.
 */
export async function recordAudit(ctx: RequestContext, trx: Tx, event: AuditEvent): Promise<void> {
  const fields: Omit<ChainedFields, 'id'> = {
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
  const { head, tail } = canonicalAroundId(fields);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await sql`select audit_append(${fields.occurredAt}::timestamptz, ${fields.actorUserId}::uuid,
    ${fields.actorLabel}, ${fields.action}, ${fields.resourceType}, ${fields.resourceId},
    ${fields.organisationId}::uuid, ${json(fields.before)}::jsonb, ${json(fields.after)}::jsonb,
    ${fields.requestId}, ${head}, ${tail})`.execute(trx);
}

/** A text value only the database knows, as a SQL expression (null allowed). */
export type SqlText = Expression<string | null>;
type Member = { json: string } | { text: SqlText } | { canonical: RawBuilder<string> };

/**
 * Members of a JSON object as a SQL expression of their RFC 8785 canonical form, without the
 * braces: keys in UTF-16 order (JavaScript's sort), values either canonicalised here (`json`), text
 * from SQL (`to_json(text)` escapes exactly as JSON.stringify does: quote, backslash, \b \f \n \r
 * \t, other control characters as lower-case \u00xx, everything else verbatim), or already
 * canonical SQL. Only text comes from SQL: numbers and nested values would need RFC 8785's
 * number form and recursion.
 */
function canonicalMembersSql(members: Record<string, Member>): RawBuilder<string> {
  const keys = Object.keys(members).sort();
  const parts = keys.map((key, i) => {
    const member = members[key]!;
    const name = `${i === 0 ? '' : ','}${JSON.stringify(key)}:`;
    if ('json' in member) return sql`${name + member.json}::text`;
    if ('text' in member) return sql`${name}::text || coalesce(to_json(${member.text}::text)::text, 'null')`;
    return sql`${name}::text || ${member.canonical}`;
  });
  return sql<string>`(${sql.join(parts, sql` || `)})`;
}

const textObjectCanonical = (members: Record<string, SqlText>) =>
  sql<string>`('{' || ${canonicalMembersSql(Object.fromEntries(Object.entries(members).map(([k, text]) => [k, { text }])))} || '}')`;

const textObjectJsonb = (members: Record<string, SqlText>) =>
  sql`jsonb_build_object(${sql.join(Object.entries(members).map(([key, value]) => sql`${key}::text, ${value}::text`))})`;

/**
 * The audit append as a SQL expression, for a write that is ONE statement and whose audit entry
 * holds values only the database knows (the id and previous value of a row it locks). Those are
 * text (`resourceId`, `organisationId`, and every member of `before` / `after`); the rest is
 * canonicalised here as recordAudit does, and the database splices the canonical JSON together
 * (see canonicalMembersSql), then audit_append hashes it. verifyAuditChain recomputes the hash in
 * JavaScript from the stored columns, so a difference between the two canonical forms could not
 * go unnoticed (audit.test.ts fuzzes it). Evaluate the expression after the change it records (join
 * the modifying CTE's RETURNING), in the same statement, so change and entry commit together.
 */
export function auditAppendSql(
  ctx: RequestContext,
  event: {
    action: string;
    resourceType: string;
    resourceId: SqlText;
    organisationId: SqlText;
    before: Record<string, SqlText>;
    after: Record<string, SqlText>;
  },
): RawBuilder<number> {
  const occurredAt = new Date().toISOString();
  const userId = actorUserId(ctx.actor);
  const label = actorLabel(ctx.actor);
  const json = (value: unknown) => ({ json: canonicalize(value) as string });
  const head = canonicalMembersSql({
    action: json(event.action),
    actorLabel: json(label),
    actorUserId: json(userId),
    after: { canonical: textObjectCanonical(event.after) },
    before: { canonical: textObjectCanonical(event.before) },
  });
  const tail = canonicalMembersSql({
    occurredAt: json(occurredAt),
    organisationId: { text: event.organisationId },
    requestId: json(ctx.requestId),
    resourceId: { text: event.resourceId },
    resourceType: json(event.resourceType),
  });
  return sql<number>`audit_append(${occurredAt}::timestamptz, ${userId}::uuid,
    ${label}, ${event.action}, ${event.resourceType}, ${event.resourceId}::text,
    ${event.organisationId}::uuid, ${textObjectJsonb(event.before)}, ${textObjectJsonb(event.after)},
    ${ctx.requestId}, '{' || ${head} || ',"id":', ',' || ${tail} || '}')`;
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
