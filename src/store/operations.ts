import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { Platform } from "../contract/lessons.js";

/** Operators' announcements: their text, kept for the deliveries that carry it. */
export class AnnouncementRepository {
  private readonly insertStmt: SqlStatement<[string, string, number], { id: number }>;
  private readonly getStmt: SqlStatement<[number], { text: string }>;

  constructor(db: SqlDatabase) {
    this.insertStmt = db.prepare("INSERT INTO announcements (text, author, created_at) VALUES (?, ?, ?) RETURNING id");
    this.getStmt = db.prepare("SELECT text FROM announcements WHERE id = ?");
  }

  create(text: string, author: string, now: number): number {
    return this.insertStmt.get(text, author, now)!.id;
  }

  text(id: number): string | undefined {
    return this.getStmt.get(id)?.text;
  }
}

export interface SlowDelivery {
  platform: Platform;
  chatId: string;
  lessonId: string;
  lagMs: number;
}

/** What an operator's /stats shows, over the last `sinceMs`. */
export class StatsQueries {
  constructor(private readonly db: SqlDatabase) {}

  /** Active subscribers on these platforms; with `courseId`, only the chats following that course. */
  activeSubscriberIds(platforms: readonly Platform[], courseId?: string): { id: number; platform: Platform }[] {
    if (platforms.length === 0) return [];
    const marks = platforms.map(() => "?").join(", ");
    const following = courseId === undefined ? "" : "AND id IN (SELECT subscriber_id FROM follows WHERE course_id = ? AND status = 'following')";
    const params = courseId === undefined ? [...platforms] : [...platforms, courseId];
    return this.db
      .prepare(`SELECT id, platform FROM subscribers WHERE status = 'active' AND platform IN (${marks}) ${following} ORDER BY id`)
      .all(...params) as { id: number; platform: Platform }[];
  }

  /** Lesson deliveries finished since then, by course and outcome. */
  lessonsByCourseSince(since: number): Map<string, { done: number; failed: number }> {
    const rows = this.db
      .prepare(
        `SELECT course_id AS "courseId", status, count(*) AS n FROM deliveries WHERE kind = 'lesson' AND finished_at >= ? AND status IN ('done', 'failed') GROUP BY course_id, status`,
      )
      .all(since) as { courseId: string; status: "done" | "failed"; n: number }[];
    const out = new Map<string, { done: number; failed: number }>();
    for (const r of rows) {
      const counts = out.get(r.courseId) ?? { done: 0, failed: 0 };
      counts[r.status] = r.n;
      out.set(r.courseId, counts);
    }
    return out;
  }

  /** Chats with a lesson learned (✅ or moved past) since then. */
  learnedSince(since: number): number {
    return (this.db.prepare("SELECT count(DISTINCT subscriber_id) AS n FROM completions WHERE at >= ?").get(since) as { n: number }).n;
  }

  /** Lesson deliveries finished since then, by outcome. */
  deliveriesSince(since: number): { done: number; failed: number } {
    const rows = this.db
      .prepare("SELECT status, count(*) AS n FROM deliveries WHERE kind = 'lesson' AND finished_at >= ? AND status IN ('done', 'failed') GROUP BY status")
      .all(since) as { status: "done" | "failed"; n: number }[];
    const out = { done: 0, failed: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** Daily lessons that took longest from due time to their last message. */
  slowest(since: number, limit: number): SlowDelivery[] {
    return this.db
      .prepare(
        `SELECT s.platform AS platform, s.chat_id AS "chatId", d.lesson_id AS "lessonId", d.finished_at - d.due_at AS "lagMs"
         FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
         WHERE d.kind = 'lesson' AND d.trigger = 'daily' AND d.status = 'done' AND d.finished_at >= ? AND d.due_at IS NOT NULL
         ORDER BY "lagMs" DESC LIMIT ?`,
      )
      .all(since, limit) as SlowDelivery[];
  }
}
