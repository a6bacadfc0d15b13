/**
 * The Telegram adapter in this process against the fake Bot API over real HTTP: the same assembly as
 * src/main.ts (course rendered in rich + classic, SQLite store, learning core with the rate limiter,
 * the adapter started with long polling or a webhook).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { createTelegramAdapter, type TelegramAdapter } from "../../adapters/telegram/index.js";
import { Secret, type TelegramConfig } from "../../src/config.js";
import { loadCatalogue } from "../../src/courseLoader.js";
import { assembleLearning, type Learning } from "../../src/learning/assemble.js";
import type { Catalogue } from "../../src/learning/catalogue.js";
import type { CourseView } from "../../src/learning/courseView.js";
import { Courses } from "../../src/learning/courses.js";
import type { PaidBroadcastSettings } from "../../src/learning/paidBroadcasts.js";
import type { RateLimits } from "../../src/learning/rateLimiter.js";
import { systemClock } from "../../src/schedule/clock.js";
import { Store } from "../../src/store/store.js";
import { FakeTelegram, type FakeTelegramOptions } from "../fakes/telegram/server.js";
import { writeCourse } from "./course.js";

export const roomy = { count: 1000, windowMs: 1000 };
/** Limits that never slow a test down (the fake's and the bot's alike). */
export const fastLimits: RateLimits = { global: { max: 1000, perMs: 1000 }, perChat: { max: 100, perMs: 1000 }, perGroup: { max: 1000, perMs: 1000 } };

const courseCache = new Map<string, Promise<Catalogue>>();

/** The test course rendered once per test file and format list: a catalogue of that one course. */
export function testCourse(formats: ("rich" | "classic")[]): Promise<Catalogue> {
  const key = formats.join(",");
  let catalogue = courseCache.get(key);
  if (!catalogue) {
    const dir = mkdtempSync(join(tmpdir(), "sau-phut-tgcourse-"));
    catalogue = loadCatalogue({ platform: "telegram", formats, contentDir: writeCourse(join(dir, "content")), dataDir: dir, courseJson: undefined, log: pino({ level: "silent" }) });
    courseCache.set(key, catalogue);
  }
  return catalogue;
}

export interface Harness {
  tg: FakeTelegram;
  store: Store;
  learning: Learning;
  adapter: TelegramAdapter;
  /** The one course of the test catalogue. */
  course: CourseView;
  /** Every log line, as JSON text. */
  logs: string[];
  dir: string;
  close(): Promise<void>;
}

export async function startBot(opts: {
  format?: "rich" | "classic";
  tg?: FakeTelegram;
  fake?: FakeTelegramOptions;
  limits?: RateLimits;
  webhook?: TelegramConfig["webhook"];
  /** Several courses (default: the test course alone). */
  catalogue?: Catalogue;
  /** Paid broadcasts on (the limits then need a `free` rate). */
  paidBroadcasts?: PaidBroadcastSettings;
  /** ADMIN_IDS. */
  operators?: string[];
} = {}): Promise<Harness> {
  const tg = opts.tg ?? (await FakeTelegram.start({ rateLimits: { global: roomy, perChat: roomy, perGroup: roomy }, ...opts.fake }));
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-tg-"));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const log = pino({ level: "debug" }, sink);
  const catalogue = opts.catalogue ?? (await testCourse(opts.format === "classic" ? ["classic"] : ["rich", "classic"]));
  const course = catalogue.courses[0]!;
  const store = Store.open(join(dir, "bot.sqlite"));
  const config: TelegramConfig = { token: new Secret(tg.token), apiRoot: tg.apiRoot, format: opts.format ?? "rich", webhook: opts.webhook };
  const adapter = createTelegramAdapter(config, { uploads: store.uploads, log: log.child({ module: "telegram" }) });
  const courses = new Courses([catalogue]);
  const learning = assembleLearning({
    store,
    courses,
    senders: [adapter.sender],
    limits: { telegram: opts.limits ?? fastLimits },
    clock: systemClock,
    log,
    defaults: { timeZone: "UTC", sendTime: "07:00" },
    retry: { backoffMs: 100, maxBackoffMs: 400 },
    ...(opts.paidBroadcasts ? { paidBroadcasts: opts.paidBroadcasts } : {}),
    ...(opts.operators ? { operators: opts.operators } : {}),
  });
  await adapter.start({ core: learning.core, sender: learning.senders.get("telegram")!, courses, log: log.child({ module: "telegram" }) });
  return {
    tg,
    store,
    learning,
    adapter,
    course,
    logs,
    dir,
    async close() {
      await adapter.stop();
      await learning.delivery.idle();
      store.close();
      await tg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
