import Database from "better-sqlite3";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { lesson, makeCourse, tempDir, viewOf } from "./helpers.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("the SQLite store", () => {
  it("GIVEN a new file THEN WAL, foreign keys and the current schema version", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = Store.open(join(t.dir, "nested", "bot.sqlite"));
    expect(store.sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.sqlite().pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.sqlite().pragma("user_version", { simple: true })).toBe(migrations.length);
    store.close();
  });

  it("GIVEN a file of an older schema version THEN opening upgrades it in place, keeping its rows", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, "bot.sqlite");
    const db = new Database(file);
    expect(migrate(db, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
    db.prepare(
      "INSERT INTO subscribers (platform, chat_id, kind, language, timezone, send_time, status, created_at, updated_at) VALUES ('telegram', '1', 'private', 'vi', 'UTC', '07:00', 'active', 0, 0)",
    ).run();
    db.prepare(
      "INSERT INTO deliveries (subscriber_id, kind, lesson_id, trigger, message_count, sent_count, status, created_at, updated_at) VALUES (1, 'lesson', 'p#a', 'daily', 3, 2, 'pending', 0, 0)",
    ).run();
    const later = [...migrations, "ALTER TABLE subscribers ADD COLUMN note TEXT NOT NULL DEFAULT 'x'"];
    expect(migrate(db, later)).toEqual({ from: 1, to: later.length });
    expect(db.prepare("SELECT chat_id, note, subscribed_by FROM subscribers").get()).toEqual({ chat_id: "1", note: "x", subscribed_by: "" });
    // The deliveries table was rebuilt (migration 4): its rows and indexes are all there.
    expect(db.prepare("SELECT lesson_id, sent_count, status, format FROM deliveries").get()).toEqual({ lesson_id: "p#a", sent_count: 2, status: "pending", format: "" });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes).toEqual(["deliveries_by_subscriber", "deliveries_finished", "deliveries_open", "deliveries_pending"]);
    expect(migrate(db, later)).toEqual({ from: later.length, to: later.length });
    expect(() => migrate(db, migrations.slice(0, 1))).toThrow(/newer/);
    db.close();
  });

  it("GIVEN the due query THEN it uses the index, not a table scan", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = Store.open(join(t.dir, "bot.sqlite"));
    const plan = store.db
      .prepare("EXPLAIN QUERY PLAN SELECT id, next_due_at FROM subscribers WHERE platform = ? AND next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at LIMIT ?")
      .all("telegram", 0, 10) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/SEARCH subscribers USING (COVERING )?INDEX subscribers_due/);
    store.close();
  });
});

describe("position after content edits", () => {
  const course = makeCourse(0);
  course.lessons = [lesson("a#intro"), lesson("a#more"), lesson("b#one"), lesson("b#two"), lesson("c#x")];
  const view = viewOf(course);

  it("GIVEN a known id THEN its index", () => {
    expect(view.indexOfPosition("b#two", 0)).toBe(3);
    expect(view.indexOfPosition(null, 0)).toBe(-1);
  });

  it("GIVEN a vanished section of a post that still exists THEN the last lesson of that post at or before the old place", () => {
    expect(view.indexOfPosition("b#renamed", 3)).toBe(3);
    expect(view.indexOfPosition("b#renamed", 2)).toBe(2);
    expect(view.indexOfPosition("b#renamed", 0)).toBe(2); // the post moved later: its first lesson
  });

  it("GIVEN a vanished post THEN the lesson before the old place, so the next one is what now stands there", () => {
    expect(view.indexOfPosition("gone#x", 2)).toBe(1);
    expect(view.indexOfPosition("gone#x", 99)).toBe(4);
    expect(view.indexOfPosition("gone#x", 0)).toBe(-1);
  });
});
