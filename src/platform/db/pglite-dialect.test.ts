/**
 * The PGlite driver keeps statements prepared and sends `begin` with a transaction's first
 * statement: results must stay what PGlite's own `query` gives, through schema changes, failures
 * and transactions.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';

let database: Database;
// biome-ignore lint/suspicious/noExplicitAny: throw-away tables outside the application schema.
const db = () => database.db as any;

// One instance (creating one takes seconds); every test starts from a fresh table.
beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite', dataDir: null });
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.exec(`drop function if exists widen(); drop table if exists t;
    create table t (id int primary key, name text not null, at timestamptz, tags text[], doc jsonb);
    insert into t values (1, 'eins', '2026-01-02T03:04:05Z', '{a,b}', '{"x":1}'), (2, 'zwei', null, null, null)`);
});

const prepared = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(database.db))
    .rows[0]!.n;

describe('PGlite driver with prepared statements', () => {
  it('returns the same values as PGlite’s query for every parameter and column type, again and again', async () => {
    for (let round = 0; round < 8; round++) {
      const rows = await db()
        .selectFrom('t')
        .selectAll()
        .where('id', '=', 1)
        .where('at', '<', new Date('2027-01-01T00:00:00Z'))
        .where(sql`tags && ${['b', 'c']}::text[]`)
        .execute();
      expect(rows).toEqual([
        { id: 1, name: 'eins', at: new Date('2026-01-02T03:04:05Z'), tags: ['a', 'b'], doc: { x: 1 } },
      ]);
    }
    const inserted = await db()
      .insertInto('t')
      .values({ id: 3, name: 'drei', doc: JSON.stringify({ y: [1, 'ü'] }) })
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    const updated = await db().updateTable('t').set({ name: 'x' }).where('id', '>', 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    expect((await db().selectFrom('t').select('doc').where('id', '=', 3).executeTakeFirst()).doc).toEqual({
      y: [1, 'ü'],
    });
    expect(await prepared()).toBeGreaterThan(0);
  });

  it('stays right after a schema change (the prepared statement’s columns change)', async () => {
    const all = () => db().selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst();
    expect(Object.keys(await all())).toEqual(['id', 'name', 'at', 'tags', 'doc']);
    await sql`alter table t add column extra text default 'neu'`.execute(database.db);
    expect(await all()).toMatchObject({ id: 2, extra: 'neu' });
    await database.exec('alter table t drop column extra; alter table t rename column name to title');
    expect(await all()).toEqual({ id: 2, title: 'zwei', at: null, tags: null, doc: null });
  });

  it('prepares anew when the schema changes by a way the driver cannot see', async () => {
    // DDL inside a function called by a SELECT: the driver keeps its statements prepared.
    await database.exec(`create function widen() returns void language plpgsql as
      $$ begin execute 'alter table t add column extra int default 5'; end $$`);
    const one = () => db().selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirst();
    expect(await one()).not.toHaveProperty('extra');
    await sql`select widen()`.execute(database.db);
    expect(await one()).toMatchObject({ id: 1, name: 'eins', extra: 5 });
    // Inside a transaction the stale statement cannot be retried: the unit fails and rolls back.
    await database.exec('alter table t drop column extra');
    await one();
    await expect(
      database.db.transaction().execute(async (trx) => {
        // biome-ignore lint/suspicious/noExplicitAny: see db().
        await (trx as any).updateTable('t').set({ name: 'nie' }).where('id', '=', 2).execute();
        await sql`select widen()`.execute(trx);
        // biome-ignore lint/suspicious/noExplicitAny: see db().
        await (trx as any).selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirst();
      }),
    ).rejects.toThrow(/result type/);
    expect(await one()).toEqual({
      id: 1,
      name: 'eins',
      at: new Date('2026-01-02T03:04:05Z'),
      tags: ['a', 'b'],
      doc: { x: 1 },
    });
    expect((await db().selectFrom('t').select('name').where('id', '=', 2).executeTakeFirst()).name).toBe(
      'zwei',
    );
  });

  it('a failing statement inside a transaction rolls back the whole unit', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        // biome-ignore lint/suspicious/noExplicitAny: see db().
        await (trx as any).insertInto('t').values({ id: 10, name: 'zehn' }).execute();
        // biome-ignore lint/suspicious/noExplicitAny: see db().
        await (trx as any).insertInto('t').values({ id: 1, name: 'doppelt' }).execute();
      }),
    ).rejects.toThrow(/duplicate key|unique/i);
    expect(await db().selectFrom('t').select('id').where('id', '=', 10).execute()).toEqual([]);
    // The session is usable again and not inside a transaction.
    expect((await sql<{ n: number }>`select 1 as n`.execute(database.db)).rows).toEqual([{ n: 1 }]);
  });

  it('a statement that does not parse aborts its transaction, like any other error', async () => {
    let afterError: unknown;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await expect(sql`selec 1`.execute(trx)).rejects.toThrow(/syntax/);
        afterError = await sql`select 1`.execute(trx).catch((e: Error) => e);
      }),
    ).resolves.toBeUndefined();
    expect(String(afterError)).toMatch(/aborted/);
  });

  it('the first statement carries the begin: a transaction is one unit, an empty one costs nothing', async () => {
    await database.db.transaction().execute(async () => undefined);
    await database.db.transaction().execute(async (trx) => {
      // biome-ignore lint/suspicious/noExplicitAny: see db().
      await (trx as any).updateTable('t').set({ name: 'A' }).where('id', '=', 1).execute();
      const inside = await sql<{
        level: string;
      }>`select current_setting('transaction_isolation') as level`.execute(trx);
      expect(inside.rows[0]).toMatchObject({ level: 'read committed' });
    });
    await database.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        const level = await sql<{
          level: string;
        }>`select current_setting('transaction_isolation') as level`.execute(trx);
        expect(level.rows[0]!.level).toBe('serializable');
        // biome-ignore lint/suspicious/noExplicitAny: see db().
        await (trx as any).updateTable('t').set({ name: 'B' }).where('id', '=', 2).execute();
        throw new Error('abbrechen');
      })
      .catch(() => undefined);
    expect(await db().selectFrom('t').select(['id', 'name']).orderBy('id').execute()).toEqual([
      { id: 1, name: 'A' },
      { id: 2, name: 'zwei' },
    ]);
  });

  it('keeps at most its capacity of statements prepared', async () => {
    for (let i = 0; i < 300; i++) {
      await sql`select ${i}::int as n, ${sql.raw(String(i))} as k`.execute(database.db);
    }
    // 256 in the cache, plus at most the statements whose Close is still pending.
    expect(await prepared()).toBeLessThanOrEqual(257);
    expect((await sql<{ k: number }>`select 7 as k`.execute(database.db)).rows).toEqual([{ k: 7 }]);
  });

  it('runs in order when many callers share the one session', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? database.db.transaction().execute(async (trx) => {
              // biome-ignore lint/suspicious/noExplicitAny: see db().
              await (trx as any)
                .insertInto('t')
                .values({ id: 100 + i, name: `n${i}` })
                .execute();
              return (
                await sql<{ n: number }>`select count(*)::int as n from t where id = ${100 + i}`.execute(trx)
              ).rows[0]!.n;
            })
          : sql<{ n: number }>`select ${i}::int as n`.execute(database.db).then((r) => r.rows[0]!.n),
      ),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : i)));
  });
});
