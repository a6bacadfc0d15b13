/**
 * Issue 16 §2–§3 in the learning core (real SQLite, virtual clock): a lesson's questions after ✅, one
 * at a time in a private chat, answers recorded once, FSRS cards, the next day's review before the
 * lesson, /review and /review all, /progress.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Catalogue } from "../../src/learning/catalogue.js";
import { syncFollows } from "../../src/learning/catalogueSync.js";
import { recordAnswer } from "../../src/learning/quiz/answering.js";
import { makeWorld, silentLog, type World } from "./helpers.js";
import { asked, cards, deliveries, lastButton, quizCourse } from "./quizHelpers.js";

let w: World;
afterEach(() => w?.close());

/** Starts a console learner at 2025-01-05 20:00 UTC (07:00 in Ho Chi Minh City is 00:00 UTC) and sends lesson 1 now. */
async function learnerWithLesson(): Promise<World> {
  const world = makeWorld({ course: quizCourse(5), start: "2025-01-05T20:00:00Z" });
  await world.say("/start");
  await world.say("/next");
  await world.drain();
  return world;
}

describe("GIVEN a private learner who read lesson 1 (two questions)", () => {
  it("WHEN ✅ THEN the first question follows the answer, the second only once the first is answered; each answer says right or wrong with the explanation", async () => {
    w = await learnerWithLesson();
    const done = lastButton(w, "done:");
    expect((await w.press(done))[0]).toContain("Marked as learned");
    await w.drain();
    expect(asked(w)).toEqual(["Question 1 of lesson 1?"]);
    const first = w.sender.sent.at(-1)!.message;
    expect(first.text).toBe("❓ Question 1 of lesson 1?\n  1. A\n  2. B\n  3. C\nType the number of your answer.");
    expect(first.quiz).toMatchObject({ options: ["A", "B", "C"], answers: [2], explain: "Because B (1.1).", anonymous: false });

    expect(await w.say("2")).toEqual(["✅ Right! Because B (1.1)."]);
    await w.drain();
    expect(asked(w)).toEqual(["Question 1 of lesson 1?", "Question 2 of lesson 1?"]);
    expect(await w.say("3")).toEqual(["❌ Not quite: the answer is B. Because B (1.2)."]);
    await w.drain();
    // Nothing more to ask; a number now is no answer.
    expect(asked(w)).toHaveLength(2);
    expect((await w.say("2"))[0]).toContain("I understand commands only");
    // ✅ again asks nothing again.
    expect((await w.press(done))[0]).toContain("already marked");
    await w.drain();
    expect(asked(w)).toHaveLength(2);

    // Right → Good (due in 3 days); wrong → Again (due tomorrow). Every question as its own delivery.
    expect(cards(w)).toEqual([
      { member: "100", question: "q1-1", status: "active", due: "2025-01-08T20:00:00.000Z", reps: 1, lapses: 0 },
      { member: "100", question: "q1-2", status: "active", due: "2025-01-06T20:00:00.000Z", reps: 1, lapses: 0 },
    ]);
    expect(deliveries(w).map((d) => d.kind)).toEqual(["lesson", "quiz", "quiz"]);
    const log = w.store.db.prepare("SELECT question_id AS q, chosen, correct, rating, purpose FROM review_log ORDER BY id").all();
    expect(log).toEqual([
      { q: "q1-1", chosen: "2", correct: 1, rating: 3, purpose: "lesson" },
      { q: "q1-2", chosen: "3", correct: 0, rating: 1, purpose: "lesson" },
    ]);
  });

  it("WHEN a number is no option THEN it says which numbers, and the question stays open", async () => {
    w = await learnerWithLesson();
    await w.press(lastButton(w, "done:"));
    await w.drain();
    expect(await w.say("7")).toEqual(["Type a number from 1 to 3."]);
    expect(await w.say("2")).toEqual(["✅ Right! Because B (1.1)."]);
  });

  it("WHEN the next day comes THEN the review (the card answered wrong) comes before the new lesson, headed Review; /progress counts it all", async () => {
    w = await learnerWithLesson();
    await w.press(lastButton(w, "done:"));
    await w.drain();
    await w.say("2");
    await w.drain();
    await w.say("1");
    await w.drain();
    const before = w.sender.sent.length;
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    expect(w.learning.scheduler.tick().claimed).toBe(1);
    await w.drain();
    const day = w.sender.sent.slice(before).map((s) => s.message.text ?? "");
    expect(day[0]).toBe("🔁 Review — 1 card due today.");
    expect(day[1]).toContain("❓ Question 2 of lesson 1?");
    expect(day[2]).toBe("L2 M1");
    expect(await w.say("2")).toEqual(["✅ Right! Because B (1.2)."]);

    const [progress] = await w.say("/progress");
    expect(progress).toContain("🧠 Questions answered: 3, 67% right");
    expect(progress).toMatch(/🔁 Cards due today: 0 · you would recall about \d+ %/);
    // The review day counted for the streak (the lesson was never marked today).
    expect(progress).toContain("🔥 Streak: 2 days");
  });

  it("WHEN nothing is due THEN the day brings the lesson alone; /review says when the next card is due; /review all practises without moving the schedule", async () => {
    w = await learnerWithLesson();
    await w.press(lastButton(w, "done:"));
    await w.drain();
    await w.say("2");
    await w.drain();
    await w.say("2");
    await w.drain();
    const before = w.sender.sent.length;
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.sent.slice(before).map((s) => s.message.text)).toEqual(["L2 M1"]);
    expect((await w.say("/review"))[0]).toMatch(/^Nothing to review right now 🎉 Your next card is due .+\. \/review all practises any card\.$/);
    const schedule = cards(w);

    expect(await w.say("/review all")).toEqual([]);
    await w.drain();
    expect(w.sender.texts().at(-2)).toBe("🔁 Practice — 2 cards; their review dates stay as they are.");
    expect(await w.say("1")).toEqual(["❌ Not quite: the answer is B. Because B (1.1)."]);
    await w.drain();
    expect(await w.say("2")).toEqual(["✅ Right! Because B (1.2)."]);
    expect(cards(w)).toEqual(schedule);
    expect((await w.say("/progress"))[0]).toContain("🧠 Questions answered: 2, 100% right");
  });

  it("WHEN the process restarts between a question and its answer THEN the question is not asked again and the answer counts", async () => {
    w = await learnerWithLesson();
    await w.press(lastButton(w, "done:"));
    await w.drain();
    expect(asked(w)).toHaveLength(1);
    w.restart();
    w.learning.delivery.resumePending();
    await w.drain();
    expect(asked(w)).toHaveLength(1);
    expect(await w.say("2")).toEqual(["✅ Right! Because B (1.1)."]);
    await w.drain();
    expect(asked(w)).toEqual(["Question 1 of lesson 1?", "Question 2 of lesson 1?"]);
  });

  it("WHEN a question is edited THEN its card is retired (kept), the new question is a new card, and a late answer to the old one changes no card", async () => {
    w = await learnerWithLesson();
    syncFollows(w.store, w.courses, w.clock.now(), silentLog); // at start: the questions offered are registered
    await w.press(lastButton(w, "done:"));
    await w.drain();
    await w.say("2");
    await w.drain();
    const open = w.store.db.prepare("SELECT id FROM asks WHERE status = 'open'").get() as { id: number };
    // The author rewrites question 2 of lesson 1: a new id.
    const catalogue = structuredClone(w.catalogue);
    catalogue.courses[0]!.lessons[0]!.quiz![0] = { ...catalogue.courses[0]!.lessons[0]!.quiz![0]!, id: "q1-1-new", question: "Question 1 of lesson 1, rewritten?" };
    w.courses.replace(Catalogue.from([{ catalogue, mediaDir: "/tmp" }]));
    syncFollows(w.store, w.courses, w.clock.now(), silentLog);
    expect(cards(w).map((c) => [c.question, c.status])).toEqual([["q1-1", "retired"]]);
    // The question still open (q1-2) is answered late: recorded, its card made.
    expect(recordAnswer(w.store, w.courses, open.id, { id: "100", name: "Lan" }, [2], w.clock.now())).toMatchObject({ kind: "recorded", right: true });
    // An answer to the retired question's ask again: the first answer stands.
    const old = w.store.db.prepare("SELECT id FROM asks WHERE question_id = 'q1-1'").get() as { id: number };
    expect(recordAnswer(w.store, w.courses, old.id, { id: "100", name: "Lan" }, [1], w.clock.now())).toMatchObject({ kind: "already", right: true });
    expect(w.store.db.prepare("SELECT count(*) AS n FROM cards WHERE status = 'retired'").get()).toEqual({ n: 1 });
  });
});
