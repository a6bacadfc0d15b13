/**
 * A course that disappears from the content (issue 15 §3): its followers keep their rows, are told
 * once that it is no longer offered, and get nothing more from it; their other courses go on. Offered
 * again, it continues where they were.
 */
import { afterEach, describe, expect, it } from "vitest";
import { syncFollows } from "../../src/learning/catalogueSync.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import { Courses } from "../../src/learning/courses.js";
import { makeCatalogue, makeCourse, makeWorld, silentLog, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

const python = { id: "python", course: makeCourse(3, { title: "Python basics", prefix: "py", tag: "P-" }) };
const maths = { id: "maths", course: makeCourse(4, { title: "Maths for ML", prefix: "m", tag: "M-" }) };

describe("GIVEN chats following a course the content drops", () => {
  it("THEN each is told once, its lessons stop, its place is kept; offered again, it goes on from there", async () => {
    w = makeWorld({ catalogue: makeCatalogue([python, maths]), start: "2025-01-05T20:00:00Z" });
    await w.say("/start python");
    await w.say("/follow maths");
    await w.say("/start python", { chatId: "200", userId: "200" });
    await w.say("/next python");
    const { courses } = w;
    syncFollows(w.store, courses, w.clock.now(), silentLog);

    // The edit removes Python: the reload serves Maths only.
    courses.replace(Catalogue.from([{ catalogue: makeCatalogue([maths]), mediaDir: w.dir }]));
    expect(syncFollows(w.store, courses, w.clock.now(), silentLog)).toMatchObject({ withdrawn: 2 });
    expect(syncFollows(w.store, courses, w.clock.now(), silentLog)).toMatchObject({ withdrawn: 0 });
    w.learning.delivery.resumePending();
    await w.drain();
    const told = w.sender.sent.filter((s) => s.message.text?.includes("no longer offered"));
    expect(told.map((s) => s.to.chatId).sort()).toEqual(["100", "200"]);
    expect(told[0]!.message.text).toContain("Python basics is no longer offered");

    // The daily tick: Maths goes on, nothing from Python; the chat that had only Python gets nothing.
    w.sender.sent.length = 0;
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.sent.map((s) => [s.to.chatId, s.message.text])).toEqual([["100", "M-L1 M1"]]);
    const sub = w.store.subscribers.find("console", "100", "")!;
    expect(w.store.follows.get(sub.id, "python")).toMatchObject({ status: "withdrawn", position: "py-1#part" });
    expect((await w.say("/next python"))[0]).toContain("There is no course “python”");

    // Python comes back: its followers follow it on, at their place.
    courses.replace(Catalogue.from([{ catalogue: makeCatalogue([python, maths]), mediaDir: w.dir }]));
    expect(syncFollows(w.store, courses, w.clock.now(), silentLog)).toMatchObject({ restored: 2, withdrawn: 0 });
    w.learning.scheduler.rescheduleIdle();
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    const to = (chat: string) => w.sender.sent.slice(1).filter((s) => s.to.chatId === chat).map((s) => s.message.text);
    expect(to("100")).toEqual(["P-L2 M1", "M-L2 M1"]);
    expect(to("200")).toEqual(["P-L1 M1"]);
  });

  it("THEN an empty catalogue (content unreadable for a moment) withdraws nothing", async () => {
    w = makeWorld({ catalogue: makeCatalogue([python]) });
    await w.say("/start");
    const courses = new Courses([new Catalogue("console", [])]);
    expect(syncFollows(w.store, courses, w.clock.now(), silentLog)).toEqual({ resolved: 0, withdrawn: 0, restored: 0 });
    expect(w.store.follows.of(w.store.subscribers.find("console", "100", "")!.id)).toMatchObject([{ courseId: "python", status: "following" }]);
  });
});
