import { afterEach, describe, expect, it } from "vitest";
import { currentStreak, recordActivity, streakFromDays } from "../../src/learning/streak.js";
import { makeCourse, makeWorld, type World } from "./helpers.js";

const none = (): boolean => false;

describe("streak rules (pure)", () => {
  it("GIVEN consecutive days THEN the streak grows; the same day twice counts once", () => {
    let s = { current: 0, best: 0, lastDay: null as string | null };
    for (const day of ["2025-01-01", "2025-01-02", "2025-01-02", "2025-01-03"]) s = recordActivity(s, day, none);
    expect(s).toEqual({ current: 3, best: 3, lastDay: "2025-01-03" });
  });

  it("GIVEN a missed day THEN the streak restarts, best is kept, and it shows 0 once a full day passed", () => {
    let s = { current: 3, best: 3, lastDay: "2025-01-03" as string | null };
    expect(currentStreak(s, "2025-01-04", none)).toBe(3); // today not over yet
    expect(currentStreak(s, "2025-01-05", none)).toBe(0);
    s = recordActivity(s, "2025-01-05", none);
    expect(s).toEqual({ current: 1, best: 3, lastDay: "2025-01-05" });
  });

  it("GIVEN missed days the bot failed to deliver THEN they do not break the streak", () => {
    const excused = (d: string): boolean => d === "2025-01-04" || d === "2025-01-05";
    const s = recordActivity({ current: 3, best: 3, lastDay: "2025-01-03" }, "2025-01-06", excused);
    expect(s.current).toBe(4);
    expect(streakFromDays(["2025-01-01", "2025-01-02", "2025-01-06"], "2025-01-06", (d) => d >= "2025-01-03" && d <= "2025-01-05")).toBe(3);
  });
});

let w: World;
afterEach(() => w?.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function tickAt(world: World, iso: string): Promise<void> {
  world.clock.set(Date.parse(iso));
  world.learning.scheduler.tick();
  await world.drain();
}

describe("streaks in the bot", () => {
  it("GIVEN Done on three days, a day without learning, then Done THEN 1,2,3 then back to 1", async () => {
    w = makeWorld({ course: makeCourse(20), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    const streaks: string[] = [];
    for (const day of ["06", "07", "08", "10"]) {
      if (day === "10") await tickAt(w, "2025-01-09T00:00:00Z"); // delivered on the 9th, not learned
      await tickAt(w, `2025-01-${day}T00:00:00Z`); // 07:00 in Ho Chi Minh City
      w.clock.set(w.clock.now() + 2 * HOUR);
      streaks.push((await w.press(w.sender.sent.at(-1)!.message.buttons![0]!.data))[0]!.match(/Streak: (\d+)/)![1]!);
    }
    expect(streaks).toEqual(["1", "2", "3", "1"]);
    expect((await w.say("/progress"))[0]).toContain("best 3");
  });

  it("GIVEN /next on consecutive days THEN moving past a lesson counts as learning", async () => {
    w = makeWorld({ course: makeCourse(20), start: "2025-01-06T02:00:00Z" });
    await w.say("/start");
    await w.say("/next"); // first lesson: nothing moved past yet
    w.clock.set(w.clock.now() + DAY);
    await w.say("/next");
    w.clock.set(w.clock.now() + DAY);
    await w.say("/next");
    expect((await w.say("/progress"))[0]).toContain("Streak: 2 days");
  });

  it("GIVEN a day the delivery failed THEN the learner's streak survives it", async () => {
    w = makeWorld({ course: makeCourse(20), start: "2025-01-05T20:00:00Z", retry: { maxTransientRetries: 1, backoffMs: 10 } });
    await w.say("/start");
    await tickAt(w, "2025-01-06T00:00:00Z");
    await w.say("/done");
    // 7 January: the platform is down all day, the delivery fails.
    w.sender.script = () => ({ ok: false, error: { kind: "transient", detail: "502" } });
    await tickAt(w, "2025-01-07T00:00:00Z");
    expect(w.store.ledger.openFor(w.store.subscribers.find("console", "100", "")!.id)!.status).toBe("failed");
    // 8 January: back; the failed lesson is resumed (not skipped) and learned.
    w.sender.script = undefined;
    await tickAt(w, "2025-01-08T00:00:00Z");
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1"]);
    const [r] = await w.press(w.sender.sent.at(-1)!.message.buttons![0]!.data);
    expect(r).toContain("Streak: 2");
  });

  it("GIVEN the bot was down for days THEN those days do not break the streak", async () => {
    w = makeWorld({ course: makeCourse(20), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await tickAt(w, "2025-01-06T00:00:00Z");
    await w.say("/done");
    await tickAt(w, "2025-01-09T03:00:00Z"); // down from 7 to 9 January
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1"]);
    const [r] = await w.press(w.sender.sent.at(-1)!.message.buttons![0]!.data);
    expect(r).toContain("Streak: 2");
  });
});
