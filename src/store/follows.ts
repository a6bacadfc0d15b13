import type { SqlDatabase, SqlStatement } from "./sql.js";
import type { Platform } from "../contract/lessons.js";
import { ValuesBatch } from "./insertRows.js";
import { toFollow, type FollowRow } from "./rows.js";
import type { Follow, FollowStatus } from "./types.js";

/** Fields a use case may change on a follow. */
export interface FollowPatch {
  position?: string | null;
  positionOrdinal?: number;
  completedNotified?: boolean;
  status?: FollowStatus;
}

/** The course id a follow migrated from schema 4 has until the start resolves it. */
export const UNRESOLVED_COURSE = "";

const columns: Record<keyof FollowPatch, string> = {
  position: "position",
  positionOrdinal: "position_ordinal",
  completedNotified: "completed_notified",
  status: "status",
};

/** Subscribers of one platform (a subquery: follows do not know platforms). */
const ON_PLATFORM = "subscriber_id IN (SELECT id FROM subscribers WHERE platform = @platform)";

/** The courses each chat follows, with its place in each (one row per subscriber and course). */
export class FollowRepository {
  private readonly ofStmt: SqlStatement<[number], FollowRow>;
  private readonly followingStmt: SqlStatement<[number], FollowRow>;
  private readonly followingManyStmt: SqlStatement<[string], FollowRow>;
  private readonly getStmt: SqlStatement<[number, string], FollowRow>;
  private readonly upsertStmt: SqlStatement<{ subscriberId: number; courseId: string; now: number }>;
  private readonly moveStmt: SqlStatement<[string, number, number, number, string]>;
  private readonly moveBatch: ValuesBatch;
  private readonly updateCache = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {
    this.ofStmt = db.prepare("SELECT * FROM follows WHERE subscriber_id = ? ORDER BY followed_at, course_id");
    this.followingStmt = db.prepare("SELECT * FROM follows WHERE subscriber_id = ? AND status = 'following' ORDER BY course_id");
    this.followingManyStmt = db.prepare(`SELECT * FROM follows WHERE status = 'following' AND subscriber_id IN (SELECT value FROM ${db.idTable("ids")})`);
    this.getStmt = db.prepare("SELECT * FROM follows WHERE subscriber_id = ? AND course_id = ?");
    this.upsertStmt = db.prepare(
      `INSERT INTO follows (subscriber_id, course_id, status, followed_at, updated_at) VALUES (@subscriberId, @courseId, 'following', @now, @now)
       ON CONFLICT (subscriber_id, course_id) DO UPDATE SET status = 'following', updated_at = @now`,
    );
    this.moveBatch = new ValuesBatch(
      db,
      (values) => `UPDATE follows SET position = v.column3, position_ordinal = v.column4, updated_at = @now
        FROM (VALUES ${values}) AS v WHERE follows.subscriber_id = v.column1 AND follows.course_id = v.column2`,
      "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT))",
      4,
    );
    this.moveStmt = db.prepare("UPDATE follows SET position = ?, position_ordinal = ?, updated_at = ? WHERE subscriber_id = ? AND course_id = ?");
  }

  /** Every course the chat ever followed (any status). */
  of(subscriberId: number): Follow[] {
    return this.ofStmt.all(subscriberId).map(toFollow);
  }

  /** The courses the chat follows now (the minute tick reads these for every due chat). */
  following(subscriberId: number): Follow[] {
    return this.followingStmt.all(subscriberId).map(toFollow);
  }

  /** The courses each of these chats follows now, in one read (the minute tick's due chats). */
  followingOf(subscriberIds: readonly number[]): Map<number, Follow[]> {
    const out = new Map<number, Follow[]>();
    if (subscriberIds.length === 0) return out;
    for (const row of this.followingManyStmt.all(JSON.stringify(subscriberIds))) {
      const list = out.get(row.subscriber_id);
      if (list) list.push(toFollow(row));
      else out.set(row.subscriber_id, [toFollow(row)]);
    }
    return out;
  }

  get(subscriberId: number, courseId: string): Follow | undefined {
    const row = this.getStmt.get(subscriberId, courseId);
    return row && toFollow(row);
  }

  /**
   * Follows a course: a new row at the start, or the row kept from before (left, withdrawn) back at
   * its place. Returns the follow and its status before (undefined when it is new).
   */
  follow(subscriberId: number, courseId: string, now: number): { follow: Follow; before: FollowStatus | undefined } {
    const before = this.get(subscriberId, courseId)?.status;
    this.upsertStmt.run({ subscriberId, courseId, now });
    return { follow: this.get(subscriberId, courseId)!, before };
  }

  /** Moves the chat's place in a course (the lesson just handed to the ledger). */
  move(subscriberId: number, courseId: string, position: string, ordinal: number, now: number): void {
    this.moveStmt.run(position, ordinal, now, subscriberId, courseId);
  }

  /** `move` for many chats in few statements (the minute tick's lessons). */
  moveMany(moves: readonly { subscriberId: number; courseId: string; position: string; ordinal: number }[], now: number): void {
    const values: unknown[] = [];
    for (const m of moves) values.push(m.subscriberId, m.courseId, m.position, m.ordinal);
    this.moveBatch.run(values, { now });
  }

  update(subscriberId: number, courseId: string, patch: FollowPatch, now: number): boolean {
    const sets: string[] = [];
    const values: Record<string, unknown> = { subscriberId, courseId, now };
    for (const [key, value] of Object.entries(patch) as [keyof FollowPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = @${columns[key]}`);
      values[columns[key]] = typeof value === "boolean" ? (value ? 1 : 0) : value;
    }
    const sql = `UPDATE follows SET ${sets.join(", ")}${sets.length ? ", " : ""}updated_at = @now WHERE subscriber_id = @subscriberId AND course_id = @courseId`;
    let stmt = this.updateCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.updateCache.set(sql, stmt);
    }
    return stmt.run(values).changes > 0;
  }

  /** Course ids some chat follows or was told are withdrawn (few: one per course). */
  courseIds(): string[] {
    return (this.db.prepare("SELECT DISTINCT course_id FROM follows WHERE status IN ('following', 'withdrawn') ORDER BY course_id").all() as { course_id: string }[]).map(
      (r) => r.course_id,
    );
  }

  /** The distinct positions of the follows of `platform` still waiting for their course (schema 4's). */
  unresolvedPositions(platform: Platform): (string | null)[] {
    return (
      this.db
        .prepare(`SELECT DISTINCT position FROM follows WHERE course_id = '' AND ${ON_PLATFORM} ORDER BY position NULLS FIRST`)
        .all({ platform }) as { position: string | null }[]
    ).map((r) => r.position);
  }

  /**
   * Gives the unresolved follows of `platform` at `position` their course, and their deliveries and
   * completions too (a subscriber of schema 4 had one course, so they are that course's). Returns how
   * many follows were resolved.
   */
  resolve(platform: Platform, position: string | null, courseId: string): number {
    const params = { platform, position, courseId };
    const who = `course_id = '' AND position IS NOT DISTINCT FROM @position AND ${ON_PLATFORM}`;
    for (const table of ["deliveries", "completions"]) {
      this.db
        .prepare(`UPDATE ${table} SET course_id = @courseId WHERE course_id = '' AND subscriber_id IN (SELECT subscriber_id FROM follows WHERE ${who})`)
        .run(params);
    }
    // A chat already following the course keeps that follow; the unresolved one stays as it was.
    const free = "NOT EXISTS (SELECT 1 FROM follows taken WHERE taken.subscriber_id = follows.subscriber_id AND taken.course_id = @courseId)";
    return this.db.prepare(`UPDATE follows SET course_id = @courseId WHERE ${who} AND ${free}`).run(params).changes;
  }

  /**
   * A course is no longer offered on `platform`: its followers there are told once (a pending notice
   * in the ledger for every active or paused one), its lessons not yet sent are dropped, and the
   * follows are kept, marked withdrawn. Returns the notices queued.
   */
  withdraw(platform: Platform, courseId: string, now: number): number {
    const params = { platform, courseId, now };
    const followers = `SELECT subscriber_id FROM follows WHERE course_id = @courseId AND status = 'following' AND ${ON_PLATFORM}`;
    const told = this.db
      .prepare(
        `INSERT INTO deliveries (subscriber_id, kind, course_id, lesson_id, trigger, due_at, message_count, status, created_at, updated_at)
         SELECT id, 'course_withdrawn', @courseId, '', 'on_demand', NULL, 1, 'pending', @now, @now FROM subscribers
         WHERE id IN (${followers}) AND status IN ('active', 'paused') ORDER BY id`,
      )
      .run(params).changes;
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'superseded', updated_at = @now
         WHERE course_id = @courseId AND kind IN ('lesson', 'course_complete') AND status IN ('pending', 'failed') AND subscriber_id IN (${followers})`,
      )
      .run(params);
    this.db.prepare(`UPDATE follows SET status = 'withdrawn', updated_at = @now WHERE course_id = @courseId AND status = 'following' AND ${ON_PLATFORM}`).run(params);
    return told;
  }

  /** A withdrawn course is offered again on `platform`: its followers follow it again, at their place. */
  restore(platform: Platform, courseId: string, now: number): number {
    return this.db
      .prepare(`UPDATE follows SET status = 'following', updated_at = @now WHERE course_id = @courseId AND status = 'withdrawn' AND ${ON_PLATFORM}`)
      .run({ platform, courseId, now }).changes;
  }

  /** Active chats following each course. */
  activeFollowersByCourse(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT f.course_id AS "courseId", count(*) AS n FROM follows f JOIN subscribers s ON s.id = f.subscriber_id
         WHERE f.status = 'following' AND s.status = 'active' GROUP BY f.course_id ORDER BY f.course_id`,
      )
      .all() as { courseId: string; n: number }[];
    return new Map(rows.map((r) => [r.courseId, r.n]));
  }
}
