import type { SqlDatabase, SqlStatement } from "./sql.js";

/** Rows per statement at most: 64 rows of a dozen columns stay far below SQLite's 32,766 variables. */
const MOST = 64;

/**
 * One statement over many rows of values, without a statement per row (on PostgreSQL each statement
 * is a round trip): the rows go as `VALUES (…), (…)` lists of 64, 32, …, 1 rows, each size prepared
 * once, in order. `build` places the list in the statement; `row` is a row's values, e.g.
 * "(?, ?, 'pending', @now)": `width` anonymous parameters, and named ones bound once a statement.
 * In `FROM (VALUES …) AS v` the columns are v.column1, v.column2, … on both engines; parameters there
 * need a CAST on PostgreSQL, which otherwise reads them as text.
 */
export class ValuesBatch<R = unknown[]> {
  private readonly statements = new Map<number, SqlStatement<unknown[], R>>();
  /** Statements without RETURNING are run, not read (SQLite refuses to read rows from them). */
  private readonly returns: boolean;

  constructor(
    private readonly db: SqlDatabase,
    private readonly build: (values: string) => string,
    private readonly row: string,
    private readonly width: number,
  ) {
    this.returns = /\bRETURNING\b/.test(build(row));
  }

  /** Runs the rows whose `width` values follow one another in `values`; the rows RETURNING gave, as arrays. */
  run(values: readonly unknown[], named: Record<string, unknown> = {}): R[] {
    return this.runEach(values, named).flat();
  }

  /** As `run`, the returned rows kept apart by statement. */
  runEach(values: readonly unknown[], named: Record<string, unknown> = {}): R[][] {
    const rows = values.length / this.width;
    const out: R[][] = [];
    let at = 0;
    for (let size = MOST; size >= 1; size >>= 1) {
      while (rows - at >= size) {
        const slice = values.slice(at * this.width, (at + size) * this.width);
        const st = this.statement(size);
        if (this.returns) out.push(st.all(slice, named));
        else st.run(slice, named);
        at += size;
      }
    }
    return out;
  }

  private statement(size: number): SqlStatement<unknown[], R> {
    let st = this.statements.get(size);
    if (!st) {
      st = this.db.prepare<unknown[], R>(this.build(Array.from({ length: size }, () => this.row).join(", ")));
      if (this.returns) st = st.raw(true) as SqlStatement<unknown[], R>;
      this.statements.set(size, st);
    }
    return st;
  }
}

/**
 * Many rows inserted in few statements (a ValuesBatch with `RETURNING id`). Returns the new ids in the
 * rows' order: within one statement both engines number new rows in the order of VALUES (SQLite's
 * next rowid, PostgreSQL's identity sequence), so each statement's ids sorted are its rows' ids in turn.
 */
export class RowInserter {
  private readonly batch: ValuesBatch<[number]>;

  /** `insert` is "INSERT INTO t (a, b, …)"; `row` and `width` as for ValuesBatch. */
  constructor(db: SqlDatabase, insert: string, row: string, width: number) {
    this.batch = new ValuesBatch(db, (values) => `${insert} VALUES ${values} RETURNING id`, row, width);
  }

  /** Inserts the rows whose `width` values each follow one another in `values`; their ids, in order. */
  run(values: readonly unknown[], named: Record<string, unknown> = {}): number[] {
    return this.batch.runEach(values, named).flatMap((rows) => rows.map((r) => r[0]).sort((a, b) => a - b));
  }
}
