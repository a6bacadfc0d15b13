import { afterEach, describe, expect, it } from "vitest";
import { defaultRateLimits } from "../../src/learning/rateLimiter.js";
import type { SendResult } from "../../src/learning/sender.js";
import { join } from "node:path";
import type { RenderedCourse } from "../../src/contract/lessons.js";
import { makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

const subOf = (world: World, chatId = "100") => world.store.subscribers.find(world.platform, chatId, "")!;

describe("delivery errors", () => {
  it("GIVEN a 429 storm THEN each answer's retryAfter is waited, and every message arrives once, in order", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 4 }) });
    await w.say("/start");
    let storm = 0;
    w.sender.script = (_to, _m, attempt) =>
      attempt % 2 === 1 && storm++ < 6 ? { ok: false, error: { kind: "rate_limited", retryAfter: 7 } } : undefined;
    const start = w.clock.now();
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2", "L1 M3", "L1 M4"]);
    expect(w.clock.now() - start).toBeGreaterThanOrEqual(4 * 7000);
    const d = w.store.ledger.latestLesson(subOf(w).id)!;
    expect(d).toMatchObject({ status: "done", sentCount: 5 - 1, attempts: 4 });
  });

  it("GIVEN 429 forever THEN the delivery fails visibly in the ledger after the retry budget, and resumes at the next due time", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 3 }), retry: { maxRateLimited: 3 }, start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.text === "L1 M2" ? { ok: false, error: { kind: "rate_limited", retryAfter: 30 } } : undefined);
    await w.say("/next");
    const d = w.store.ledger.latestLesson(subOf(w).id)!;
    expect(d).toMatchObject({ status: "failed", sentCount: 1, lastError: "rate_limited(30s)" });
    w.sender.script = undefined;
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2", "L1 M3"]);
    expect(w.store.ledger.get(d.id)!.status).toBe("done");
  });

  it("GIVEN transient failures THEN retries back off exponentially and then succeed", async () => {
    w = makeWorld({ retry: { backoffMs: 1000 } });
    await w.say("/start");
    const times: number[] = [];
    w.sender.script = (_to, _m, attempt) => {
      times.push(w.clock.now());
      return attempt <= 3 ? { ok: false, error: { kind: "transient", detail: "ECONNRESET" } } : undefined;
    };
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L1 M1"]);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([1000, 2000, 4000]);
  });

  it("GIVEN unreachable (bot blocked) THEN the subscriber is marked unreachable, no more daily lessons, and /start brings it back", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 2 }) });
    await w.say("/start");
    w.sender.script = (): SendResult => ({ ok: false, error: { kind: "unreachable", detail: "Forbidden: bot was blocked by the user" } });
    await w.say("/next");
    expect(subOf(w)).toMatchObject({ status: "unreachable", nextDueAt: null });
    expect(w.store.ledger.latestLesson(subOf(w).id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("blocked") });
    expect(w.sender.attempts).toBe(1);
    w.sender.script = undefined;
    expect((await w.say("/start"))[0]).toContain("Welcome back");
    expect(subOf(w).status).toBe("active");
  });

  it("GIVEN chat_moved THEN the chat id is updated and the message resent to the new chat", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 3 }) });
    await w.say("/start", { chatId: "-42", kind: "group" });
    w.sender.script = (to) => (to.chatId === "-42" ? { ok: false, error: { kind: "chat_moved", newChatId: "-10042" } } : undefined);
    await w.say("/next", { chatId: "-42", kind: "group" });
    expect(w.sender.sent.map((s) => s.to.chatId)).toEqual(["-10042", "-10042", "-10042"]);
    expect(w.store.subscribers.find("console", "-42", "")).toBeUndefined();
    expect(w.store.subscribers.find("console", "-10042", "")!.status).toBe("active");
  });

  it("GIVEN a message the platform rejects THEN it is skipped and recorded, the rest of the lesson still arrives", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 3 }) });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.text === "L1 M2" ? { ok: false, error: { kind: "rejected", detail: "message is too long" } } : undefined);
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M3"]);
    expect(w.store.ledger.latestLesson(subOf(w).id)).toMatchObject({ status: "done", skipped: [1], lastError: expect.stringContaining("too long") });
  });

  it("GIVEN a lesson ending in an album THEN the buttons travel on a footer message", async () => {
    const course = makeCourse(2);
    course.lessons[0]!.messages = [{ text: "intro" }, { images: ["m/a.png", "m/b.png"] }];
    w = makeWorld({ course });
    await w.say("/start");
    await w.say("/next");
    expect(w.sender.sent).toHaveLength(3);
    expect(w.sender.sent[1]!.message.images!.every((p) => p.startsWith("/"))).toBe(true);
    expect(w.sender.sent[2]!.message).toMatchObject({ text: "Lesson 1/2", buttons: [{ text: "✅ Done" }, { text: "▶ Next" }, { text: "📚 Resources" }] });
  });
});

describe("formats", () => {
  /** The same two lessons as one rich message each, and as two classic messages each. */
  const rich = (): RenderedCourse => {
    const c = makeCourse(2, { platform: "telegram" });
    c.format = "rich";
    for (const l of c.lessons) l.messages = [{ rich: { html: `<p>${l.id} rich</p>`, media: [{ id: "f1", image: "media/f1.png" }] } }];
    return c;
  };
  const classic = (): RenderedCourse => makeCourse(2, { platform: "telegram", messagesPerLesson: 2 });

  it("GIVEN a rich lesson THEN it is one message with the buttons and its media paths made absolute", async () => {
    w = makeWorld({ course: rich(), fallbacks: [classic()] });
    await w.say("/start");
    await w.say("/next");
    expect(w.sender.sent).toHaveLength(1);
    const m = w.sender.sent[0]!.message;
    expect(m.rich!.html).toBe("<p>post-1#part rich</p>");
    expect(m.rich!.media[0]!.file).toBe(join(w.dir, "render", "media/f1.png"));
    expect(m.buttons!.map((b) => b.text)).toEqual(["✅ Done", "▶ Next", "📚 Resources"]);
  });

  it("GIVEN the platform refuses the rich message THEN the same lesson arrives whole in the classic format, once", async () => {
    w = makeWorld({ course: rich(), fallbacks: [classic()] });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.rich ? { ok: false, error: { kind: "format_refused", detail: "can't parse rich message" } } : undefined);
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2"]);
    expect(w.sender.sent[1]!.message.buttons).toHaveLength(3);
    expect(w.store.ledger.latestLesson(subOf(w).id)).toMatchObject({ status: "done", format: "classic", sentCount: 2, messageCount: 2 });
  });

  it("GIVEN a platform that no longer takes rich messages THEN lessons go out classic without trying", async () => {
    w = makeWorld({ course: rich(), fallbacks: [classic()] });
    w.sender.accepted = ["classic"];
    await w.say("/start");
    await w.say("/next");
    expect(w.sender.attempts).toBe(2);
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2"]);
  });

  it("GIVEN a refused format and no fallback THEN the message is skipped and recorded like any rejected one", async () => {
    w = makeWorld({ course: rich() });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.rich ? { ok: false, error: { kind: "format_refused" } } : undefined);
    await w.say("/next");
    expect(w.store.ledger.latestLesson(subOf(w).id)).toMatchObject({ status: "done", skipped: [0] });
  });
});

describe("permissions", () => {
  it("GIVEN the bot loses a permission in a group's channel THEN its lessons pause and whoever subscribed it is told once, privately", async () => {
    w = makeWorld({ course: makeCourse(3, { platform: "discord" }), start: "2025-01-05T20:00:00Z" });
    const admin = { chatId: "c1", kind: "group" as const, userId: "u7", name: "Admin", isAdmin: true };
    await w.say("/start", admin);
    w.sender.script = (to) => (to.chatId === "c1" ? { ok: false, error: { kind: "forbidden", permission: "Send Messages" } } : undefined);
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    const sub = subOf(w, "c1");
    expect(sub).toMatchObject({ status: "paused", nextDueAt: null });
    expect(w.sender.sent).toHaveLength(1);
    expect(w.sender.sent[0]!.to).toMatchObject({ chatId: "u7", kind: "private" });
    expect(w.sender.sent[0]!.message.text).toContain("Send Messages");
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.sent).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("GIVEN Telegram limits THEN one chat gets at most 1 message/s and a group at most 20/min, while private chats are not held up", async () => {
    w = makeWorld({ course: makeCourse(2, { messagesPerLesson: 25, platform: "telegram" }), limits: defaultRateLimits.telegram });
    const group = { chatId: "-100", kind: "group" as const, isAdmin: true };
    await w.say("/start", group);
    for (let i = 0; i < 50; i++) await w.say("/start", { chatId: String(i + 1), userId: String(i + 1) });
    const before = w.sender.sent.length;
    // The group's 25-message lesson and fifty private 25-message lessons at once.
    const start = w.clock.now();
    const jobs = [w.learning.core.handle({ chat: { platform: "telegram", chatId: "-100", kind: "group" }, user: { id: "1", name: "A", isAdmin: true }, text: "/next" })];
    for (let i = 0; i < 50; i++) {
      jobs.push(w.learning.core.handle({ chat: { platform: "telegram", chatId: String(i + 1), kind: "private" }, user: { id: "1", name: "A", isAdmin: true }, text: "/next" }));
    }
    await w.drain();
    await Promise.all(jobs);
    const sent = w.sender.sent.slice(before);
    expect(sent).toHaveLength(51 * 25);
    const groupTimes = sent.filter((s) => s.to.chatId === "-100").map((s) => s.at - start);
    // 20 in the first minute (one per second), the last 5 after the minute window reopens.
    expect(groupTimes.filter((t) => t < 60_000)).toHaveLength(20);
    const privateTimes = sent.filter((s) => s.to.chatId !== "-100").map((s) => s.at - start);
    // 1250 private messages at 30/s overall take ~42 s: they finish before the group's lesson.
    expect(Math.max(...privateTimes)).toBeLessThan(45_000);
    expect(Math.max(...groupTimes)).toBeGreaterThanOrEqual(60_000);
    // No window of 1 s holds more than 30 messages; no chat gets 2 within 1 s.
    const all = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 30; i < all.length; i++) expect(all[i]! - all[i - 30]!).toBeGreaterThanOrEqual(1000);
    const byChat = new Map<string, number[]>();
    for (const s of sent) byChat.set(s.to.chatId, [...(byChat.get(s.to.chatId) ?? []), s.at]);
    for (const times of byChat.values()) for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
  });
});

describe("hand-off to the active process (a standby taking webhook updates)", () => {
  it("GIVEN another process sends THEN /next writes its lesson to the ledger, tells that process and sends nothing here; the answer waits until the ledger says the lesson is out", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 2 }) });
    await w.say("/start");
    const before = w.sender.texts();
    let notices = 0;
    w.learning.delivery.handOffTo({ notify: () => notices++, pollMs: 10 });
    let answered = false;
    const next = w.say("/next").then((replies) => ((answered = true), replies));
    await new Promise((r) => setTimeout(r, 100));
    const d = w.store.ledger.latestLesson(subOf(w).id)!;
    expect(d).toMatchObject({ status: "pending", sentCount: 0 });
    expect(notices).toBeGreaterThanOrEqual(1);
    expect(w.sender.texts()).toEqual(before);
    expect(answered).toBe(false);
    expect(w.learning.delivery.resumePending()).toBe(0);
    expect(w.sender.texts()).toEqual(before);

    // The active process sends it (here: what its ledger writes look like).
    w.store.ledger.markSent(d.id, 2, w.clock.now());
    w.store.ledger.finish(d.id, "done", null, w.clock.now());
    await next;
    expect(w.sender.texts()).toEqual(before);
  });

  it("GIVEN a row handed off THEN the process winning the lock sends it itself, once, and the waiting command sees it done", async () => {
    w = makeWorld({ course: makeCourse(3, { messagesPerLesson: 2 }) });
    await w.say("/start");
    const before = w.sender.texts().length;
    w.learning.delivery.handOffTo({ notify: () => undefined, pollMs: 10 });
    const next = w.say("/next");
    await new Promise((r) => setTimeout(r, 50));
    expect(w.sender.texts()).toHaveLength(before);
    w.learning.delivery.sendHere();
    w.learning.delivery.resumePending();
    await next;
    await w.drain();
    expect(w.sender.texts().slice(before)).toEqual(["L1 M1", "L1 M2"]);
    expect(w.store.ledger.latestLesson(subOf(w).id)).toMatchObject({ status: "done", sentCount: 2 });
  });
});
