/**
 * Learners choose (issue 15 §2): a catalogue of several courses, a chat following some of them, each
 * at its own place, with its own daily lesson and its own "course complete".
 */
import { afterEach, describe, expect, it } from "vitest";
import { choiceData } from "../../src/learning/courseChoices.js";
import { makeCatalogue, makeCourse, makeWorld, type World } from "./helpers.js";

let w: World;
afterEach(() => w?.close());

/** Python (3 lessons, "P-"), R (2 lessons, in Vietnamese, "R-"), Maths (4 lessons, "M-"), in this order. */
function threeCourses(platform: "console" | "telegram" = "console") {
  return makeCatalogue([
    { id: "python", course: makeCourse(3, { platform, title: "Python basics", prefix: "py", tag: "P-" }), description: "Variables, loops and functions." },
    { id: "r-stats", course: makeCourse(2, { platform, title: "Thống kê với R", prefix: "r", tag: "R-", language: "vi" }) },
    { id: "maths", course: makeCourse(4, { platform, title: "Maths for ML", prefix: "m", tag: "M-" }) },
  ]);
}

const sub = (world: World, chatId = "100") => world.store.subscribers.find(world.platform, chatId, "")!;
const placeIn = (world: World, course: string, chatId = "100") => world.store.follows.get(sub(world, chatId).id, course);

describe("GIVEN a catalogue of three courses", () => {
  it("WHEN a new chat sends /start THEN it is greeted and shown the catalogue with a Follow button a course, and follows nothing yet", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    const [greeting, catalogue] = await w.ask("/start");
    expect(greeting!.text).toContain("Choose the courses you want");
    expect(catalogue!.text).toContain("Courses (3)");
    expect(catalogue!.text).toContain("1. Python basics");
    expect(catalogue!.text).toContain("English · 3 lessons · 15 min · python");
    expect(catalogue!.text).toContain("Variables, loops and functions.");
    expect(catalogue!.text).toContain("2. Thống kê với R");
    expect(catalogue!.text).toContain("Vietnamese · 2 lessons · 10 min · r-stats");
    expect(catalogue!.choices!.map((c) => [c.label, c.data, c.command])).toEqual([
      ["Follow: Python basics", "c:follow:python", "/follow python"],
      ["Follow: Thống kê với R", "c:follow:r-stats", "/follow r-stats"],
      ["Follow: Maths for ML", "c:follow:maths", "/follow maths"],
    ]);
    expect(sub(w)).toMatchObject({ status: "active", nextDueAt: null });
    expect(w.store.follows.of(sub(w).id)).toEqual([]);
    // Before choosing, a course command points to /courses.
    expect(await w.say("/next")).toEqual([expect.stringContaining("/courses")]);
  });

  it("WHEN it follows two (a button, then a number) THEN each is confirmed, /courses marks them, and the daily lessons of both arrive at the chat's time, in catalogue order, each its own delivery", async () => {
    w = makeWorld({ catalogue: threeCourses(), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    const [toast, followed] = await w.press("c:follow:maths");
    expect(toast).toBe("");
    expect(followed).toContain("You now follow Maths for ML: 4 lessons, 20 min in all");
    expect((await w.say("/follow 1"))[0]).toContain("You now follow Python basics");
    const [list] = await w.ask("/courses");
    expect(list!.text).toMatch(/1\. Python basics ✅/);
    expect(list!.text).toMatch(/3\. Maths for ML ✅/);
    expect(list!.text).not.toMatch(/Thống kê với R ✅/);
    expect(list!.choices!.map((c) => c.label)).toEqual(["✅ Python basics", "Follow: Thống kê với R", "✅ Maths for ML"]);

    // 07:00 in Ho Chi Minh City: one lesson of each, Python first (its place in the catalogue).
    expect(new Date(sub(w).nextDueAt!).toISOString()).toBe("2025-01-06T00:00:00.000Z");
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    expect(w.learning.scheduler.tick().claimed).toBe(1);
    await w.drain();
    expect(w.sender.texts()).toEqual(["P-L1 M1", "M-L1 M1"]);
    const rows = w.store.db.prepare("SELECT course_id AS course, lesson_id AS lesson, trigger, status FROM deliveries ORDER BY id").all();
    expect(rows).toEqual([
      { course: "python", lesson: "py-1#part", trigger: "daily", status: "done" },
      { course: "maths", lesson: "m-1#part", trigger: "daily", status: "done" },
    ]);
    // The next day, the next of each.
    w.clock.set(Date.parse("2025-01-07T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.texts().slice(2)).toEqual(["P-L2 M1", "M-L2 M1"]);
    expect(placeIn(w, "python")).toMatchObject({ position: "py-2#part", positionOrdinal: 1 });
    expect(placeIn(w, "maths")).toMatchObject({ position: "m-2#part", positionOrdinal: 1 });
  });

  it("WHEN /next with two followed THEN it asks which, a button a course; the button, /next <id> and /next <number> each send that course's next lesson only", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    await w.say("/start");
    await w.say("/follow python");
    await w.say("/follow maths");
    const [question] = await w.ask("/next");
    expect(question!.text).toContain("Which course?");
    expect(question!.choices!.map((c) => [c.label, c.data])).toEqual([
      ["Python basics", "c:next:python"],
      ["Maths for ML", "c:next:maths"],
    ]);
    expect(w.sender.sent).toEqual([]);
    await w.press("c:next:maths");
    await w.say("/next python");
    await w.say("/next 3");
    expect(w.sender.texts()).toEqual(["M-L1 M1", "P-L1 M1", "M-L2 M1"]);
    // Each lesson's ▶ moves its own course on.
    const nextUnderPython = w.sender.sent[1]!.message.buttons![1]!.data;
    await w.press(nextUnderPython);
    await w.drain();
    expect(w.sender.texts().at(-1)).toBe("P-L2 M1");
  });

  it("WHEN it leaves one THEN nothing more comes from it, its place is kept, and following it again continues there", async () => {
    w = makeWorld({ catalogue: threeCourses(), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/follow python");
    await w.say("/follow maths");
    await w.say("/next python");
    expect((await w.say("/leave python"))[0]).toContain("You left Python basics: no more lessons from it");
    w.clock.set(Date.parse("2025-01-06T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.texts()).toEqual(["P-L1 M1", "M-L1 M1"]);
    expect(placeIn(w, "python")).toMatchObject({ status: "left", position: "py-1#part" });
    expect((await w.say("/follow python"))[0]).toContain("You follow Python basics again, at lesson 1 of 3");
    // Leaving the last one stops the daily lessons until a course is followed again.
    await w.say("/leave python");
    await w.say("/leave maths");
    expect(sub(w).nextDueAt).toBeNull();
    expect((await w.say("/leave maths"))[0]).toContain("You don't follow Maths for ML");
    const [usage] = await w.ask("/leave");
    expect(usage!.text).toContain("You don't follow any course");
  });

  it("WHEN one course ends THEN its course-complete message comes once, by itself, while the other goes on", async () => {
    w = makeWorld({ catalogue: threeCourses(), start: "2025-01-05T20:00:00Z" });
    await w.say("/start");
    await w.say("/follow r-stats");
    await w.say("/follow maths");
    for (let day = 6; day <= 9; day++) {
      w.clock.set(Date.parse(`2025-01-0${day}T00:00:00Z`));
      w.learning.scheduler.tick();
      await w.drain();
    }
    const texts = w.sender.texts();
    expect(texts.filter((t) => t.startsWith("R-"))).toEqual(["R-L1 M1", "R-L2 M1"]);
    expect(texts.filter((t) => t.startsWith("M-"))).toEqual(["M-L1 M1", "M-L2 M1", "M-L3 M1", "M-L4 M1"]);
    const complete = texts.filter((t) => t.includes("Congratulations"));
    expect(complete).toEqual([expect.stringContaining("Thống kê với R")]);
    expect(placeIn(w, "r-stats")).toMatchObject({ completedNotified: true });
    // Day 10: the Maths course is complete too; then nothing is scheduled.
    w.clock.set(Date.parse("2025-01-10T00:00:00Z"));
    w.learning.scheduler.tick();
    await w.drain();
    expect(w.sender.texts().filter((t) => t.includes("Congratulations"))).toHaveLength(2);
    expect(sub(w).nextDueAt).toBeNull();
  });

  it("WHEN lessons of different courses are learned on consecutive days THEN they make one streak, the chat's", async () => {
    w = makeWorld({ catalogue: threeCourses(), start: "2025-01-06T02:00:00Z" });
    await w.say("/start");
    await w.say("/follow python");
    await w.say("/follow maths");
    await w.say("/next python");
    expect((await w.say("/done python"))[0]).toContain("Streak: 1");
    w.clock.set(Date.parse("2025-01-07T02:00:00Z"));
    await w.say("/next maths");
    expect((await w.say("/done maths"))[0]).toContain("Streak: 2");
    const [progress] = await w.say("/progress");
    expect(progress).toContain("Python basics");
    expect(progress).toContain("Lesson 1/3");
    expect(progress).toContain("Maths for ML");
    expect(progress).toContain("Lesson 1/4");
    expect(progress).toContain("Streak: 2 days");
  });

  it("WHEN /lessons, /goto and /resources name no course THEN they ask which; with the course they answer for it", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    await w.say("/start");
    await w.say("/follow python");
    await w.say("/follow maths");
    const [which] = await w.ask("/goto 3");
    expect(which!.choices!.map((c) => c.data)).toEqual(["c:goto:python:3", "c:goto:maths:3"]);
    await w.press("c:goto:maths:3");
    expect(w.sender.texts()).toEqual(["M-L3 M1"]);
    expect((await w.say("/lessons maths"))[0]).toMatch(/Maths for ML — page 1\/1[\s\S]*👉 3\. M-Lesson 3/);
    expect((await w.say("/lessons python 1"))[0]).toContain("Python basics — page 1/1");
    expect((await w.say("/goto maths 9"))[0]).toContain("from 1 to 4");
    expect((await w.say("/resources maths"))[0]).toContain("https://example.org/3");
    expect((await w.ask("/resources"))[0]!.choices).toHaveLength(2);
  });

  it("WHEN bad input names a course THEN a clear answer: unknown, followed twice, not followed", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    await w.say("/start");
    expect((await w.say("/follow cobol"))[0]).toBe("There is no course “cobol”. /courses lists them, with their numbers and ids.");
    expect((await w.say("/follow 7"))[0]).toContain("There is no course “7”");
    await w.say("/follow python");
    expect((await w.say("/follow python"))[0]).toBe("You already follow Python basics. /next python sends its next lesson now.");
    expect((await w.press("c:follow:python"))[1]).toContain("You already follow Python basics");
    expect((await w.say("/leave maths"))[0]).toBe("You don't follow Maths for ML. /follow maths to follow it.");
    expect((await w.say("/next maths"))[0]).toContain("You don't follow Maths for ML");
    expect((await w.say("/next cobol"))[0]).toContain("There is no course “cobol”");
    // In Vietnamese too.
    await w.say("/lang vi");
    expect((await w.say("/follow cobol"))[0]).toBe("Không có khóa học “cobol”. /courses để xem danh sách, kèm số và mã của từng khóa.");
    expect((await w.say("/follow python"))[0]).toContain("Bạn đã đăng ký Python basics rồi.");
    expect((await w.say("/leave maths"))[0]).toContain("Bạn chưa đăng ký Maths for ML.");
    // A button naming a course no longer offered is stale.
    expect((await w.press("c:follow:gone"))[0]).toContain("Nút này không còn dùng được");
  });

  it("WHEN a study group chooses THEN only its admins may follow or leave (by command or button); every member may read", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    const admin = { chatId: "-7", kind: "group" as const, userId: "1", name: "Lan", isAdmin: true };
    const member = { ...admin, userId: "2", name: "Minh", isAdmin: false };
    await w.say("/start", admin);
    expect(await w.say("/follow python", member)).toEqual(["Only the admins of this chat can do that."]);
    expect(await w.press("c:follow:python", member)).toEqual(["", "Only the admins of this chat can do that."]);
    expect((await w.press("c:follow:python", admin))[1]).toContain("You now follow Python basics");
    expect(await w.say("/leave python", member)).toEqual(["Only the admins of this chat can do that."]);
    expect((await w.ask("/courses", member))[0]!.text).toContain("Python basics ✅");
    expect((await w.say("/progress", member))[0]).toContain("Not started yet: 0 of 3 lessons");
  });

  it("WHEN a deep link names a course (/start <id>) THEN a new chat follows it at once, welcomed in that course's language", async () => {
    w = makeWorld({ catalogue: threeCourses() });
    const [welcome] = await w.say("/start r-stats");
    expect(welcome).toContain("Chào mừng bạn đến với Thống kê với R");
    expect(welcome).toContain("tổng cộng 2 bài");
    expect(w.store.follows.of(sub(w).id).map((f) => f.courseId)).toEqual(["r-stats"]);
    expect(sub(w).language).toBe("vi");
    // Another link later adds that course.
    expect((await w.say("/start maths"))[0]).toContain("Bạn đã đăng ký Maths for ML");
    // An unknown id says so, then greets as /start does.
    const other = await w.say("/start nope", { chatId: "300", userId: "300" });
    expect(other[0]).toContain("There is no course “nope”");
    expect(other[1]).toContain("Choose the courses you want");
  });

  it("WHEN a course id is too long for a button's data THEN the button names it by a hash, within Telegram's 64 bytes, and still works", async () => {
    const id = `a-very-long-course-id-${"x".repeat(60)}`;
    w = makeWorld({ catalogue: makeCatalogue([{ id, course: makeCourse(2, { title: "Long" }) }, { id: "short", course: makeCourse(1, { prefix: "s" }) }]) });
    const data = choiceData("follow", id);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data).toMatch(/^c:follow:#/);
    await w.say("/start");
    expect((await w.press(data))[1]).toContain("You now follow Long");
  });
});

describe("GIVEN one course only", () => {
  it("THEN /courses shows it followed, and /next, /lessons, /goto take no course", async () => {
    w = makeWorld({ course: makeCourse(3) });
    await w.say("/start");
    const [list] = await w.ask("/courses");
    expect(list!.text).toContain("The course");
    expect(list!.text).toContain("1. Test Course ✅");
    await w.say("/next");
    await w.say("/goto 3");
    expect(w.sender.texts()).toEqual(["L1 M1", "L3 M1"]);
  });
});
