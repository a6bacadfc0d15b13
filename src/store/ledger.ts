import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import { COURSE_STEP_KINDS, type Delivery } from "./types.js";
import { RowInserter } from "./insertRows.js";
import { toDelivery, type DeliveryRow } from "./rows.js";

export type NewDelivery = Pick<Delivery, "subscriberId" | "kind" | "courseId" | "lessonId" | "trigger" | "dueAt" | "messageCount">;

/** The key of `allOpen`: one unfinished delivery per chat and course. */
export const openKey = (subscriberId: number, courseId: string | null): string => `${subscriberId}\u0000${courseId ?? ""}`;

/**
 * The delivery ledger: one row per lesson (or notice) handed to a chat, with how many of its messages
 * went out. Each write is its own committed statement, so the row is exact after a crash.
 */
export class DeliveryLedger {
  private readonly insertStmt: SqlStatement<object, { id: number }>;
  private readonly inserter: RowInserter;
  private readonly byId: SqlStatement<[number], DeliveryRow>;
  private readonly sentStmt: SqlStatement<[number, number, number]>;
  private readonly skipStmt: SqlStatement<[number, string, string, number, number]>;
  private readonly attemptStmt: SqlStatement<[string, number, number]>;
  private readonly finishStmt: SqlStatement<[string, string | null, number, number, number]>;
  private readonly reopenStmt: SqlStatement<[number, number]>;
  private readonly pendingStmt: SqlStatement<[], { id: number; platform: string }>;
  private readonly openStmt: SqlStatement<[number], DeliveryRow>;
  private readonly supersedeStmt: SqlStatement<[number, number, string]>;
  private readonly dropOpenStmt: SqlStatement<[number, number, string]>;
  private readonly allOpenStmt: SqlStatement<[], DeliveryRow>;
  private readonly dailyStmt: SqlStatement<[number, number, number], DeliveryRow>;
  private readonly latestStmt: SqlStatement<[number], DeliveryRow>;
  private readonly formatStmt: SqlStatement<[string, number, number, number]>;

  constructor(db: SqlDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO deliveries (subscriber_id, kind, course_id, lesson_id, trigger, due_at, message_count, status, created_at, updated_at)
       VALUES (@subscriberId, @kind, @courseId, @lessonId, @trigger, @dueAt, @messageCount, 'pending', @now, @now) RETURNING id`,
    );
    this.inserter = new RowInserter(
      db,
      "INSERT INTO deliveries (subscriber_id, kind, course_id, lesson_id, trigger, due_at, message_count, status, created_at, updated_at)",
      "(?, ?, ?, ?, ?, ?, ?, 'pending', @now, @now)",
      7,
    );
    this.byId = db.prepare("SELECT * FROM deliveries WHERE id = ?");
    this.sentStmt = db.prepare("UPDATE deliveries SET sent_count = ?, updated_at = ? WHERE id = ?");
    this.skipStmt = db.prepare(
      "UPDATE deliveries SET sent_count = ?, skipped = ?, last_error = ?, updated_at = ? WHERE id = ? ",
    );
    this.attemptStmt = db.prepare(
      "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?",
    );
    this.finishStmt = db.prepare(
      "UPDATE deliveries SET status = ?, last_error = coalesce(?, last_error), updated_at = ?, finished_at = ? WHERE id = ?",
    );
    this.reopenStmt = db.prepare("UPDATE deliveries SET status = 'pending', updated_at = ? WHERE id = ?");
    this.pendingStmt = db.prepare(
      "SELECT d.id, s.platform FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.status = 'pending' ORDER BY d.id",
    );
    this.openStmt = db.prepare(
      // Announcements, questions and reviews travel beside the lessons: they never hold up or stand in for a lesson.
      `SELECT * FROM deliveries WHERE subscriber_id = ? AND status IN ('pending', 'failed') AND kind IN ${COURSE_STEP_KINDS} ORDER BY id DESC LIMIT 1`,
    );
    this.supersedeStmt = db.prepare(
      `UPDATE deliveries SET status = 'superseded', updated_at = ? WHERE subscriber_id = ? AND course_id = ? AND status = 'failed' AND kind IN ${COURSE_STEP_KINDS}`,
    );
    this.dropOpenStmt = db.prepare(
      "UPDATE deliveries SET status = 'superseded', updated_at = ? WHERE subscriber_id = ? AND course_id = ? AND status IN ('pending', 'failed') AND kind IN ('lesson', 'course_complete')",
    );
    this.allOpenStmt = db.prepare(`SELECT * FROM deliveries WHERE status IN ('pending', 'failed') AND kind IN ${COURSE_STEP_KINDS} ORDER BY id`);
    this.dailyStmt = db.prepare(
      // The days the bot owes are those of the courses' daily steps, not of reviews or summaries.
      `SELECT * FROM deliveries WHERE subscriber_id = ? AND trigger = 'daily' AND due_at BETWEEN ? AND ? AND kind IN ${COURSE_STEP_KINDS} ORDER BY id`,
    );
    this.latestStmt = db.prepare(
      "SELECT * FROM deliveries WHERE subscriber_id = ? AND kind = 'lesson' ORDER BY id DESC LIMIT 1",
    );
    this.formatStmt = db.prepare(
      "UPDATE deliveries SET format = ?, message_count = ?, sent_count = 0, skipped = '', updated_at = ? WHERE id = ?",
    );
  }

  create(d: NewDelivery, now: number): number {
    return this.insertStmt.get({ ...d, now })!.id;
  }

  /**
   * Many new deliveries (the minute tick's) in order, a few multi-row statements in all; returns their
   * ids in that order. Same rows as `create` one by one, without a statement per row.
   */
  createMany(rows: readonly NewDelivery[], now: number): number[] {
    if (rows.length === 0) return [];
    const values: unknown[] = [];
    for (const d of rows) values.push(d.subscriberId, d.kind, d.courseId, d.lessonId, d.trigger, d.dueAt, d.messageCount);
    return this.inserter.run(values, { now });
  }

  get(id: number): Delivery | undefined {
    const row = this.byId.get(id);
    return row && toDelivery(row);
  }

  /** Records that messages [0, sentCount) are out. Called after each send returns, before the next. */
  markSent(id: number, sentCount: number, now: number): void {
    this.sentStmt.run(sentCount, now, id);
  }

  /** Records a message the platform rejected and moves past it. */
  markSkipped(d: Delivery, index: number, error: string, now: number): void {
    d.skipped.push(index);
    this.skipStmt.run(index + 1, d.skipped.join(","), error, now, d.id);
  }

  recordAttempt(id: number, error: string, now: number): void {
    this.attemptStmt.run(error, now, id);
  }

  /** The learner moved on in a course: its failed deliveries there will not be resumed. */
  supersedeFailed(subscriberId: number, courseId: string, now: number): void {
    this.supersedeStmt.run(now, subscriberId, courseId);
  }

  /**
   * The chat left a course: its lessons there not yet sent (pending, or failed and waiting) are
   * dropped. One being sent right now finishes its message in flight and stops at the next.
   */
  dropOpen(subscriberId: number, courseId: string, now: number): void {
    this.dropOpenStmt.run(now, subscriberId, courseId);
  }

  finish(id: number, status: "done" | "failed", error: string | null, now: number): void {
    this.finishStmt.run(status, error, now, now, id);
  }

  /**
   * The platform refused the delivery's format: it starts over in `format`, from its first message
   * (a refused message was not shown, and a rich lesson is one message).
   */
  switchFormat(d: Delivery, format: LessonFormat, messageCount: number, now: number): void {
    this.formatStmt.run(format, messageCount, now, d.id);
    d.format = format;
    d.messageCount = messageCount;
    d.sentCount = 0;
    d.skipped = [];
  }

  reopen(id: number, now: number): void {
    this.reopenStmt.run(now, id);
  }

  /** Pending deliveries (oldest first) with the platform they go to. */
  pending(): { id: number; platform: Platform }[] {
    return this.pendingStmt.all() as { id: number; platform: Platform }[];
  }

  /** The subscriber's unfinished delivery (pending, or failed and waiting to be resumed), if any. */
  openFor(subscriberId: number): Delivery | undefined {
    const row = this.openStmt.get(subscriberId);
    return row && toDelivery(row);
  }

  /**
   * Every unfinished delivery by subscriber and course (`openKey`; few at any time: those in flight
   * or failed), latest wins.
   */
  allOpen(): Map<string, Delivery> {
    const map = new Map<string, Delivery>();
    for (const row of this.allOpenStmt.all()) map.set(openKey(row.subscriber_id, row.course_id), toDelivery(row));
    return map;
  }

  /** Daily deliveries that were due between `sinceMs` and `untilMs`. */
  dailySince(subscriberId: number, sinceMs: number, untilMs: number): Delivery[] {
    return this.dailyStmt.all(subscriberId, sinceMs, untilMs).map(toDelivery);
  }

  latestLesson(subscriberId: number): Delivery | undefined {
    const row = this.latestStmt.get(subscriberId);
    return row && toDelivery(row);
  }
}
