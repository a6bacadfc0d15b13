import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { engineCatalogue, writeSeriesSite } from "../helpers/seriesSite.js";
import { makeCourse, tempDir } from "./helpers.js";

const root = resolve(import.meta.dirname, "../..");
const fixtureContent = join(root, "tests/learning/fixtures/content");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `printf input | npm start`, as a test: the real entry point in a child process. */
function start(input: string, env: Record<string, string>): Promise<Run> {
  const clean = { ...process.env };
  delete clean.TELEGRAM_BOT_TOKEN;
  delete clean.DISCORD_BOT_TOKEN;
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env: { ...clean, ...env }, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  proc.stdin.end(input);
  return new Promise((r) => proc.on("close", (code) => r({ code, stdout, stderr })));
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("the console chat (npm start without a platform token)", () => {
  it("GIVEN a piped session on a content folder THEN it welcomes, sends the lesson, lists resources and progress, and exits 0 at end of input", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const run = await start("/start\n/next\n/resources\n/progress\n", { DATA_DIR: t.dir, CONTENT_DIR: fixtureContent, LOG_LEVEL: "info" });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("Welcome to Fixture Course");
    expect(out).toContain("This is the opening paragraph of the first lesson");
    expect(out).toContain("[ ✅ Done ] → type /done");
    expect(out).toContain("[ ▶ Next ] → type /next");
    expect(out).toContain("[ 📚 Resources ] → type /resources");
    expect(out).toContain("Tensor tutorial — https://example.org/tensors");
    expect(out.indexOf("Tensor tutorial")).toBeLessThan(out.indexOf("Course Handbook — https://example.org/handbook"));
    expect(out).toContain("Lesson 1/2 (50%): First steps");
    expect(out).toMatch(/Next lesson: .*07:00 \(Asia\/Ho_Chi_Minh\)/);
    // Order follows the input; logs stay on stderr.
    expect(out.indexOf("> /next")).toBeLessThan(out.indexOf("opening paragraph"));
    expect(out.indexOf("opening paragraph")).toBeLessThan(out.indexOf("> /resources"));
    expect(out).not.toContain('"level"');
    expect(run.stderr).toContain('"msg":"course rendered"');
    expect(existsSync(join(t.dir, "bot.sqlite"))).toBe(true);

    // A second session continues where the first stopped.
    const again = await start("/next\n/progress\n", { DATA_DIR: t.dir, CONTENT_DIR: fixtureContent });
    expect(again.stdout).toContain("The second lesson talks about loss functions");
    expect(again.stdout).toContain("Lesson 2/2 (100%)");
  });

  it("GIVEN a pre-rendered course with images THEN their absolute paths are printed", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const course = makeCourse(2, { language: "vi" });
    course.lessons[0]!.messages = [{ text: "Công thức:", images: ["media/f1.png"] }];
    const renderDir = join(t.dir, "rendered");
    mkdirSync(renderDir);
    writeFileSync(join(renderDir, "lessons.json"), JSON.stringify(course));
    const run = await start("/start\n/next\n", { DATA_DIR: join(t.dir, "data"), COURSE_JSON: join(renderDir, "lessons.json") });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Chào mừng bạn đến với Test Course");
    expect(run.stdout).toContain(`🖼  ${join(renderDir, "media/f1.png")}`);
    expect(run.stdout).toContain("[ ✅ Đã học ] → gõ /done");
  });

  it("GIVEN a malformed platform token THEN one line names the variable, exit code 2, and the token is never printed", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const run = await start("", { DATA_DIR: t.dir, CONTENT_DIR: fixtureContent, TELEGRAM_BOT_TOKEN: "123456:SECRET-TOKEN-VALUE" });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringContaining("TELEGRAM_BOT_TOKEN: not a bot token")]);
    expect(run.stderr + run.stdout).not.toContain("SECRET-TOKEN-VALUE");
  });

  it("GIVEN an invalid DEFAULT_TIMEZONE THEN a clear configuration error and exit code 2", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const run = await start("", { DATA_DIR: t.dir, DEFAULT_TIMEZONE: "Mars/Base", DEFAULT_SEND_TIME: "25:99" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DEFAULT_TIMEZONE: "Mars/Base"');
    expect(run.stderr).toContain('DEFAULT_SEND_TIME: "25:99"');
  });
});

describe("the console chat on a blog of two series (npm start, a piped session)", () => {
  it("GIVEN two courses THEN /start shows them numbered, /follow 2 and /follow 1 follow them, /next asks which with the commands to type", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const site = writeSeriesSite(join(t.dir, "series"));
    const [first, second] = engineCatalogue(site, join(t.dir, "probe")).courses;
    const run = await start("/start\n/follow 2\n/follow 1\n/next\n/next 1\n/courses\n", { DATA_DIR: join(t.dir, "data"), CONTENT_DIR: site });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain("Choose the courses you want");
    expect(out).toContain(`1. ${first!.title}\n`);
    expect(out).toContain(`2. ${second!.title}\n`);
    expect(out).toContain("Follow one: /follow <number or id>");
    expect(out).toContain(`You now follow ${second!.title}`);
    expect(out).toContain(`You now follow ${first!.title}`);
    expect(out).toContain(`[ ${first!.title} ] → type /next ${first!.id}`);
    expect(out).toContain(first!.lessons[0]);
    expect(out).toContain(`1. ${first!.title} ✅`);
  });
});
