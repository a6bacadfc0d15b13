/**
 * Benchmark of the Discord adapter (issue 8 §7). Run: npm run bench -- discord [--quick]
 *
 * The bot as main.ts assembles it (learning core + Discord adapter, a real SQLite file) talks over
 * real HTTP and WebSocket to the fake Discord, which enforces 50 requests/s overall and 5 messages
 * per 5 s per channel (the bot's limiter is configured the same, as by default).
 *   1. 1,000 learners run /start in their DMs and 100 study-group channels /subscribe (their servers'
 *      owners), 200 interactions a second: acknowledgement time p50 / p99 as the fake measured it.
 *   2. The day's lesson (the bundled course's first lesson with images) falls due for all
 *      1,100 chats at once: completion time against the lower bound, 429s received, bytes uploaded.
 *   3. Messages and bytes per lesson over the whole course, components against classic.
 * --quick: 100 DMs and 10 channels. --cold: the bot restarts between 1 and 2, so it has not learned
 * the DM channels from interactions and opens each one first (one more request per DM).
 * --shards N [--max-concurrency M]: the fake recommends N shards (servers spread evenly over them)
 * with session_start_limit.max_concurrency M (default 1); the bot opens them all in its one process,
 * and the start-up time and IDENTIFY spacing are reported.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { Secret } from "../src/config.js";
import { loadCatalogue } from "../src/courseLoader.js";
import { assembleLearning, Courses, defaultRateLimits, type CourseView } from "../src/learning/index.js";
import { systemClock } from "../src/schedule/clock.js";
import { Store } from "../src/store/store.js";
import { FakeDiscord, type InteractionRecord } from "../tests/fakes/discord/index.js";

const quick = process.argv.includes("--quick");
const cold = process.argv.includes("--cold");
const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`${name} takes a whole number from 1`);
  return value;
};
const SHARDS = option("--shards", 1);
const MAX_CONCURRENCY = option("--max-concurrency", 1);
const DMS = quick ? 100 : 1000;
const CHANNELS = quick ? 10 : 100;
const GUILDS = 10;
const INTERACTIONS_PER_SECOND = 200;
/** A press under a lesson is answered (or deferred) within a quarter second, while lessons go out. */
const ACK_TARGET_MS = 250;
const log = pino({ level: "silent" });
const root = resolve(import.meta.dirname, "..");

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages and uploaded bytes of each lesson in one format. */
function perLesson(course: CourseView, format: "components" | "classic"): { messages: number[]; bytes: number[] } {
  const rendering = course.rendering(format)!;
  const size = (p: string) => statSync(resolve(rendering.mediaDir, p)).size;
  const messages: number[] = [];
  const bytes: number[] = [];
  for (const lesson of rendering.course.lessons) {
    messages.push(lesson.messages.length);
    bytes.push(lesson.messages.reduce((sum, m) => sum + (m.files ?? []).reduce((s, f) => s + size(f.image), 0) + (m.images ?? []).reduce((s, i) => s + size(i), 0), 0));
  }
  return { messages, bytes };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-bench-dc-"));
  const catalogue = await loadCatalogue({ platform: "discord", formats: ["components", "classic"], contentDir: join(root, "content"), dataDir: dir, courseJson: undefined, log });
  const course = catalogue.courses[0]!;
  // The day's lesson: the first one that uploads images (formulas or figures).
  const dayIndex = course.rendering("components")!.course.lessons.findIndex((l) => l.messages.some((m) => (m.files ?? []).length > 0));
  const day = course.lesson(dayIndex)!;

  const fake = await FakeDiscord.start({ keepFileBytes: false, shards: SHARDS, maxConcurrency: MAX_CONCURRENCY });
  const guilds = Array.from({ length: GUILDS }, (_, g) => fake.addGuild({ name: `Nhóm ${g + 1}`, channels: CHANNELS / GUILDS, shard: g % SHARDS }));
  const channels = guilds.flatMap((g) => fake.world.guildChannels(g).map((c) => ({ channelId: c.id, ownerId: g.ownerId })));
  const learners = Array.from({ length: DMS }, (_, k) => fake.addUser({ username: `hv${k}` }));

  const store = Store.open(join(dir, "bot.sqlite"));
  const courses = new Courses([catalogue]);
  /** The bot as main.ts assembles it, on the same database file. */
  const startBot = async () => {
    const adapter = createDiscordAdapter({ token: new Secret(fake.token), applicationId: fake.applicationId, apiRoot: fake.restUrl, guildId: undefined, format: "components" }, { log });
    const learning = assembleLearning({
      store,
      courses,
      senders: [adapter.sender],
      limits: { discord: defaultRateLimits.discord },
      clock: systemClock,
      log,
      defaults: { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" },
    });
    await adapter.start({ core: learning.core, sender: learning.senders.get("discord")!, courses, log });
    return { adapter, learning };
  };
  const startedAt = performance.now();
  let { adapter, learning } = await startBot();
  const connectSeconds = (performance.now() - startedAt) / 1000;
  const identifiedAt = fake.identifies.map((i) => ((i.at - fake.identifies[0]!.at) / 1000).toFixed(1));

  // ── 1. Subscribing: 1,100 interactions at 200/s ──
  const asked: InteractionRecord[] = [];
  const batch = INTERACTIONS_PER_SECOND / 10;
  const jobs: (() => InteractionRecord)[] = [
    ...learners.map((u) => () => fake.slashCommand({ name: "start", userId: u.id, dm: true })),
    ...channels.map((c) => () => fake.slashCommand({ name: "subscribe", userId: c.ownerId, channelId: c.channelId })),
  ];
  for (let i = 0; i < jobs.length; i += batch) {
    for (const job of jobs.slice(i, i + batch)) asked.push(job());
    await sleep(100);
  }
  // Answered, or refused for coming after Discord's 3 s (counted below as over 3 s).
  const settled = (ix: InteractionRecord) => fake.sent.some((s) => s.interactionId === ix.id) || ix.callbacks.some((c) => c.status >= 400);
  await fake.waitFor(() => asked.every(settled), 30_000, "every interaction answered");
  const acks = asked.map((ix) => ix.ackLatencyMs ?? Infinity);

  if (cold) {
    await adapter.stop();
    // A process restart takes longer than a second: the old process's requests are out of Discord's window.
    await sleep(1000);
    ({ adapter, learning } = await startBot());
  }

  // ── 2. The day's lesson to every chat at once ──
  const now = Date.now();
  const before = dayIndex > 0 ? course.lesson(dayIndex - 1)!.id : null;
  store.transaction(() => {
    const all = store.db.prepare("SELECT id FROM subscribers").all() as { id: number }[];
    for (const { id } of all) {
      store.subscribers.update(id, { nextDueAt: now - 1000 }, now);
      store.follows.update(id, course.id, { position: before, positionOrdinal: dayIndex - 1 }, now);
    }
  });
  const requestsBefore = fake.requests.length;
  const sentBefore = fake.sent.length;
  const tooManyBefore = fake.tooManyRequests;
  const t0 = performance.now();
  const claimed = learning.scheduler.tick().claimed;
  // Meanwhile learners press ✅ under the lessons already posted, 20 a second.
  const presses: InteractionRecord[] = [];
  let pressing = true;
  const pressLoop = (async () => {
    let seen = sentBefore;
    while (pressing) {
      const posted = fake.sent.slice(seen).filter((s) => s.via === "channel" && s.guildId === undefined);
      seen = fake.sent.length;
      for (const m of posted) {
        const done = JSON.stringify(m.payload.components ?? []).match(/"custom_id":"(done:\d+)"/)?.[1];
        const who = fake.world.channels.get(m.channelId)?.recipientId;
        if (!done || !who || presses.length >= 1000) continue;
        presses.push(fake.pressButton({ userId: who, messageId: m.messageId, customId: done }));
        if (presses.length % 2 === 0) await sleep(100);
      }
      await sleep(100);
    }
  })();
  await learning.delivery.idle();
  const seconds = (performance.now() - t0) / 1000;
  pressing = false;
  await pressLoop;
  await fake.waitFor(() => presses.every((ix) => ix.ackLatencyMs !== undefined), 10_000, "every ✅ answered");
  const pressAcks = presses.map((ix) => ix.ackLatencyMs!);
  const lessonPosts = fake.sent.slice(sentBefore).filter((s) => s.via === "channel");
  // Interaction answers are outside the overall budget (on Discord as in the fake).
  const requests = fake.requests.slice(requestsBefore).filter((r) => !r.route.includes("/interactions/") && !r.route.includes("/webhooks/")).length;
  // Every request counts against the overall budget (DMs opened too, on a cold start).
  const bound = (requests - defaultRateLimits.discord.global.max) / defaultRateLimits.discord.global.max;
  const bytes = lessonPosts.reduce((sum, s) => sum + s.files.reduce((a, f) => a + f.size, 0), 0);
  const failed = (store.db.prepare("SELECT count(*) AS n FROM deliveries WHERE status != 'done'").get() as { n: number }).n;

  const components = perLesson(course, "components");
  const classic = perLesson(course, "classic");
  const lines = [
    `Discord adapter through the fake (real HTTP + gateway)${cold ? ", restarted before the delivery" : ""}, ${DMS} DMs + ${CHANNELS} channels, limits 50 req/s overall, 5 msg / 5 s per channel`,
    `gateway: ${SHARDS} shard(s) in one process, max_concurrency ${MAX_CONCURRENCY}, ${GUILDS} servers (${guilds.filter((g) => fake.shardOf(g.id) === 0).length} on shard 0): connected in ${connectSeconds.toFixed(1)} s, IDENTIFYs at +${identifiedAt.slice(0, SHARDS).join(", +")} s, refused ${fake.identifies.filter((i) => i.refused).length}`,
    `interactions: ${asked.length} (/start in DMs, /subscribe in channels) at ${INTERACTIONS_PER_SECOND}/s — acknowledged p50 ${percentile(acks, 50).toFixed(1)} ms, p99 ${percentile(acks, 99).toFixed(1)} ms, max ${Math.max(...acks).toFixed(1)} ms, over 3 s: ${acks.filter((a) => a >= 3000).length}`,
    `day's lesson "${day.title}" (#${dayIndex + 1}): ${claimed} chats claimed, ${lessonPosts.length} messages posted (${requests} requests), deliveries not done: ${failed}`,
    `completion ${seconds.toFixed(1)} s; lower bound ${bound.toFixed(1)} s ((requests − 50) ÷ 50/s) → ${(seconds / bound).toFixed(3)}× (target ≤ 1.1×)${cold ? " — cold: DM channels opened first" : ""}`,
    `✅ pressed during the delivery: ${presses.length}, acknowledged p50 ${percentile(pressAcks, 50).toFixed(1)} ms, p99 ${percentile(pressAcks, 99).toFixed(1)} ms (target ≤ ${ACK_TARGET_MS} ms), max ${Math.max(...pressAcks).toFixed(1)} ms`,
    `429s received: ${fake.tooManyRequests - tooManyBefore} (target 0)`,
    `bytes uploaded: ${bytes} in all, ${(bytes / claimed).toFixed(0)} per delivery of this lesson (${components.bytes[dayIndex]} components / ${classic.bytes[dayIndex]} classic by the files)`,
    `messages per lesson over the course (${course.size} lessons): components mean ${mean(components.messages).toFixed(2)}, max ${Math.max(...components.messages)}; classic mean ${mean(classic.messages).toFixed(2)}, max ${Math.max(...classic.messages)}; this lesson ${components.messages[dayIndex]} vs ${classic.messages[dayIndex]}`,
    `bytes uploaded per lesson over the course: components mean ${mean(components.bytes).toFixed(0)}, max ${Math.max(...components.bytes)}; classic mean ${mean(classic.bytes).toFixed(0)}`,
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  console.log(lines.join("\n"));

  await adapter.stop();
  store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
process.exit(0);
