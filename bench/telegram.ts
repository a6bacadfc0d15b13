/**
 * Benchmark of the Telegram adapter (issue 7 §7). Run: npm run bench -- telegram [--chats N] [--groups N]
 *
 * The fake Bot API (tests/fakes/telegram) runs in a child process of its own, over real HTTP on
 * 127.0.0.1, with Telegram's limits scaled 10×: 300 messages/s overall, 10/s per chat, 200/min per
 * group; the bot runs here exactly as src/main.ts assembles it (config from TELEGRAM_* variables,
 * the course rendered in rich + classic, SQLite, the learning core and its limiter, this adapter
 * with long polling).
 *
 * 1. The day's lesson to 10,000 private chats and 100 groups, all due at once: completion time
 *    against the lower bound (messages ÷ 300/s), 429s received, messages per lesson, uploads vs
 *    file_id reuses.
 * 2. /next from 100 private chats at once with a warm course: latency from the update entering the
 *    API (injected, which wakes the bot's long poll) to the lesson arriving there, p50 and p99.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { Resvg } from "@resvg/resvg-js";
import type { User } from "grammy/types";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { loadConfig } from "../src/config.js";
import { loadCatalogue } from "../src/courseLoader.js";
import { assembleLearning } from "../src/learning/assemble.js";
import { Courses } from "../src/learning/courses.js";
import type { Sender } from "../src/learning/sender.js";
import { systemClock } from "../src/schedule/clock.js";
import { Store } from "../src/store/store.js";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RATES = { global: 300, perChat: 10, perGroupPerMin: 200 };
const NEXT_CHATS = arg("--next", 100);

type Request = { type: "seed"; users: number; groups: number } | { type: "stats" } | { type: "next"; chats: number } | { type: "stop" };

// ---------------------------------------------------------------- the fake, in its own process
async function runFake(): Promise<void> {
  const { FakeTelegram } = await import("../tests/fakes/telegram/server.js");
  const tg = await FakeTelegram.start({
    keepBodies: false,
    rateLimits: { global: { count: RATES.global, windowMs: 1000 }, perChat: { count: RATES.perChat, windowMs: 1000 }, perGroup: { count: RATES.perGroupPerMin, windowMs: 60_000 } },
  });
  const users: number[] = [];
  const people = new Map<number, User>();
  const groups: number[] = [];
  const reply = (msg: unknown): void => void process.send!(msg);
  reply({ type: "ready", apiRoot: tg.apiRoot, token: tg.token });
  process.on("message", (req: Request) => {
    void (async () => {
      switch (req.type) {
        case "seed": {
          for (let i = 0; i < req.users; i++) {
            const user = tg.addUser({ first_name: `Learner ${i}` });
            users.push(user.id);
            people.set(user.id, user);
          }
          for (let i = 0; i < req.groups; i++) {
            const owner = tg.addUser({ first_name: `Owner ${i}` });
            groups.push(tg.addSupergroup({ title: `Study group ${i}`, members: [[owner, "creator"]] }).id);
          }
          reply({ type: "seeded", users, groups });
          break;
        }
        case "stats": {
          const perChat = new Map<number, number>();
          for (const s of tg.sent) perChat.set(s.chatId, (perChat.get(s.chatId) ?? 0) + 1);
          const counts = [...perChat.values()];
          const methods: Record<string, number> = {};
          for (const s of tg.sent) methods[s.method] = (methods[s.method] ?? 0) + 1;
          reply({ type: "stats", counters: tg.counters, chats: perChat.size, minPerChat: Math.min(...counts), maxPerChat: Math.max(...counts), methods, internalErrors: tg.internalErrors.length, rejections: tg.rejections.slice(0, 3) });
          break;
        }
        case "next": {
          const chosen = users.slice(0, req.chats);
          const wanted = new Set(chosen);
          const start = tg.sent.length;
          const injected = new Map<number, number>();
          const t0 = performance.now();
          const cpu0 = process.cpuUsage();
          for (const id of chosen) {
            injected.set(id, Date.now());
            tg.updates.command(people.get(id)!, "next");
          }
          // Only the messages sent since the burst began are looked at (not all 10,000 of the day).
          const firstOf = new Map<number, { at: number; method: string }>();
          let seen = start;
          await tg.waitFor(() => {
            for (; seen < tg.sent.length; seen++) {
              const s = tg.sent[seen]!;
              if (wanted.has(s.chatId) && !firstOf.has(s.chatId)) firstOf.set(s.chatId, { at: s.at, method: s.method });
            }
            return firstOf.size === chosen.length;
          }, 60_000);
          const latencies = chosen.map((id) => firstOf.get(id)!.at - injected.get(id)!);
          const served = tg.requests.filter((r) => r.method === "sendRichMessage").slice(-chosen.length).map((r) => r.ms);
          const cpu = process.cpuUsage(cpu0);
          reply({ type: "next", latencies, wallMs: performance.now() - t0, methods: chosen.map((id) => firstOf.get(id)!.method), fakeMs: served, fakeCpuMs: (cpu.user + cpu.system) / 1000 });
          break;
        }
        case "stop":
          await tg.stop();
          process.exit(0);
      }
    })();
  });
}

// ---------------------------------------------------------------- the bot, here
function ask<T>(child: ChildProcess, req: Request, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (msg: { type: string }): void => {
      if (msg.type !== type) return;
      child.off("message", on);
      resolve(msg as T);
    };
    child.on("message", on);
    child.send(req);
  });
}

/** A lesson of realistic size (about 1,500 words, our own text) with a figure, math, a table and code. */
function writeBenchCourse(dir: string): void {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  mkdirSync(join(dir, "assets"), { recursive: true });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect width="800" height="500" fill="#fff"/><polyline points="40,460 200,300 360,220 520,120 760,60" fill="none" stroke="#236" stroke-width="6"/></svg>';
  writeFileSync(join(dir, "assets", "curve.png"), new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng());
  writeFileSync(join(dir, "course.yml"), 'title: "Bench course"\nlanguage: en\n');
  const words = "the model learns a weight for every input and the loss tells how far each guess lies from the answer so each step moves the weights a little against the gradient".split(" ");
  const sentence = (k: number): string => {
    const n = 14 + (k % 9);
    const w = Array.from({ length: n }, (_, i) => words[(k * 7 + i * 3) % words.length]!);
    return `${w[0]![0]!.toUpperCase()}${w[0]!.slice(1)} ${w.slice(1).join(" ")}.`;
  };
  const paragraph = (k: number): string => Array.from({ length: 6 }, (_, i) => sentence(k * 6 + i)).join(" ");
  for (const [n, title] of [[1, "Weights and losses"], [2, "Steps against the gradient"]] as const) {
    const sections = Array.from({ length: 5 }, (_, s) => `## Part ${s + 1}\n\n${paragraph(n * 50 + s * 3)}\n\n${paragraph(n * 50 + s * 3 + 1)}\n\nWith $w_${s} \\in \\mathbb{R}^d$ we take $w \\leftarrow w - \\eta \\nabla L(w)$.\n\n${paragraph(n * 50 + s * 3 + 2)}\n`).join("\n");
    const body = `${paragraph(n)}\n\n![A falling loss curve](/assets/curve.png)\n\n$$\nL(w) = \\frac{1}{n}\\sum_{i=1}^{n} \\left(y_i - w^\\top x_i\\right)^2\n$$\n\n${sections}\n| step | loss | rate |\n|---:|---:|---:|\n| 1 | 0.90 | 0.1 |\n| 2 | 0.52 | 0.1 |\n| 3 | 0.31 | 0.05 |\n\n\`\`\`python\nfor step in range(100):\n    w = w - lr * grad(w)\n\`\`\`\n`;
    writeFileSync(join(dir, "_posts", `2025-04-0${n}-bench-${n}.md`), `---\ntitle: "${title}"\n---\n\n${body}`);
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function runBench(): Promise<void> {
  const chats = arg("--chats", 10_000);
  const groupCount = arg("--groups", 100);
  const base = mkdtempSync(join(tmpdir(), "sau-phut-bench-tg-"));
  const child = fork(import.meta.filename, ["--fake"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const { apiRoot, token } = await new Promise<{ apiRoot: string; token: string }>((r) => child.once("message", (m) => r(m as { apiRoot: string; token: string })));
    const { users, groups } = await ask<{ users: number[]; groups: number[] }>(child, { type: "seed", users: chats, groups: groupCount }, "seeded");
    const contentDir = join(base, "content");
    writeBenchCourse(contentDir);
    // The bot's configuration as main.ts reads it, with the limiter matching the fake's limits.
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: apiRoot,
      DATA_DIR: join(base, "data"),
      CONTENT_DIR: contentDir,
      DEFAULT_TIMEZONE: "UTC",
      TELEGRAM_RATE_GLOBAL: `${RATES.global}/1s`,
      TELEGRAM_RATE_CHAT: `${RATES.perChat}/1s`,
      TELEGRAM_RATE_GROUP: `${RATES.perGroupPerMin}/60s`,
    });
    const log = pino({ level: "warn" });
    mkdirSync(config.dataDir, { recursive: true });
    const store = Store.open(join(config.dataDir, "bot.sqlite"));
    const adapter = createTelegramAdapter(config.telegram!, { uploads: store.uploads, log });
    const catalogue = await loadCatalogue({ platform: "telegram", formats: ["rich", "classic"], contentDir, dataDir: config.dataDir, courseJson: undefined, log });
    const lesson = catalogue.courses[0]!.lesson(0)!.messages[0]!.rich!;
    const courses = new Courses([catalogue]);
    // Timing only: when each chat's update reached the bot, when its lesson was handed to the HTTP
    // client (the bot's own work done), and when the send returned (the fake's answer included).
    const received = new Map<string, number>();
    const lessonIssued = new Map<string, number>();
    const lessonSent = new Map<string, number>();
    adapter.bot.api.config.use((prev, method, payload, signal) => {
      if (method === "sendRichMessage") lessonIssued.set(String((payload as { chat_id: number | string }).chat_id), performance.now());
      return prev(method, payload, signal);
    });
    const handleUpdate = adapter.bot.handleUpdate.bind(adapter.bot);
    adapter.bot.handleUpdate = (update, reply) => {
      const chat = update.message?.chat.id;
      if (chat !== undefined) received.set(String(chat), performance.now());
      return handleUpdate(update, reply);
    };
    const timed: Sender = {
      platform: "telegram",
      acceptsFormat: (f) => adapter.sender.acceptsFormat?.(f) ?? true,
      async send(to, message) {
        const result = await adapter.sender.send(to, message);
        if (message.rich && result.ok) lessonSent.set(to.chatId, performance.now());
        return result;
      },
    };
    const learning = assembleLearning({ store, courses, senders: [timed], limits: config.limits, clock: systemClock, log, defaults: config.defaults });
    await adapter.start({ core: learning.core, sender: learning.senders.get("telegram")!, courses, log });

    const now = Date.now();
    store.transaction(() => {
      const sub = (chatId: number, kind: "private" | "group"): void =>
        void store.subscribers.insert({ platform: "telegram", chatId: String(chatId), threadId: "", kind, language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now - 1000 }, now);
      for (const id of users) sub(id, "private");
      for (const id of groups) sub(id, "group");
    });

    // 1. The day's lesson to everyone at once.
    const t0 = performance.now();
    const tick = learning.scheduler.tick();
    await learning.delivery.idle();
    const elapsed = (performance.now() - t0) / 1000;
    const stats = await ask<{ counters: { tooManyRequests: number; messages: number; rejections: number }; chats: number; minPerChat: number; maxPerChat: number; methods: Record<string, number>; internalErrors: number; rejections: unknown[] }>(child, { type: "stats" }, "stats");
    const messages = stats.counters.messages;
    const lowerBound = messages / RATES.global;
    const failed = store.db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status != 'done'").get() as { n: number };
    console.log(`lesson: ${lesson.html.length} characters of rich HTML, ${lesson.media.length} figure(s); the course has ${catalogue.courses[0]!.size} lessons`);
    console.log(`daily lesson to ${users.length} private chats + ${groups.length} groups (claimed ${tick.claimed})`);
    console.log(`  completion:          ${elapsed.toFixed(1)} s; lower bound ${messages} messages ÷ ${RATES.global}/s = ${lowerBound.toFixed(1)} s → ${(elapsed / lowerBound).toFixed(3)}× (target ≤ 1.1×)`);
    console.log(`  429s received:       ${stats.counters.tooManyRequests} (target 0); other rejections ${stats.counters.rejections - stats.counters.tooManyRequests}; deliveries not done ${failed.n}`);
    console.log(`  messages per lesson: ${stats.minPerChat}–${stats.maxPerChat} over ${stats.chats} chats (target 1); by method ${JSON.stringify(stats.methods)}`);
    console.log(`  figure uploads:      ${adapter.counters.uploads}, file_id reuses ${adapter.counters.reuses}`);
    if (stats.internalErrors || stats.rejections.length) console.log(`  fake: ${stats.internalErrors} internal errors, first rejections ${JSON.stringify(stats.rejections)}`);

    // 2. /next from 100 chats at once, course warm (rendered, figure's file_id stored).
    // What main.ts does after each minute tick: a WAL checkpoint (the day's 10,000 deliveries filled the WAL).
    store.checkpoint();
    await new Promise((r) => setTimeout(r, 1100)); // let every chat's 1 s window pass
    const botCpu0 = process.cpuUsage();
    const next = await ask<{ latencies: number[]; wallMs: number; methods: string[]; fakeMs: number[]; fakeCpuMs: number }>(child, { type: "next", chats: NEXT_CHATS }, "next");
    await learning.delivery.idle();
    const botCpu = process.cpuUsage(botCpu0);
    const l = next.latencies;
    const inBot = users.slice(0, NEXT_CHATS).map((id) => lessonSent.get(String(id))! - received.get(String(id))!);
    const issued = users.slice(0, NEXT_CHATS).map((id) => lessonIssued.get(String(id))! - received.get(String(id))!);
    console.log(`/next from ${l.length} chats at once (update injected → lesson at the API):`);
    console.log(`  p50 ${pct(l, 50)} ms, p99 ${pct(l, 99)} ms, max ${Math.max(...l)} ms (target p99 ≤ 50 ms); all ${new Set(next.methods).size === 1 ? next.methods[0] : JSON.stringify(next.methods)}`);
    console.log(`  in the bot (update received → lesson handed to the HTTP client): p50 ${pct(issued, 50).toFixed(1)} ms, p99 ${pct(issued, 99).toFixed(1)} ms`);
    console.log(`  in the bot (update received → the API's answer back): p50 ${pct(inBot, 50).toFixed(1)} ms, p99 ${pct(inBot, 99).toFixed(1)} ms`);
    console.log(`  CPU for the burst: bot ${((botCpu.user + botCpu.system) / 1000).toFixed(0)} ms, fake ${next.fakeCpuMs.toFixed(0)} ms (each a single thread); the fake's time per sendRichMessage p50 ${pct(next.fakeMs, 50)} ms`);
    console.log(`  peak RSS of the bot process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

    await adapter.stop();
    store.close();
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.send({ type: "stop" } satisfies Request);
    await exited;
    rmSync(base, { recursive: true, force: true });
  }
}

if (process.argv.includes("--fake")) await runFake();
else {
  await runBench();
  process.exit(0);
}
