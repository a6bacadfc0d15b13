/**
 * Benchmark of spaced review (issue 16 §6), part of `npm run bench -- learning`: L learners (100,000;
 * --quick 10,000) with 50 cards each, due dates spread from 3 days overdue to 45 days ahead, in a real
 * SQLite file.
 * - Due-card selection: each learner's up to REVIEW_PER_DAY most overdue cards, for every learner, in
 *   the claim's chunks of 500 chats (one statement a chunk, read from the covering index). Target ≤ 1 s.
 * - One day's whole review claim: every learner due at once (the worst case of a day), in the tick's
 *   batches: the chats read, their due cards selected, their questions and review deliveries written
 *   (multi-row INSERT … VALUES statements of up to 64 rows, the ids the contiguous range inserted).
 *   Aimed at ≤ 1 s with the selection; measured 4.5–5.8 s of CPU (was 6.5–7.6 s in the same runs with
 *   one json_each statement a chunk and RETURNING): SQLite's own cost of a row with its index and
 *   foreign key (~5 µs an ask, ~7 µs a delivery with its four indexes) and reading the chats' rows back
 *   from a cache the 5 million cards overflow dominate.
 * - The tick's extra cost when nothing is due: an empty tick with the cards present against one on the
 *   same database before any card was written. Target < 1 ms.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { assembleLearning } from "../src/learning/assemble.js";
import { Catalogue } from "../src/learning/catalogue.js";
import { Courses } from "../src/learning/courses.js";
import { dayExtras, writeReviews } from "../src/learning/quiz/reviewClaim.js";
import type { SendResult, Sender } from "../src/learning/sender.js";
import type { RenderedCatalogue } from "../src/contract/lessons.js";
import { VirtualClock } from "../src/schedule/virtualClock.js";
import { Store } from "../src/store/store.js";

const CARDS = 50;
const PER_DAY = 3;
const BATCH = 5000;
const CHUNK = 500;
const log = pino({ level: "silent" });

class NullSender implements Sender {
  readonly platform = "telegram" as const;
  async send(): Promise<SendResult> {
    return { ok: true, messageId: "1" };
  }
}

/** One course of 50 lessons with one question each (ids q0…q49). */
function quizCatalogue(): RenderedCatalogue {
  const lessons = Array.from({ length: CARDS }, (_, i) => ({
    id: `p-${i}#part`,
    post: `_posts/p-${i}.md`,
    title: `Lesson ${i}`,
    part: 1,
    parts: 1,
    minutes: 6,
    resources: [],
    messages: [{ text: `Lesson ${i}` }],
    quiz: [{ id: `q${i}`, question: `Question ${i}?`, options: ["a", "b", "c"], answers: [2], explain: "" }],
  }));
  return { version: 3, format: "classic", platform: "telegram", courses: [{ id: "rv", title: "Review", description: "", language: "vi", resources: [], lessons }], problems: [] };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

export async function reviewBench(quick: boolean): Promise<void> {
  const learners = quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-bench-review-"));
  const file = join(dir, "bot.sqlite");
  const store = Store.open(file);
  const T = Date.parse("2026-03-02T00:00:00Z");
  const catalogue = Catalogue.from([{ catalogue: quizCatalogue(), mediaDir: dir }]);
  const clock = new VirtualClock(T - 60_000);
  const learning = assembleLearning({ store, courses: new Courses([catalogue]), senders: [new NullSender()], limits: {}, clock, log, defaults: { timeZone: "UTC", sendTime: "07:00", reviewPerDay: PER_DAY } });

  const insertSub = store.db.prepare(
    `INSERT INTO subscribers (id, platform, chat_id, thread_id, kind, language, timezone, send_time, status, next_due_at, created_at, updated_at)
     VALUES (?, 'telegram', ?, '', 'private', 'vi', 'UTC', '00:00', 'active', ?, 0, 0)`,
  );
  store.transaction(() => {
    for (let i = 1; i <= learners; i++) insertSub.run(i, String(i), T + 86_400_000);
  });
  store.db.exec("ANALYZE");
  const ticks = (n: number): number[] => {
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      learning.scheduler.tick();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const emptyBefore = median(ticks(200));

  let t0 = performance.now();
  const insertCard = store.db.prepare(
    `INSERT INTO cards (subscriber_id, member_id, course_id, lesson_id, question_id, status, due_at, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at, updated_at)
     VALUES (?, ?, 'rv', ?, ?, 'active', ?, 10, 5, 10, 0, 3, 0, 2, ?, 0, 0)`,
  );
  const span = 48 * 86_400_000;
  store.transaction(() => {
    for (let i = 1; i <= learners; i++) {
      for (let k = 0; k < CARDS; k++) {
        // A spread hash of (learner, card) over the 48 days, to the second.
        const due = T - 3 * 86_400_000 + ((i * 7919 + k * 104_729) % (span / 1000)) * 1000;
        insertCard.run(i, String(i), `p-${k}#part`, `q${k}`, due, due - 10 * 86_400_000);
      }
    }
  });
  const populateMs = performance.now() - t0;
  store.sqlite().pragma("wal_checkpoint(TRUNCATE)");
  store.db.exec("ANALYZE");
  const emptyAfter = median(ticks(200));

  const ids = Array.from({ length: learners }, (_, i) => i + 1);
  const timed = (work: () => void): { wall: number; cpu: number } => {
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    work();
    const cpu = process.cpuUsage(cpu0);
    return { wall: performance.now() - t, cpu: (cpu.user + cpu.system) / 1000 };
  };
  // The selection alone: each learner's up to REVIEW_PER_DAY most overdue cards, in the claim's chunks.
  let selected = 0;
  const selection = Array.from({ length: 3 }, () =>
    timed(() => {
      selected = 0;
      store.transaction(() => {
        for (let c = 0; c < ids.length; c += CHUNK) selected += store.quiz.cards.dueInChats(ids.slice(c, c + CHUNK), T, PER_DAY).length;
      });
    }),
  );
  // The whole review claim, as the claim does it: batches of 5,000 chats a transaction, chunks of 500
  // read and written together (the chats' rows, their due cards, their asks and review deliveries).
  let asked = 0;
  let reviews = 0;
  const claim = Array.from({ length: 3 }, () => {
    store.db.exec("DELETE FROM asks; DELETE FROM deliveries;");
    store.checkpoint();
    asked = 0;
    reviews = 0;
    return timed(() => {
      for (let b = 0; b < ids.length; b += BATCH) {
        store.transaction(() => {
          const rows = [];
          for (let c = b; c < Math.min(b + BATCH, ids.length); c += CHUNK) {
            const subs = store.subscribers.byIds(ids.slice(c, Math.min(c + CHUNK, b + BATCH)));
            const extras = dayExtras(store, subs, catalogue, T, PER_DAY);
            const written = writeReviews(store, subs.map((sub) => ({ sub, extra: extras.get(sub.id) })), T);
            for (const e of extras.values()) asked += e.asks.length;
            rows.push(...written.values());
          }
          reviews += store.ledger.createMany(rows, T).length;
        });
      }
    });
  });
  store.sqlite().pragma("wal_checkpoint(TRUNCATE)");
  const size = statSync(file).size;
  store.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## Review: ${learners.toLocaleString("en")} learners × ${CARDS} cards (${(learners * CARDS).toLocaleString("en")} cards), REVIEW_PER_DAY ${PER_DAY}`);
  console.log(`populate the cards (one transaction): ${(populateMs / 1000).toFixed(1)} s; database ${(size / 1024 / 1024).toFixed(0)} MB`);
  const med = (xs: { wall: number; cpu: number }[]): string => `${fmt(median(xs.map((x) => x.wall)))} ms wall, ${fmt(median(xs.map((x) => x.cpu)))} ms CPU`;
  console.log(`due-card selection, every learner (median of 3): ${med(selection)}   (target ≤ 1000 ms); ${selected.toLocaleString("en")} cards`);
  console.log(`one day's review claim, every learner at once — selection, questions and deliveries written (median of 3): ${med(claim)}`);
  console.log(`  ${reviews.toLocaleString("en")} review deliveries, ${asked.toLocaleString("en")} questions queued   (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
  console.log(`empty tick, median of 200: ${fmt(emptyBefore)} ms before the cards, ${fmt(emptyAfter)} ms with them: extra ${fmt(emptyAfter - emptyBefore)} ms   (target < 1 ms)`);
}
