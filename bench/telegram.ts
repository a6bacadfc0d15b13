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
 * 3. Delivery at Telegram's own rates (issue 18 §5), each run with a fresh fake and database, `--runs`
 *    times (default 3), medians quoted: the day's lesson to `--free-chats` (900) chats at the free
 *    30/s, and to `--paid-chats` (10,000) with TELEGRAM_PAID_BROADCAST=on at 1000/s; completion
 *    against the rate bound (messages ÷ rate), CPU time of the bot and of the fake, Stars counted.
 *    `--rates-only` runs just these.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
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
import type { Catalogue } from "../src/learning/catalogue.js";
import type { Sender } from "../src/learning/sender.js";
import { systemClock } from "../src/schedule/clock.js";
import { Store } from "../src/store/store.js";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RATES = { global: 300, perChat: 10, perGroupPerMin: 200 };
const NEXT_CHATS = arg("--next", 100);

type Request = { type: "seed"; users: number; groups: number } | { type: "mark" } | { type: "stats" } | { type: "next"; chats: number } | { type: "stop" };

/** What the fake child is started with (JSON after --fake). */
interface FakeSetup {
  rateLimits: { global: { count: number; windowMs: number }; perChat: { count: number; windowMs: number }; perGroup: { count: number; windowMs: number }; paidGlobal?: { count: number; windowMs: number } };
  stars?: { balance: number };
}

const SCALED_FAKE: FakeSetup = {
  rateLimits: { global: { count: RATES.global, windowMs: 1000 }, perChat: { count: RATES.perChat, windowMs: 1000 }, perGroup: { count: RATES.perGroupPerMin, windowMs: 60_000 } },
};

interface FakeStats {
  counters: { tooManyRequests: number; messages: number; rejections: number };
  chats: number;
  minPerChat: number;
  maxPerChat: number;
  methods: Record<string, number>;
  internalErrors: number;
  rejections: unknown[];
  /** CPU of the fake since the last "mark". */
  cpuMs: number;
  /** Sends paid for past the free rate. */
  paidMessages: number;
  /** The most messages that arrived within one second. */
  peakPerSecond: number;
}

// ---------------------------------------------------------------- the fake, in its own process
async function runFake(setup: FakeSetup): Promise<void> {
  const { FakeTelegram, peakPerSecond } = await import("../tests/fakes/telegram/server.js");
  const tg = await FakeTelegram.start({ keepBodies: false, ...setup });
  let cpu0 = process.cpuUsage();
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
        case "mark":
          cpu0 = process.cpuUsage();
          reply({ type: "marked" });
          break;
        case "stats": {
          const perChat = new Map<number, number>();
          for (const s of tg.sent) perChat.set(s.chatId, (perChat.get(s.chatId) ?? 0) + 1);
          const counts = [...perChat.values()];
          const methods: Record<string, number> = {};
          for (const s of tg.sent) methods[s.method] = (methods[s.method] ?? 0) + 1;
          const cpu = process.cpuUsage(cpu0);
          const stats: FakeStats = {
            counters: tg.counters,
            chats: perChat.size,
            minPerChat: Math.min(...counts),
            maxPerChat: Math.max(...counts),
            methods,
            internalErrors: tg.internalErrors.length,
            rejections: tg.rejections.slice(0, 3),
            cpuMs: (cpu.user + cpu.system) / 1000,
            paidMessages: tg.stars.paidMessages,
            peakPerSecond: peakPerSecond(tg.sent),
          };
          reply({ type: "stats", ...stats });
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

/** The fake in a child process of its own. */
async function startFake(setup: FakeSetup): Promise<{ child: ChildProcess; apiRoot: string; token: string; stop: () => Promise<void> }> {
  const child = fork(import.meta.filename, ["--fake", JSON.stringify(setup)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { apiRoot, token } = await new Promise<{ apiRoot: string; token: string }>((r) => child.once("message", (m) => r(m as { apiRoot: string; token: string })));
  const stop = async (): Promise<void> => {
    const exited = new Promise((r) => child.once("exit", r));
    child.send({ type: "stop" } satisfies Request);
    await exited;
  };
  return { child, apiRoot, token, stop };
}

/** Subscribers of the bench course, private chats and groups, their lesson due now. */
function seedDue(store: Store, courseId: string, users: readonly number[], groups: readonly number[]): void {
  const now = Date.now();
  store.transaction(() => {
    const sub = (chatId: number, kind: "private" | "group"): void => {
      const s = store.subscribers.insert({ platform: "telegram", chatId: String(chatId), threadId: "", kind, language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now - 1000 }, now);
      store.follows.follow(s.id, courseId, now);
    };
    for (const id of users) sub(id, "private");
    for (const id of groups) sub(id, "group");
  });
}

async function runBench(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), "sau-phut-bench-tg-"));
  const contentDir = join(base, "content");
  writeBenchCourse(contentDir);
  try {
    if (!process.argv.includes("--rates-only")) await runScaled(base, contentDir);
    await runRates(base, contentDir);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** 1 and 2: Telegram's limits ×10, 10,000 chats and 100 groups; then /next from 100 chats. */
async function runScaled(base: string, contentDir: string): Promise<void> {
  const chats = arg("--chats", 10_000);
  const groupCount = arg("--groups", 100);
  const fake = await startFake(SCALED_FAKE);
  const { child, apiRoot, token } = fake;
  try {
    const { users, groups } = await ask<{ users: number[]; groups: number[] }>(child, { type: "seed", users: chats, groups: groupCount }, "seeded");
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
      async send(to, message, options) {
        const result = await adapter.sender.send(to, message, options);
        if (message.rich && result.ok) lessonSent.set(to.chatId, performance.now());
        return result;
      },
    };
    const learning = assembleLearning({ store, courses, senders: [timed], limits: config.limits, clock: systemClock, log, defaults: config.defaults });
    await adapter.start({ core: learning.core, sender: learning.senders.get("telegram")!, courses, log });

    seedDue(store, catalogue.courses[0]!.id, users, groups);

    // 1. The day's lesson to everyone at once.
    const t0 = performance.now();
    const tick = learning.scheduler.tick();
    await learning.delivery.idle();
    const elapsed = (performance.now() - t0) / 1000;
    const stats = await ask<FakeStats>(child, { type: "stats" }, "stats");
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
    await fake.stop();
  }
}

// ---------------------------------------------------------------- 3. delivery at Telegram's own rates

interface RateRun {
  name: string;
  /** The overall rate, messages a second: the bound is messages ÷ rate. */
  rate: number;
  paid: boolean;
  chats: number;
}

interface RunResult {
  messages: number;
  seconds: number;
  ratio: number;
  botCpuMs: number;
  fakeCpuMs: number;
  tooMany: number;
  notDone: number;
  peakPerSecond: number;
  /** Messages past the free rate: counted by the bot, paid for at the fake. */
  counted: number;
  charged: number;
  load: number;
}

/** One run: a fresh fake at Telegram's rates and a fresh database; the day's lesson to `chats` chats at once. */
async function rateRun(run: RateRun, catalogue: Catalogue, contentDir: string, dataDir: string): Promise<RunResult> {
  const fake = await startFake({
    rateLimits: { global: { count: 30, windowMs: 1000 }, perChat: { count: 1, windowMs: 1000 }, perGroup: { count: 20, windowMs: 60_000 }, paidGlobal: { count: 1000, windowMs: 1000 } },
    ...(run.paid ? { stars: { balance: 1_000_000 } } : {}),
  });
  try {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
      DEFAULT_TIMEZONE: "UTC",
      ...(run.paid ? { TELEGRAM_PAID_BROADCAST: "on" } : {}),
    });
    const log = pino({ level: "warn" });
    const store = Store.open(join(dataDir, "bot.sqlite"));
    const adapter = createTelegramAdapter(config.telegram!, { uploads: store.uploads, log });
    const courses = new Courses([catalogue]);
    const learning = assembleLearning({
      store,
      courses,
      senders: [adapter.sender],
      limits: config.limits,
      clock: systemClock,
      log,
      defaults: config.defaults,
      ...(config.telegram!.paidBroadcast ? { paidBroadcasts: { platform: "telegram" as const, ...config.telegram!.paidBroadcast } } : {}),
    });
    await adapter.start({ core: learning.core, sender: learning.senders.get("telegram")!, courses, log });
    const { users } = await ask<{ users: number[] }>(fake.child, { type: "seed", users: run.chats, groups: 0 }, "seeded");
    seedDue(store, catalogue.courses[0]!.id, users, []);
    await ask(fake.child, { type: "mark" }, "marked");
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    learning.scheduler.tick();
    await learning.delivery.idle();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const stats = await ask<FakeStats>(fake.child, { type: "stats" }, "stats");
    const notDone = (store.db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status != 'done'").get() as { n: number }).n;
    const counted = store.paidBroadcasts.messages("telegram", new Date().toISOString().slice(0, 10));
    await adapter.stop();
    store.close();
    const messages = stats.counters.messages;
    return {
      messages,
      seconds,
      ratio: seconds / (messages / run.rate),
      botCpuMs: (cpu.user + cpu.system) / 1000,
      fakeCpuMs: stats.cpuMs,
      tooMany: stats.counters.tooManyRequests,
      notDone,
      peakPerSecond: stats.peakPerSecond,
      counted,
      charged: stats.paidMessages,
      load: loadavg()[0]!,
    };
  } finally {
    await fake.stop();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function runRates(base: string, contentDir: string): Promise<void> {
  const runsEach = arg("--runs", 3);
  const log = pino({ level: "warn" });
  const catalogue = await loadCatalogue({ platform: "telegram", formats: ["rich", "classic"], contentDir, dataDir: join(base, "rates"), courseJson: undefined, log });
  const runs: RateRun[] = [
    { name: "free, 30/s", rate: 30, paid: false, chats: arg("--free-chats", 900) },
    { name: "paid broadcasts, 1000/s", rate: 1000, paid: true, chats: arg("--paid-chats", 10_000) },
  ];
  console.log(`delivery at Telegram's own rates (30/s free, 1000/s with paid broadcasts; 1/s per chat), ${runsEach} run(s) each, medians:`);
  console.log(`  machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the start`);
  for (const run of runs) {
    const results: RunResult[] = [];
    for (let i = 0; i < runsEach; i++) results.push(await rateRun(run, catalogue, contentDir, join(base, `rates-${run.paid ? "paid" : "free"}-${i}`)));
    const m = (f: (r: RunResult) => number): number => median(results.map(f));
    console.log(`  ${run.name}: the day's lesson to ${run.chats} chats, ${m((r) => r.messages)} messages`);
    console.log(`    completion ${m((r) => r.seconds).toFixed(2)} s against the bound ${(m((r) => r.messages) / run.rate).toFixed(2)} s → ${m((r) => r.ratio).toFixed(3)}× (target ≤ 1.1×); runs ${results.map((r) => `${r.ratio.toFixed(3)}×`).join(", ")}`);
    console.log(`    peak ${m((r) => r.peakPerSecond)} messages in a second; 429s ${results.map((r) => r.tooMany).join(", ")}; deliveries not done ${results.map((r) => r.notDone).join(", ")}`);
    console.log(`    CPU: bot ${m((r) => r.botCpuMs).toFixed(0)} ms (${(m((r) => r.botCpuMs) / m((r) => r.messages)).toFixed(2)} ms a message), fake ${m((r) => r.fakeCpuMs).toFixed(0)} ms; load average during the runs ${results.map((r) => r.load.toFixed(1)).join(", ")}`);
    if (run.paid) console.log(`    past the free rate: ${m((r) => r.counted)} counted by the bot (${(m((r) => r.counted) / 10).toFixed(1)} Stars), ${m((r) => r.charged)} paid for at the fake`);
  }
}

if (process.argv.includes("--fake")) await runFake(process.argv[process.argv.indexOf("--fake") + 1] ? (JSON.parse(process.argv[process.argv.indexOf("--fake") + 1]!) as FakeSetup) : SCALED_FAKE);
else {
  await runBench();
  process.exit(0);
}
