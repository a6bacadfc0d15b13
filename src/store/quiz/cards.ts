import type { SqlDatabase, SqlStatement } from "../sql.js";
import type { Card, CardKey, CardState, CardStatus, DueCard } from "./types.js";

interface CardRow {
  id: number;
  subscriber_id: number;
  member_id: string;
  course_id: string;
  lesson_id: string;
  question_id: string;
  status: string;
  due_at: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
  created_at: number;
  updated_at: number;
}

/** A due card as the claim reads it, columns in order: id, subscriber_id, member_id, course_id, question_id, due_at. */
type DueRaw = [number, number, string, string, string, number];

function toCard(r: CardRow): Card {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    memberId: r.member_id,
    courseId: r.course_id,
    lessonId: r.lesson_id,
    questionId: r.question_id,
    status: r.status as CardStatus,
    dueAt: r.due_at,
    stability: r.stability,
    difficulty: r.difficulty,
    scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: r.last_review,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const stateParams = (s: CardState) => ({
  dueAt: s.dueAt,
  stability: s.stability,
  difficulty: s.difficulty,
  scheduledDays: s.scheduledDays,
  learningSteps: s.learningSteps,
  reps: s.reps,
  lapses: s.lapses,
  state: s.state,
  lastReview: s.lastReview,
});

/** Cards (table `cards`): one per question per learner, with its FSRS state. All SQL of the table is here. */
export class CardRepository {
  private readonly getStmt: SqlStatement<[number, string, string, string], CardRow>;
  private readonly byIdStmt: SqlStatement<[number], CardRow>;
  private readonly insertStmt: SqlStatement<object, { id: number }>;
  private readonly updateStmt: SqlStatement;
  private readonly dueStmt: SqlStatement<[number, number, number], CardRow>;
  private readonly dueOfMemberStmt: SqlStatement<[number, string, number, number], CardRow>;
  private readonly dueInChatsStmt: SqlStatement<[string, number], DueRaw>;
  private readonly activeStmt: SqlStatement<[number, string], CardRow>;
  private readonly withCardsStmt: SqlStatement<[string], { id: number }>;
  private readonly retireStmt: SqlStatement<[number, string, string]>;
  private readonly restoreStmt: SqlStatement<[number, string, string]>;

  constructor(db: SqlDatabase) {
    this.getStmt = db.prepare("SELECT * FROM cards WHERE subscriber_id = ? AND member_id = ? AND course_id = ? AND question_id = ?");
    this.byIdStmt = db.prepare("SELECT * FROM cards WHERE id = ?");
    this.insertStmt = db.prepare(
      `INSERT INTO cards (subscriber_id, member_id, course_id, lesson_id, question_id, status, due_at, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at, updated_at)
       VALUES (@subscriberId, @memberId, @courseId, @lessonId, @questionId, 'active', @dueAt, @stability, @difficulty, @scheduledDays, @learningSteps, @reps, @lapses, @state, @lastReview, @now, @now) RETURNING id`,
    );
    this.updateStmt = db.prepare(
      `UPDATE cards SET due_at = @dueAt, stability = @stability, difficulty = @difficulty, scheduled_days = @scheduledDays, learning_steps = @learningSteps,
         reps = @reps, lapses = @lapses, state = @state, last_review = @lastReview, updated_at = @now WHERE id = @id`,
    );
    // The partial index cards_due (subscriber_id, due_at, member_id, course_id, question_id) serves all
    // three; the daily claim's selection reads it alone (a covering index: no table row is touched).
    this.dueStmt = db.prepare("SELECT * FROM cards WHERE subscriber_id = ? AND status = 'active' AND due_at <= ? ORDER BY due_at, id LIMIT ?");
    this.dueOfMemberStmt = db.prepare(
      "SELECT * FROM cards WHERE subscriber_id = ? AND status = 'active' AND member_id = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?",
    );
    // Every due card of the chats, as arrays (a window function ranking them per learner, or row
    // objects, cost the claim twice as much): each learner's most overdue are picked in dueInChats.
    this.dueInChatsStmt = db
      .prepare(
        `SELECT c.id, c.subscriber_id, c.member_id, c.course_id, c.question_id, c.due_at
         FROM ${db.idTable("j")} JOIN cards c ON c.subscriber_id = j.value AND c.status = 'active' AND c.due_at <= ?`,
      )
      .raw(true) as unknown as SqlStatement<[string, number], DueRaw>;
    this.activeStmt = db.prepare("SELECT * FROM cards WHERE subscriber_id = ? AND member_id = ? AND status = 'active' ORDER BY id");
    this.withCardsStmt = db.prepare(
      `SELECT j.value AS id FROM ${db.idTable("j")} WHERE EXISTS (SELECT 1 FROM cards c WHERE c.subscriber_id = j.value AND c.status = 'active')`,
    );
    this.retireStmt = db.prepare("UPDATE cards SET status = 'retired', updated_at = ? WHERE question_id = ? AND course_id = ? AND status = 'active'");
    this.restoreStmt = db.prepare("UPDATE cards SET status = 'active', updated_at = ? WHERE question_id = ? AND course_id = ? AND status = 'retired'");
  }

  get(key: CardKey): Card | undefined {
    const row = this.getStmt.get(key.subscriberId, key.memberId, key.courseId, key.questionId);
    return row && toCard(row);
  }

  byId(id: number): Card | undefined {
    const row = this.byIdStmt.get(id);
    return row && toCard(row);
  }

  insert(key: CardKey & { lessonId: string }, state: CardState, now: number): number {
    return this.insertStmt.get({ ...key, ...stateParams(state), now })!.id;
  }

  update(id: number, state: CardState, now: number): void {
    this.updateStmt.run({ id, ...stateParams(state), now });
  }

  /** A chat's active cards due by `now`, most overdue first (`memberId`: one member's only). */
  due(subscriberId: number, now: number, limit: number, memberId?: string): Card[] {
    const rows = memberId === undefined ? this.dueStmt.all(subscriberId, now, limit) : this.dueOfMemberStmt.all(subscriberId, memberId, now, limit);
    return rows.map(toCard);
  }

  /**
   * For each learner (chat and member) of these chats, its `perLearner` most overdue active cards (by
   * due time, then id), in one statement: the minute tick's review claim; each learner's cards most
   * overdue first.
   */
  dueInChats(subscriberIds: readonly number[], now: number, perLearner: number): DueCard[] {
    if (subscriberIds.length === 0 || perLearner <= 0) return [];
    const byLearner = new Map<number, Map<string, DueCard[]>>();
    for (const [id, subscriberId, memberId, courseId, questionId, dueAt] of this.dueInChatsStmt.all(JSON.stringify(subscriberIds), now)) {
      let members = byLearner.get(subscriberId);
      if (!members) byLearner.set(subscriberId, (members = new Map()));
      const list = members.get(memberId);
      const card = { id, subscriberId, memberId, courseId, questionId, dueAt };
      if (list) list.push(card);
      else members.set(memberId, [card]);
    }
    const out: DueCard[] = [];
    for (const members of byLearner.values()) {
      for (const list of members.values()) out.push(...list.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id).slice(0, perLearner));
    }
    return out;
  }

  /** One learner's active cards. */
  active(subscriberId: number, memberId: string): Card[] {
    return this.activeStmt.all(subscriberId, memberId).map(toCard);
  }

  /** Which of these chats have an active card (they keep a daily review after their courses end). */
  chatsWithCards(subscriberIds: readonly number[]): Set<number> {
    if (subscriberIds.length === 0) return new Set();
    return new Set(this.withCardsStmt.all(JSON.stringify(subscriberIds)).map((r) => r.id));
  }

  /** The question was edited or removed: its cards stop being asked (kept, with their history). */
  retireQuestion(courseId: string, questionId: string, now: number): number {
    return this.retireStmt.run(now, questionId, courseId).changes;
  }

  /** The question is back (an edit undone): its cards are asked again. */
  restoreQuestion(courseId: string, questionId: string, now: number): number {
    return this.restoreStmt.run(now, questionId, courseId).changes;
  }
}
