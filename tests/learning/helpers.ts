import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { assembleLearning, type Learning } from "../../src/learning/assemble.js";
import { Catalogue } from "../../src/learning/catalogue.js";
import type { Incoming } from "../../src/learning/context.js";
import { CourseView } from "../../src/learning/courseView.js";
import { Courses } from "../../src/learning/courses.js";
import type { DeliveryObserver, RetryOptions } from "../../src/learning/delivery.js";
import type { PaidBroadcastSettings } from "../../src/learning/paidBroadcasts.js";
import type { RateLimits } from "../../src/learning/rateLimiter.js";
import type { OutgoingMessage, SendOptions, SendResult, Sender } from "../../src/learning/sender.js";
import type { ChatAddress, ChatKind } from "../../src/contract/chat.js";
import type { LessonFormat, Platform, RenderedCatalogue, RenderedCourse, RenderedLesson } from "../../src/contract/lessons.js";
import { VirtualClock } from "../../src/schedule/virtualClock.js";
import { Store } from "../../src/store/store.js";
import { testStoreLocation } from "../helpers/storeBackend.js";

export const silentLog = pino({ level: "silent" });

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function lesson(id: string, over: Partial<RenderedLesson> = {}): RenderedLesson {
  const post = id.split("#")[0]!;
  return {
    id,
    post: `_posts/${post}.md`,
    title: `Lesson ${id}`,
    part: 1,
    parts: 1,
    minutes: 5,
    resources: [],
    messages: [{ text: `Text of ${id}` }],
    ...over,
  };
}

/** One course (a lessons.json of version 2, as `makeCourse` builds it) as a catalogue of that course, whose id is `id`. */
export function asCatalogue(doc: RenderedCourse, id: string): RenderedCatalogue {
  return {
    version: 3,
    platform: doc.platform,
    format: doc.format,
    courses: [{ ...doc.course, id, description: "", lessons: doc.lessons }],
    problems: doc.problems.map((p) => ({ ...p, course: id })),
  };
}

/** The id of the course `makeWorld({ course })` serves. */
export const TEST_COURSE = "test-course";

/**
 * A course of `n` lessons (ids "<prefix>-<i>#part", prefix "post"), `messagesPerLesson` text messages
 * each (texts "<tag>L<i> M<k>", tag "" by default), as one lessons.json of version 2.
 */
export function makeCourse(
  n: number,
  opts: { platform?: Platform; language?: string; messagesPerLesson?: number; title?: string; prefix?: string; tag?: string } = {},
): RenderedCourse {
  const prefix = opts.prefix ?? "post";
  const tag = opts.tag ?? "";
  const lessons = Array.from({ length: n }, (_, i) =>
    lesson(`${prefix}-${i + 1}#part`, {
      title: `${tag}Lesson ${i + 1}`,
      resources: [{ title: `Read ${i + 1}`, url: `https://example.org/${i + 1}` }],
      messages: Array.from({ length: opts.messagesPerLesson ?? 1 }, (_, k) => ({ text: `${tag}L${i + 1} M${k + 1}` })),
    }),
  );
  return {
    version: 2,
    format: "classic",
    platform: opts.platform ?? "console",
    course: {
      title: opts.title ?? "Test Course",
      language: opts.language ?? "en",
      resources: [{ title: "Course book", url: "https://example.org/book" }],
    },
    lessons,
    problems: [],
  };
}

/** Several courses as one catalogue (lessons.json version 3), in this order, each with its id. */
export function makeCatalogue(courses: readonly { id: string; course: RenderedCourse; description?: string }[]): RenderedCatalogue {
  const [first] = courses;
  if (!first) throw new Error("a catalogue of no course");
  return {
    version: 3,
    platform: first.course.platform,
    format: first.course.format,
    courses: courses.map(({ id, course, description }) => ({ ...asCatalogue(course, id).courses[0]!, description: description ?? `About ${course.course.title}.` })),
    problems: [],
  };
}

/** One course as the core's view of it. */
export function viewOf(course: RenderedCourse, mediaDir = "/tmp", id = TEST_COURSE): CourseView {
  return Catalogue.from([{ catalogue: asCatalogue(course, id), mediaDir }]).courses[0]!;
}

/** One course as a catalogue of one. */
export function catalogueOf(course: RenderedCourse, mediaDir = "/tmp", id = TEST_COURSE): Catalogue {
  return Catalogue.from([{ catalogue: asCatalogue(course, id), mediaDir }]);
}

export interface Sent {
  to: ChatAddress;
  message: OutgoingMessage;
  at: number;
  /** Sent as a paid broadcast. */
  paid?: true;
}

/** A sender recording what it was given; `script` may answer with an error instead of sending. */
export class RecordingSender implements Sender {
  readonly sent: Sent[] = [];
  attempts = 0;
  script: ((to: ChatAddress, message: OutgoingMessage, attempt: number, options?: SendOptions) => SendResult | undefined) | undefined;
  /** Formats the platform still takes (all when undefined). */
  accepted: LessonFormat[] | undefined;
  features: { lessonThreads?: boolean; ephemeralReplies?: boolean } = {};

  constructor(
    readonly platform: Platform,
    private readonly clock: { now(): number },
  ) {}

  acceptsFormat(format: LessonFormat): boolean {
    return this.accepted?.includes(format) ?? true;
  }

  async send(to: ChatAddress, message: OutgoingMessage, options?: SendOptions): Promise<SendResult> {
    this.attempts++;
    const scripted = this.script?.(to, message, this.attempts, options);
    if (scripted) return scripted;
    this.sent.push({ to, message, at: this.clock.now(), ...(options?.paidBroadcast ? { paid: true as const } : {}) });
    return { ok: true, messageId: String(this.sent.length) };
  }

  texts(): string[] {
    return this.sent.map((s) => s.message.text ?? "");
  }
}

export interface World {
  clock: VirtualClock;
  store: Store;
  sender: RecordingSender;
  learning: Learning;
  /** What the world serves, in its preferred format. */
  catalogue: RenderedCatalogue;
  /** The running catalogue (a test may replace it, as a content reload does). */
  courses: Courses;
  platform: Platform;
  dir: string;
  /** Send a command as a user; returns the reply texts. */
  say(text: string, who?: Partial<UserSpec>): Promise<string[]>;
  /** Send a command as a user; returns the replies whole (their buttons and course choices too). */
  ask(text: string, who?: Partial<UserSpec>): Promise<OutgoingMessage[]>;
  /** Press a button as a user; returns the toast, then the texts of the replies posted in the chat. */
  press(data: string, who?: Partial<UserSpec>): Promise<string[]>;
  /** Waits until every delivery finished, firing the virtual clock's timers (retries, rate limits). */
  drain(): Promise<void>;
  /** Closes the database and builds everything again on the same file, as a process restart would. */
  restart(): void;
  close(): void;
}

export interface UserSpec {
  chatId: string;
  kind: ChatKind;
  userId: string;
  name: string;
  isAdmin: boolean;
  threadId?: string;
}

export function incoming(text: string | undefined, who: Partial<UserSpec>, platform: Platform, button?: string): Incoming {
  const u: UserSpec = { chatId: "100", kind: "private", userId: "100", name: "Lan", isAdmin: true, ...who };
  const chat: ChatAddress = { platform, chatId: u.chatId, kind: u.kind };
  if (u.threadId) chat.threadId = u.threadId;
  const inc: Incoming = { chat, user: { id: u.userId, name: u.name, isAdmin: u.isAdmin } };
  if (text !== undefined) inc.text = text;
  if (button !== undefined) inc.button = button;
  return inc;
}

export function makeWorld(opts: {
  /** One course (its id TEST_COURSE); default five lessons. */
  course?: RenderedCourse;
  /** Several courses (instead of `course`). */
  catalogue?: RenderedCatalogue;
  /** The same course in fallback formats. */
  fallbacks?: RenderedCourse[];
  start?: string;
  limits?: RateLimits;
  retry?: Partial<RetryOptions>;
  defaults?: { timeZone: string; sendTime: string };
  observer?: DeliveryObserver;
  operators?: string[];
  paidBroadcasts?: PaidBroadcastSettings;
} = {}): World {
  const { dir, cleanup } = tempDir();
  const clock = new VirtualClock(Date.parse(opts.start ?? "2025-01-06T00:00:00Z"));
  const file = testStoreLocation(dir);
  const catalogue = opts.catalogue ?? asCatalogue(opts.course ?? makeCourse(5), TEST_COURSE);
  const platform = catalogue.platform;
  const renderings = [
    { catalogue, mediaDir: join(dir, "render") },
    ...(opts.fallbacks ?? []).map((c) => ({ catalogue: asCatalogue(c, TEST_COURSE), mediaDir: join(dir, c.format) })),
  ];
  const sender = new RecordingSender(platform, clock);
  const courses = new Courses([Catalogue.from(renderings)]);
  const assemble = (store: Store): Learning =>
    assembleLearning({
      store,
      courses,
      senders: [sender],
      limits: { [platform]: opts.limits },
      clock,
      log: silentLog,
      defaults: opts.defaults ?? { timeZone: "Asia/Ho_Chi_Minh", sendTime: "07:00" },
      retry: opts.retry ?? {},
      ...(opts.observer ? { observer: opts.observer } : {}),
      ...(opts.operators ? { operators: opts.operators } : {}),
      ...(opts.paidBroadcasts ? { paidBroadcasts: opts.paidBroadcasts } : {}),
    });
  const store = Store.open(file);
  const run = async (inc: Incoming): Promise<string[]> => (await settle(clock, world.learning.core.handle(inc))).map((r) => r.text ?? "");
  const world: World = {
    clock,
    store,
    sender,
    learning: assemble(store),
    catalogue,
    courses,
    platform,
    dir,
    say: (text, who = {}) => run(incoming(text, who, platform)),
    ask: (text, who = {}) => settle(clock, world.learning.core.handle(incoming(text, who, platform))),
    press: async (data, who = {}) => {
      const answer = await settle(clock, world.learning.core.press(incoming(undefined, who, platform, data)));
      return [answer.toast, ...answer.replies.map((r) => r.text ?? "")];
    },
    drain: () => settle(clock, world.learning.delivery.idle()),
    restart: () => {
      world.store.close();
      world.store = Store.open(file);
      world.learning = assemble(world.store);
    },
    close: () => {
      world.store.close();
      cleanup();
    },
  };
  return world;
}

/** Awaits `p` while firing the virtual clock's timers: deliveries wait on it (rate limits, retries). */
export async function settle<T>(clock: VirtualClock, p: Promise<T>): Promise<T> {
  let settled = false;
  void p.finally(() => (settled = true)).catch(() => undefined);
  while (!settled) {
    if (!(await clock.step())) await new Promise((r) => setImmediate(r));
  }
  return p;
}
