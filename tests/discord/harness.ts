/**
 * The Discord adapter running in-process against the fake: a real course rendered by the engine, a
 * real SQLite file, the learning core assembled as main.ts does, and the fake's records to read what
 * people saw. Time for the scheduler can be moved forward (`clock.shift`); sockets use real time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { PermissionFlagsBits } from "discord-api-types/v10";
import pino, { type Logger } from "pino";
import { createDiscordAdapter, type DiscordAdapter } from "../../adapters/discord/index.js";
import { Secret } from "../../src/config.js";
import { loadCatalogue } from "../../src/courseLoader.js";
import { assembleLearning, Courses, defaultRateLimits, type Catalogue, type CourseView, type Learning, type RateLimits } from "../../src/learning/index.js";
import type { Clock } from "../../src/schedule/clock.js";
import { Store } from "../../src/store/store.js";
import { FakeDiscord, type FakeDiscordOptions, type GuildRecord, type InteractionRecord, type SentMessage, type UserRecord } from "../fakes/discord/index.js";
import { writeTestCourse } from "./course.js";

/** Real time, plus an offset the test moves to make the next daily lesson due. */
export class ShiftedClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.max(0, ms)));
  }
  shift(ms: number): void {
    this.offset += ms;
  }
}

export function tempDir(prefix = "sau-phut-dc-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The test course rendered once per test file, in components (preferred) and classic: a catalogue of that one course. */
export async function renderTestCourse(dir: string, formats: ("components" | "classic")[] = ["components", "classic"]): Promise<Catalogue> {
  const contentDir = writeTestCourse(join(dir, "content"));
  return loadCatalogue({ platform: "discord", formats, contentDir, dataDir: dir, courseJson: undefined, log: pino({ level: "silent" }) });
}

export interface Bot {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  learning: Learning;
  store: Store;
  clock: ShiftedClock;
  guild: GuildRecord;
  /** The server's text channel "general". */
  channelId: string;
  /** Has Manage Channels. */
  admin: UserRecord;
  /** A member without Manage Channels. */
  member: UserRecord;
  /** Someone learning alone in DMs. */
  learner: UserRecord;
  /** Log lines the adapter and core wrote (JSON objects). */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** The test world: a server whose first channel a member with Manage Channels administers, a member without it, and a learner outside it. */
export function populate(fake: FakeDiscord): { guild: GuildRecord; channelId: string; admin: UserRecord; member: UserRecord; learner: UserRecord } {
  const guild = fake.addGuild({ name: "Nhóm Toán" });
  const channelId = fake.world.guildChannels(guild)[0]!.id;
  const admin = fake.addUser({ username: "thu", globalName: "Thư" });
  fake.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.ManageChannels });
  const member = fake.addUser({ username: "nam", globalName: "Nam" });
  fake.addMember(guild.id, member.id);
  const learner = fake.addUser({ username: "lan", globalName: "Lan" });
  return { guild, channelId, admin, member, learner };
}

export type StartOptions = Parameters<typeof startBot>[0];

/**
 * The hooks of an in-process adapter test file: the test course rendered once, and the bot each test
 * starts with `start` stopped after it.
 */
export function botSuite(): { readonly course: CourseView; readonly catalogue: Catalogue; start(opts?: Partial<StartOptions>): Promise<Bot> } {
  const tmp = tempDir();
  let catalogue: Catalogue | undefined;
  let running: Bot | undefined;
  beforeAll(async () => {
    catalogue = await renderTestCourse(tmp.dir);
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(() => tmp.cleanup());
  return {
    /** The one course of the test catalogue. */
    get course(): CourseView {
      return catalogue!.courses[0]!;
    },
    get catalogue(): Catalogue {
      return catalogue!;
    },
    async start(opts = {}): Promise<Bot> {
      running = await startBot({ catalogue: catalogue!, dir: tmp.dir, ...opts });
      return running;
    },
  };
}

export async function startBot(opts: {
  catalogue: Catalogue;
  dir: string;
  fake?: FakeDiscordOptions;
  limits?: RateLimits;
  guildId?: boolean;
  /** ADMIN_IDS: the operators, asked after `before` (which may add them to the server). */
  operators?: () => readonly string[];
  /** Adds to the server before the bot connects (so the gateway's GUILD_CREATE carries it). */
  before?: (fake: FakeDiscord, guild: GuildRecord) => void;
  /** DISCORD_SHARDS (default auto: the fake's recommendation). */
  shards?: number | "auto";
}): Promise<Bot> {
  const fake = await FakeDiscord.start(opts.fake);
  const { guild, channelId, admin, member, learner } = populate(fake);
  opts.before?.(fake, guild);
  const logs: Record<string, unknown>[] = [];
  const log: Logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const store = Store.open(join(opts.dir, `bot-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`));
  const clock = new ShiftedClock();
  const adapter = createDiscordAdapter(
    { token: new Secret(fake.token), applicationId: fake.applicationId, apiRoot: fake.restUrl, guildId: opts.guildId === false ? undefined : guild.id, format: "components", shards: opts.shards ?? "auto" },
    { log },
  );
  const courses = new Courses([opts.catalogue]);
  const learning = assembleLearning({
    store,
    courses,
    senders: [adapter.sender],
    limits: { discord: opts.limits ?? defaultRateLimits.discord },
    clock,
    log,
    defaults: { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" },
    retry: { backoffMs: 200, maxBackoffMs: 1000 },
    ...(opts.operators ? { operators: opts.operators() } : {}),
  });
  await adapter.start({ core: learning.core, sender: learning.senders.get("discord")!, courses, log });
  return {
    fake,
    adapter,
    learning,
    store,
    clock,
    guild,
    channelId,
    admin,
    member,
    learner,
    logs,
    async stop() {
      await adapter.stop();
      await learning.delivery.idle();
      store.close();
      await fake.close();
    },
  };
}

/**
 * Every message an interaction produced (reply or edit of the deferred one, then follow-ups), once
 * `count` of them have arrived.
 */
export async function answerOf(fake: FakeDiscord, ix: InteractionRecord, timeoutMs = 5000, count = 1): Promise<SentMessage[]> {
  await fake.waitFor(() => fake.sent.filter((s) => s.interactionId === ix.id).length >= count, timeoutMs, `${count} answer(s) to ${ix.kind} ${ix.name}`);
  return fake.sent.filter((s) => s.interactionId === ix.id);
}

/** The text of an interaction's first answer. */
export async function answerText(fake: FakeDiscord, ix: InteractionRecord, timeoutMs = 5000): Promise<string> {
  const [first] = await answerOf(fake, ix, timeoutMs);
  return first!.message.content;
}

/** Lesson posts (not interaction answers) in a channel, oldest first. */
export function posts(fake: FakeDiscord, channelId: string): SentMessage[] {
  return fake.sent.filter((s) => s.channelId === channelId && s.via === "channel");
}

/** The plain text of a message: its content, or every Text Display of a V2 message. */
export function visibleText(m: SentMessage): string {
  if (!m.componentsV2) return m.message.content;
  const texts: string[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== "object" || c === null) return;
    const o = c as { type?: number; content?: string; components?: unknown };
    if (o.type === 10 && typeof o.content === "string") texts.push(o.content);
    walk(o.components);
  };
  walk(m.payload.components);
  return texts.join("\n");
}

/** The custom_ids of the buttons on a message. */
export function buttonsOf(m: SentMessage): string[] {
  const ids: string[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== "object" || c === null) return;
    const o = c as { type?: number; custom_id?: string; components?: unknown };
    if (o.type === 2 && o.custom_id) ids.push(o.custom_id);
    walk(o.components);
  };
  walk(m.payload.components);
  return ids;
}
