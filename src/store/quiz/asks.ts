import type { SqlDatabase, SqlStatement } from "../sql.js";
import { RowInserter } from "../insertRows.js";
import type { Ask, AskPurpose, AskStatus, NewAsk } from "./types.js";

interface AskRow {
  id: number;
  subscriber_id: number;
  member_id: string;
  chat_id: string;
  course_id: string;
  lesson_id: string;
  question_id: string;
  correct: string;
  purpose: string;
  via: string;
  status: string;
  poll_id: string | null;
  created_at: number;
  updated_at: number;
}

function toAsk(r: AskRow): Ask {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    memberId: r.member_id,
    chatId: r.chat_id,
    courseId: r.course_id,
    lessonId: r.lesson_id,
    questionId: r.question_id,
    correct: r.correct.split(",").map(Number),
    purpose: r.purpose as AskPurpose,
    via: r.via as Ask["via"],
    status: r.status as AskStatus,
    pollId: r.poll_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const asParams = (a: NewAsk) => ({ ...a, correct: a.correct.join(",") });

/**
 * Questions as asked (table `asks`): each learner's queue (one open question at a time in a private
 * chat), the questions posted once to a group, and Telegram's poll id of each. All SQL of the table is here.
 */
export class AskRepository {
  private readonly insertStmt: SqlStatement<object, { id: number }>;
  private readonly inserter: RowInserter;
  private readonly byIdStmt: SqlStatement<[number], AskRow>;
  private readonly byPollStmt: SqlStatement<[string], AskRow>;
  private readonly pollStmt: SqlStatement<[string, number, number]>;
  private readonly statusStmt: SqlStatement<[string, number, number]>;
  private readonly pendingStmt: SqlStatement<[number, string], AskRow>;
  private readonly closeStmt: SqlStatement<[number, number, string]>;
  private readonly closeChatsStmt: SqlStatement<[number, string]>;
  private readonly postedStmt: SqlStatement<[number, string, string], { n: number }>;

  constructor(db: SqlDatabase) {
    const columns = "subscriber_id, member_id, chat_id, course_id, lesson_id, question_id, correct, purpose, via, status, created_at, updated_at";
    // A learner's queue is in id order: asks are written in the order they are to be asked.
    this.insertStmt = db.prepare(
      `INSERT INTO asks (${columns})
       VALUES (@subscriberId, @memberId, @chatId, @courseId, @lessonId, @questionId, @correct, @purpose, @via, @status, @now, @now) RETURNING id`,
    );
    this.inserter = new RowInserter(db, `INSERT INTO asks (${columns})`, "(?, ?, @chatId, ?, ?, ?, ?, @purpose, @via, ?, @now, @now)", 7);
    this.byIdStmt = db.prepare("SELECT * FROM asks WHERE id = ?");
    this.byPollStmt = db.prepare("SELECT * FROM asks WHERE poll_id = ?");
    this.pollStmt = db.prepare("UPDATE asks SET poll_id = ?, updated_at = ? WHERE id = ?");
    this.statusStmt = db.prepare("UPDATE asks SET status = ?, updated_at = ? WHERE id = ?");
    this.pendingStmt = db.prepare("SELECT * FROM asks WHERE subscriber_id = ? AND member_id = ? AND status IN ('queued', 'open') ORDER BY id");
    this.closeStmt = db.prepare("UPDATE asks SET status = 'closed', updated_at = ? WHERE subscriber_id = ? AND member_id = ? AND status IN ('queued', 'open')");
    this.closeChatsStmt = db.prepare(
      `UPDATE asks SET status = 'closed', updated_at = ? WHERE status IN ('queued', 'open') AND member_id != '' AND subscriber_id IN (SELECT value FROM ${db.idTable("ids")})`,
    );
    this.postedStmt = db.prepare("SELECT count(*) AS n FROM asks WHERE subscriber_id = ? AND member_id = '' AND course_id = ? AND lesson_id = ?");
  }

  create(a: NewAsk, now: number): number {
    return this.insertStmt.get({ ...asParams(a), now })!.id;
  }

  /**
   * Many asks in order (a learner's queue, the day's reviews), a few multi-row statements in all; their
   * ids in that order. Same rows as `create` one by one.
   */
  createMany(asks: readonly NewAsk[], now: number): number[] {
    if (asks.length === 0) return [];
    // Asks alike in chat, purpose and way (all of a call, as a rule) share one binding of those.
    const ids: number[] = [];
    for (let start = 0; start < asks.length; ) {
      const { chatId, purpose, via } = asks[start]!;
      const values: unknown[] = [];
      let end = start;
      for (; end < asks.length && asks[end]!.chatId === chatId && asks[end]!.purpose === purpose && asks[end]!.via === via; end++) {
        const a = asks[end]!;
        values.push(a.subscriberId, a.memberId, a.courseId, a.lessonId, a.questionId, a.correct.join(","), a.status);
      }
      ids.push(...this.inserter.run(values, { chatId, purpose, via, now }));
      start = end;
    }
    return ids;
  }

  get(id: number): Ask | undefined {
    const row = this.byIdStmt.get(id);
    return row && toAsk(row);
  }

  byPoll(pollId: string): Ask | undefined {
    const row = this.byPollStmt.get(pollId);
    return row && toAsk(row);
  }

  /** Telegram's id of the poll that carries the ask (answers name only the poll). */
  setPoll(id: number, pollId: string, now: number): void {
    this.pollStmt.run(pollId, now, id);
  }

  setStatus(id: number, status: AskStatus, now: number): void {
    this.statusStmt.run(status, now, id);
  }

  /** The learner's open and queued questions, in queue order. */
  pending(subscriberId: number, memberId: string): Ask[] {
    return this.pendingStmt.all(subscriberId, memberId).map(toAsk);
  }

  /** A new session takes over: the learner's open and queued questions close (late answers still count). */
  closeLearner(subscriberId: number, memberId: string, now: number): void {
    this.closeStmt.run(now, subscriberId, memberId);
  }

  /** The same for every learner of these private chats at once (the minute tick's new day of reviews). */
  closeChats(subscriberIds: readonly number[], now: number): void {
    if (subscriberIds.length) this.closeChatsStmt.run(now, JSON.stringify(subscriberIds));
  }

  /** Whether a lesson's questions were already posted to the whole group. */
  postedToGroup(subscriberId: number, courseId: string, lessonId: string): boolean {
    return this.postedStmt.get(subscriberId, courseId, lessonId)!.n > 0;
  }
}
