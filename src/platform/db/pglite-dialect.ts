/**
 * Kysely on PGlite, which is ONE PostgreSQL session inside this process (WebAssembly).
 *
 * Why it looks like this (issue 3: answer saves, 20 concurrent writers, p99 < 30 ms): every
 * request's statements queue for that one session, so 20 writers wait about 20 × the cost of one
 * save, and on PGlite a statement costs mostly the trips into the session and the planning, not
 * the work. PGlite's own `query` makes six trips per statement (parse, describe, bind, describe,
 * execute, sync) and parses and plans the text anew every time. This driver instead
 *  - keeps hot statements prepared (named, LRU-bounded): after the first use a statement is one
 *    trip (bind, execute, sync) and PostgreSQL may reuse its plan (plan_cache_mode auto);
 *  - sends `begin` together with the first statement of a transaction (one trip saved; an empty
 *    transaction costs none) and `commit` / `rollback` as one prepared trip each;
 *  - forgets every prepared statement after DDL or a script (`exec`), since a changed table can
 *    change a statement's result columns, which PostgreSQL refuses for a prepared statement; if it
 *    happens anyway (DDL by another way), the statement is prepared anew and, outside a
 *    transaction, retried once.
 * Parameters are serialised by the types PostgreSQL reports for the statement and rows parsed by
 * PGlite's own parsers, exactly as `query` does, so results are the same.
 */
import { type messages, type PGlite, parse as pgliteParse, protocol } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely transactions from concurrent requests would interleave their statements on the one
 * session, so the driver hands the single connection out to one holder at a time (a FIFO lock);
 * everyone else waits for its release.
 */
class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    return previous.then(() => release);
  }
}

interface Prepared {
  name: string;
  paramTypes: number[];
  rowDescription: messages.RowDescriptionMessage | undefined;
}

/** Statements worth keeping prepared: queries and DML. Anything else may change the schema. */
const CACHEABLE = /^\s*(?:select|insert|update|delete|with|values)\b/i;
/** PostgreSQL's answers when a prepared statement no longer fits (result type changed) or is gone. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** The prepared statements of the session, least recently used first. */
export class StatementCache {
  private readonly entries = new Map<string, Prepared>();
  private counter = 0;
  /** Names evicted or forgotten whose Close still has to reach the session. */
  private closing: string[] = [];
  hits = 0;
  misses = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(sql: string): Prepared | undefined {
    const entry = this.entries.get(sql);
    if (entry) {
      this.entries.delete(sql);
      this.entries.set(sql, entry);
      this.hits++;
    } else {
      this.misses++;
    }
    return entry;
  }

  nextName(): string {
    return `bastei_${++this.counter}`;
  }

  add(sql: string, entry: Prepared): void {
    this.entries.set(sql, entry);
    while (this.entries.size > this.capacity) {
      const [oldest, prepared] = this.entries.entries().next().value as [string, Prepared];
      this.entries.delete(oldest);
      this.closing.push(prepared.name);
    }
  }

  forget(sql: string): void {
    const entry = this.entries.get(sql);
    if (!entry) return;
    this.entries.delete(sql);
    this.closing.push(entry.name);
  }

  clear(): void {
    for (const entry of this.entries.values()) this.closing.push(entry.name);
    this.entries.clear();
  }

  /** Close messages for everything forgotten since the last call. */
  takeCloses(): Uint8Array[] {
    const names = this.closing;
    this.closing = [];
    return names.map((name) => protocol.serialize.close({ type: 'S', name }));
  }
}

class PGliteConnection implements DatabaseConnection {
  /** `begin …` of a transaction whose first statement has not been sent yet. */
  pendingBegin: string | null = null;

  constructor(
    private readonly pg: PGlite,
    readonly statements: StatementCache,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!CACHEABLE.test(query.sql)) {
      await this.flushBegin();
      this.statements.clear();
      const result = await this.pg.query<R>(query.sql, query.parameters as unknown[]);
      return {
        rows: result.rows,
        numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
      };
    }
    try {
      return await this.executePrepared<R>(query.sql, query.parameters);
    } catch (error) {
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      this.statements.forget(query.sql);
      if (this.pg.isInTransaction()) throw error;
      return this.executePrepared<R>(query.sql, query.parameters);
    }
  }

  /** Runs `commit` or `rollback` as one prepared trip. */
  async control(sql: 'commit' | 'rollback'): Promise<void> {
    await this.executePrepared(sql, []);
  }

  /** Sends a deferred `begin` on its own (before a statement that does not go the prepared way). */
  async flushBegin(): Promise<void> {
    const begin = this.pendingBegin;
    if (begin === null) return;
    this.pendingBegin = null;
    await this.run(await this.preparedFor(begin), [], undefined);
  }

  private async prepare(sql: string): Promise<Prepared> {
    const name = this.statements.nextName();
    const { messages } = await this.pg.execProtocol(
      concat([
        ...this.statements.takeCloses(),
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const prepared: Prepared = {
      name,
      paramTypes: pgliteParse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((m): m is messages.RowDescriptionMessage => m.name === 'rowDescription'),
    };
    this.statements.add(sql, prepared);
    return prepared;
  }

  private async executePrepared<R>(sql: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Preparing inside the transaction keeps the old semantics: a statement that does not even
      // parse aborts the transaction it was meant for.
      await this.flushBegin();
      statement = await this.prepare(sql);
    }
    const begin = this.pendingBegin === null ? undefined : await this.preparedFor(this.pendingBegin);
    this.pendingBegin = null;
    return this.run<R>(statement, parameters, begin);
  }

  private async run<R>(
    statement: Prepared,
    parameters: readonly unknown[],
    begin: Prepared | undefined,
  ): Promise<QueryResult<R>> {
    const values = parameters.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pg.serializers[statement.paramTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    const parts: Uint8Array[] = [];
    if (begin) parts.push(protocol.serialize.bind({ statement: begin.name }), protocol.serialize.execute({}));
    parts.push(
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    // PGlite syncs its file system only outside transactions, as its own query does.
    const { messages } = await this.pg.execProtocol(concat(parts), {
      syncToFs: !begin && !this.pg.isInTransaction(),
    });
    // With a `begin` in front, its completion comes first: the statement's messages follow it.
    const own = begin
      ? messages.slice(messages.findIndex((m) => m.name === 'commandComplete') + 1)
      : messages;
    const described: messages.BackendMessage[] = statement.rowDescription
      ? [statement.rowDescription, ...own]
      : own;
    const [result] = pgliteParse.parseResults(described, this.pg.parsers);
    return {
      rows: (result?.rows ?? []) as R[],
      numAffectedRows: result?.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  private async preparedFor(sql: string): Promise<Prepared> {
    return this.statements.get(sql) ?? (await this.prepare(sql));
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors over the wire; streaming is unsupported.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported on PGlite');
  }
}

export class PGliteDriver implements Driver {
  private readonly lock = new SessionLock();
  private readonly connection: PGliteConnection;
  private releases = new WeakMap<DatabaseConnection, () => void>();
  readonly statements = new StatementCache(256);

  constructor(readonly pg: PGlite) {
    this.connection = new PGliteConnection(pg, this.statements);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    this.releases.set(this.connection, release);
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    // Sent with the transaction's first statement (PGliteConnection.executePrepared).
    (conn as PGliteConnection).pendingBegin = `begin${isolation}`;
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await this.endTransaction(conn as PGliteConnection, 'commit');
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await this.endTransaction(conn as PGliteConnection, 'rollback');
  }

  private async endTransaction(conn: PGliteConnection, command: 'commit' | 'rollback'): Promise<void> {
    if (conn.pendingBegin !== null) {
      // Nothing was sent: there is no transaction to end.
      conn.pendingBegin = null;
      return;
    }
    await conn.control(command);
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.releases.get(conn);
    this.releases.delete(conn);
    release?.();
  }

  /** Runs a multi-statement script (migrations, restores) while holding the session. */
  async exec(script: string): Promise<void> {
    const release = await this.lock.acquire();
    this.statements.clear();
    try {
      await this.pg.exec(script);
    } catch (error) {
      await this.pg.exec('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release();
    }
  }

  async destroy(): Promise<void> {
    await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly driver: PGliteDriver) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector is generic over any database shape.
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
