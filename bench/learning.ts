/**
 * Benchmark of the learning core (issue 3 §7, issue 15 §4). Run: npm run bench -- learning [--quick] [--real]
 *
 * 1. Scheduler: S subscriptions (1,000,000; --quick 100,000) spread over 5 courses — chats following
 *    one, two or three of them — in a real SQLite file, D chats (10,000; --quick 1,000) due in the
 *    same minute: time of one tick to select and claim them (a ledger row for each course they
 *    follow), time of a tick with nothing due, database size, peak RSS.
 * 2. Review (bench/review.ts, issue 16): due-card selection for 100,000 learners with 50 cards each.
 * 3. Delivery: lessons to 10,000 subscribers through a fake platform that enforces 30 messages/s
 *    overall (any 1 s window) and answers 429 beyond: completion time against the lower bound
 *    (messages ÷ 30/s), and the number of limit violations. Time is VIRTUAL (a discrete-event clock
 *    drives the rate limiter, the retries and the fake), so 333 s of sending take a few seconds;
 *    --real runs a smaller delivery (600 subscribers, ≈ 20 s) on the wall clock instead.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { assembleLearning } from "../src/learning/assemble.js";
import { Catalogue } from "../src/learning/catalogue.js";
import { Courses } from "../src/learning/courses.js";
import { defaultRateLimits } from "../src/learning/rateLimiter.js";
import type { OutgoingMessage, SendResult, Sender } from "../src/learning/sender.js";
import type { ChatAddress } from "../src/contract/chat.js";
import type { RenderedCatalogue } from "../src/contract/lessons.js";
import { claimDue } from "../src/learning/claim.js";
import { systemClock, type Clock } from "../src/schedule/clock.js";
import { VirtualClock } from "../src/schedule/virtualClock.js";
import { Store } from "../src/store/store.js";
import { reviewBench } from "./review.js";

const quick = process.argv.includes("--quick");
const real = process.argv.includes("--real");
const log = pino({ level: "silent" });

const COURSES = 5;

/** One course of `lessons` lessons, as a catalogue of that course (id `id`). */
function course(lessons: number, messagesPerLesson: number, prefix = "post", id = "bench"): RenderedCatalogue {
  const list = Array.from({ length: lessons }, (_, i) => ({
    id: `${prefix}-${i}#part`,
    post: `_posts/${prefix}-${i}.md`,
    title: `Lesson ${i}`,
    part: 1,
    parts: 1,
    minutes: 6,
    resources: [],
    messages: Array.from({ length: messagesPerLesson }, (_, k) => ({ text: `Lesson ${i}, message ${k + 1}` })),
  }));
  return {
    version: 3,
    format: "classic",
    platform: "telegram",
    courses: [{ id, title: "Bench", description: "", language: "vi", resources: [], lessons: list }],
    problems: [],
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const verbose = process.argv.includes("--verbose");
function rss(label: string): void {
  if (verbose) console.log(`  [rss ${label}: now ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB]`);
}
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

/** Accepts everything instantly (the scheduler part measures the database, not sending). */
class NullSender implements Sender {
  readonly platform = "telegram" as const;
  async send(): Promise<SendResult> {
    return { ok: true, messageId: "1" };
  }
}

/**
 * The fake platform of part 2: 40 ms latency, then it checks the overall limit the way Telegram
 * counts it (more than `max` messages in any `perMs` window is a violation, answered with 429).
 */
class LimitEnforcingPlatform implements Sender {
  readonly platform = "telegram" as const;
  readonly arrivals: number[] = [];
  violations = 0;
  perChatViolations = 0;
  private readonly lastByChat = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly perMs: number,
  ) {}

  async send(to: ChatAddress, _m: OutgoingMessage): Promise<SendResult> {
    await this.clock.sleep(40);
    const now = this.clock.now();
    const n = this.arrivals.length;
    if (n >= this.max && now - this.arrivals[n - this.max]! < this.perMs) {
      this.violations++;
      return { ok: false, error: { kind: "rate_limited", retryAfter: 1 } };
    }
    const last = this.lastByChat.get(to.chatId);
    if (last !== undefined && now - last < 1000) this.perChatViolations++;
    this.lastByChat.set(to.chatId, now);
    this.arrivals.push(now);
    return { ok: true, messageId: String(n + 1) };
  }
}

/** Five courses of 200 lessons each (ids "c<k>-<i>#part"), as one catalogue. */
function fiveCourses(): RenderedCatalogue {
  const docs = Array.from({ length: COURSES }, (_, k) => course(200, 3, `c${k}`, `course-${k}`));
  return { ...docs[0]!, courses: docs.map((d) => d.courses[0]!) };
}

async function schedulerBench(): Promise<void> {
  const subscriptions = quick ? 100_000 : 1_000_000;
  const due = quick ? 1_000 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-bench-"));
  const file = join(dir, "bot.sqlite");
  const store = Store.open(file);
  const T = Date.parse("2026-03-02T00:00:00Z");
  const zones = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"];
  /** How many courses chat i follows: one, two (every third chat) or three (every seventh too). */
  const followsOf = (i: number): number => 1 + (i % 3 === 0 ? 1 : 0) + (i % 7 === 0 ? 1 : 0);
  let chats = 0;
  for (let n = 0; n < subscriptions; chats++) n += followsOf(chats);

  let t0 = performance.now();
  const insert = store.db.prepare(
    `INSERT INTO subscribers (id, platform, chat_id, thread_id, kind, language, timezone, send_time, status, next_due_at, created_at, updated_at)
     VALUES (?, 'telegram', ?, '', ?, 'vi', ?, ?, 'active', ?, 0, 0)`,
  );
  const follow = store.db.prepare(
    `INSERT INTO follows (subscriber_id, course_id, position, position_ordinal, status, followed_at, updated_at) VALUES (?, ?, ?, ?, 'following', 0, 0)`,
  );
  let followed = 0;
  store.transaction(() => {
    // Spread due chats across the table, as real sign-ups would be.
    const stride = Math.floor(chats / due);
    for (let i = 0; i < chats; i++) {
      const isDue = i % stride === 0 && i / stride < due;
      const minute = (i * 7919) % 1440;
      const sendTime = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      const nextDue = isDue ? T : T + 60_000 + ((i * 104_729) % 86_340_000);
      insert.run(i + 1, String(100_000 + i), i % 50 === 0 ? "group" : "private", zones[i % zones.length]!, sendTime, nextDue);
      for (let j = 0; j < followsOf(i) && followed < subscriptions; j++, followed++) {
        const k = (i + 2 * j) % COURSES;
        const at = (i * 31 + j) % 150;
        follow.run(i + 1, `course-${k}`, `c${k}-${at}#part`, at);
      }
    }
  });
  const populateMs = performance.now() - t0;
  rss("after populate");
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  store.db.exec("ANALYZE");

  const catalogue = Catalogue.from([{ catalogue: fiveCourses(), mediaDir: dir }]);
  const courses = new Courses([catalogue]);
  const clock = new VirtualClock(T - 60_000);
  const learning = assembleLearning({
    store,
    courses,
    senders: [new NullSender()],
    limits: {},
    clock,
    log,
    defaults: { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" },
  });

  rss("before ticks");
  // A tick with nothing due (one minute before).
  const empty: number[] = [];
  for (let i = 0; i < 200; i++) {
    t0 = performance.now();
    learning.scheduler.tick();
    empty.push(performance.now() - t0);
  }

  // Ticks with `due` chats due: claim only, and the whole tick (claim + starting the sends).
  const dueIds = (store.db.prepare("SELECT id FROM subscribers WHERE next_due_at = ?").all(T) as { id: number }[]).map((r) => r.id);
  const places = store.db.prepare(`SELECT subscriber_id, course_id, position, position_ordinal FROM follows WHERE subscriber_id IN (${dueIds.join(",")})`).all() as {
    subscriber_id: number;
    course_id: string;
    position: string;
    position_ordinal: number;
  }[];
  const reset = store.db.transaction(() => {
    store.db.exec("DELETE FROM deliveries");
    const r = store.db.prepare("UPDATE subscribers SET next_due_at = ?, last_daily_at = NULL WHERE id = ?");
    for (const id of dueIds) r.run(T, id);
    const back = store.db.prepare("UPDATE follows SET position = ?, position_ordinal = ? WHERE subscriber_id = ? AND course_id = ?");
    for (const p of places) back.run(p.position, p.position_ordinal, p.subscriber_id, p.course_id);
  });
  clock.set(T);
  const claimOnly: number[] = [];
  const claimCpu: number[] = [];
  const fullTick: number[] = [];
  const checkpoint: number[] = [];
  let claimed = 0;
  let lessons = 0;
  for (let run = 0; run < 5; run++) {
    reset();
    store.checkpoint();
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = claimDue(store, catalogue, "telegram", T, 20_000);
    claimOnly.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    claimCpu.push((cpu.user + cpu.system) / 1000);
    claimed = r.claimed;
    lessons = r.deliveries.length;
    reset();
    store.checkpoint();
    t0 = performance.now();
    learning.scheduler.tick();
    fullTick.push(performance.now() - t0);
    // What main runs right after each tick (setImmediate): the WAL checkpoint.
    t0 = performance.now();
    store.checkpoint();
    checkpoint.push(performance.now() - t0);
    await learning.delivery.idle();
  }
  rss("after ticks");
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  store.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## Scheduler: ${followed.toLocaleString("en")} subscriptions over ${COURSES} courses (${chats.toLocaleString("en")} chats), ${due.toLocaleString("en")} chats due in the same minute`);
  console.log(`populate (one transaction):           ${(populateMs / 1000).toFixed(1)} s`);
  console.log(`empty tick, median of 200:            ${fmt(median(empty))} ms   (target < 1 ms)`);
  console.log(`select + claim ${claimed} chats = ${lessons} lessons (median of 5): ${fmt(median(claimOnly))} ms   (target ≤ 1000 ms)`);
  // On a shared machine the wall time includes waiting for a core; the process's own CPU time does not.
  console.log(`  of which CPU time of this process:  ${fmt(median(claimCpu))} ms   (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
  console.log(`whole tick incl. starting the sends:  ${fmt(median(fullTick))} ms`);
  console.log(`WAL checkpoint after that tick:       ${fmt(median(checkpoint))} ms (runs after the tick, off the claim path)`);
  console.log(`database size:                        ${(size / 1024 / 1024).toFixed(1)} MB`);
}

async function deliveryBench(label: string, subscribers: number, perLesson: number, groups: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-bench-"));
  const store = Store.open(join(dir, "bot.sqlite"));
  const start = Date.parse("2026-03-02T00:00:00Z");
  const clock: Clock = real ? systemClock : new VirtualClock(start);
  const t = clock.now();
  const limits = defaultRateLimits.telegram;
  const platform = new LimitEnforcingPlatform(clock, limits.global.max, limits.global.perMs);
  const catalogue = Catalogue.from([{ catalogue: course(10, perLesson), mediaDir: dir }]);
  const learning = assembleLearning({
    store,
    courses: new Courses([catalogue]),
    senders: [platform],
    limits: { telegram: limits },
    clock,
    log,
    defaults: { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" },
  });
  const insert = store.db.prepare(
    `INSERT INTO subscribers (id, platform, chat_id, thread_id, kind, language, timezone, send_time, status, next_due_at, created_at, updated_at)
     VALUES (?, 'telegram', ?, '', ?, 'vi', 'Asia/Ho_Chi_Minh', '07:00', 'active', ?, 0, 0)`,
  );
  const follow = store.db.prepare("INSERT INTO follows (subscriber_id, course_id, status, followed_at, updated_at) VALUES (?, 'bench', 'following', 0, 0)");
  store.transaction(() => {
    for (let i = 0; i < subscribers; i++) {
      insert.run(i + 1, String(i + 1), i < groups ? "group" : "private", t);
      follow.run(i + 1);
    }
  });
  const wall = performance.now();
  learning.scheduler.tick();
  if (clock instanceof VirtualClock) {
    let done = false;
    void learning.delivery.idle().then(() => (done = true));
    while (!done) if (!(await clock.step())) await new Promise((r) => setImmediate(r));
  } else await learning.delivery.idle();
  const wallMs = performance.now() - wall;
  const messages = platform.arrivals.length;
  const elapsed = (platform.arrivals.at(-1)! - t) / 1000;
  const bound = messages / limits.global.max;
  const failed = (store.db.prepare("SELECT count(*) AS n FROM deliveries WHERE status != 'done'").get() as { n: number }).n;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n## Delivery (${real ? "REAL time" : "VIRTUAL time"}): ${label}`);
  console.log(`messages delivered:       ${messages.toLocaleString("en")} (${perLesson} per lesson, ${groups} groups), unfinished deliveries: ${failed}`);
  console.log(`completion time:          ${elapsed.toFixed(1)} s ${real ? "" : "(virtual)"}; lower bound ${bound.toFixed(1)} s; ratio ${(elapsed / bound).toFixed(3)} (target ≤ 1.1)`);
  console.log(`limit violations (429):   ${platform.violations} overall, ${platform.perChatViolations} per-chat`);
  console.log(`wall time of the run:     ${(wallMs / 1000).toFixed(1)} s`);
}

console.log(`# bench/learning.ts ${quick ? "(--quick)" : ""}${real ? "(--real)" : ""} — Node ${process.version}`);
await schedulerBench();
await reviewBench(quick);
if (real) await deliveryBench("600 private chats, 1 message each", 600, 1, 0);
else {
  await deliveryBench("10,000 private chats, 1 message each", quick ? 1_000 : 10_000, 1, 0);
  await deliveryBench("10,000 subscribers incl. 20 groups, 3 messages each", quick ? 1_000 : 10_000, 3, 20);
}
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target ≤ 300 MB)`);
