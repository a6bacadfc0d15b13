/** SqlDatabase on SQLite: better-sqlite3 itself, its statements handed out as they are. */
import type Database from "better-sqlite3";
import type { SqlDatabase, SqlStatement } from "./sql.js";

export class SqliteDatabase implements SqlDatabase {
  readonly dialect = "sqlite" as const;

  constructor(
    /** The better-sqlite3 handle, for what only SQLite has (pragmas, online backup). */
    readonly raw: Database.Database,
    readonly location: string,
  ) {}

  get open(): boolean {
    return this.raw.open;
  }

  prepare<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): SqlStatement<P, R> {
    return this.raw.prepare(sql) as unknown as SqlStatement<P, R>;
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    return this.raw.transaction(fn);
  }

  idTable(alias: string): string {
    return `json_each(?) AS ${alias}`;
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    return this.raw.pragma(source, options);
  }

  close(): void {
    if (this.raw.open) this.raw.close();
  }
}
