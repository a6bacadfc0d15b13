/**
 * Content reload: a good edit replaces the running course (learners keep their place), a broken edit
 * keeps the previous course and logs the problems with file and line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/courseLoader.js";
import { Courses } from "../../src/learning/courses.js";
import type { LessonFormat, Platform } from "../../src/contract/lessons.js";
import { CourseReloader } from "../../src/ops/reload.js";

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
});
