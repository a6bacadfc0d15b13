import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { Completion } from "./types.js";

export interface MemberSummary {
  memberId: string;
  memberName: string;
  lessonsDone: number;
  /** Distinct local days with a completion, ascending. */
  days: string[];
}

/** Lessons learned, per member of a chat (in a private chat, the one learner), in every course. */
export class CompletionRepository {
  private readonly insertStmt: SqlStatement;
  private readonly renameStmt: SqlStatement<[string, number, string]>;
  private readonly lessonsStmt: SqlStatement<[number, string], { lesson_id: string }>;
  private readonly memberRows: SqlStatement<[number], { member_id: string; member_name: string; day: string }>;

  constructor(db: SqlDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO completions (subscriber_id, member_id, member_name, course_id, lesson_id, day, via, at)
       VALUES (@subscriberId, @memberId, @memberName, @courseId, @lessonId, @day, @via, @at)
       ON CONFLICT DO NOTHING`,
    );
    this.renameStmt = db.prepare("UPDATE completions SET member_name = ? WHERE subscriber_id = ? AND member_id = ?");
    this.lessonsStmt = db.prepare("SELECT DISTINCT lesson_id FROM completions WHERE subscriber_id = ? AND course_id = ? ORDER BY lesson_id");
    this.memberRows = db.prepare(
      "SELECT member_id, member_name, day FROM completions WHERE subscriber_id = ? ORDER BY member_id, day",
    );
  }

  /** Returns false when this member had already completed this lesson of this course. */
  record(subscriberId: number, c: Completion): boolean {
    const inserted = this.insertStmt.run({ subscriberId, ...c }).changes > 0;
    this.renameStmt.run(c.memberName, subscriberId, c.memberId);
    return inserted;
  }

  /** Lessons of a course someone in the chat learned. */
  lessonsDone(subscriberId: number, courseId: string): Set<string> {
    return new Set(this.lessonsStmt.all(subscriberId, courseId).map((r) => r.lesson_id));
  }

  members(subscriberId: number): MemberSummary[] {
    const byMember = new Map<string, MemberSummary>();
    for (const row of this.memberRows.all(subscriberId)) {
      let m = byMember.get(row.member_id);
      if (!m) {
        m = { memberId: row.member_id, memberName: row.member_name, lessonsDone: 0, days: [] };
        byMember.set(row.member_id, m);
      }
      m.lessonsDone++;
      if (m.days[m.days.length - 1] !== row.day) m.days.push(row.day);
    }
    return [...byMember.values()];
  }
}
