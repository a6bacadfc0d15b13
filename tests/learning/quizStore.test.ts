/** Issue 16 §5: the quiz tables come with a migration of a schema-5 database, and `backup` copies them. */
import Database from "better-sqlite3";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/store/backup.js";
import { migrate, migrations } from "../../src/store/migrations.js";
import type { NewAsk } from "../../src/store/quiz/index.js";
import { Store } from "../../src/store/store.js";
import { storeBackend, testStoreLocation } from "../helpers/storeBackend.js";
import { tempDir } from "./helpers.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const state = { dueAt: 1000, stability: 1.5, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: 500 };

describe("GIVEN the quiz tables", () => {
  it.skipIf(storeBackend !== "sqlite")("WHEN a schema-5 database opens THEN it migrates through 6 (to 7, paid broadcasts, the latest) with its deliveries kept, and the new kinds and tables take rows", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, "bot.sqlite");
    const old = new Database(file);
    migrate(old, migrations.slice(0, 5));
    old.prepare("INSERT INTO subscribers (id, platform, chat_id, kind, language, timezone, send_time, status, created_at, updated_at) VALUES (1, 'telegram', '42', 'private', 'vi', 'UTC', '07:00', 'active', 0, 0)").run();
    old.prepare("INSERT INTO deliveries (subscriber_id, kind, course_id, lesson_id, trigger, message_count, status, created_at, updated_at) VALUES (1, 'lesson', 'c', 'l1', 'daily', 1, 'done', 0, 0)").run();
    old.close();

    const store = Store.open(file);
    expect(store.sqlite().pragma("user_version", { simple: true })).toBe(7);
    expect(store.ledger.get(1)).toMatchObject({ kind: "lesson", courseId: "c", lessonId: "l1", status: "done" });
    expect(store.ledger.create({ subscriberId: 1, kind: "quiz", courseId: "c", lessonId: "7", trigger: "on_demand", dueAt: null, messageCount: 1 }, 1)).toBe(2);
    const key = { subscriberId: 1, memberId: "42", courseId: "c", questionId: "q1" };
    const id = store.quiz.cards.insert({ ...key, lessonId: "l1" }, state, 1);
    expect(store.quiz.cards.get(key)).toMatchObject({ id, status: "active", ...state });
    store.close();
  });

  it(`WHEN a group's lesson questions are checked as posted THEN the answer is right${storeBackend === "sqlite" ? ", and only that group's posted rows are read (an index, not the whole table)" : ""}`, () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = Store.open(testStoreLocation(t.dir));
    const group = store.subscribers.insert({ platform: "telegram", chatId: "-100", threadId: "", kind: "group", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: null }, 0);
    const ask: Omit<NewAsk, "memberId"> = { subscriberId: group.id, chatId: "-100", courseId: "c", lessonId: "l1", questionId: "q1", correct: [1], purpose: "lesson", via: "ledger", status: "open" };
    expect(store.quiz.asks.postedToGroup(group.id, "c", "l1")).toBe(false);
    store.quiz.asks.create({ ...ask, memberId: "7" }, 1);
    expect(store.quiz.asks.postedToGroup(group.id, "c", "l1")).toBe(false);
    store.quiz.asks.create({ ...ask, memberId: "" }, 1);
    expect(store.quiz.asks.postedToGroup(group.id, "c", "l1")).toBe(true);
    expect(store.quiz.asks.postedToGroup(group.id, "c", "l2")).toBe(false);
    if (storeBackend !== "sqlite") return store.close();
    const plan = store.db
      .prepare("EXPLAIN QUERY PLAN SELECT count(*) AS n FROM asks WHERE subscriber_id = ? AND member_id = '' AND course_id = ? AND lesson_id = ?")
      .all(group.id, "c", "l1") as { detail: string }[];
    expect(plan.map((r) => r.detail).join(" | ")).toMatch(/USING (COVERING )?INDEX asks_group_posted/);
    store.close();
  });

  it.skipIf(storeBackend !== "sqlite")("WHEN the bot backs up its database THEN cards, asks, the review log and scores are in the copy", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = Store.open(join(t.dir, "bot.sqlite"));
    const sub = store.subscribers.insert({ platform: "discord", chatId: "9", threadId: "", kind: "group", language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: null }, 0);
    const cardId = store.quiz.cards.insert({ subscriberId: sub.id, memberId: "m", courseId: "c", questionId: "q", lessonId: "l" }, state, 1);
    const [askId] = store.quiz.asks.createMany([{ subscriberId: sub.id, memberId: "", chatId: "", courseId: "c", lessonId: "l", questionId: "q", correct: [2], purpose: "lesson", via: "ledger", status: "open" }], 1);
    store.quiz.log.record({ askId: askId!, subscriberId: sub.id, memberId: "m", memberName: "M", courseId: "c", questionId: "q", cardId, purpose: "lesson", chosen: [2], correct: true, rating: 3, after: state, day: "2025-01-06", at: 1 });
    store.quiz.scores.add(sub.id, "2025-W02", { id: "m", name: "M" }, true);
    await backupDatabase(join(t.dir, "bot.sqlite"), join(t.dir, "backup.sqlite"));
    store.close();
    const copy = new Database(join(t.dir, "backup.sqlite"), { readonly: true });
    const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(["cards", "asks", "review_log", "scores"].map(count)).toEqual([1, 1, 1, 1]);
    copy.close();
  });

  it("WHEN the daily claim selects due cards THEN each learner gets at most its number, most overdue first, a group's members each their own, not yet due and retired cards left out", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const store = Store.open(testStoreLocation(t.dir));
    const chat = (chatId: string, kind: "private" | "group") =>
      store.subscribers.insert({ platform: "telegram", chatId, threadId: "", kind, language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: null }, 0).id;
    const [anna, group, idle] = [chat("1", "private"), chat("-100", "group"), chat("3", "private")];
    const card = (subscriberId: number, memberId: string, questionId: string, dueAt: number) =>
      store.quiz.cards.insert({ subscriberId, memberId, courseId: "c", questionId, lessonId: "l" }, { ...state, dueAt }, 1);
    // Anna: five due (one at the same time as another: the older card first), one not yet due.
    card(anna, "1", "q-late", 900);
    card(anna, "1", "q-first", 100);
    card(anna, "1", "q-tie-a", 300);
    card(anna, "1", "q-tie-b", 300);
    card(anna, "1", "q-mid", 200);
    card(anna, "1", "q-future", 5000);
    card(group, "m1", "q1", 100);
    card(group, "m1", "q2", 200);
    card(group, "m2", "q1", 400);
    store.quiz.cards.retireQuestion("c", "q2", 2);
    card(idle, "3", "q1", 9000);

    const due = store.quiz.cards.dueInChats([anna, group, idle], 1000, 3);
    const of = (subscriberId: number, memberId: string) => due.filter((d) => d.subscriberId === subscriberId && d.memberId === memberId).map((d) => d.questionId);
    expect(of(anna, "1")).toEqual(["q-first", "q-mid", "q-tie-a"]);
    expect(of(group, "m1")).toEqual(["q1"]);
    expect(of(group, "m2")).toEqual(["q1"]);
    expect(due.filter((d) => d.subscriberId === idle)).toEqual([]);
    expect(store.quiz.cards.dueInChats([anna], 1000, 0)).toEqual([]);
    store.close();
  });
});
