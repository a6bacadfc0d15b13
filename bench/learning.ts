/**
 * Benchmark of the learning core (issue 3 §7, issue 15 §4). Run: npm run bench -- learning [--quick] [--real]
 *
 * 1. Scheduler: S subscriptions (1,000,000; --quick 100,000) spread over 5 courses — chats following
 *    one, two or three of them — D chats (10,000; --quick 1,000) due in the same minute: time of one
 *    tick to select and claim them (a ledger row for each course they follow), time of a tick with
 *    nothing due, database size, peak RSS. In a real SQLite file, then in a real PostgreSQL database
 *    (issue 18 §5: a throw-away cluster of Debian's server on this machine), side by side.
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
import { ValuesBatch } from "../src/store/insertRows.js";
import { Store } from "../src/store/store.js";
import { freshDatabase, startCluster, type Cluster } from "../tests/helpers/postgresCluster.js";
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

interface SchedulerFigures {
  populateMs: number;
  emptyMs: number;
  claimMs: number;
  claimCpuMs: number;
  tickMs: number;
  checkpointMs: number;
  claimed: number;
  lessons: number;
  sizeMb: number;
  load: number;
}

/**
 * Part 1 on one back-end: `location` is a SQLite file or a postgres:// database. The rows are written
 * in multi-row statements (64 rows each), the same code for both.
 */
async function schedulerBench(location: string, dir: string): Promise<SchedulerFigures> {
  const subscriptions = quick ? 100_000 : 1_000_000;
  const due = quick ? 1_000 : 10_000;
  const store = Store.open(location);
  const T = Date.parse("2026-03-02T00:00:00Z");
  const zones = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"];
  /** How many courses chat i follows: one, two (every third chat) or three (every seventh too). */
  const followsOf = (i: number): number => 1 + (i % 3 === 0 ? 1 : 0) + (i % 7 === 0 ? 1 : 0);
  let chats = 0;
  for (let n = 0; n < subscriptions; chats++) n += followsOf(chats);

  let t0 = performance.now();
  const insert = new ValuesBatch(
    store.db,
    (values) => `INSERT INTO subscribers (id, platform, chat_id, thread_id, kind, language, timezone, send_time, status, next_due_at, created_at, updated_at) VALUES ${values}`,
    "(?, 'telegram', ?, '', ?, 'vi', ?, ?, 'active', ?, 0, 0)",
    6,
  );
  const follow = new ValuesBatch(
    store.db,
    (values) => `INSERT INTO follows (subscriber_id, course_id, position, position_ordinal, status, followed_at, updated_at) VALUES ${values}`,
    "(?, ?, ?, ?, 'following', 0, 0)",
    4,
  );
  let followed = 0;
  // Spread due chats across the table, as real sign-ups would be.
  const stride = Math.floor(chats / due);
  const BLOCK = 50_000;
  for (let from = 0; from < chats; from += BLOCK) {
    const subs: unknown[] = [];
    const fols: unknown[] = [];
    for (let i = from; i < Math.min(chats, from + BLOCK); i++) {
      const isDue = i % stride === 0 && i / stride < due;
      const minute = (i * 7919) % 1440;
      const sendTime = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      const nextDue = isDue ? T : T + 60_000 + ((i * 104_729) % 86_340_000);
      subs.push(i + 1, String(100_000 + i), i % 50 === 0 ? "group" : "private", zones[i % zones.length]!, sendTime, nextDue);
      for (let j = 0; j < followsOf(i) && followed < subscriptions; j++, followed++) {
        const k = (i + 2 * j) % COURSES;
        const at = (i * 31 + j) % 150;
        fols.push(i + 1, `course-${k}`, `c${k}-${at}#part`, at);
      }
    }
    store.transaction(() => {
      insert.run(subs);
      follow.run(fols);
    });
  }
  const populateMs = performance.now() - t0;
  rss("after populate");
  if (store.db.dialect === "sqlite") store.sqlite().pragma("wal_checkpoint(TRUNCATE)");
  store.db.exec(store.db.dialect === "sqlite" ? "ANALYZE" : "VACUUM ANALYZE");

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
  const dueIds = store.db.prepare<[number], { id: number }>("SELECT id FROM subscribers WHERE next_due_at = ? ORDER BY id").all(T).map((r) => r.id);
  const places = store.db
    .prepare<[string], { subscriber_id: number; course_id: string; position: string; position_ordinal: number }>(
      `SELECT subscriber_id, course_id, position, position_ordinal FROM follows WHERE subscriber_id IN (SELECT value FROM ${store.db.idTable("ids")})`,
    )
    .all(JSON.stringify(dueIds))
    .map((p) => ({ subscriberId: p.subscriber_id, courseId: p.course_id, position: p.position, ordinal: p.position_ordinal }));
  const dueAgain = store.db.prepare(`UPDATE subscribers SET next_due_at = ?, last_daily_at = NULL WHERE id IN (SELECT value FROM ${store.db.idTable("ids")})`);
  const reset = (): void =>
    store.transaction(() => {
      store.db.exec("DELETE FROM deliveries");
      dueAgain.run(T, JSON.stringify(dueIds));
      store.follows.moveMany(places, 0);
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
  let size: number;
  if (store.db.dialect === "sqlite") {
    store.sqlite().pragma("wal_checkpoint(TRUNCATE)");
    size = statSync(location).size + (statSync(`${location}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  } else size = store.db.prepare<[], { n: number }>("SELECT pg_database_size(current_database()) AS n").get()!.n;
  store.close();
  return {
    populateMs,
    emptyMs: median(empty),
    claimMs: median(claimOnly),
    claimCpuMs: median(claimCpu),
    tickMs: median(fullTick),
    checkpointMs: median(checkpoint),
    claimed,
    lessons,
    sizeMb: size / 1024 / 1024,
    load: loadavg()[0]!,
  };
}

/** Part 1 on SQLite, then on PostgreSQL (a throw-away cluster of Debian's server, or SAUPHUT_BENCH_POSTGRES_URL), side by side. */
async function schedulerBenches(): Promise<void> {
  const subscriptions = quick ? 100_000 : 1_000_000;
  const due = quick ? 1_000 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-bench-"));
  const results: [string, SchedulerFigures][] = [["SQLite", await schedulerBench(join(dir, "bot.sqlite"), dir)]];
  let cluster: Cluster | undefined;
  let pgUrl = process.env.SAUPHUT_BENCH_POSTGRES_URL;
  let missing = "";
  if (!pgUrl) {
    try {
      cluster = await startCluster();
      pgUrl = (await freshDatabase(cluster.adminUrl, "bench")).url;
    } catch (err) {
      missing = (err as Error).message;
    }
  }
  if (pgUrl) results.push(["PostgreSQL", await schedulerBench(pgUrl, dir)]);
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## Scheduler: ${subscriptions.toLocaleString("en")} subscriptions over ${COURSES} courses, ${due.toLocaleString("en")} chats due in the same minute`);
  if (missing) console.log(`(PostgreSQL not measured: ${missing})`);
  const [lite, pg] = [results[0]![1], results[1]?.[1]];
  const row = (label: string, get: (f: SchedulerFigures) => number, unit: string, target = ""): void => {
    const a = get(lite);
    const b = pg ? get(pg) : undefined;
    const cells = [`${fmt(a)} ${unit}`.padStart(12), b === undefined ? "" : `${fmt(b)} ${unit}`.padStart(12), b === undefined ? "" : `${(b / a).toFixed(2)}×`.padStart(8)];
    console.log(`${label.padEnd(40)}${cells.join("  ")}  ${target}`);
  };
  console.log(`${"".padEnd(40)}${"SQLite".padStart(12)}  ${"PostgreSQL".padStart(12)}  ${"PG/SQLite".padStart(8)}`);
  row("populate (multi-row inserts)", (f) => f.populateMs / 1000, "s");
  row("empty tick, median of 200", (f) => f.emptyMs, "ms", "(target < 1 ms)");
  row(`select + claim ${lite.claimed} chats = ${lite.lessons} lessons`, (f) => f.claimMs, "ms", "(target ≤ 1000 ms; median of 5)");
  row("  of which CPU time of this process", (f) => f.claimCpuMs, "ms", "(PostgreSQL's own CPU not included)");
  row("whole tick incl. starting the sends", (f) => f.tickMs, "ms");
  row("WAL checkpoint after that tick", (f) => f.checkpointMs, "ms", "(SQLite only)");
  row("database size", (f) => f.sizeMb, "MB");
  console.log(`load average ${results.map(([n, f]) => `${n} ${f.load.toFixed(1)}`).join(", ")} on ${cpus().length} cores`);
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
await schedulerBenches();
await reviewBench(quick);
if (real) await deliveryBench("600 private chats, 1 message each", 600, 1, 0);
else {
  await deliveryBench("10,000 private chats, 1 message each", quick ? 1_000 : 10_000, 1, 0);
  await deliveryBench("10,000 subscribers incl. 20 groups, 3 messages each", quick ? 1_000 : 10_000, 3, 20);
}
console.log(`\npeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target ≤ 300 MB)`);
