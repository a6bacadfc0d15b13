import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { Platform } from "../contract/lessons.js";
import type { StreakState, Subscriber, SubscriberStatus } from "./types.js";
import type { ChatKind, Language } from "../contract/chat.js";
import { ValuesBatch } from "./insertRows.js";
import { toSubscriber, type SubscriberRow } from "./rows.js";

export type NewSubscriber = Pick<
  Subscriber,
  "platform" | "chatId" | "threadId" | "kind" | "language" | "timeZone" | "sendTime" | "status" | "nextDueAt"
> &
  Partial<Pick<Subscriber, "subscribedBy">>;

/** Fields a use case may change, by their domain names. */
export interface SubscriberPatch {
  kind?: ChatKind;
  chatId?: string;
  language?: Language;
  timeZone?: string;
  sendTime?: string;
  status?: SubscriberStatus;
  nextDueAt?: number | null;
  lastDailyAt?: number | null;
  streak?: StreakState;
  subscribedBy?: string;
  lessonThreads?: boolean;
}

const columns: Record<Exclude<keyof SubscriberPatch, "streak">, string> = {
  kind: "kind",
  chatId: "chat_id",
  language: "language",
  timeZone: "timezone",
  sendTime: "send_time",
  status: "status",
  nextDueAt: "next_due_at",
  lastDailyAt: "last_daily_at",
  subscribedBy: "subscribed_by",
  lessonThreads: "lesson_threads",
};

export class SubscriberRepository {
  private readonly byAddress: SqlStatement<[string, string, string], SubscriberRow>;
  private readonly byId: SqlStatement<[number], SubscriberRow>;
  private readonly dueIdsStmt: SqlStatement<[string, number, number], { id: number }>;
  private readonly byIdsStmt: SqlStatement<[string], SubscriberRow>;
  private readonly insertStmt: SqlStatement<object, { id: number }>;
  private readonly claimBatch: ValuesBatch<[number]>;
  private readonly updateCache = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {
    this.byAddress = db.prepare("SELECT * FROM subscribers WHERE platform = ? AND chat_id = ? AND thread_id = ?");
    this.byId = db.prepare("SELECT * FROM subscribers WHERE id = ?");
    // Ids only: read from the index alone, no table page touched.
    this.dueIdsStmt = db.prepare(
      "SELECT id FROM subscribers WHERE platform = ? AND next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at LIMIT ?",
    );
    this.byIdsStmt = db.prepare(`SELECT * FROM subscribers WHERE id IN (SELECT value FROM ${db.idTable("ids")}) ORDER BY id`);
    this.claimBatch = new ValuesBatch(
      db,
      (values) => `UPDATE subscribers SET next_due_at = v.column2, last_daily_at = coalesce(v.column3, last_daily_at), updated_at = @now
        FROM (VALUES ${values}) AS v WHERE subscribers.id = v.column1 AND subscribers.next_due_at = v.column4 RETURNING id`,
      "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))",
      4,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO subscribers (platform, chat_id, thread_id, kind, language, timezone, send_time, status, next_due_at, subscribed_by, created_at, updated_at)
       VALUES (@platform, @chatId, @threadId, @kind, @language, @timeZone, @sendTime, @status, @nextDueAt, @subscribedBy, @now, @now) RETURNING id`,
    );
  }

  find(platform: Platform, chatId: string, threadId: string): Subscriber | undefined {
    const row = this.byAddress.get(platform, chatId, threadId);
    return row && toSubscriber(row);
  }

  get(id: number): Subscriber | undefined {
    const row = this.byId.get(id);
    return row && toSubscriber(row);
  }

  insert(s: NewSubscriber, now: number): Subscriber {
    return this.get(this.insertStmt.get({ subscribedBy: "", ...s, now })!.id)!;
  }


  /** The ids of the subscribers on `platform` due at or before `now`, longest waiting first. */
  dueIds(platform: Platform, now: number, limit: number): number[] {
    return this.dueIdsStmt.all(platform, now, limit).map((r) => r.id);
  }

  /** These subscribers, in id order (the order of their rows in the file). */
  byIds(ids: readonly number[]): Subscriber[] {
    return ids.length === 0 ? [] : this.byIdsStmt.all(JSON.stringify(ids)).map(toSubscriber);
  }

  /**
   * Claims due subscribers, in few statements: moves each one's next due time (and, when lessons go
   * out, the time of the last daily lessons), only while next_due_at still holds the value it was
   * selected with (compare-and-set). Returns the ids of those claimed.
   */
  claimMany(claims: readonly { sub: Subscriber; nextDueAt: number | null; lastDailyAt: number | null }[], now: number): Set<number> {
    const values: unknown[] = [];
    for (const c of claims) values.push(c.sub.id, c.nextDueAt, c.lastDailyAt, c.sub.nextDueAt);
    return new Set(this.claimBatch.run(values, { now }).map((r) => r[0]));
  }

  /**
   * Applies `patch`. With `expectDueAt` the update only happens while next_due_at still has that value
   * (a compare-and-set used to claim a due subscriber); returns whether a row changed.
   */
  update(id: number, patch: SubscriberPatch, now: number, expectDueAt?: number): boolean {
    const sets: string[] = [];
    const values: Record<string, unknown> = { id, now };
    for (const [key, value] of Object.entries(patch) as [keyof SubscriberPatch, unknown][]) {
      if (value === undefined) continue;
      if (key === "streak") {
        const s = value as StreakState;
        sets.push("streak_current = @streak_current", "streak_best = @streak_best", "streak_last_day = @streak_last_day");
        values.streak_current = s.current;
        values.streak_best = s.best;
        values.streak_last_day = s.lastDay;
        continue;
      }
      const column = columns[key];
      sets.push(`${column} = @${column}`);
      values[column] = typeof value === "boolean" ? (value ? 1 : 0) : value;
    }
    let sql = `UPDATE subscribers SET ${sets.join(", ")}${sets.length ? ", " : ""}updated_at = @now WHERE id = @id`;
    if (expectDueAt !== undefined) {
      sql += " AND next_due_at = @expectDueAt";
      values.expectDueAt = expectDueAt;
    }
    let stmt = this.updateCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.updateCache.set(sql, stmt);
    }
    return stmt.run(values).changes > 0;
  }

  /** Every subscriber of `platform` in one of `chatIds` (any thread): a server the bot left, say. */
  inChats(platform: Platform, chatIds: readonly string[]): Subscriber[] {
    if (chatIds.length === 0) return [];
    const marks = chatIds.map(() => "?").join(", ");
    const rows = this.db.prepare(`SELECT * FROM subscribers WHERE platform = ? AND chat_id IN (${marks}) ORDER BY id`).all(platform, ...chatIds) as SubscriberRow[];
    return rows.map(toSubscriber);
  }

  /** Active subscribers with no due time (every course they follow finished, or none followed). */
  idleActive(): Subscriber[] {
    return (this.db.prepare("SELECT * FROM subscribers WHERE status = 'active' AND next_due_at IS NULL ORDER BY id").all() as SubscriberRow[]).map(
      toSubscriber,
    );
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM subscribers").get() as { n: number }).n;
  }
}
