/**
 * Running for months, end to end: the real bot process (what `npm start` runs) against the fake Bot
 * API — /healthz and /metrics over HTTP while it works, 503 naming Telegram while the API is away,
 * SIGTERM in the middle of a delivery (a clean exit well within 10 s), then a restart that finishes
 * the lesson without losing or repeating anything beyond the one message in flight.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { BotProcess } from "../telegram/botProcess.js";
import { command, e2eDirs, eventually, query, roomy } from "../telegram/e2e.helpers.js";
import { freePort } from "../helpers/net.js";

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** Retries an async assertion until it holds. */
async function eventuallyAsync(check: () => Promise<void>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

function start(env: Record<string, string>): BotProcess {
  const bot = new BotProcess(env);
  cleanup.push(async () => {
    bot.kill("SIGKILL");
    await bot.exited;
  });
  return bot;
}

describe("the bot as an operator runs it", () => {
  it("GIVEN METRICS_PORT THEN /healthz and /metrics answer; while the API is away /healthz is 503 naming telegram, and 200 again after", async () => {
    const tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: roomy, perGroup: roomy } });
    cleanup.push(() => tg.stop());
    const dirs = e2eDirs();
    cleanup.push(dirs.cleanup);
    const port = await freePort();
    const bot = start(BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { METRICS_PORT: String(port) }));
    await bot.ready();
    const healthy = await get(port, "/healthz");
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.body)).toMatchObject({ status: "ok", checks: { database: "writable", telegram: "connected" } });

    const learner = tg.addUser({ first_name: "Lan" });
    await command(tg, learner, "start", 1);
    await command(tg, learner, "next", 1);
    await eventually(() => expect(query(dirs.dataDir, "SELECT status FROM deliveries")).toEqual([{ status: "done" }]));
    const metrics = await get(port, "/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('sauphut_subscribers{platform="telegram",status="active"} 1');
    expect(metrics.body).toContain('sauphut_messages_sent_total{platform="telegram",format="rich"} 1');
    // The content folder is one course, named after the folder.
    expect(metrics.body).toContain('sauphut_deliveries_total{platform="telegram",outcome="done",course="content"} 1');
    expect(metrics.body).toMatch(/sauphut_math_cache_(hits|misses)_total \d+/);
    expect(metrics.body).toContain('sauphut_images{platform="telegram",kind="uploaded"} 1');

    await tg.stop();
    await eventuallyAsync(async () => {
      const down = await get(port, "/healthz");
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toMatchObject({ status: "failing", failing: ["telegram"] });
    }, 45_000);
    await tg.restart();
    await eventuallyAsync(async () => expect((await get(port, "/healthz")).status).toBe(200), 45_000);
    expect(bot.leaks(tg.token)).toEqual([]);
  }, 150_000);

  it("GIVEN SIGTERM in the middle of a lesson THEN it stops within 10 s with the database closed; the next start sends the rest, nothing lost or repeated beyond the message in flight", async () => {
    const tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: roomy, perGroup: roomy } });
    cleanup.push(() => tg.stop());
    const dirs = e2eDirs();
    cleanup.push(dirs.cleanup);
    const env = BotProcess.env(tg, dirs.dataDir, dirs.contentDir, { TELEGRAM_LESSON_FORMAT: "classic" });
    const first = start(env);
    await first.ready();
    const learner = tg.addUser({ first_name: "Minh" });
    await command(tg, learner, "start", 1);
    const before = tg.sentTo(learner.id).length;
    // Each send now takes 1.5 s: the lesson's several messages are still going out when SIGTERM comes.
    tg.setLatency((method) => (method.startsWith("send") ? 1500 : 0));
    tg.updates.command(learner, "next");
    await tg.waitFor(() => tg.sentTo(learner.id).length >= before + 1, 20_000);
    const signalledAt = Date.now();
    first.kill("SIGTERM");
    const exit = await first.exited;
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.lines.some((l) => l.includes('"stopped"'))).toBe(true);
    const [cut] = query<{ status: string; sent_count: number; message_count: number }>(dirs.dataDir, "SELECT status, sent_count, message_count FROM deliveries");
    expect(cut!.status).toBe("pending");
    expect(cut!.sent_count).toBeLessThan(cut!.message_count);

    tg.setLatency(0);
    const second = start(env);
    await second.ready();
    await eventually(() => expect(query(dirs.dataDir, "SELECT status FROM deliveries")).toEqual([{ status: "done" }]), 20_000);
    // The same lesson to another learner, without interruption: what a whole delivery looks like.
    const other = tg.addUser({ first_name: "Hoa" });
    await command(tg, other, "start", 1);
    const otherBefore = tg.sentTo(other.id).length;
    tg.updates.command(other, "next");
    await eventually(() => expect(query(dirs.dataDir, "SELECT status FROM deliveries ORDER BY id")).toEqual([{ status: "done" }, { status: "done" }]), 20_000);
    const seq = (chat: number, from: number): string[] =>
      tg.sentTo(chat).slice(from).map((m) => `${m.method}:${m.text ?? ""}:${m.photo?.at(-1)?.file_unique_id ?? ""}`);
    const whole = seq(other.id, otherBefore);
    const got = seq(learner.id, before);
    // Nothing lost: once repeats are dropped, the interrupted learner got exactly the whole lesson.
    expect(got.filter((x, i) => got.indexOf(x) !== i ? false : true)).toEqual(whole);
    // Nothing repeated but the message in flight at SIGTERM: the repeats form one run, right after it.
    const repeats = got.map((x, i) => got.indexOf(x) !== i);
    const firstRepeat = repeats.indexOf(true);
    if (firstRepeat >= 0) {
      const run = repeats.slice(firstRepeat);
      expect(run.lastIndexOf(true) - run.indexOf(true) + 1).toBe(run.filter(Boolean).length);
      expect(run.filter(Boolean).length).toBeLessThanOrEqual(10);
    }
    expect([...first.lines, ...second.lines].filter((l) => l.includes(tg.token.split(":")[1]!))).toEqual([]);
  }, 150_000);

  it("GIVEN an author's edit while the bot runs THEN the course is re-read (a new post is a new lesson); a broken edit keeps the course and logs file:line", async () => {
    const tg = await FakeTelegram.start({ rateLimits: { global: roomy, perChat: roomy, perGroup: roomy } });
    cleanup.push(() => tg.stop());
    const dirs = e2eDirs();
    cleanup.push(dirs.cleanup);
    const bot = start(BotProcess.env(tg, dirs.dataDir, dirs.contentDir));
    await bot.ready();
    const learner = tg.addUser({ first_name: "Thu" });
    await command(tg, learner, "start", 1);
    const count = async (): Promise<number> => {
      const [toc] = await command(tg, learner, "lessons", 1);
      return (toc!.text!.match(/^\S+ \d+\. /gm) ?? []).length;
    };
    const before = await count();
    writeFileSync(join(dirs.contentDir, "_posts", "2025-12-01-bai-moi.md"), "---\ntitle: Bài mới\n---\nMột bài viết mới được thêm vào khi bot đang chạy.\n");
    await bot.waitForLine('"course reloaded"', 30_000);
    expect(await count()).toBe(before + 1);
    const mark = bot.lines.length;
    writeFileSync(join(dirs.contentDir, "_posts", "2025-12-01-bai-moi.md"), "---\ntitle: [Bài mới\n---\nHỏng.\n");
    await bot.waitForLine("content edit has errors", 30_000, mark);
    expect(bot.lines.slice(mark).some((l) => l.includes("content problem: _posts/2025-12-01-bai-moi.md:"))).toBe(true);
    expect(await count()).toBe(before + 1);
  }, 120_000);
});
