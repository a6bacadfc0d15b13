/**
 * The one query layer of the store, over both back-ends: SQLite (better-sqlite3, in-process) and
 * PostgreSQL (pg, through a connection of its own). The repositories write their SQL once, in the
 * part of SQL both engines share (`?` and `@name` parameters, `ON CONFLICT`, `RETURNING`, partial
 * indexes, `IS NOT DISTINCT FROM`, quoted camelCase aliases); what differs lives here, behind
 * `dialect` and `idTable`. The calls are synchronous as better-sqlite3's are: the learning core reads
 * and writes its state inside one transaction without awaiting.
 */

/** What a write did: rows changed (inserted ids are read with RETURNING, as PostgreSQL has no last rowid). */
export interface SqlRunResult {
  changes: number;
}

interface SqlStatementOf<P extends unknown[], R> {
  run(...params: P): SqlRunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  /** Rows as arrays of column values instead of objects (cheaper for many rows). */
  raw(toggle?: boolean): SqlStatementOf<P, unknown>;
}

/** A prepared statement: positional parameters as a tuple, named ones as one object (better-sqlite3's convention). */
export type SqlStatement<P extends unknown[] | {} = unknown[], R = unknown> = P extends unknown[] ? SqlStatementOf<P, R> : SqlStatementOf<[P], R>;

export type SqlDialect = "sqlite" | "postgres";

export interface SqlDatabase {
  readonly dialect: SqlDialect;
  /** Where it is: the SQLite file, or the PostgreSQL address without its password. */
  readonly location: string;
  readonly open: boolean;
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): SqlStatement<P, R>;
  /** Statements without parameters (DDL), several at once. */
  exec(sql: string): void;
  /** `fn` wrapped in one transaction; called inside another, a savepoint. */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
  /**
   * A list of ids as a table with one column `value` under `alias`, bound as ONE parameter: the ids as
   * JSON text (`JSON.stringify(ids)`) — one statement whatever the number of ids.
   */
  idTable(alias: string): string;
  close(): void;
}
