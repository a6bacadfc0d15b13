import type { SqlDatabase, SqlStatement } from "../sql.js";
import type { ScoreRow } from "./types.js";

/**
 * Right answers per member per chat per ISO week (table `scores`), and each group's leaderboard
 * settings (table `leaderboards`). All SQL of both tables is here.
 */
export class ScoreRepository {
  private readonly addStmt: SqlStatement;
  private readonly weekStmt: SqlStatement<[number, string], { member_id: string; member_name: string; answered: number; right: number }>;
  private readonly settingsStmt: SqlStatement<[number], { weekly: number; last_week: string }>;
  private readonly weeklyStmt: SqlStatement<[number, number]>;
  private readonly postedStmt: SqlStatement<[string, number]>;
  private readonly weeklyOfStmt: SqlStatement<[string], { subscriber_id: number; last_week: string }>;

  constructor(db: SqlDatabase) {
    this.addStmt = db.prepare(
      `INSERT INTO scores (subscriber_id, week, member_id, member_name, answered, "right") VALUES (@subscriberId, @week, @memberId, @memberName, 1, @right)
       ON CONFLICT (subscriber_id, week, member_id) DO UPDATE SET answered = scores.answered + 1, "right" = scores."right" + excluded."right", member_name = excluded.member_name`,
    );
    this.weekStmt = db.prepare('SELECT member_id, member_name, answered, "right" FROM scores WHERE subscriber_id = ? AND week = ? ORDER BY member_id');
    this.settingsStmt = db.prepare("SELECT weekly, last_week FROM leaderboards WHERE subscriber_id = ?");
    this.weeklyStmt = db.prepare(
      "INSERT INTO leaderboards (subscriber_id, weekly) VALUES (?, ?) ON CONFLICT (subscriber_id) DO UPDATE SET weekly = excluded.weekly",
    );
    this.postedStmt = db.prepare("UPDATE leaderboards SET last_week = ? WHERE subscriber_id = ?");
    this.weeklyOfStmt = db.prepare(`SELECT subscriber_id, last_week FROM leaderboards WHERE weekly = 1 AND subscriber_id IN (SELECT value FROM ${db.idTable("ids")}) ORDER BY subscriber_id`);
  }

  /** One counted answer of a member in a chat's week. */
  add(subscriberId: number, week: string, member: { id: string; name: string }, right: boolean): void {
    this.addStmt.run({ subscriberId, week, memberId: member.id, memberName: member.name, right: right ? 1 : 0 });
  }

  /** Every member's score of that week (unordered). */
  week(subscriberId: number, week: string): ScoreRow[] {
    return this.weekStmt.all(subscriberId, week).map((r) => ({ memberId: r.member_id, memberName: r.member_name, answered: r.answered, right: r.right }));
  }

  /** Whether the group posts a summary every Monday, and the last week it summarised. */
  settings(subscriberId: number): { weekly: boolean; lastWeek: string } {
    const row = this.settingsStmt.get(subscriberId);
    return { weekly: row?.weekly === 1, lastWeek: row?.last_week ?? "" };
  }

  setWeekly(subscriberId: number, on: boolean): void {
    this.weeklyStmt.run(subscriberId, on ? 1 : 0);
  }

  /** The summary of `week` is queued: it is posted once. */
  markPosted(subscriberId: number, week: string): void {
    this.postedStmt.run(week, subscriberId);
  }

  /** Of these chats, those with the weekly summary on, and the last week each summarised. */
  weeklyOf(subscriberIds: readonly number[]): Map<number, string> {
    if (subscriberIds.length === 0) return new Map();
    return new Map(this.weeklyOfStmt.all(JSON.stringify(subscriberIds)).map((r) => [r.subscriber_id, r.last_week]));
  }
}
