/**
 * The console chat in a real terminal (a pseudo-terminal from util-linux's `script`, so stdin is a
 * TTY as when a person types): the daily lesson arrives on its own at the time set with /time and is
 * followed by a fresh prompt that keeps what the learner had half typed; the log (here a content
 * warning) goes to DATA_DIR/console.log, never onto the chat's screen. Waits for the next minute.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { needed } from "../helpers/outside.js";
import { comingMinute } from "../telegram/e2e.helpers.js";

const root = resolve(import.meta.dirname, "../..");
const hasScript = needed("util-linux's script, for a pseudo-terminal", spawnSync("script", ["--version"]).status === 0, ".ci/run installs bsdutils");

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

/** What the terminal showed, escape sequences and carriage returns taken out. */
const screenText = (raw: string): string => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

describe("the console chat in a terminal", () => {
  it.skipIf(!hasScript)("GIVEN a daily lesson due while the learner is at the prompt THEN it is printed, then a fresh prompt with the half-typed line; logs stay in console.log", async () => {
    const base = mkdtempSync(join(tmpdir(), "sau-phut-tty-"));
    cleanup.push(() => rmSync(base, { recursive: true, force: true }));
    const content = join(base, "content");
    cpSync(join(root, "tests/learning/fixtures/content"), content, { recursive: true });
    // A missing figure: a content problem the log reports at warn.
    writeFileSync(join(content, "_posts", "2025-01-03-figure.md"), "---\ntitle: A figure\n---\nSee the picture.\n\n![a plot](/assets/missing.png)\n");
    const data = join(base, "data");
    const child = spawn("script", ["-qfec", `${process.execPath} --import tsx src/main.ts`, "/dev/null"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "xterm", DATA_DIR: data, CONTENT_DIR: content, DEFAULT_TIMEZONE: "UTC" },
      stdio: "pipe",
    });
    cleanup.push(() => child.kill("SIGKILL"));
    let raw = "";
    child.stdout.on("data", (c: Buffer) => (raw += c.toString()));
    const exited = new Promise((r) => child.on("close", r));
    const waitFor = async (test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<void> => {
      const until = Date.now() + timeoutMs;
      while (!test(screenText(raw))) {
        if (Date.now() > until) throw new Error(`the terminal never showed ${what}:\n${screenText(raw).slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    await waitFor((s) => s.includes("> "), "the first prompt");
    child.stdin.write("/start\r");
    await waitFor((s) => s.includes("Welcome to Fixture Course"), "the welcome");
    const due = comingMinute();
    child.stdin.write(`/time ${due.time}\r`);
    await waitFor((s) => s.includes(`Daily time set to ${due.time}`), "the new time");
    // Half a command, not yet sent, when the lesson comes.
    child.stdin.write("/prog");
    await waitFor((s) => s.includes("This is the opening paragraph of the first lesson"), "the daily lesson", due.at - Date.now() + 40_000);
    await waitFor((s) => /\[ 📚 Resources \] → type \/resources\n+> \/prog$/.test(s), "a fresh prompt with the half-typed line after the lesson");
    child.stdin.write("ress\r");
    await waitFor((s) => s.includes("Lesson 1/3 (33%): First steps"), "the answer to /progress");
    child.stdin.write("/quit\r");
    await exited;

    expect(screenText(raw)).not.toContain('"level"');
    expect(readFileSync(join(data, "console.log"), "utf8")).toContain("content problem: _posts/2025-01-03-figure.md");
  }, 150_000);
});
