import { afterEach, describe, expect, it } from "vitest";
import { Courses } from "../../src/learning/courses.js";
import { Scheduler } from "../../src/learning/scheduler.js";
import { splitReplies } from "../../src/learning/splitReply.js";
import { catalogueOf, makeCourse, makeWorld, silentLog, TEST_COURSE, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

describe("long replies", () => {
  it("GIVEN a reply over the platform limit THEN it is split at line breaks, each part within the limit", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• member ${i}: ${"x".repeat(20)}`);
    const parts = splitReplies([{ text: lines.join("\n") }], "discord");
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(p.text!.length).toBeLessThanOrEqual(2000);
    expect(parts.map((p) => p.text).join("\n")).toBe(lines.join("\n"));
    expect(splitReplies([{ text: "y".repeat(5000) }], "telegram").map((p) => p.text!.length)).toEqual([4000, 1000]);
    expect(splitReplies([{ text: "short" }], "telegram")).toEqual([{ text: "short" }]);
  });

  it("GIVEN a group with many members THEN /progress on Discord stays within 2000 characters per message", async () => {
    w = makeWorld({ course: makeCourse(3, { platform: "discord" }) });
    const admin = { chatId: "g", kind: "group" as const, userId: "a", name: "Admin", isAdmin: true };
    await w.say("/start", admin);
    await w.say("/next", admin);
    for (let i = 0; i < 60; i++) await w.say("/done", { ...admin, userId: `u${i}`, name: `Member number ${i} with a long display name`, isAdmin: false });
    const replies = await w.say("/progress", admin);
    for (const r of replies) expect(r.length).toBeLessThanOrEqual(2000);
    expect(replies.join("\n")).toContain("Member number 0 with a long display name");
  });
});

const subOf = (world: World, chatId = "100") => world.store.subscribers.find(world.platform, chatId, "")!;

describe("buttons and ordering", () => {
  it("GIVEN an unknown, forged or foreign button THEN a polite hint, and nothing is marked", async () => {
    w = makeWorld();
    await w.say("/start");
    await w.say("/next");
    const own = w.sender.sent.at(-1)!.message.buttons![0]!.data;
    expect((await w.press("vote:1"))[0]).toContain("/help");
    expect((await w.press("done:999999"))[0]).toContain("no longer works");
    // Another chat's delivery: the data is real, but not this chat's.
    await w.say("/start", { chatId: "200", userId: "200" });
    expect((await w.press(own, { chatId: "200", userId: "200" }))[0]).toContain("no longer works");
    expect(w.store.completions.lessonsDone(subOf(w, "200").id, TEST_COURSE).size).toBe(0);
    expect((await w.press(own))[0]).toContain("Marked as learned: Lesson 1");
  });

  it("GIVEN ✅ under an older lesson THEN that lesson is recorded; ▶ under it moves nothing; 📚 lists its post's links", async () => {
    w = makeWorld();
    const admin = { chatId: "-5", kind: "group" as const, userId: "1", name: "Admin", isAdmin: true };
    const member = { ...admin, userId: "2", name: "Mai", isAdmin: false };
    await w.say("/start", admin);
    await w.say("/next", admin);
    const first = w.sender.sent.at(-1)!.message.buttons!.map((b) => b.data);
    await w.say("/next", admin);
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1"]);
    expect((await w.press(first[0]!, member))[0]).toContain("Marked as learned: Lesson 1");
    expect(w.store.completions.members(subOf(w, "-5").id)).toEqual([expect.objectContaining({ memberName: "Mai", lessonsDone: 1 })]);
    expect(w.store.completions.lessonsDone(subOf(w, "-5").id, TEST_COURSE)).toEqual(new Set(["post-1#part"]));
    expect((await w.press(first[1]!, member))[0]).toContain("Only the admins");
    expect((await w.press(first[1]!, admin))[0]).toContain("already moved past");
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1"]);
    const [toast, resources] = await w.press(first[2]!, member);
    expect(toast).toContain("Further reading");
    expect(resources).toContain("https://example.org/1");
    expect(resources).not.toContain("https://example.org/2");
    // ▶ under the current lesson sends the next one.
    const second = w.sender.sent.at(-1)!.message.buttons!.map((b) => b.data);
    expect((await w.press(second[1]!, admin))[0]).toContain("next lesson");
    await w.drain();
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1", "L3 M1"]);
  });

  it("GIVEN a failed daily lesson and then /next THEN the failed one is superseded, never resent later", async () => {
    w = makeWorld({ course: makeCourse(5, { messagesPerLesson: 2 }), retry: { maxTransientRetries: 0 }, start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.text === "L1 M2" ? { ok: false, error: { kind: "transient" } } : undefined);
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    w.sender.script = undefined;
    await w.say("/next");
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1", "L2 M2", "L3 M1", "L3 M2"]);
  });
});

describe("new content for learners who had finished", () => {
  it("GIVEN a finished learner and a course that grew THEN the daily lessons resume at startup", async () => {
    w = makeWorld({ course: makeCourse(1), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/next");
    await w.say("/next"); // course complete
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).toBeNull();
    const grown = new Courses([catalogueOf(makeCourse(3), w.dir)]);
    const scheduler = new Scheduler({ store: w.store, courses: grown, delivery: w.learning.delivery, clock: w.clock, log: silentLog });
    expect(scheduler.rescheduleIdle()).toBe(1);
    const sub = w.store.subscribers.find("console", "100", "")!;
    expect(sub.nextDueAt).toBe(Date.parse("2025-01-06T00:00:00Z"));
    expect(w.store.follows.get(sub.id, TEST_COURSE)).toMatchObject({ completedNotified: false });
  });
});

describe("order of a chat's deliveries", () => {
  it("GIVEN a daily lesson still queued behind others WHEN /next THEN the daily lesson arrives first, then the next one", async () => {
    w = makeWorld({ course: makeCourse(5, { messagesPerLesson: 2 }), retry: { maxConcurrent: 0 }, start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    expect(w.learning.scheduler.tick()).toEqual({ claimed: 1, started: 1 });
    expect(w.sender.sent).toHaveLength(0); // no free slot: queued
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2", "L2 M1", "L2 M2"]);
    await w.drain();
    expect(w.learning.delivery.active).toBe(0);
  });
});

describe("lesson threads", () => {
  it("GIVEN /threads on in a channel of a platform with threads THEN each lesson's first message names a thread; elsewhere it is explained", async () => {
    w = makeWorld({ course: makeCourse(3, { platform: "discord", messagesPerLesson: 2 }) });
    const admin = { chatId: "c1", kind: "group" as const, userId: "u1", name: "Admin", isAdmin: true };
    await w.say("/start", admin);
    expect((await w.say("/threads on", admin))[0]).toContain("Lesson threads exist only");
    w.sender.features = { lessonThreads: true };
    expect((await w.say("/threads", admin))[0]).toContain("off");
    expect((await w.say("/threads maybe", admin))[0]).toContain("neither on nor off");
    expect((await w.say("/threads on", { ...admin, userId: "u2", isAdmin: false }))[0]).toContain("Only the admins");
    expect((await w.say("/threads on", admin))[0]).toContain("opens a thread");
    await w.say("/next", admin);
    expect(w.sender.sent.map((s) => s.message.thread)).toEqual([{ name: "Lesson 1" }, undefined]);
    expect((await w.say("/threads on"))[0]).toContain("/start");
  });
});
