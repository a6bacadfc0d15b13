/** SqlDatabase on PostgreSQL: the store's SQL with numbered parameters, over a synchronous connection. */
import type { SqlDatabase, SqlRunResult, SqlStatement } from "../sql.js";
import { bindValues, numberPlaceholders } from "./placeholders.js";
import { safeAddress, SyncPostgresClient } from "./syncClient.js";

class PostgresStatement {
  private readonly text: string;
  private readonly slots: (number | string)[];
  private rawRows = false;

  constructor(
    private readonly client: SyncPostgresClient,
    sql: string,
  ) {
    ({ text: this.text, slots: this.slots } = numberPlaceholders(sql));
  }

  run(...args: unknown[]): SqlRunResult {
    return { changes: this.query(args).rowCount };
  }

  get(...args: unknown[]): unknown {
    return this.query(args).rows[0];
  }

  all(...args: unknown[]): unknown[] {
    return this.query(args).rows;
  }

  raw(toggle = true): this {
    this.rawRows = toggle;
    return this;
  }

  private query(args: unknown[]) {
    // Named server-side statements: parsed and planned once per connection.
    return this.client.query(this.text, bindValues(this.slots, args), { prepare: true, raw: this.rawRows });
  }
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = "postgres" as const;
  readonly location: string;
  private readonly client: SyncPostgresClient;
  private depth = 0;

  constructor(url: string, options: { timeoutMs?: number; name?: string } = {}) {
    this.location = safeAddress(url);
    this.client = new SyncPostgresClient(url, options.timeoutMs, options.name);
  }

  get open(): boolean {
    return this.client.open;
  }

  prepare<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): SqlStatement<P, R> {
    return new PostgresStatement(this.client, sql) as unknown as SqlStatement<P, R>;
  }

  exec(sql: string): void {
    this.client.query(sql);
  }

  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
    return (...args: A): T => {
      const depth = this.depth;
      const savepoint = `sp${depth}`;
      this.client.query(depth === 0 ? "BEGIN" : `SAVEPOINT ${savepoint}`);
      this.depth++;
      try {
        const result = fn(...args);
        this.client.query(depth === 0 ? "COMMIT" : `RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (err) {
        if (this.client.open) this.client.query(depth === 0 ? "ROLLBACK" : `ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw err;
      } finally {
        this.depth = depth;
      }
    };
  }

  idTable(alias: string): string {
    return `(SELECT value::bigint AS value FROM jsonb_array_elements_text(?::jsonb)) AS ${alias}`;
  }

  close(): void {
    this.client.close();
  }
}
