import type { SqlDatabase, SqlStatement } from "../sql.js";
import type { AskPurpose, ReviewEntry } from "./types.js";

export interface AnswerStats {
  answered: number;
  right: number;
}

/** Every answer (table `review_log`): one per member per question asked; all SQL of the table is here. */
export class ReviewLog {
  private readonly insertStmt: SqlStatement;
  private readonly getStmt: SqlStatement<[number, string], { chosen: string; correct: number; purpose: string }>;
  private readonly statsStmt: SqlStatement<[number, string], { answered: number; right: number | null }>;
  private readonly byMemberStmt: SqlStatement<[number], { member_id: string; name: string; answered: number; right: number | null }>;
  private readonly daysStmt: SqlStatement<[number], { member_id: string; day: string }>;

  constructor(db: SqlDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO review_log (ask_id, subscriber_id, member_id, member_name, course_id, question_id, card_id, purpose, chosen, correct, rating,
         state, due_at, stability, difficulty, scheduled_days, day, at)
       VALUES (@askId, @subscriberId, @memberId, @memberName, @courseId, @questionId, @cardId, @purpose, @chosen, @correct, @rating,
         @state, @dueAt, @stability, @difficulty, @scheduledDays, @day, @at)
       ON CONFLICT DO NOTHING`,
    );
    this.getStmt = db.prepare("SELECT chosen, correct, purpose FROM review_log WHERE ask_id = ? AND member_id = ?");
    // Practice moves no schedule and counts for no score: only quiz and review answers are counted.
    this.statsStmt = db.prepare(
      `SELECT count(*) AS answered, sum(correct) AS "right" FROM review_log WHERE subscriber_id = ? AND member_id = ? AND purpose != 'practice'`,
    );
    this.byMemberStmt = db.prepare(
      `SELECT member_id, max(member_name) AS name, count(*) AS answered, sum(correct) AS "right" FROM review_log WHERE subscriber_id = ? AND purpose != 'practice' GROUP BY member_id ORDER BY member_id`,
    );
    this.daysStmt = db.prepare("SELECT DISTINCT member_id, day FROM review_log WHERE subscriber_id = ? ORDER BY member_id, day");
  }

  /** Records an answer; false when this member had already answered this ask (the first answer stands). */
  record(e: ReviewEntry): boolean {
    const a = e.after;
    return (
      this.insertStmt.run({
        askId: e.askId,
        subscriberId: e.subscriberId,
        memberId: e.memberId,
        memberName: e.memberName,
        courseId: e.courseId,
        questionId: e.questionId,
        cardId: e.cardId,
        purpose: e.purpose,
        chosen: e.chosen.join(","),
        correct: e.correct ? 1 : 0,
        rating: e.rating,
        state: a?.state ?? null,
        dueAt: a?.dueAt ?? null,
        stability: a?.stability ?? null,
        difficulty: a?.difficulty ?? null,
        scheduledDays: a?.scheduledDays ?? null,
        day: e.day,
        at: e.at,
      }).changes > 0
    );
  }

  /** The answer a member already gave to an ask, if any. */
  answerOf(askId: number, memberId: string): { chosen: number[]; correct: boolean; purpose: AskPurpose } | undefined {
    const row = this.getStmt.get(askId, memberId);
    return row && { chosen: row.chosen.split(",").map(Number), correct: row.correct === 1, purpose: row.purpose as AskPurpose };
  }

  /** Questions a learner answered (quiz and review; practice left out), and how many right. */
  stats(subscriberId: number, memberId: string): AnswerStats {
    const row = this.statsStmt.get(subscriberId, memberId)!;
    return { answered: row.answered, right: row.right ?? 0 };
  }

  /** The same for every member of a chat, with the name they answered under. */
  statsByMember(subscriberId: number): Map<string, AnswerStats & { name: string }> {
    return new Map(this.byMemberStmt.all(subscriberId).map((r) => [r.member_id, { name: r.name, answered: r.answered, right: r.right ?? 0 }]));
  }

  /** Local days on which each member of a chat answered (ascending): they count for streaks. */
  daysByMember(subscriberId: number): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.daysStmt.all(subscriberId)) {
      const days = out.get(r.member_id);
      if (days) days.push(r.day);
      else out.set(r.member_id, [r.day]);
    }
    return out;
  }
}
