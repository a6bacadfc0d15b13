/**
 * The operator's command line: `backup` while the database is being written, and `doctor` against a
 * healthy and a broken deployment (the Telegram check runs against the fake Bot API).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/store.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { canMakeUnwritable, makeUnwritable } from "../helpers/unwritable.js";
import { makeCourse } from "../learning/helpers.js";
import { cli } from "./cliProcess.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-cli-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("backup", () => {
  it("GIVEN rows written while the backup runs THEN the copy opens, passes the integrity check and holds every row committed before it began", async () => {
    const dir = tmp();
    const store = Store.open(join(dir, "bot.sqlite"));
    cleanup.push(() => {
      store.close();
    });
    const insert = (i: number): void => {
      store.subscribers.insert({ platform: "telegram", chatId: String(i), threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: null }, i);
    };
    store.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert(i);
    });
    const before = store.subscribers.count();
    let writing = true;
    let next = 20_000;
    const writer = (async () => {
      while (writing) {
        store.transaction(() => {
          for (let k = 0; k < 50; k++) insert(next++);
        });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const out = join(dir, "copy.sqlite");
    const run = await cli(["backup", out], { DATA_DIR: dir });
    writing = false;
    await writer;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`→ ${out}`);
    expect(next).toBeGreaterThan(20_000);
    const copy = new Database(out, { readonly: true });
    cleanup.push(() => {
      copy.close();
    });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const n = (copy.prepare("SELECT count(*) AS n FROM subscribers").get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(before);
    expect(n).toBeLessThanOrEqual(store.subscribers.count());
    expect(copy.pragma("user_version", { simple: true })).toBe(migrations.length);
  });

  it("GIVEN no database THEN it says so and exits 1", async () => {
    const run = await cli(["backup", join(tmp(), "x.sqlite")], { DATA_DIR: tmp() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("backup failed: no database at");
  });

  it("GIVEN DATABASE_URL (the store on PostgreSQL) THEN it writes nothing and says how pg_dump and pg_restore do it, without the password", async () => {
    const out = join(tmp(), "x.sqlite");
    const run = await cli(["backup", out], { DATA_DIR: tmp(), DATABASE_URL: "postgres://bot:pw-Very-Secret-9@db.internal:5432/sauphut" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the store is on PostgreSQL (postgres://bot:***@db.internal:5432/sauphut)");
    expect(run.stderr).toContain(`pg_dump --format=custom --file=${out.replace(/\.sqlite$/, "")}.dump "$DATABASE_URL"`);
    expect(run.stderr).toContain("pg_restore");
    expect(run.stdout + run.stderr).not.toContain("pw-Very-Secret-9");
    expect(existsSync(out)).toBe(false);
  });
});

describe("doctor", () => {
  const content = (): string => {
    const dir = tmp();
    writeFileSync(join(dir, "2026-01-01-a.md"), "---\ntitle: A\n---\nMột bài ngắn.\n");
    return dir;
  };

  it("GIVEN a configuration, a database, content and a Telegram token the Bot API knows THEN one ✔ line per check, exit 0", async () => {
    const tg = await FakeTelegram.start();
    cleanup.push(() => tg.stop());
    const run = await cli(["doctor"], { DATA_DIR: tmp(), CONTENT_DIR: content(), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
    const lines = run.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["✔ configuration", "✔ data", "✔ database", "✔ content", "✔ telegram"]);
    expect(lines[4]).toContain(`@${tg.botInfo.username}`);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(tg.token.split(":")[1]);
  });

  it("GIVEN a token the Bot API refuses and broken content THEN ✘ lines name them and it exits 1", async () => {
    const tg = await FakeTelegram.start();
    cleanup.push(() => tg.stop());
    const dir = content();
    writeFileSync(join(dir, "2026-01-02-b.md"), "---\ntitle: B\n---\n$$\\frac{1$$\n");
    const wrong = "987654321:AAH-not-the-token-the-fake-knows-xyz";
    const run = await cli(["doctor"], { DATA_DIR: tmp(), CONTENT_DIR: dir, TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: tg.apiRoot });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✘ telegram: the Bot API refused the token: 401/m);
    expect(run.stdout).toMatch(/^✘ content: .*1 error\(s\).*2026-01-02-b\.md:4: error: invalid TeX/m);
    expect(run.stdout).not.toContain("not-the-token");
  });

  it("GIVEN a Discord token and application the fake knows THEN ✔ discord with the gateway; a wrong application id or token THEN ✘", async () => {
    const discord = await FakeDiscord.start();
    cleanup.push(() => discord.close());
    const env = { DATA_DIR: tmp(), CONTENT_DIR: content(), DISCORD_BOT_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_ROOT: discord.restUrl };
    const ok = await cli(["doctor"], env);
    expect(ok.stdout).toMatch(/^✔ discord: application .*gateway ws:\/\/127\.0\.0\.1:\d+/m);
    expect(ok.code).toBe(0);
    const otherApp = await cli(["doctor"], { ...env, DISCORD_APPLICATION_ID: "123456789012345678" });
    expect(otherApp.stdout).toMatch(/^✘ discord: the token belongs to application \d+, not DISCORD_APPLICATION_ID 123456789012345678/m);
    const [a, b, c] = discord.token.split(".");
    const badToken = await cli(["doctor"], { ...env, DISCORD_BOT_TOKEN: `${a}.${b}.${c!.replace(/./g, "x")}` });
    expect(badToken.stdout).toMatch(/^✘ discord: Discord refused: 401/m);
    expect(badToken.code).toBe(1);
    for (const run of [ok, otherApp, badToken]) expect(run.stdout + run.stderr).not.toContain(c);
  });

  it("GIVEN an invalid configuration THEN ✘ configuration names the variable", async () => {
    const run = await cli(["doctor"], { DATA_DIR: tmp(), CONTENT_DIR: content(), DEFAULT_SEND_TIME: "7pm" });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✘ configuration: DEFAULT_SEND_TIME: "7pm" is not a time HH:MM/m);
  });

  it.skipIf(!canMakeUnwritable)("GIVEN a DATA_DIR that cannot be written THEN ✘ data says so and why; the content is still checked, formulas drawn in a temporary cache", async () => {
    const data = tmp();
    const dir = content();
    writeFileSync(join(dir, "2026-01-02-b.md"), "---\ntitle: B\n---\nMột công thức:\n\n$$\\frac{a}{b} + x^2$$\n");
    const undo = makeUnwritable(data)!;
    cleanup.push(undo);
    const run = await cli(["doctor"], { DATA_DIR: data, CONTENT_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^✘ data: DATA_DIR: ${data} cannot be written: a permission problem \\((EACCES|EPERM)\\); give the user the bot runs as write access`, "m"));
    expect(run.stdout).toMatch(/^✔ content: .*0 error\(s\).*\(formulas drawn in a temporary cache\)$/m);
    expect(run.stdout).not.toMatch(/cannot draw/);
  });

  it("GIVEN a .env with an indented comment THEN ⚠ .env names the variable Node's reader lost and the comment's line; the other checks still run", async () => {
    const cwd = tmp();
    const data = tmp();
    writeFileSync(join(cwd, ".env"), `CONTENT_DIR=${content()}\n  # where the bot keeps its state\nDATA_DIR=${data}\nDEFAULT_SEND_TIME=08:00\n`);
    const run = await cli(["doctor"], {}, { cwd });
    expect(run.stdout).toMatch(/^⚠ \.env: .*\.env defines variables that were not loaded: DATA_DIR \(line 3, after the indented comment on line 2: remove the spaces before its #\)$/m);
    expect(run.stdout).toMatch(/^✔ content: /m);
    expect(run.code).toBe(0);
  });

  it("GIVEN COURSE_JSON for the console THEN ✔ course with its lessons; a rich rendering or broken JSON THEN ✘ course says what to do", async () => {
    const dir = tmp();
    const file = join(dir, "lessons.json");
    writeFileSync(file, JSON.stringify(makeCourse(3)));
    const ok = await cli(["doctor"], { DATA_DIR: tmp(), COURSE_JSON: file });
    expect(ok.stdout).toMatch(new RegExp(`^✔ course: COURSE_JSON ${file}: Test Course \\(3 lessons\\), console classic$`, "m"));
    expect(ok.stdout).not.toMatch(/content:/);
    writeFileSync(file, JSON.stringify({ ...makeCourse(3), platform: "telegram", format: "rich" }));
    const rich = await cli(["doctor"], { DATA_DIR: tmp(), COURSE_JSON: file });
    expect(rich.stdout).toMatch(/^✘ course: COURSE_JSON: .* is rendered for telegram, not console \(render it with: npm run cli -- render --platform console --format classic --out DIR\)$/m);
    writeFileSync(file, "{ not json");
    const broken = await cli(["doctor"], { DATA_DIR: tmp(), COURSE_JSON: file });
    expect(broken.stdout).toMatch(/^✘ course: COURSE_JSON: .* is not valid JSON \(/m);
    expect(broken.code).toBe(1);
  });
});

