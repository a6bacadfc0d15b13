/**
 * Nothing lost (issue 15 §3): a database written by the single-course bot (tests/fixtures/store-v4,
 * schema 4, made by that commit's own store) opens with every chat following the one course it had,
 * at the same lesson, with the same streak and the same unfinished deliveries — resumed where they
 * stopped, nothing sent twice, nothing skipped.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Platform } from "../../src/contract/lessons.js";
import { assembleLearning, type Learning } from "../../src/learning/assemble.js";
import { syncFollows } from "../../src/learning/catalogueSync.js";
import { Courses } from "../../src/learning/courses.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { makeCatalogue, makeCourse, RecordingSender, settle, silentLog, tempDir } from "./helpers.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/store-v4/bot.sqlite");
/** The fixture was written at 2025-01-06T00:00Z (07:00 in Ho Chi Minh City); the bot restarts half an hour later. */
const RESTART = Date.parse("2025-01-06T00:30:00Z");

let cleanup: (() => void) | undefined;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  cleanup?.();
});

/** A copy of the fixture, opened (and so migrated) by today's store. */
function openFixture(): Store {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, "bot.sqlite");
  copyFileSync(FIXTURE, file);
  store = Store.open(file);
  return store;
}

/** The course the single-course bot served (lessons "post-1#part" … "post-5#part", three messages each), with `before` ahead of it in the catalogue. */
function catalogues(before: boolean): Catalogue[] {
  return (["telegram", "discord", "console"] as Platform[]).map((platform) => {
    const content = { id: "content", course: makeCourse(5, { platform, messagesPerLesson: 3 }) };
    const other = { id: "other", course: makeCourse(4, { platform, prefix: "other", tag: "O-", title: "Another course" }) };
    return Catalogue.from([{ catalogue: makeCatalogue(before ? [other, content] : [content]), mediaDir: "/tmp" }]);
  });
}

function start(s: Store, courses: Courses, clock: VirtualClock): { learning: Learning; telegram: RecordingSender; discord: RecordingSender } {
  const telegram = new RecordingSender("telegram", clock);
  const discord = new RecordingSender("discord", clock);
  const learning = assembleLearning({ store: s, courses, senders: [telegram, discord], limits: {}, clock, log: silentLog, defaults: { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" } });
  return { learning, telegram, discord };
}

const textsTo = (sender: RecordingSender, chatId: string): string[] => sender.sent.filter((s) => s.to.chatId === chatId).map((s) => s.message.text ?? "");

describe("GIVEN a database written by the single-course bot (schema 4)", () => {
  it("THEN the fixture is what that bot wrote: schema 4, eight chats, one delivery pending halfway, one failed", () => {
    const db = new Database(FIXTURE, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(4);
      expect(db.prepare("SELECT count(*) AS n FROM subscribers").get()).toEqual({ n: 8 });
      expect(db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status").all()).toEqual([
        { status: "done", n: 5 },
        { status: "failed", n: 1 },
        { status: "pending", n: 2 },
      ]);
    } finally {
      db.close();
    }
  });

  it("WHEN the bot opens it THEN every chat follows the course it had, at the same lesson, with the same streak and settings", () => {
    const s = openFixture();
    expect(s.sqlite().pragma("user_version", { simple: true })).toBe(migrations.length);
    const courses = new Courses(catalogues(false));
    const clock = new VirtualClock(RESTART);
    start(s, courses, clock);
    expect(syncFollows(s, courses, clock.now(), silentLog)).toEqual({ resolved: 8, withdrawn: 0, restored: 0 });

    const place = (platform: Platform, chatId: string) => {
      const sub = s.subscribers.find(platform, chatId, "")!;
      const follows = s.follows.of(sub.id);
      return { status: sub.status, streak: sub.streak, follows: follows.map((f) => ({ course: f.courseId, position: f.position, ordinal: f.positionOrdinal, told: f.completedNotified, status: f.status })) };
    };
    const following = (position: string | null, ordinal: number, told = false) => [{ course: "content", position, ordinal, told, status: "following" }];
    expect(place("telegram", "1001")).toEqual({ status: "active", streak: { current: 3, best: 5, lastDay: "2025-01-05" }, follows: following("post-2#part", 1) });
    expect(place("telegram", "-1002")).toEqual({ status: "active", streak: { current: 2, best: 4, lastDay: "2025-01-05" }, follows: following("post-4#part", 3) });
    expect(place("discord", "2003")).toEqual({ status: "active", streak: { current: 1, best: 1, lastDay: "2025-01-04" }, follows: following("post-3#part", 2) });
    expect(place("telegram", "1004").follows).toEqual(following(null, -1));
    expect(place("telegram", "1005").follows).toEqual(following("post-5#part", 4, true));
    expect(place("telegram", "1006")).toMatchObject({ status: "paused", follows: following("post-1#part", 0) });
    expect(place("console", "console")).toMatchObject({ status: "stopped", follows: following("post-2#part", 1) });
    const group = s.subscribers.find("telegram", "-1002", "")!;
    expect(group).toMatchObject({ kind: "group", timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00", subscribedBy: "501", nextDueAt: Date.parse("2025-01-07T00:00:00Z") });
    expect(s.subscribers.find("discord", "2008", "")).toMatchObject({ kind: "group", lessonThreads: true, subscribedBy: "777" });

    // Deliveries and completions carry the course now; an announcement belongs to none.
    expect(s.db.prepare("SELECT kind, course_id AS course, count(*) AS n FROM deliveries GROUP BY kind, course_id ORDER BY kind").all()).toEqual([
      { kind: "announcement", course: null, n: 1 },
      { kind: "course_complete", course: "content", n: 1 },
      { kind: "lesson", course: "content", n: 6 },
    ]);
    expect(s.completions.lessonsDone(group.id, "content")).toEqual(new Set(["post-3#part"]));
    expect(s.completions.members(group.id).map((m) => [m.memberName, m.lessonsDone])).toEqual([["Huy", 1], ["Minh", 1]]);
    expect(s.courses.title("content")).toBe("Test Course");
  });

  it("WHEN the bot runs on THEN the cut lesson resumes at its second message, the failed one at its due time, and each chat's next lesson follows its own: nothing twice, nothing skipped", async () => {
    const s = openFixture();
    const courses = new Courses(catalogues(false));
    const clock = new VirtualClock(RESTART);
    const { learning, telegram, discord } = start(s, courses, clock);
    syncFollows(s, courses, clock.now(), silentLog);
    learning.scheduler.rescheduleIdle();
    expect(learning.delivery.resumePending()).toBe(2);
    await settle(clock, learning.delivery.idle());
    // The group's lesson 4 had sent one message of three before the restart: the other two follow.
    expect(textsTo(telegram, "-1002")).toEqual(["L4 M2", "L4 M3"]);
    // The channel's /next lesson (fallen back to classic) goes out whole.
    expect(textsTo(discord, "2008")).toEqual(["L1 M1", "L1 M2", "L1 M3"]);
    expect(telegram.sent.filter((m) => m.to.chatId !== "-1002")).toEqual([]);

    // The next morning's tick: each chat gets the lesson after its own, the failed one is resumed.
    clock.set(Date.parse("2025-01-07T00:00:00Z"));
    learning.scheduler.tick();
    await settle(clock, learning.delivery.idle());
    expect(textsTo(telegram, "1001")).toEqual(["L3 M1", "L3 M2", "L3 M3"]);
    expect(textsTo(telegram, "-1002")).toEqual(["L4 M2", "L4 M3", "L5 M1", "L5 M2", "L5 M3"]);
    expect(textsTo(telegram, "1004")).toEqual(["L1 M1", "L1 M2", "L1 M3"]);
    expect(textsTo(discord, "2003")).toEqual(["L3 M1", "L3 M2", "L3 M3"]);
    // Finished and told, paused, stopped: nothing.
    for (const chat of ["1005", "1006"]) expect(textsTo(telegram, chat)).toEqual([]);
    expect(s.db.prepare("SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'failed')").get()).toEqual({ n: 0 });
    // The failed delivery itself was resumed (no new row for lesson 3).
    expect(s.db.prepare("SELECT id, status FROM deliveries WHERE lesson_id = 'post-3#part' AND subscriber_id = 3").all()).toEqual([{ id: 6, status: "done" }]);
  });

  it("WHEN the content now holds several courses THEN each chat follows the one holding its lesson; a chat that had not started, the first", () => {
    const s = openFixture();
    const courses = new Courses(catalogues(true));
    syncFollows(s, courses, RESTART, silentLog);
    const courseOf = (platform: Platform, chatId: string) => s.follows.of(s.subscribers.find(platform, chatId, "")!.id).map((f) => f.courseId);
    for (const chat of ["1001", "-1002", "1005", "1006"]) expect(courseOf("telegram", chat)).toEqual(["content"]);
    expect(courseOf("discord", "2003")).toEqual(["content"]);
    expect(courseOf("telegram", "1004")).toEqual(["other"]);
    // Its deliveries went with it.
    expect(s.db.prepare("SELECT count(*) AS n FROM deliveries WHERE course_id = ''").get()).toEqual({ n: 0 });
  });
});
