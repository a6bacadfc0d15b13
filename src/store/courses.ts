import type { SqlDatabase, SqlStatement } from "./sql.js";

/**
 * Every course ever offered, by id: its title outlives the content, for the notice that tells
 * followers a course is gone and for the operators' counts.
 */
export class CourseRepository {
  private readonly upsertStmt: SqlStatement<[string, string, number]>;
  private readonly titleStmt: SqlStatement<[string], { title: string }>;

  constructor(db: SqlDatabase) {
    this.upsertStmt = db.prepare(
      "INSERT INTO courses (id, title, seen_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, seen_at = excluded.seen_at",
    );
    this.titleStmt = db.prepare("SELECT title FROM courses WHERE id = ?");
  }

  /** Records a course the catalogue offers now. */
  offered(id: string, title: string, now: number): void {
    this.upsertStmt.run(id, title, now);
  }

  title(id: string): string | undefined {
    return this.titleStmt.get(id)?.title;
  }
}
