import type { SqlDatabase, SqlStatement } from "../sql.js";

/** A question of the content, by course. */
export interface OfferedQuestion {
  courseId: string;
  questionId: string;
  lessonId: string;
}

/**
 * Every question ever offered (table `questions`), so that one edited or removed from the content is
 * noticed once and its cards retired — never deleted.
 */
export class QuestionRegistry {
  private readonly upsertStmt: SqlStatement;
  private readonly offeredStmt: SqlStatement<[], OfferedQuestion & { status: string }>;
  private readonly retireStmt: SqlStatement<[number, string, string]>;

  constructor(db: SqlDatabase) {
    this.upsertStmt = db.prepare(
      `INSERT INTO questions (course_id, question_id, lesson_id, status, updated_at) VALUES (@courseId, @questionId, @lessonId, 'offered', @now)
       ON CONFLICT (course_id, question_id) DO UPDATE SET lesson_id = excluded.lesson_id, status = 'offered', updated_at = excluded.updated_at
       WHERE questions.status != 'offered' OR questions.lesson_id != excluded.lesson_id`,
    );
    this.offeredStmt = db.prepare('SELECT course_id AS "courseId", question_id AS "questionId", lesson_id AS "lessonId", status FROM questions ORDER BY course_id, question_id');
    this.retireStmt = db.prepare("UPDATE questions SET status = 'retired', updated_at = ? WHERE course_id = ? AND question_id = ?");
  }

  /** Every question known, with whether it is offered now. */
  all(): (OfferedQuestion & { status: string })[] {
    return this.offeredStmt.all();
  }

  /** The question is in the content now (new, or back after an edit was undone). Returns whether that is news. */
  offer(q: OfferedQuestion, now: number): boolean {
    return this.upsertStmt.run({ ...q, now }).changes > 0;
  }

  retire(courseId: string, questionId: string, now: number): void {
    this.retireStmt.run(now, courseId, questionId);
  }
}
