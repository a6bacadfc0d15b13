/**
 * `doctor` with TELEGRAM_PAID_BROADCAST=on, against the fake Bot API and a database of subscribers:
 * the bot's Star balance and the next 24 hours' estimated cost, as the operator reads it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { utcDay } from "../../src/learning/paidBroadcasts.js";
import { Store } from "../../src/store/store.js";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { cli } from "./cliProcess.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-paid-doctor-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database with `groups` of chats following one course, each group's lessons due at one minute of the next day. */
function seed(dataDir: string, groups: { chats: number; inMinutes: number }[], paidToday = 0): void {
  const store = Store.open(join(dataDir, "bot.sqlite"));
  const now = Date.now();
  let chat = 1000;
  store.transaction(() => {
    for (const g of groups) {
      for (let i = 0; i < g.chats; i++) {
        const sub = store.subscribers.insert({ platform: "telegram", chatId: String(chat++), threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now + g.inMinutes * 60_000 }, now);
        store.follows.follow(sub.id, "goc-hoc-tap", now);
      }
    }
    // Paused chats and other platforms cost nothing.
    store.subscribers.insert({ platform: "telegram", chatId: "1", threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "paused", nextDueAt: null }, now);
    store.subscribers.insert({ platform: "discord", chatId: "2", threadId: "", kind: "private", language: "vi", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now + 60_000 }, now);
  });
  if (paidToday) store.paidBroadcasts.add("telegram", utcDay(now), paidToday, now);
  store.close();
}

function content(): string {
  const dir = tmp();
  writeFileSync(join(dir, "2026-01-01-a.md"), "---\ntitle: A\n---\nMột bài ngắn.\n");
  return dir;
}

describe("doctor with paid broadcasts", () => {
  it("GIVEN 2,000 chats due at one minute and 20 at another, a balance of 1,234.5 Stars and a cap of 500 THEN the balance and the day's estimated cost", async () => {
    const tg = await FakeTelegram.start({ stars: { balance: 1234.5 } });
    cleanup.push(() => tg.stop());
    const dataDir = tmp();
    seed(dataDir, [{ chats: 2000, inMinutes: 90 }, { chats: 20, inMinutes: 600 }], 123);
    const run = await cli(["doctor"], { DATA_DIR: dataDir, CONTENT_DIR: content(), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_PAID_BROADCAST: "on", TELEGRAM_PAID_BROADCAST_MAX_STARS: "500" });
    const lines = run.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["✔ configuration", "✔ data", "✔ database", "✔ content", "✔ telegram", "✔ telegram paid broadcasts"]);
    expect(lines[5]).toBe(
      "✔ telegram paid broadcasts: balance 1,234.5 Stars; the next 24 h: 2020 lesson(s) to 2020 chat(s), 2020 message(s) (1 message a lesson assumed), " +
        "1970 past the free 30/s ≈ 197 Stars, capped at 500 Stars a day; spent today (UTC) 12.3 Stars",
    );
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(tg.token.split(":")[1]);
  });

  it("GIVEN a balance short of the day's cost THEN a ⚠ line says lessons would fall back to the free rate, exit 0; paid broadcasts off THEN no such line", async () => {
    const tg = await FakeTelegram.start({ stars: { balance: 10 } });
    cleanup.push(() => tg.stop());
    const dataDir = tmp();
    seed(dataDir, [{ chats: 530, inMinutes: 5 }]);
    const env = { DATA_DIR: dataDir, CONTENT_DIR: content(), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot };
    const short = await cli(["doctor"], { ...env, TELEGRAM_PAID_BROADCAST: "on" });
    expect(short.stdout).toMatch(/^⚠ telegram paid broadcasts: balance 10 Stars; the next 24 h: 530 lesson\(s\) to 530 chat\(s\), 530 message\(s\) .*500 past the free 30\/s ≈ 50 Stars, no daily cap; spent today \(UTC\) 0\.0 Stars; the balance does not cover it: past it, lessons go at the free rate$/m);
    expect(short.code).toBe(0);
    const off = await cli(["doctor"], env);
    expect(off.stdout).not.toContain("paid broadcasts");
    expect(off.code).toBe(0);
  });
});
