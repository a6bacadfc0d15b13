import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
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

describe("the console chat keeps up", () => {
  it("GIVEN a first start THEN it says what to type; at end of input it says so in one line; a second start has no hint, /quit no end line", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const env = { DATA_DIR: t.dir, CONTENT_DIR: fixtureContent };
    const first = await start("/start\n", env);
    expect(first.stdout.split("\n")[0]).toBe("type /start to begin · Gõ /start để bắt đầu");
    expect(first.stdout.trim().split("\n").at(-1)).toBe("— End of input: the console chat ends here. (With TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN set, npm start runs the bot instead.)");
    const second = await start("/progress\n/quit\n", env);
    expect(second.stdout).not.toContain("type /start to begin");
    expect(second.stdout).not.toContain("End of input");
    expect(second.code).toBe(0);
  });

  it("GIVEN no LOG_LEVEL THEN only warnings and errors reach stderr (the chat's terminal), none on stdout", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const run = await start("/start\n", { DATA_DIR: t.dir, CONTENT_DIR: fixtureContent });
    expect(run.stderr).not.toContain('"msg":"course rendered"');
    expect(run.stdout).not.toContain('"level"');
  });

  it("GIVEN the last lesson received THEN /resume, /pause then /resume, /start and /stop then /start say the course is complete and what is left to do", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, "lessons.json");
    writeFileSync(file, JSON.stringify(makeCourse(2)));
    const run = await start("/start\n/next\n/next\n/resume\n/start\n/pause\n/resume\n/stop\n/start\n", { DATA_DIR: join(t.dir, "data"), COURSE_JSON: file });
    const answers = run.stdout.split(/^> /m);
    const after = (command: string, from = 0): string => answers.slice(from).find((a) => a.startsWith(`${command}\n`)) ?? "";
    const finished = "🏁 You have finished Test Course: all 2 lessons. No more daily lessons will come. /lessons lists them, and /goto <n> opens any one again.";
    const resumeAt = answers.findIndex((a) => a.startsWith("/resume\n"));
    expect(after("/resume")).toContain(finished);
    expect(after("/start", resumeAt)).toContain(finished);
    expect(after("/resume", resumeAt + 1)).toContain(finished);
    expect(after("/start", answers.findIndex((a) => a.startsWith("/stop\n")))).toContain(finished);
    expect(run.stdout).not.toContain("Next lesson: —");
    expect(run.stdout).not.toContain("lessons continue daily");
  });

  it("GIVEN a lesson with a display formula THEN its TeX is printed beside the PNG's path", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const course = makeCourse(1);
    course.lessons[0]!.messages = [{ text: "The derivative:", images: ["media/f1.png", "media/table.png"], alt: ["\\frac{dy}{dx} = 2x + 3", "x | y\n1 | 2"] }];
    const file = join(t.dir, "lessons.json");
    writeFileSync(file, JSON.stringify(course));
    const run = await start("/start\n/next\n", { DATA_DIR: join(t.dir, "data"), COURSE_JSON: file });
    expect(run.stdout).toContain(`🖼  ${join(t.dir, "media/f1.png")}  ·  \\frac{dy}{dx} = 2x + 3\n🖼  ${join(t.dir, "media/table.png")}  ·  x | y\n    1 | 2\n`);
  });

  it("GIVEN an author's edit while the console runs THEN the course is re-read, as in the bot", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const content = join(t.dir, "content");
    cpSync(fixtureContent, content, { recursive: true });
    const chat = new ConsoleChat({ DATA_DIR: join(t.dir, "data"), CONTENT_DIR: content, LOG_LEVEL: "info" });
    chat.type("/start\n/lessons\n");
    await chat.waitFor("stdout", "2. ");
    writeFileSync(join(content, "_posts", "2025-01-03-third-post.md"), "---\ntitle: A third post\n---\nWritten while the console was running.\n");
    await chat.waitFor("stderr", '"msg":"course reloaded"');
    chat.type("/lessons\n");
    await chat.waitFor("stdout", "3. A third post");
    chat.end();
    expect(await chat.exited).toBe(0);
  });
});

/** The console chat with its input kept open: lines typed one by one, output awaited. */
class ConsoleChat {
  readonly exited: Promise<number | null>;
  private readonly out = { stdout: "", stderr: "" };
  private readonly proc: ChildProcessWithoutNullStreams;

  constructor(env: Record<string, string>) {
    const clean = { ...process.env };
    delete clean.TELEGRAM_BOT_TOKEN;
    delete clean.DISCORD_BOT_TOKEN;
    this.proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env: { ...clean, ...env }, stdio: "pipe" });
    this.proc.stdout.on("data", (c: Buffer) => (this.out.stdout += c.toString()));
    this.proc.stderr.on("data", (c: Buffer) => (this.out.stderr += c.toString()));
    this.exited = new Promise((r) => this.proc.on("close", (code) => r(code)));
    const previous = cleanup;
    cleanup = () => {
      this.proc.kill("SIGKILL");
      previous?.();
    };
  }

  type(text: string): void {
    this.proc.stdin.write(text);
  }

  end(): void {
    this.proc.stdin.end();
  }

  async waitFor(stream: "stdout" | "stderr", text: string, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.out[stream].includes(text)) {
      if (Date.now() > until) throw new Error(`no "${text}" on ${stream} within ${timeoutMs} ms:\n${this.out[stream].slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

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
