import { afterEach, describe, expect, it } from "vitest";
import { makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

const HOUR = 3_600_000;

describe("subscribing", () => {
  it("GIVEN a new private chat WHEN /start THEN it is subscribed with the defaults and welcomed with the commands", async () => {
    w = makeWorld();
    const [reply] = await w.say("/start");
    expect(reply).toContain("Welcome to Test Course");
    expect(reply).toContain("07:00");
    expect(reply).toContain("Asia/Ho_Chi_Minh");
    expect(reply).toContain("/next");
    expect(reply).toContain("/progress");
    const sub = w.store.subscribers.find("console", "100", "")!;
    expect(sub).toMatchObject({ status: "active", timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00", kind: "private", language: "en" });
    // 2025-01-06T00:00Z is 07:00 in Ho Chi Minh City: the next 07:00 is tomorrow.
    expect(new Date(sub.nextDueAt!).toISOString()).toBe("2025-01-07T00:00:00.000Z");
    expect(await w.say("/start")).toEqual([expect.stringContaining("already subscribed")]);
  });

  it("GIVEN a Vietnamese course THEN the welcome is in Vietnamese and /lang en switches", async () => {
    w = makeWorld({ course: makeCourse(3, { language: "vi" }) });
    expect((await w.say("/start"))[0]).toContain("Chào mừng");
    expect(await w.say("/lang en")).toEqual(["🇬🇧 Language set to English."]);
    expect((await w.say("/help"))[0]).toContain("Commands");
    expect((await w.say("/lang klingon"))[0]).toContain("not a language");
    expect((await w.say("/lang vi"))[0]).toContain("tiếng Việt");
  });

  it("GIVEN /stop THEN no daily lessons, progress kept, and /start welcomes back at the same lesson", async () => {
    w = makeWorld();
    await w.say("/start");
    await w.say("/next");
    await w.say("/next");
    expect(await w.say("/stop")).toEqual([expect.stringContaining("Unsubscribed")]);
    expect(w.store.subscribers.find("console", "100", "")!).toMatchObject({ status: "stopped", nextDueAt: null });
    expect(await w.say("/next")).toEqual([expect.stringContaining("/start")]);
    const [back] = await w.say("/start");
    expect(back).toContain("lesson 2 of 5");
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).not.toBeNull();
  });

  it("GIVEN commands before /start THEN each answers with a hint to /start", async () => {
    w = makeWorld();
    for (const cmd of ["/next", "/progress", "/resources", "/lessons", "/goto 2", "/time 08:00", "/timezone Europe/Berlin", "/pause", "/done", "/lang vi"]) {
      expect(await w.say(cmd)).toEqual([expect.stringContaining("/start")]);
    }
    expect((await w.say("/help"))[0]).toContain("/next");
    expect(await w.press("done:1")).toEqual([expect.stringContaining("/start")]);
  });
});

describe("lessons", () => {
  it("GIVEN /next THEN the lesson is sent with Done, Next and Resources buttons and the position moves; at the end the course-complete message comes once", async () => {
    w = makeWorld({ course: makeCourse(2, { messagesPerLesson: 2 }) });
    await w.say("/start");
    expect(await w.say("/next")).toEqual([]);
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M2"]);
    expect(w.sender.sent[1]!.message.buttons).toEqual([
      { text: "✅ Done", data: expect.stringMatching(/^done:\d+$/) },
      { text: "▶ Next", data: expect.stringMatching(/^next:\d+$/) },
      { text: "📚 Resources", data: expect.stringMatching(/^res:\d+$/) },
    ]);
    expect(w.sender.sent[0]!.message.buttons).toBeUndefined();
    await w.say("/next");
    expect(w.sender.texts().slice(2)).toEqual(["L2 M1", "L2 M2"]);
    const [complete] = await w.say("/next");
    expect(complete).toContain("Congratulations");
    const [again] = await w.say("/next");
    expect(again).toContain("already finished");
    expect(again).not.toContain("Congratulations");
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).toBeNull();
  });

  it("GIVEN /goto THEN valid numbers send that lesson and bad ones explain the range", async () => {
    w = makeWorld();
    await w.say("/start");
    for (const bad of ["/goto 0", "/goto 6", "/goto abc", "/goto", "/goto -1", "/goto 2.5", `/goto ${"9".repeat(5000)}`]) {
      const [r] = await w.say(bad);
      expect(r).toContain("1 to 5");
      expect(r!.length).toBeLessThan(300);
    }
    expect(w.sender.sent).toHaveLength(0);
    await w.say("/goto 4");
    expect(w.sender.texts()).toEqual(["L4 M1"]);
    await w.say("/next");
    expect(w.sender.texts()).toEqual(["L4 M1", "L5 M1"]);
  });

  it("GIVEN /lessons THEN the table of contents marks done and current lessons; bad pages are explained", async () => {
    w = makeWorld({ course: makeCourse(23) });
    await w.say("/start");
    await w.say("/next");
    await w.say("/done");
    await w.say("/next");
    const [page1] = await w.say("/lessons");
    expect(page1).toContain("page 1/3");
    expect(page1).toContain("✅ 1. Lesson 1");
    expect(page1).toContain("👉 2. Lesson 2");
    expect(page1).toContain("▫️ 3. Lesson 3");
    expect(page1).toContain("/lessons 2");
    const [page3] = await w.say("/lessons 3");
    expect(page3).toContain("23. Lesson 23");
    expect((await w.say("/lessons 4"))[0]).toContain("1 to 3");
    expect((await w.say("/lessons x"))[0]).toContain("1 to 3");
  });

  it("GIVEN /resources THEN the current post's links come first, then the course-wide ones", async () => {
    w = makeWorld();
    await w.say("/start");
    const [before] = await w.say("/resources");
    expect(before).toContain("Course book — https://example.org/book");
    expect(before).not.toContain("Read 1");
    await w.say("/next");
    const after = (await w.say("/resources"))[0]!;
    expect(after.indexOf("Read 1 — https://example.org/1")).toBeGreaterThan(-1);
    expect(after.indexOf("Read 1")).toBeLessThan(after.indexOf("Course book"));
  });

  it("GIVEN /progress THEN it shows lesson k of n, percent, streak and next delivery in local time", async () => {
    w = makeWorld({ course: makeCourse(4) });
    await w.say("/start");
    expect((await w.say("/progress"))[0]).toContain("0 of 4");
    await w.say("/next");
    const [p] = await w.say("/progress");
    expect(p).toContain("Lesson 1/4 (25%)");
    expect(p).toContain("Streak: 0");
    expect(p).toMatch(/Next lesson: .*07:00.*Asia\/Ho_Chi_Minh/);
    await w.say("/done");
    expect((await w.say("/progress"))[0]).toContain("Streak: 1 day");
  });
});

describe("settings and bad input", () => {
  it("GIVEN /time THEN valid times reschedule and bad ones are explained", async () => {
    w = makeWorld();
    await w.say("/start");
    for (const bad of ["/time 25:99", "/time 7", "/time noon", "/time", `/time ${"x".repeat(10_000)}`]) {
      const [r] = await w.say(bad);
      expect(r).toContain("HH:MM");
      expect(r!.length).toBeLessThan(400);
    }
    const [ok] = await w.say("/time 21:30");
    expect(ok).toContain("21:30");
    expect(new Date(w.store.subscribers.find("console", "100", "")!.nextDueAt!).toISOString()).toBe("2025-01-06T14:30:00.000Z");
  });

  it("GIVEN /timezone THEN IANA names are accepted and others explained", async () => {
    w = makeWorld();
    await w.say("/start");
    expect((await w.say("/timezone Mars/Base"))[0]).toContain("not a time zone");
    expect((await w.say("/timezone"))[0]).toContain("Asia/Ho_Chi_Minh");
    expect((await w.say("/timezone europe/berlin"))[0]).toContain("Europe/Berlin");
    const sub = w.store.subscribers.find("console", "100", "")!;
    expect(sub.timeZone).toBe("Europe/Berlin");
    expect(new Date(sub.nextDueAt!).toISOString()).toBe("2025-01-06T06:00:00.000Z");
  });

  it("GIVEN unknown commands, plain text and 10 KB of text THEN a short helpful answer, never a crash or silence", async () => {
    w = makeWorld();
    await w.say("/start");
    expect((await w.say("/frobnicate"))[0]).toContain("/frobnicate");
    expect((await w.say("hello there"))[0]).toContain("/help");
    const [big] = await w.say("a".repeat(10_240));
    expect(big).toContain("/help");
    const [bigCmd] = await w.say(`/${"z".repeat(10_240)}`);
    expect(bigCmd!.length).toBeLessThan(200);
    expect((await w.say(""))[0]).toContain("/help");
    expect((await w.say("/next@SauPhutBot"))).toEqual([]);
    expect(w.sender.texts()).toEqual(["L1 M1"]);
  });

  it("GIVEN /pause and /resume THEN daily lessons stop and continue", async () => {
    w = makeWorld();
    await w.say("/start");
    expect((await w.say("/resume"))[0]).toContain("not paused");
    expect((await w.say("/pause"))[0]).toContain("paused");
    expect((await w.say("/pause"))[0]).toContain("already paused");
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).toBeNull();
    w.clock.set(w.clock.now() + 48 * HOUR);
    expect(w.learning.scheduler.tick().claimed).toBe(0);
    expect((await w.say("/progress"))[0]).toContain("paused");
    expect((await w.say("/resume"))[0]).toContain("resumed");
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).not.toBeNull();
  });
});

describe("groups", () => {
  const admin = { chatId: "-1001", kind: "group" as const, userId: "1", name: "Admin An", isAdmin: true };
  const member = { chatId: "-1001", kind: "group" as const, userId: "2", name: "Bình <b>", isAdmin: false };
  const member2 = { chatId: "-1001", kind: "group" as const, userId: "3", name: "Chi", isAdmin: false };

  it("GIVEN a group THEN only admins subscribe, change settings, move the position or stop; everyone reads and marks done", async () => {
    w = makeWorld();
    expect(await w.say("/start", member)).toEqual([expect.stringContaining("Only the admins")]);
    expect((await w.say("/start", admin))[0]).toContain("Welcome");
    for (const cmd of ["/stop", "/time 08:00", "/timezone Europe/Berlin", "/pause", "/resume", "/lang vi", "/next", "/goto 2"]) {
      expect(await w.say(cmd, member)).toEqual([expect.stringContaining("Only the admins")]);
    }
    expect(w.sender.sent).toHaveLength(0);
    await w.say("/next", admin);
    expect(w.sender.sent[0]!.to).toMatchObject({ chatId: "-1001", kind: "group" });
    expect((await w.say("/progress", member))[0]).toContain("Lesson 1/5");
    expect((await w.say("/lessons", member))[0]).toContain("👉 1.");
    expect((await w.say("/resources", member))[0]).toContain("Read 1");
    const button = w.sender.sent[0]!.message.buttons![0]!.data;
    expect((await w.press(button, member))[0]).toContain("Marked as learned");
    expect((await w.press(button, member))[0]).toContain("already marked");
    expect((await w.press(button, member2))[0]).toContain("Marked as learned");
    const [progress] = await w.say("/progress", member2);
    expect(progress).toContain("Members");
    expect(progress).toContain("Bình <b>: 1 done, 🔥 1");
    expect(progress).toContain("Chi: 1 done, 🔥 1");
  });

  it("GIVEN a channel THEN the admin posting manages it", async () => {
    w = makeWorld();
    const channel = { chatId: "-1002", kind: "channel" as const, userId: "-1002", name: "Channel", isAdmin: true };
    expect((await w.say("/start", channel))[0]).toContain("Welcome");
    expect(w.store.subscribers.find("console", "-1002", "")!.kind).toBe("channel");
  });

  it("GIVEN forum topics THEN each thread is its own subscription", async () => {
    w = makeWorld();
    await w.say("/start", { ...admin, threadId: "7" });
    await w.say("/start", { ...admin, threadId: "8" });
    await w.say("/next", { ...admin, threadId: "8" });
    expect(w.sender.sent[0]!.to.threadId).toBe("8");
    expect(w.store.subscribers.count()).toBe(2);
  });
});

describe("help per platform", () => {
  it("GIVEN Discord THEN /help also lists /subscribe and /threads; elsewhere it does not", async () => {
    const dc = makeWorld({ course: makeCourse(2, { platform: "discord" }) });
    try {
      const help = (await dc.say("/help")).join("\n");
      expect(help).toContain("/subscribe, /unsubscribe");
      expect(help).toContain("/threads on\\|off");
    } finally {
      dc.close();
    }
    const tg = makeWorld({ course: makeCourse(2, { platform: "telegram" }) });
    try {
      expect((await tg.say("/help")).join("\n")).not.toContain("/threads");
    } finally {
      tg.close();
    }
  });
});
