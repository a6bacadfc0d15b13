/**
 * Content reload: a good edit replaces the running course (learners keep their place), a broken edit
 * keeps the previous course and logs the problems with file and line — course by course.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/courseLoader.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import { Courses } from "../../src/learning/courses.js";
import type { LessonFormat, Platform, RenderedCatalogue } from "../../src/contract/lessons.js";
import { CourseReloader } from "../../src/ops/reload.js";
import { makeCatalogue, makeCourse } from "../learning/helpers.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "sau-phut-reload-"));
  dirs.push(d);
  return d;
};

const post = (title: string, body: string): string => `---\ntitle: ${title}\n---\n${body}\n`;

describe("content reload", () => {
  it("GIVEN a new post THEN the course grows and keeps its ids; GIVEN a broken edit THEN the previous course stays and the problem is logged", async () => {
    const content = tmp();
    const data = tmp();
    writeFileSync(join(content, "2026-01-01-mot.md"), post("Một", "Bài một."));
    let logged = "";
    const log = pino({ level: "info" }, new Writable({ write: (c, _e, cb) => ((logged += String(c)), cb()) }));
    const load = (platform: Platform, formats: readonly LessonFormat[]) =>
      loadCatalogue({ platform, formats, contentDir: content, dataDir: data, courseJson: undefined, log });
    const courses = new Courses([await load("telegram", ["rich", "classic"])]);
    const only = () => courses.for("telegram").courses[0]!;
    let rescheduled = 0;
    const reloader = new CourseReloader({ targets: [{ platform: "telegram", formats: ["rich", "classic"] }], courses, load, afterReload: () => rescheduled++, log });
    const firstId = only().lesson(0)!.id;

    writeFileSync(join(content, "2026-01-02-hai.md"), post("Hai", "Bài hai."));
    expect(await reloader.reload()).toBe("reloaded");
    const view = only();
    expect(view.size).toBe(2);
    expect(view.lesson(0)!.id).toBe(firstId);
    expect(view.lesson(1)!.title).toBe("Hai");
    expect(view.rendering("classic")!.course.lessons).toHaveLength(2);
    expect(rescheduled).toBe(1);

    writeFileSync(join(content, "2026-01-02-hai.md"), "---\ntitle: [Hai\n---\nBài hai.\n");
    writeFileSync(join(content, "2026-01-03-ba.md"), post("Ba", "Bài ba."));
    expect(await reloader.reload()).toBe("kept");
    expect(only()).toBe(view);
    expect(logged).toContain("content problem: 2026-01-02-hai.md:");
    expect(logged).toContain("front matter is not valid YAML");
    expect(rescheduled).toBe(1);

    writeFileSync(join(content, "2026-01-02-hai.md"), post("Hai", "Bài hai, sửa lại."));
    expect(await reloader.reload()).toBe("reloaded");
    expect(only().size).toBe(3);
  });

  it("GIVEN problems already known THEN a reload logs only the new ones, each once, at the level of its severity", async () => {
    const content = tmp();
    const data = tmp();
    writeFileSync(join(content, "2026-01-01-mot.md"), post("Một", "Bài một.\n\n{% include hop.html %}"));
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: "info" }, new Writable({ write: (c, _e, cb) => (lines.push(...String(c).trim().split("\n").map((l) => JSON.parse(l) as { level: number; msg: string })), cb()) }));
    const load = (platform: Platform, formats: readonly LessonFormat[]) =>
      loadCatalogue({ platform, formats, contentDir: content, dataDir: data, courseJson: undefined, log });
    const courses = new Courses([await load("telegram", ["rich", "classic"]), await load("discord", ["components", "classic"])]);
    const reloader = new CourseReloader({
      targets: [{ platform: "telegram", formats: ["rich", "classic"] }, { platform: "discord", formats: ["components", "classic"] }],
      courses,
      load,
      afterReload: () => {},
      log,
    });
    const problemLines = (): string[] => lines.splice(0).filter((l) => l.msg.startsWith("content problem")).map((l) => `${l.level} ${l.msg}`);
    problemLines();

    writeFileSync(join(content, "2026-01-02-hai.md"), post("Hai", "Bài hai."));
    expect(await reloader.reload()).toBe("reloaded");
    expect(problemLines()).toEqual([]);

    writeFileSync(join(content, "2026-01-02-hai.md"), "---\ntitle: [Hai\n---\nBài hai.\n");
    expect(await reloader.reload()).toBe("kept");
    expect(problemLines()).toEqual(["50 content problem: 2026-01-02-hai.md:3: error: front matter is not valid YAML: unexpected end of the stream within a flow collection"]);

    writeFileSync(join(content, "2026-01-03-ba.md"), post("Ba", "Bài ba.\n\n{% include khac.html %}"));
    expect(await reloader.reload()).toBe("kept");
    expect(problemLines()).toEqual(["40 content problem: 2026-01-03-ba.md:6: warning: Liquid tag {% include %} is not supported; removed"]);
  });
});

describe("content reload, course by course", () => {
  const course = (id: string, n: number) => ({ id, course: makeCourse(n, { platform: "telegram", title: id, prefix: id }) });
  const error = (file: string, courseId?: string) => ({ file, line: 3, severity: "error" as const, message: "front matter is not valid YAML", ...(courseId ? { course: courseId } : {}) });
  /** What the content reads as now: the test sets it before each reload. */
  let content: RenderedCatalogue;
  const catalogue = (): Catalogue => Catalogue.from([{ catalogue: content, mediaDir: "/tmp" }]);

  it("GIVEN a broken edit in one course THEN that course keeps its previous version and the others take their edits; fixed, it is read again", async () => {
    content = makeCatalogue([course("python", 2), course("maths", 2)]);
    const courses = new Courses([catalogue()]);
    let synced = 0;
    let logged = "";
    const log = pino({ level: "info" }, new Writable({ write: (c, _e, cb) => ((logged += String(c)), cb()) }));
    const reloader = new CourseReloader({ targets: [{ platform: "telegram", formats: ["classic"] }], courses, load: async () => catalogue(), afterReload: () => synced++, log });
    const mathsBefore = courses.for("telegram").byId("maths")!;

    // Python grows; Maths grows too but its new post is broken.
    content = { ...makeCatalogue([course("python", 3), course("maths", 3)]), problems: [error("_posts/maths/2026-01-03-c.md", "maths")] };
    expect(await reloader.reload()).toBe("partly");
    expect(courses.for("telegram").courses.map((c) => `${c.id}:${c.size}`)).toEqual(["python:3", "maths:2"]);
    expect(courses.for("telegram").byId("maths")).toBe(mathsBefore);
    expect(logged).toContain("content problem: _posts/maths/2026-01-03-c.md:3");
    expect(logged).toContain('"courses":["maths"]');
    expect(synced).toBe(1);

    // Still broken: still kept (its errors stay new against the version served).
    content = { ...makeCatalogue([course("python", 4), course("maths", 3)]), problems: [error("_posts/maths/2026-01-03-c.md", "maths")] };
    expect(await reloader.reload()).toBe("partly");
    expect(courses.for("telegram").courses.map((c) => `${c.id}:${c.size}`)).toEqual(["python:4", "maths:2"]);

    content = makeCatalogue([course("python", 4), course("maths", 3)]);
    expect(await reloader.reload()).toBe("reloaded");
    expect(courses.for("telegram").courses.map((c) => `${c.id}:${c.size}`)).toEqual(["python:4", "maths:3"]);
  });

  it("GIVEN an error outside every course THEN the whole catalogue stays; GIVEN a new course with errors THEN it waits; GIVEN a course gone THEN it is no longer offered", async () => {
    content = makeCatalogue([course("python", 2), course("maths", 2)]);
    const courses = new Courses([catalogue()]);
    const before = courses.for("telegram");
    let synced = 0;
    const reloader = new CourseReloader({ targets: [{ platform: "telegram", formats: ["classic"] }], courses, load: async () => catalogue(), afterReload: () => synced++, log: pino({ level: "silent" }) });

    content = { ...makeCatalogue([course("python", 3)]), problems: [error("course.yml")] };
    expect(await reloader.reload()).toBe("kept");
    expect(courses.for("telegram")).toBe(before);
    expect(synced).toBe(0);

    content = { ...makeCatalogue([course("python", 2), course("maths", 2), course("rust", 2)]), problems: [error("_posts/rust/a.md", "rust")] };
    expect(await reloader.reload()).toBe("partly");
    expect(courses.for("telegram").courses.map((c) => c.id)).toEqual(["python", "maths"]);

    content = makeCatalogue([course("python", 2)]);
    expect(await reloader.reload()).toBe("reloaded");
    expect(courses.for("telegram").courses.map((c) => c.id)).toEqual(["python"]);
    expect(synced).toBe(2);
  });
});
