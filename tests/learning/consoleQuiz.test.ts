/**
 * The console chat end to end (issue 16 §2, §6): a lesson's questions as numbered options, answered by
 * typing the number; a day later (the cards aged in the database) /review asks the one answered wrong.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { quizQuestion, writeQuizSite } from "../helpers/quizSite.js";
import { tempDir } from "./helpers.js";

const root = resolve(import.meta.dirname, "../..");

/** `printf input | npm start`: the real entry point in a child process. */
function start(input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const clean = { ...process.env };
  delete clean.TELEGRAM_BOT_TOKEN;
  delete clean.DISCORD_BOT_TOKEN;
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env: { ...clean, ...env }, stdio: "pipe" });
  let stdout = "";
  proc.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  proc.stderr.resume();
  proc.stdin.end(input);
  return new Promise((r) => proc.on("close", (code) => r({ code, stdout })));
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("the console chat with quiz questions", () => {
  it("GIVEN /done after a lesson THEN its questions come one at a time as numbered options, each answer told right or wrong, /progress counts them, and a day later /review asks the card answered wrong", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const site = writeQuizSite(join(t.dir, "site"));
    const run = await start("/start\n/next\n/done\n2\n3\n/progress\n", { DATA_DIR: join(t.dir, "data"), CONTENT_DIR: site, LOG_LEVEL: "warn" });
    expect(run.code).toBe(0);
    const out = run.stdout;
    const q1 = out.indexOf(`❓ ${quizQuestion(1, 1)}\n  1. wrong 1\n  2. right 1\n  3. also wrong 1\nType the number of your answer.`);
    const right = out.indexOf("✅ Right! Because it is right (1.1).");
    const q2 = out.indexOf(`❓ ${quizQuestion(1, 2)}`);
    const wrong = out.indexOf("❌ Not quite: the answer is right 2. Because it is right (1.2).");
    expect(out.indexOf("✅ Marked as learned")).toBeLessThan(q1);
    expect([q1, right, q2, wrong].every((i, k, all) => i > 0 && (k === 0 || i > all[k - 1]!))).toBe(true);
    expect(out).toContain("🧠 Questions answered: 2, 50% right");

    // A day later (the cards' due times moved back by one): /review asks the card answered wrong only.
    const db = new Database(join(t.dir, "data", "bot.sqlite"));
    db.prepare("UPDATE cards SET due_at = due_at - ?").run(86_400_000);
    db.close();
    const next = await start("/review\n2\n/review\n/progress\n", { DATA_DIR: join(t.dir, "data"), CONTENT_DIR: site, LOG_LEVEL: "warn" });
    expect(next.code).toBe(0);
    const review = next.stdout.replace(/\n\n+/g, "\n");
    expect(review).toContain(`> /review\n🔁 Review — 1 card due today.\n❓ ${quizQuestion(1, 2)}\n  1. wrong 2\n  2. right 2\n  3. also wrong 2\nType the number of your answer.\n> 2\n✅ Right! Because it is right (1.2).\n> /review\nNothing to review right now 🎉`);
    expect(review).not.toContain(quizQuestion(1, 1));
    expect(review).toMatch(/🧠 Questions answered: 3, 67% right\n🔁 Cards due today: 0 · you would recall about \d+ %/);
  }, 60_000);
});
