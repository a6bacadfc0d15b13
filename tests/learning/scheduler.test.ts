import { afterEach, describe, expect, it } from "vitest";
import { localClockText } from "../../src/schedule/dueTime.js";
import { makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Runs the minute tick every minute for `hours`, sending deliveries as they are claimed. */
async function runTicks(world: World, hours: number): Promise<void> {
  const end = world.clock.now() + hours * HOUR;
  while (world.clock.now() < end) {
    world.learning.scheduler.tick();
    await world.drain();
    await world.clock.advance(MIN);
  }
}

function deliveryTimes(world: World, zone: string): string[] {
  return world.sender.sent.map((s) => `${new Date(s.at).toISOString().slice(0, 10)} ${localClockText(s.at, zone)}`);
}

describe("the daily scheduler", () => {
  it("GIVEN Asia/Ho_Chi_Minh THEN one lesson a day at 07:00 local for a week", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-03-03T02:00:00Z" });
    await w.say("/start");
    await runTicks(w, 7 * 24);
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1", "L3 M1", "L4 M1", "L5 M1", "L6 M1", "L7 M1"]);
    expect(w.sender.sent.map((s) => localClockText(s.at, "Asia/Ho_Chi_Minh"))).toEqual(Array(7).fill("07:00"));
  });

  it("GIVEN America/New_York across spring-forward THEN 07:00 local every day of the week", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-03-06T15:00:00Z", defaults: { timeZone: "America/New_York", sendTime: "07:00" } });
    await w.say("/start");
    await runTicks(w, 7 * 24);
    expect(deliveryTimes(w, "America/New_York")).toEqual([
      "2025-03-07 07:00",
      "2025-03-08 07:00",
      "2025-03-09 07:00",
      "2025-03-10 07:00",
      "2025-03-11 07:00",
      "2025-03-12 07:00",
      "2025-03-13 07:00",
    ]);
  });

  it("GIVEN a send time inside the spring-forward gap THEN that day's lesson comes at 03:00, not skipped", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-03-07T15:00:00Z", defaults: { timeZone: "America/New_York", sendTime: "02:30" } });
    await w.say("/start");
    await runTicks(w, 4 * 24);
    expect(deliveryTimes(w, "America/New_York")).toEqual(["2025-03-08 02:30", "2025-03-09 03:00", "2025-03-10 02:30", "2025-03-11 02:30"]);
  });

  it("GIVEN America/New_York across fall-back with a time in the repeated hour THEN one lesson that day, not two", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-10-30T15:00:00Z", defaults: { timeZone: "America/New_York", sendTime: "01:30" } });
    await w.say("/start");
    await runTicks(w, 7 * 24);
    expect(w.sender.sent).toHaveLength(7);
    expect(deliveryTimes(w, "America/New_York")).toEqual([
      "2025-10-31 01:30",
      "2025-11-01 01:30",
      "2025-11-02 01:30",
      "2025-11-03 01:30",
      "2025-11-04 01:30",
      "2025-11-05 01:30",
      "2025-11-06 01:30",
    ]);
  });

  it("GIVEN a subscriber who moves from Ho Chi Minh City to New York after today's lesson THEN the next comes at 07:00 New York time, and never two in one local day", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await runTicks(w, 5); // 07:00 HCM on 6 Jan = 00:00Z: lesson 1
    expect(w.sender.texts()).toEqual(["L1 M1"]);
    await w.say("/timezone America/New_York"); // now 01:00Z = 20:00 on 5 Jan in New York
    const sub = w.store.subscribers.find("console", "100", "")!;
    expect(new Date(sub.nextDueAt!).toISOString()).toBe("2025-01-06T12:00:00.000Z");
    await runTicks(w, 24);
    expect(deliveryTimes(w, "America/New_York")).toEqual(["2025-01-06 19:00", "2025-01-06 07:00"]);
    // Changing the time later the same local day does not bring a second lesson that day.
    await w.say("/time 21:00");
    expect(new Date(w.store.subscribers.find("console", "100", "")!.nextDueAt!).toISOString()).toBe("2025-01-08T02:00:00.000Z");
  });

  it("GIVEN three days of downtime THEN each due subscriber gets exactly one lesson at restart, then daily again", async () => {
    w = makeWorld({ course: makeCourse(30), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/start", { chatId: "200", userId: "200" });
    await runTicks(w, 5);
    expect(w.sender.sent).toHaveLength(2);
    w.clock.set(w.clock.now() + 3 * 24 * HOUR + 3 * HOUR); // down for three days
    w.restart();
    expect(w.learning.scheduler.tick().claimed).toBe(2);
    await w.learning.delivery.idle();
    expect(w.sender.texts()).toEqual(["L1 M1", "L1 M1", "L2 M1", "L2 M1"]);
    expect(w.learning.scheduler.tick().claimed).toBe(0);
    await runTicks(w, 24);
    expect(w.sender.texts().slice(4)).toEqual(["L3 M1", "L3 M1"]);
  });

  it("GIVEN a finished course THEN the course-complete message comes once and no more deliveries", async () => {
    w = makeWorld({ course: makeCourse(2), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await runTicks(w, 24 * 5);
    expect(w.sender.texts().slice(0, 2)).toEqual(["L1 M1", "L2 M1"]);
    expect(w.sender.sent).toHaveLength(3);
    expect(w.sender.texts()[2]).toContain("Congratulations");
    expect(w.store.subscribers.find("console", "100", "")!.nextDueAt).toBeNull();
  });

  it("GIVEN /next during the day THEN the daily delivery continues from the new position", async () => {
    w = makeWorld({ course: makeCourse(10), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/next");
    await w.say("/next");
    await runTicks(w, 5);
    expect(w.sender.texts()).toEqual(["L1 M1", "L2 M1", "L3 M1"]);
  });

  it("GIVEN a tick with nothing due THEN nothing is claimed or sent", async () => {
    w = makeWorld();
    await w.say("/start");
    expect(w.learning.scheduler.tick()).toEqual({ claimed: 0, started: 0 });
  });
});
