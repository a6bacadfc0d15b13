import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import type { Platform } from "../contract/lessons.js";
import { PostgresDatabase } from "./postgres/database.js";
import type { SqlDatabase, SqlStatement } from "./sql.js";
import { SqliteDatabase } from "./sqlite.js";
import { isDatabaseUrl } from "./location.js";

/**
 * Paid broadcasts in the database, every statement in one place: the messages sent past the free rate
 * per platform and UTC day (so the day's Star cap holds across restarts), and what `doctor` reads to
 * estimate a day's cost.
 */
export class PaidBroadcastRepository {
  private readonly getStmt: SqlStatement<[string, string], { messages: number }>;
  private readonly addStmt: SqlStatement<[string, string, number, number]>;

  constructor(db: SqlDatabase) {
    this.getStmt = db.prepare("SELECT messages FROM paid_broadcasts WHERE platform = ? AND day = ?");
    this.addStmt = db.prepare(
      `INSERT INTO paid_broadcasts (platform, day, messages, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (platform, day) DO UPDATE SET messages = paid_broadcasts.messages + excluded.messages, updated_at = excluded.updated_at`,
    );
  }

  /** Messages sent past the free rate on `day` (YYYY-MM-DD, UTC). */
  messages(platform: Platform, day: string): number {
    return this.getStmt.get(platform, day)?.messages ?? 0;
  }

  add(platform: Platform, day: string, messages: number, now: number): void {
    this.addStmt.run(platform, day, messages, now);
  }
}

/** What the next 24 hours hold for one platform: its lessons by due minute, and what a lesson weighs. */
export interface DailyOutlook {
  /** Lessons due in each minute of the next 24 hours (one per followed course of an active chat); overdue ones in the first. */
  lessonsByMinute: number[];
  /** Chats with lessons due. */
  chats: number;
  /** Messages per lesson over the last week's delivered lessons; undefined without any. */
  messagesPerLesson: number | undefined;
  /** Messages sent past the free rate today (UTC) so far. */
  paidToday: number;
}

/**
 * `doctor`'s look at the next 24 hours of the database at `location` (a SQLite file, read-only, or a
 * postgres:// address): a SQLite file not created yet holds nothing; one of an older schema is read as
 * far as it has the tables.
 */
export function readDailyOutlook(location: string, platform: Platform, now: number, day: string): DailyOutlook {
  if (isDatabaseUrl(location)) {
    const db = new PostgresDatabase(location, { timeoutMs: 10_000, name: "sau-phut doctor" });
    try {
      return dailyOutlook(db, platform, now, day, true);
    } finally {
      db.close();
    }
  }
  if (!existsSync(location)) return { lessonsByMinute: [], chats: 0, messagesPerLesson: undefined, paidToday: 0 };
  const raw = new Database(location, { readonly: true, fileMustExist: true });
  try {
    raw.pragma("busy_timeout = 2000");
    const counted = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'paid_broadcasts'").get() !== undefined;
    return dailyOutlook(new SqliteDatabase(raw, location), platform, now, day, counted);
  } finally {
    raw.close();
  }
}

function dailyOutlook(db: SqlDatabase, platform: Platform, now: number, day: string, counted: boolean): DailyOutlook {
  const rows = db
    .prepare<object, { minute: number; lessons: number; chats: number }>(
      `SELECT (CASE WHEN s.next_due_at > @now THEN s.next_due_at ELSE @now END) / 60000 AS minute, count(*) AS lessons, count(DISTINCT s.id) AS chats
       FROM subscribers s JOIN follows f ON f.subscriber_id = s.id AND f.status = 'following'
       WHERE s.platform = @platform AND s.status = 'active' AND s.next_due_at IS NOT NULL AND s.next_due_at < @until
       GROUP BY minute ORDER BY minute`,
    )
    .all({ now, platform, until: now + 86_400_000 });
  const weight = db
    .prepare<[string, number], { m: number | null }>(
      `SELECT avg(d.message_count) AS m FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
       WHERE s.platform = ? AND d.kind = 'lesson' AND d.status = 'done' AND d.finished_at >= ?`,
    )
    .get(platform, now - 7 * 86_400_000)!;
  return {
    lessonsByMinute: rows.map((r) => r.lessons),
    chats: rows.reduce((n, r) => n + r.chats, 0),
    messagesPerLesson: weight.m ?? undefined,
    paidToday: counted ? new PaidBroadcastRepository(db).messages(platform, day) : 0,
  };
}
