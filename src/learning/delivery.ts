import type { Logger } from "pino";
import { catalogFor, markupFor } from "../i18n/index.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { Clock } from "../schedule/clock.js";
import type { Store } from "../store/store.js";
import type { Courses } from "./courses.js";
import type { CourseView } from "./courseView.js";
import { moveChat } from "./chatMoves.js";
import { lessonMessageCount, lessonMessages } from "./lessonMessages.js";
import { quizDeliveryMessages } from "./quiz/deliveryMessages.js";
import { describeSendError, type OutgoingMessage, type Sender, type SenderFeatures } from "./sender.js";
import { type Delivery, type Subscriber } from "../store/types.js";
import { addressOf, type ChatAddress } from "../contract/chat.js";

export interface RetryOptions {
  /** Retries of one message after `transient` errors before the delivery fails. Default 5. */
  maxTransientRetries: number;
  /** First backoff; doubles each retry up to `maxBackoffMs`. Default 1000. */
  backoffMs: number;
  /** Default 60000. */
  maxBackoffMs: number;
  /** 429 answers for one message before the delivery fails (each waits `retryAfter`). Default 20. */
  maxRateLimited: number;
  /** `chat_moved` answers followed for one message. Default 3. */
  maxChatMoves: number;
  /**
   * Scheduled deliveries sending at once (on-demand ones never wait). Default 1000: far more than the
   * platforms' overall rate needs, few enough to keep memory flat when 10,000 lessons fall due at once.
   */
  maxConcurrent: number;
}

export const defaultRetryOptions = {
  maxTransientRetries: 5,
  backoffMs: 1000,
  maxBackoffMs: 60_000,
  maxRateLimited: 20,
  maxChatMoves: 3,
  maxConcurrent: 1000,
} as const satisfies RetryOptions;

export type DeliveryOutcome = "done" | "failed" | "skipped";

/** What the delivery service reports as it goes (metrics). Every method is optional and must not throw. */
export interface DeliveryObserver {
  /** One message accepted by the platform. */
  messageSent?(platform: Platform, format: LessonFormat): void;
  /** A send that will be tried again: `rate_limited` (a 429), `transient`, `chat_moved`. */
  retried?(platform: Platform, reason: "rate_limited" | "transient" | "chat_moved"): void;
  /**
   * A delivery finished; `lagMs` from its due time to its last message (daily deliveries only);
   * `course`: the course of a lesson or course notice, "" for an announcement.
   */
  finished?(platform: Platform, outcome: "done" | "failed", lagMs: number | null, course: string): void;
}

/**
 * Where this process's ledger deliveries go when another process sends them: a standby taking
 * webhook updates writes the ledger rows and tells the active process, which sends them.
 */
export interface DeliveryHandOff {
  /** Tells the process that sends that rows are pending (on PostgreSQL: NOTIFY). Must not throw. */
  notify(): void;
  /** How often a hand-off waiter reads the ledger for the row's end (default 200 ms). */
  pollMs?: number;
  /** How long a hand-off waiter waits before it answers "skipped" (default 120 s). */
  waitMs?: number;
}

type MessageOutcome =
  | { type: "sent"; pollId?: string }
  | { type: "rejected"; error: string }
  | { type: "format_refused"; error: string }
  | { type: "failed"; error: string; unreachable?: boolean; forbidden?: boolean };

/**
 * Sends ledger deliveries, message by message. The ledger records each message after its send returns
 * and before the next send starts, so after a crash a delivery resumes at its first unsent message:
 * only the message in flight at the crash can arrive twice. Deliveries of one subscriber run one after
 * the other; different subscribers run concurrently, paced by the rate-limited senders.
 */
export class DeliveryService {
  private readonly running = new Map<number, Promise<DeliveryOutcome>>();
  private readonly chains = new Map<number, Promise<unknown>>();
  private readonly retry: RetryOptions;
  /** Scheduled deliveries waiting for a free slot, in order. */
  private backlog: number[] = [];
  private backlogHead = 0;
  private readonly queued = new Set<number>();
  private stopping = false;
  /** Set while another process sends (this one is a standby): see `handOffTo`. */
  private handOff: DeliveryHandOff | undefined;

  constructor(
    private readonly deps: {
      store: Store;
      courses: Courses;
      /** One (rate-limited) sender per platform. */
      senders: ReadonlyMap<Platform, Sender>;
      clock: Clock;
      log: Logger;
      retry?: Partial<RetryOptions>;
      observer?: DeliveryObserver;
      /** Review questions a day (REVIEW_PER_DAY): a group's review notice counts its members' cards up to it. */
      reviewPerDay?: number;
    },
  ) {
    this.retry = { ...defaultRetryOptions, ...deps.retry };
  }

  /**
   * From now on this process sends nothing from the ledger: `run` and `resumePending` tell `handOff`
   * instead, and `run` resolves when the other process has finished the row. A standby that takes
   * webhook updates writes its /next lessons, questions and announcements to the ledger this way; the
   * replies to commands do not go through here and it sends them itself.
   */
  handOffTo(handOff: DeliveryHandOff): void {
    this.handOff = handOff;
  }

  /** This process sends its ledger deliveries again (the standby won the lock). */
  sendHere(): void {
    this.handOff = undefined;
  }

  /** Sends delivery `id` (or joins the send already running); resolves when it is finished. */
  run(id: number): Promise<DeliveryOutcome> {
    const existing = this.running.get(id);
    if (existing) return existing;
    if (this.handOff) return this.handedOff(id, this.handOff);
    this.queued.delete(id); // started ahead of its turn (a /next in the same chat): no longer waiting
    const d = this.deps.store.ledger.get(id);
    if (!d) return Promise.resolve("skipped");
    const previous = this.chains.get(d.subscriberId) ?? Promise.resolve();
    const task = previous.then(() => this.send(id)).catch((err: unknown) => {
      // A bug or a database error, not a platform answer: record it so the tick does not retry it
      // every minute; the next due time resumes it like any failed delivery.
      this.deps.log.error({ err, deliveryId: id }, "delivery crashed");
      try {
        this.deps.store.ledger.finish(id, "failed", `internal error: ${String(err)}`.slice(0, 500), this.deps.clock.now());
      } catch (inner) {
        this.deps.log.error({ err: inner, deliveryId: id }, "could not record the failed delivery");
      }
      return "failed" as const;
    });
    this.running.set(id, task);
    this.chains.set(d.subscriberId, task);
    void task.then(() => {
      this.running.delete(id);
      if (this.chains.get(d.subscriberId) === task) this.chains.delete(d.subscriberId);
    });
    return task;
  }

  /**
   * Queues every pending delivery that is not running or queued yet (after a restart: also those cut by
   * the crash) and starts as many as `maxConcurrent` allows; the rest start as slots free up.
   */
  resumePending(): number {
    if (this.stopping) return 0;
    if (this.handOff) {
      if (this.deps.store.ledger.pending().length > 0) this.handOff.notify();
      return 0;
    }
    let started = 0;
    for (const { id, platform } of this.deps.store.ledger.pending()) {
      // Another platform's deliveries wait for the process that serves it (same DATA_DIR).
      if (!this.deps.senders.has(platform) || this.running.has(id) || this.queued.has(id)) continue;
      this.backlog.push(id);
      this.queued.add(id);
      started++;
    }
    this.fill();
    return started;
  }

  /**
   * A row another process sends: it is told, and this resolves once the ledger says the row is
   * finished — so a command's later replies still follow its lesson, and a group member's review
   * knows whether their private chat took it. Should this process win the lock meanwhile, it sends
   * the row itself (a join of its own run).
   */
  private async handedOff(id: number, handOff: DeliveryHandOff): Promise<DeliveryOutcome> {
    handOff.notify();
    const until = Date.now() + (handOff.waitMs ?? 120_000);
    // Shutting down (the store closes next) or waited long enough: the row stays pending for the active process.
    while (!this.stopping && Date.now() < until) {
      if (!this.handOff) return this.run(id);
      const d = this.deps.store.ledger.get(id);
      if (!d || d.status === "superseded") return "skipped";
      if (d.status === "done" || d.status === "failed") return d.status;
      await new Promise((r) => setTimeout(r, handOff.pollMs ?? 200).unref());
    }
    return "skipped";
  }

  private fill(): void {
    while (!this.stopping && this.running.size < this.retry.maxConcurrent && this.backlogHead < this.backlog.length) {
      const id = this.backlog[this.backlogHead++]!;
      this.queued.delete(id);
      void this.run(id).then(() => this.fill());
    }
    if (this.backlogHead === this.backlog.length) {
      this.backlog = [];
      this.backlogHead = 0;
    }
  }

  /**
   * Shutdown: no delivery starts from now on, and each running one stops after the message in flight;
   * what is left stays pending in the ledger and resumes at the next start. Then wait for `idle()`.
   */
  stop(): void {
    this.stopping = true;
  }

  /** What the platform's adapter offers beyond messages. */
  featuresOf(platform: Platform): SenderFeatures {
    return this.deps.senders.get(platform)?.features ?? {};
  }

  get active(): number {
    return this.running.size + this.queued.size;
  }

  /** Resolves once nothing is being sent or queued (including deliveries started meanwhile). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queued.size > 0) {
      await Promise.allSettled([...this.running.values()]);
      this.fill();
    }
  }

  private async send(id: number): Promise<DeliveryOutcome> {
    const { store, clock, log } = this.deps;
    const d = store.ledger.get(id);
    if (!d || d.status !== "pending") return "skipped";
    const sub = store.subscribers.get(d.subscriberId);
    if (!sub || sub.status === "stopped" || sub.status === "unreachable") {
      store.ledger.finish(id, "failed", `subscriber ${sub ? sub.status : "gone"}`, clock.now());
      log.warn({ deliveryId: id, subscriberId: d.subscriberId }, "delivery dropped: subscriber not reachable");
      return "failed";
    }
    const sender = this.deps.senders.get(sub.platform);
    if (!sender) throw new Error(`no sender for platform ${sub.platform}`);
    this.useAcceptedFormat(d, sub, sender);
    const quizKind = d.kind === "quiz" || d.kind === "review" || d.kind === "leaderboard";
    const quiz = quizKind ? this.quizOf(d, sub) : undefined;
    let messages = quizKind ? quiz?.messages : this.messagesOf(d, sub);
    if (!messages) {
      store.ledger.finish(id, "failed", `lesson ${d.lessonId} is no longer in course ${d.courseId}`, clock.now());
      log.error({ deliveryId: id, courseId: d.courseId, lessonId: d.lessonId }, "delivery failed: lesson vanished from the course");
      return "failed";
    }
    // A group member's own review goes to their private chat: failures there are theirs, not the group's.
    const elsewhere = quiz?.to !== undefined;
    let to = quiz?.to ?? addressOf(sub);
    for (let i = d.sentCount; i < messages.length; i++) {
      // Shutting down: the message in flight has finished; the rest stays pending for the next start.
      if (this.stopping) return "skipped";
      const outcome = await this.sendOne(sender, d, sub, messages[i]!, (moved) => (to = moved), () => to);
      const now = clock.now();
      if (outcome.type === "sent") this.recordSent(id, i + 1, messages[i]!, outcome.pollId, now);
      else if (outcome.type === "format_refused" && this.fallBack(d, sub, outcome.error)) {
        // The same lesson again, from its first message, in the next format.
        const again = this.messagesOf(d, sub);
        if (!again) {
          store.ledger.finish(id, "failed", `lesson ${d.lessonId} has no ${d.format} rendering`, now);
          return "failed";
        }
        messages = again;
        i = -1;
      } else if (outcome.type === "rejected" || outcome.type === "format_refused") {
        store.ledger.markSkipped(d, i, outcome.error, now);
        log.error({ deliveryId: id, message: i, error: outcome.error }, "message rejected by the platform, skipped");
      } else {
        store.ledger.finish(id, "failed", outcome.error, now);
        this.deps.observer?.finished?.(sub.platform, "failed", null, d.courseId ?? "");
        if (outcome.unreachable && !elsewhere) {
          store.subscribers.update(sub.id, { status: "unreachable", nextDueAt: null }, now);
        }
        log.error(
          { deliveryId: id, subscriberId: sub.id, lessonId: d.lessonId, message: i, error: outcome.error },
          "delivery failed",
        );
        if (outcome.forbidden && !elsewhere) await this.pauseForbidden(sub, sender, outcome.error);
        return "failed";
      }
    }
    const finishedAt = clock.now();
    store.ledger.finish(id, "done", null, finishedAt);
    this.deps.observer?.finished?.(sub.platform, "done", d.dueAt === null ? null : finishedAt - d.dueAt, d.courseId ?? "");
    log.debug({ deliveryId: id, subscriberId: sub.id, lessonId: d.lessonId }, "delivered");
    return "done";
  }

  /**
   * Messages [0, sentCount) are out. A quiz poll's id is recorded with it, in one transaction: after a
   * crash the poll is either known (its answers count) or sent again, never both.
   */
  private recordSent(id: number, sentCount: number, message: OutgoingMessage, pollId: string | undefined, now: number): void {
    const { store } = this.deps;
    if (!message.quiz || pollId === undefined) return store.ledger.markSent(id, sentCount, now);
    store.transaction(() => {
      store.quiz.asks.setPoll(message.quiz!.askId, pollId, now);
      store.ledger.markSent(id, sentCount, now);
    });
  }

  /** A question, a review or a weekly leaderboard: its messages, and where they go. */
  private quizOf(d: Delivery, sub: Subscriber): ReturnType<typeof quizDeliveryMessages> {
    const catalogue = this.deps.courses.has(sub.platform) ? this.deps.courses.for(sub.platform) : undefined;
    return quizDeliveryMessages(this.deps.store, d, sub, catalogue, this.deps.reviewPerDay ?? 3, this.deps.clock.now());
  }

  /** The course of a lesson or course notice, when the catalogue still offers it. */
  private courseOf(d: Delivery, sub: Subscriber): CourseView | undefined {
    return this.deps.courses.has(sub.platform) ? this.deps.courses.for(sub.platform).byId(d.courseId ?? "") : undefined;
  }

  private messagesOf(d: Delivery, sub: Subscriber): OutgoingMessage[] | undefined {
    const t = catalogFor(sub.language);
    const m = markupFor(sub.platform);
    if (d.kind === "announcement") {
      const announcement = this.deps.store.announcements.text(Number(d.lessonId));
      return announcement === undefined ? undefined : [{ text: t.announcement(m, { text: announcement }) }];
    }
    if (d.kind === "course_withdrawn") {
      const title = this.deps.store.courses.title(d.courseId ?? "") ?? d.courseId ?? "";
      return [{ text: t.courseWithdrawn(m, { course: title }) }];
    }
    const course = this.courseOf(d, sub);
    if (!course) return undefined;
    if (d.kind === "course_complete") return [{ text: t.courseComplete(m, { course: course.info.title, n: course.size }) }];
    const thread = sub.lessonThreads && sub.kind !== "private" && this.deps.senders.get(sub.platform)?.features?.lessonThreads === true;
    return lessonMessages(course, d.lessonId, d.id, sub.language, { ...(d.format ? { format: d.format } : {}), thread });
  }

  /** A lesson not yet started goes out in the first format the platform still accepts. */
  private useAcceptedFormat(d: Delivery, sub: Subscriber, sender: Sender): void {
    const course = this.courseOf(d, sub);
    if (d.kind !== "lesson" || !sender.acceptsFormat || !course) return;
    const current = d.format ?? course.format;
    if (sender.acceptsFormat(current)) return;
    const usable = course.formats.find((f) => sender.acceptsFormat!(f));
    if (usable && usable !== current) this.switchTo(d, course, usable);
  }

  /** After the platform refused the delivery's format: the next format of the course, if there is one. */
  private fallBack(d: Delivery, sub: Subscriber, error: string): boolean {
    const course = this.courseOf(d, sub);
    if (d.kind !== "lesson" || !course) return false;
    const formats = course.formats;
    const from = d.format ?? course.format;
    const next = formats[formats.indexOf(from) + 1];
    if (!next) return false;
    this.deps.log.warn({ deliveryId: d.id, lessonId: d.lessonId, from, to: next, error }, "format refused, sending the lesson in the fallback format");
    this.switchTo(d, course, next);
    return true;
  }

  private switchTo(d: Delivery, course: CourseView, format: LessonFormat): void {
    const lesson = course.rendering(format)?.course.lessons.find((l) => l.id === d.lessonId);
    this.deps.store.ledger.switchFormat(d, format, lesson ? lessonMessageCount(lesson, format) : d.messageCount, this.deps.clock.now());
  }

  /**
   * The bot lost a permission in a chat: its daily lessons pause (retrying would only collect errors)
   * and whoever subscribed it is told once what is missing — privately, else in the chat itself.
   */
  private async pauseForbidden(sub: Subscriber, sender: Sender, error: string): Promise<void> {
    const { store, clock, log } = this.deps;
    store.subscribers.update(sub.id, { status: "paused", nextDueAt: null }, clock.now());
    log.warn({ subscriberId: sub.id, error }, "subscription paused: the bot lacks a permission in the chat");
    const t = catalogFor(sub.language);
    const permission = /^forbidden\(([^)]+)\)/.exec(error)?.[1] ?? "";
    const notice = { text: t.permissionMissing(markupFor(sub.platform), { permission }) };
    const targets = sub.subscribedBy ? [{ platform: sub.platform, chatId: sub.subscribedBy, kind: "private" as const }, addressOf(sub)] : [addressOf(sub)];
    for (const to of targets) {
      const result = await sender.send(to, notice);
      if (result.ok) return;
      log.warn({ subscriberId: sub.id, error: describeSendError(result.error) }, "could not tell about the missing permission");
    }
  }

  /** One message, with retries: backoff on transient errors, `retryAfter` on 429, new id on chat_moved. */
  private async sendOne(
    sender: Sender,
    d: Delivery,
    sub: Subscriber,
    message: OutgoingMessage,
    setAddress: (to: ChatAddress) => void,
    address: () => ChatAddress,
  ): Promise<MessageOutcome> {
    const { store, clock, log } = this.deps;
    let transient = 0;
    let limited = 0;
    let moves = 0;
    for (;;) {
      const result = await sender.send(address(), message);
      if (result.ok) {
        this.deps.observer?.messageSent?.(sub.platform, formatOf(message));
        return result.pollId === undefined ? { type: "sent" } : { type: "sent", pollId: result.pollId };
      }
      const error = describeSendError(result.error);
      store.ledger.recordAttempt(d.id, error, clock.now());
      const e = result.error;
      switch (e.kind) {
        case "rate_limited":
          this.deps.observer?.retried?.(sub.platform, "rate_limited");
          if (++limited > this.retry.maxRateLimited) return { type: "failed", error, unreachable: false };
          log.warn({ deliveryId: d.id, retryAfter: e.retryAfter }, "rate limited by the platform");
          await clock.sleep(Math.max(0, e.retryAfter) * 1000);
          break;
        // A refused paid broadcast is sent again at the free rate by the limiter; here only without one.
        case "paid_refused":
        case "transient":
          this.deps.observer?.retried?.(sub.platform, "transient");
          if (++transient > this.retry.maxTransientRetries) return { type: "failed", error, unreachable: false };
          log.warn({ deliveryId: d.id, attempt: transient, error }, "transient send error, retrying");
          await clock.sleep(Math.min(this.retry.maxBackoffMs, this.retry.backoffMs * 2 ** (transient - 1)));
          break;
        case "chat_moved": {
          this.deps.observer?.retried?.(sub.platform, "chat_moved");
          if (++moves > this.retry.maxChatMoves) return { type: "failed", error, unreachable: false };
          moveChat(store, sub, e.newChatId, clock.now(), log);
          setAddress({ ...address(), chatId: e.newChatId });
          log.info({ subscriberId: sub.id, newChatId: e.newChatId }, "chat moved, resending");
          break;
        }
        case "unreachable":
          return { type: "failed", error, unreachable: true };
        case "forbidden":
          return { type: "failed", error, forbidden: true };
        case "rejected":
          return { type: "rejected", error };
        case "format_refused":
          return { type: "format_refused", error };
        default:
          return e satisfies never;
      }
    }
  }
}

function formatOf(m: OutgoingMessage): LessonFormat {
  return m.rich ? "rich" : m.components ? "components" : "classic";
}
