/**
 * Issue 16 §2–§4 in study groups (learning core, real SQLite, virtual clock): questions posted once after
 * the first ✅, every member answering for themselves, a second answer changing nothing, each member's
 * own review from the group's Review button, the weekly leaderboard.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeWorld, type UserSpec, type World } from "./helpers.js";
import { cards, deliveries, lastButton, quizCourse } from "./quizHelpers.js";

let w: World;
afterEach(() => w?.close());

const group = { chatId: "-500", kind: "group" as const };
const lan: Partial<UserSpec> = { ...group, userId: "1", name: "Lan", isAdmin: true };
const minh: Partial<UserSpec> = { ...group, userId: "2", name: "Minh", isAdmin: false };

/** A group on `platform` (Monday 2025-01-06 07:00 Ho Chi Minh City is 00:00 UTC), lesson 1 sent. */
async function groupWithLesson(platform: "telegram" | "discord", kind: "group" | "channel" = "group"): Promise<World> {
  const world = makeWorld({ course: quizCourse(5, 2, { platform }), start: "2025-01-05T20:00:00Z" });
  world.sender.features = platform === "discord" ? { ephemeralReplies: true } : {};
  await world.say("/start", { ...lan, kind });
  await world.say("/next", { ...lan, kind });
  await world.drain();
  return world;
}

const quizzes = (w: World) => w.sender.sent.filter((s) => s.message.quiz);

describe("GIVEN a study group that got lesson 1 (two questions)", () => {
  it("WHEN members press ✅ THEN the questions are posted once, every member answers each for themselves, and a second answer changes nothing", async () => {
    w = await groupWithLesson("discord");
    const done = lastButton(w, "done:");
    await w.press(done, minh);
    await w.drain();
    await w.press(done, lan);
    await w.drain();
    expect(quizzes(w).map((s) => [s.to.chatId, s.message.quiz!.question, s.message.quiz!.anonymous])).toEqual([
      ["-500", "Question 1 of lesson 1?", false],
      ["-500", "Question 2 of lesson 1?", false],
    ]);
    const [q1, q2] = quizzes(w).map((s) => s.message.quiz!.askId);
    expect((await w.press(`qa:${q1}:2`, minh))[0]).toBe("✅ Right! Because B (1.1).");
    expect((await w.press(`qa:${q1}:1`, lan))[0]).toBe("❌ Not quite: the answer is B. Because B (1.1).");
    expect((await w.press(`qa:${q1}:2`, lan))[0]).toBe("You have already answered this question (wrong); your first answer counts.");
    expect((await w.press(`qa:${q2}:2`, lan))[0]).toContain("✅ Right!");
    expect((await w.press("qa:99999:1", lan))[0]).toBe("This button no longer works. /help lists the commands.");
    await w.drain();
    // No question follows an answer in a group: they were all posted.
    expect(quizzes(w)).toHaveLength(2);
    expect(cards(w).map((c) => [c.member, c.question, c.lapses])).toEqual([
      ["2", "q1-1", 0],
      ["1", "q1-1", 0],
      ["1", "q1-2", 0],
    ]);
    const [board] = await w.say("/leaderboard", minh);
    expect(board).toBe("🏆 **This week's leaderboard** (2025-W02)\n1. Lan: 1 right of 2 · 🔥 1\n2. Minh: 1 right of 1 · 🔥 1");
    const [progress] = await w.say("/progress", minh);
    expect(progress).toContain("• Lan: 1 done, 🔥 1, ✔ 1/2");
    expect(progress).toContain("• Minh: 1 done, 🔥 1, ✔ 1/1");
    // Each member who asks sees their own questions and cards under the table, nobody else's.
    expect(progress).toMatch(/\n\n\*\*Minh's questions and cards\*\*\n🧠 Questions answered: \*\*1\*\*, 100% right\n🔁 Cards due today: \*\*0\*\* · you would recall about \*\*100 %\*\*$/);
    const [lans] = await w.say("/progress", lan);
    expect(lans).toMatch(/\*\*Lan's questions and cards\*\*\n🧠 Questions answered: \*\*2\*\*, 50% right\n/);
    expect(lans).not.toContain("Minh's questions");
    const [newcomer] = await w.say("/progress", { ...group, userId: "3", name: "Hoa" });
    expect(newcomer).not.toContain("questions and cards");
  });

  it("WHEN the next day a member has a card due THEN the group gets a Review button, not questions; on Discord the press shows that member's own review to them", async () => {
    w = await groupWithLesson("discord");
    await w.press(lastButton(w, "done:"), lan);
    await w.drain();
    const [q1, q2] = quizzes(w).map((s) => s.message.quiz!.askId);
    await w.press(`qa:${q1}:1`, lan);
    await w.press(`qa:${q2}:2`, lan);
    const before = w.sender.sent.length;
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    const day = w.sender.sent.slice(before).map((s) => s.message);
    expect(day[0]!.text).toBe("🔁 **Review** — 1 card of this group's members due today. Press the button to review yours.");
    expect(day[0]!.buttons).toEqual([{ text: "🔁 Review (1 due)", data: expect.stringMatching(/^rv:\d+$/) }]);
    expect(day[1]!.text).toBe("L2 M1");
    expect(day.some((m) => m.quiz)).toBe(false);

    // Minh has no card; Lan's review is shown to Lan alone (the replies to the press).
    const rv = day[0]!.buttons![0]!.data;
    const minhPress = await w.learning.core.press({ chat: { platform: "discord", chatId: "-500", kind: "group" }, user: { id: "2", name: "Minh", isAdmin: false }, button: rv });
    expect(minhPress).toEqual({ toast: "You have no cards yet: answer the questions that follow a lesson (press ✅ under it).", replies: [] });
    const lanPress = await w.learning.core.press({ chat: { platform: "discord", chatId: "-500", kind: "group" }, user: { id: "1", name: "Lan", isAdmin: true }, button: rv });
    expect(lanPress.toast).toBe("");
    expect(lanPress.replies.map((r) => r.text?.split("\n")[0])).toEqual(["🔁 **Review** — 1 card due today.", "❓ Question 1 of lesson 1?"]);
    const ask = lanPress.replies[1]!.quiz!.askId;
    // Another member cannot answer Lan's review; Lan can.
    expect((await w.press(`qa:${ask}:2`, minh))[0]).toBe("This question was asked to someone else: /review asks yours.");
    expect((await w.press(`qa:${ask}:2`, lan))[0]).toContain("✅ Right!");
    expect(cards(w).find((c) => c.question === "q1-1")).toMatchObject({ member: "1", reps: 2, lapses: 0 });
  });

  it("WHEN on Telegram a member presses Review THEN their review goes to their private chat, through the ledger", async () => {
    w = await groupWithLesson("telegram");
    await w.press(lastButton(w, "done:"), lan);
    await w.drain();
    const [q1] = quizzes(w).map((s) => s.message.quiz!.askId);
    await w.press(`qa:${q1}:3`, lan);
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect((await w.press(lastButton(w, "rv:"), lan))[0]).toBe("📬 Your review is in our private chat.");
    const mine = w.sender.sent.filter((s) => s.to.chatId === "1");
    expect(mine.map((s) => [s.to.kind, s.message.text?.split("\n")[0]])).toEqual([
      ["private", "🔁 <b>Review</b> — 1 card due today."],
      ["private", "❓ Question 1 of lesson 1?"],
    ]);
    expect(deliveries(w).at(-1)).toMatchObject({ kind: "review", trigger: "on_demand", status: "done" });
  });

  it("WHEN the group is a Telegram channel THEN its polls are anonymous", async () => {
    w = await groupWithLesson("telegram", "channel");
    await w.press(lastButton(w, "done:"), { ...lan, kind: "channel" });
    await w.drain();
    expect(quizzes(w).map((s) => s.message.quiz!.anonymous)).toEqual([true, true]);
  });

  it("WHEN an admin turns the weekly leaderboard on THEN the next Monday at the send time last week's board is posted, once", async () => {
    w = await groupWithLesson("discord");
    expect((await w.say("/leaderboard weekly on", minh))[0]).toBe("Only the admins of this chat can do that.");
    expect((await w.say("/leaderboard weekly on", lan))[0]).toBe("🏆 Every Monday at **07:00** (Asia/Ho\\_Chi\\_Minh) I will post last week's leaderboard here.");
    await w.press(lastButton(w, "done:"), lan);
    await w.drain();
    const [q1] = quizzes(w).map((s) => s.message.quiz!.askId);
    await w.press(`qa:${q1}:2`, minh);
    for (const day of ["2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10", "2025-01-11", "2025-01-12", "2025-01-13"]) {
      w.clock.set(Date.parse(`${day}T00:00:00Z`));
      w.learning.scheduler.tick();
      await w.drain();
    }
    const boards = w.sender.texts().filter((t) => t.startsWith("🏆"));
    expect(boards).toEqual(["🏆 **Last week's leaderboard** (2025-W02)\n1. Minh: 1 right of 1 · 🔥 0"]);
    expect(deliveries(w).filter((d) => d.kind === "leaderboard")).toEqual([{ kind: "leaderboard", lesson: "2025-W02", trigger: "daily", status: "done" }]);
  });
});
