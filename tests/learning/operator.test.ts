import { afterEach, describe, expect, it } from "vitest";
import { makeCatalogue, makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

const op = { chatId: "900", userId: "900", name: "Operator" };

describe("operator commands", () => {
  it("GIVEN someone not in ADMIN_IDS THEN /stats, /announce and /preview answer like any unknown command", async () => {
    w = makeWorld({ operators: ["console:900"] });
    await w.say("/start");
    for (const cmd of ["/stats", "/announce hi", "/preview 1"]) {
      const [reply] = await w.say(cmd);
      expect(reply).toBe(`I don't know the command ${cmd.split(" ")[0]}. /help lists what I understand.`);
    }
    expect((await w.say("/help")).join("\n")).not.toMatch(/stats|announce|preview/);
  });

  it("GIVEN an operator THEN /stats shows subscribers by platform and status, chats that learned, deliveries and the slowest", async () => {
    w = makeWorld({ operators: ["console:900"], start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/start", { chatId: "101", userId: "101" });
    await w.say("/stop", { chatId: "101", userId: "101" });
    w.clock.set(Date.parse("2025-01-06T00:05:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    await w.say("/done");
    const [report] = await w.say("/stats", op);
    expect(report).toContain("Subscribers: console: 1 active, 1 stopped");
    expect(report).toContain("Learned in the last 24 h: 1 chat(s)");
    expect(report).toContain("Lessons in the last 24 h: 1 delivered, 0 failed");
    expect(report).toMatch(/• console:100 post-1#part: 5 min/);
  });

  it("GIVEN /announce THEN it says how many it reaches and waits; yes sends it once to every active subscriber through the ledger; no drops it", async () => {
    w = makeWorld({ operators: ["console:900"] });
    for (const id of ["1", "2", "3"]) await w.say("/start", { chatId: id, userId: id });
    await w.say("/pause", { chatId: "3", userId: "3" });
    const [confirm] = await w.say("/announce Lớp học nghỉ <thứ Hai>\nHẹn gặp lại!", op);
    expect(confirm).toContain("This goes to 2 active subscriber(s) (console 2)");
    expect(confirm).toContain("Lớp học nghỉ <thứ Hai>\nHẹn gặp lại!");
    expect(w.sender.sent).toHaveLength(0);
    expect((await w.say("/announce yes", op))[0]).toContain("Sending to 2 subscriber(s)");
    await w.drain();
    expect(w.sender.sent.map((s) => [s.to.chatId, s.message.text])).toEqual([
      ["1", "📣 Lớp học nghỉ <thứ Hai>\nHẹn gặp lại!"],
      ["2", "📣 Lớp học nghỉ <thứ Hai>\nHẹn gặp lại!"],
    ]);
    expect((await w.say("/announce yes", op))[0]).toContain("no announcement waiting");
    await w.say("/announce Một thông báo khác", op);
    expect((await w.say("/announce no", op))[0]).toBe("Announcement dropped.");
    expect((await w.say("/announce yes", op))[0]).toContain("no announcement waiting");
    await w.drain();
    expect(w.sender.sent).toHaveLength(2);
  });

  it("GIVEN an announcement pending beside a daily lesson THEN the daily lesson still goes out", async () => {
    w = makeWorld({ operators: ["console:900"], start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    w.sender.script = (_to, m) => (m.text?.startsWith("📣") ? { ok: false, error: { kind: "transient" } } : undefined);
    await w.say("/announce Chú ý", op);
    await w.say("/announce yes", op);
    w.clock.set(Date.parse("2025-01-06T00:01:00Z"));
    w.learning.scheduler.tick();
    w.sender.script = undefined;
    await w.drain();
    expect(w.sender.texts()).toContain("L1 M1");
    expect(w.sender.texts()).toContain("📣 Chú ý");
  });

  it("GIVEN /preview N THEN the lesson in every format the platform has, buttons included", async () => {
    const rich = makeCourse(3, { platform: "telegram" });
    rich.format = "rich";
    for (const l of rich.lessons) l.messages = [{ rich: { html: `<p>${l.id}</p>`, media: [] } }];
    w = makeWorld({ course: rich, fallbacks: [makeCourse(3, { platform: "telegram", messagesPerLesson: 2 })], operators: ["telegram:900"] });
    const replies = await w.learning.core.handle({ chat: { platform: "telegram", chatId: "900", kind: "private" }, user: { id: "900", name: "Op", isAdmin: true }, text: "/preview 2" });
    expect(replies.map((r) => r.rich?.html ?? r.text)).toEqual([
      expect.stringContaining("Preview, rich"),
      "<p>post-2#part</p>",
      expect.stringContaining("Preview, classic"),
      "L2 M1",
      "L2 M2",
    ]);
    expect(replies[1]!.buttons).toHaveLength(3);
    expect((await w.learning.core.handle({ chat: { platform: "telegram", chatId: "900", kind: "private" }, user: { id: "900", name: "Op", isAdmin: true }, text: "/preview 9" }))[0]!.text).toContain("from 1 to 3");
  });
});

describe("operator commands with several courses", () => {
  const two = () =>
    makeCatalogue([
      { id: "python", course: makeCourse(3, { title: "Python basics", prefix: "py", tag: "P-" }) },
      { id: "maths", course: makeCourse(2, { title: "Maths for ML", prefix: "m", tag: "M-" }) },
    ]);

  it("GIVEN chats following different courses THEN /stats counts followers and lessons per course", async () => {
    w = makeWorld({ catalogue: two(), operators: ["console:900"], start: "2025-01-05T20:00:00Z" });
    await w.say("/start python", { chatId: "1", userId: "1" });
    await w.say("/start python", { chatId: "2", userId: "2" });
    await w.say("/follow maths", { chatId: "2", userId: "2" });
    w.clock.set(Date.parse("2025-01-06T00:05:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    const [report] = await w.say("/stats", op);
    expect(report).toContain("By course (24 h):");
    expect(report).toContain("• python: 2 following, 2 lessons delivered, 0 failed");
    expect(report).toContain("• maths: 1 following, 1 lessons delivered, 0 failed");
  });

  it("GIVEN /announce #course THEN only that course's followers get it; an unknown course is named", async () => {
    w = makeWorld({ catalogue: two(), operators: ["console:900"] });
    await w.say("/start python", { chatId: "1", userId: "1" });
    await w.say("/start maths", { chatId: "2", userId: "2" });
    await w.say("/follow maths", { chatId: "1", userId: "1" });
    await w.say("/start python", { chatId: "3", userId: "3" });
    expect((await w.say("/announce #cobol Hello", op))[0]).toContain("There is no course “cobol”");
    const [confirm] = await w.say("/announce #maths New chapter tomorrow", op);
    expect(confirm).toContain("This goes to 2 active subscriber(s) following Maths for ML (console 2)");
    await w.say("/announce yes", op);
    await w.drain();
    expect(w.sender.sent.map((s) => [s.to.chatId, s.message.text])).toEqual([
      ["1", "📣 New chapter tomorrow"],
      ["2", "📣 New chapter tomorrow"],
    ]);
  });

  it("GIVEN /preview with several courses THEN a number needs the course, a lesson id finds its own", async () => {
    w = makeWorld({ catalogue: two(), operators: ["console:900"] });
    expect((await w.say("/preview 2", op))[0]).toContain("/preview <course> <n>");
    const byNumber = await w.say("/preview maths 2", op);
    expect(byNumber).toEqual([expect.stringContaining("lesson 2/2, M-Lesson 2"), "M-L2 M1"]);
    expect((await w.say("/preview py-3#part", op))[1]).toBe("P-L3 M1");
  });
});
