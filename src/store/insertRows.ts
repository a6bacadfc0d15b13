import type Database from "better-sqlite3";

/** Rows per statement at most: 64 rows of a dozen columns stay far below SQLite's 32,766 variables. */
const MOST = 64;

/**
 * Many rows inserted in few statements, without a statement per row or a JSON round trip: multi-row
 * `INSERT … VALUES (…), (…)` statements of 64, 32, …, 1 rows (prepared once each), the rows in order.
 * Returns the id of the first row: the ids are contiguous, in the rows' order. A rowid table without
 * AUTOINCREMENT gives each new row the largest id so far plus one (SQLite picks another only once the
 * largest possible id is taken), and nothing else writes inside the caller's transaction.
 */
export class RowInserter {
  private readonly statements = new Map<number, Database.Statement>();

  /**
   * `insert` is "INSERT INTO t (a, b, …)"; `row` a row's values, e.g. "(?, ?, 'pending', @now)": `width`
   * anonymous parameters, and named ones bound once a statement (strings bound once, not once a row).
   */
  constructor(
    private readonly db: Database.Database,
    private readonly insert: string,
    private readonly row: string,
    private readonly width: number,
  ) {}

  /** Inserts the rows whose `width` values each follow one another in `values`; the first row's id. */
  run(values: readonly unknown[], named: Record<string, unknown> = {}): number {
    const rows = values.length / this.width;
    let first = 0;
    let at = 0;
    for (let size = MOST; size >= 1; size >>= 1) {
      while (rows - at >= size) {
        const slice = values.slice(at * this.width, (at + size) * this.width);
        const last = Number(this.statement(size).run(slice, named).lastInsertRowid);
        if (at === 0) first = last - size + 1;
        else if (last !== first + at + size - 1) throw new Error(`ids of ${this.insert} not contiguous`);
        at += size;
      }
    }
    return first;
  }

  private statement(size: number): Database.Statement {
    let st = this.statements.get(size);
    if (!st) {
      st = this.db.prepare(`${this.insert} VALUES ${Array.from({ length: size }, () => this.row).join(", ")}`);
      this.statements.set(size, st);
    }
    return st;
  }
}
