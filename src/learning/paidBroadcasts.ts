import type { Logger } from "pino";
import type { Platform } from "../contract/lessons.js";
import type { Clock } from "../schedule/clock.js";
import type { PaidBroadcastRepository } from "../store/paidBroadcasts.js";
import type { PaidBroadcastBudget } from "./limitedSender.js";

/** Stars a message past the free rate costs, in tenths: Telegram takes 0.1 Star. */
const TENTHS_PER_MESSAGE = 1;

export interface PaidBroadcastSettings {
  /** The platform that sells them (Telegram). */
  platform: Platform;
  /** At most this many Stars a UTC day (TELEGRAM_PAID_BROADCAST_MAX_STARS); absent: no cap. */
  maxStars?: number;
}

/** Why messages went back to the free rate for the rest of the day. */
export type PaidFallback = "cap" | "balance";

/** Today's paid broadcasts, for /stats. */
export interface PaidToday {
  /** YYYY-MM-DD, UTC. */
  day: string;
  /** Messages sent past the free rate. */
  messages: number;
  /** What they cost, e.g. "12.3". */
  stars: string;
  maxStars?: number;
  fallback?: PaidFallback;
}

/** "2026-06-30": the UTC day of `ms`, the unit of the Star cap. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Messages past the free rate → Stars, e.g. 997 → "99.7" (0.1 Star each, counted in tenths). */
export function starsOf(messages: number): string {
  const tenths = messages * TENTHS_PER_MESSAGE;
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/**
 * The budget of paid broadcasts: every message the limiter sends past the free rate is counted in the
 * store, per UTC day, so the cap holds across restarts. Past the day's cap, or once the platform
 * refuses payment (an empty balance), messages stay within the free rate until the next UTC day (or a
 * restart, after topping the balance up); each fallback is logged once.
 */
export class PaidBroadcasts implements PaidBroadcastBudget {
  readonly platform: Platform;
  private readonly capMessages: number | undefined;
  private day = "";
  /** When `day` ends (UTC midnight), to tell a new day without formatting dates. */
  private dayEndsAt = 0;
  private messages = 0;
  private fallback: PaidFallback | undefined;

  constructor(
    private readonly deps: { repo: PaidBroadcastRepository; clock: Clock; log: Logger; settings: PaidBroadcastSettings },
  ) {
    this.platform = deps.settings.platform;
    const max = deps.settings.maxStars;
    this.capMessages = max === undefined ? undefined : Math.floor((max * 10) / TENTHS_PER_MESSAGE + 1e-9);
  }

  open(now: number): boolean {
    this.roll(now);
    return this.fallback === undefined;
  }

  spend(now: number): void {
    this.roll(now);
    this.messages++;
    this.deps.repo.add(this.platform, this.day, 1, now);
    if (this.capMessages !== undefined && this.messages >= this.capMessages) this.fallBack("cap");
  }

  refused(now: number, detail: string | undefined): void {
    this.roll(now);
    if (this.fallback === undefined) this.fallBack("balance", detail);
  }

  today(now: number = this.deps.clock.now()): PaidToday {
    this.roll(now);
    const max = this.deps.settings.maxStars;
    return {
      day: this.day,
      messages: this.messages,
      stars: starsOf(this.messages),
      ...(max !== undefined ? { maxStars: max } : {}),
      ...(this.fallback ? { fallback: this.fallback } : {}),
    };
  }

  /** A new UTC day: the count starts from what the store holds for it, and paid broadcasts open again. */
  private roll(now: number): void {
    if (now < this.dayEndsAt && this.day !== "") return;
    const day = utcDay(now);
    this.dayEndsAt = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    if (day === this.day) return;
    const resumed = this.day !== "" && this.fallback !== undefined;
    this.day = day;
    this.messages = this.deps.repo.messages(this.platform, day);
    this.fallback = undefined;
    if (this.capMessages !== undefined && this.messages >= this.capMessages) this.fallBack("cap");
    else if (resumed) this.deps.log.info({ day }, "paid broadcasts: a new day (UTC), messages go past the free rate again");
  }

  private fallBack(reason: PaidFallback, detail?: string): void {
    this.fallback = reason;
    const { log, settings } = this.deps;
    const stars = starsOf(this.messages);
    if (reason === "cap") {
      log.warn(
        { day: this.day, messages: this.messages, stars, maxStars: settings.maxStars },
        `paid broadcasts: today's cap of ${settings.maxStars} Stars is reached (${stars} Stars, ${this.messages} messages past the free rate); deliveries go on at the free rate until 00:00 UTC`,
      );
    } else {
      log.warn(
        { day: this.day, messages: this.messages, stars, error: detail },
        "paid broadcasts: the platform refused payment (the bot's Star balance is empty); deliveries go on at the free rate until 00:00 UTC or a restart",
      );
    }
  }
}

/**
 * A day's messages past the free rate, estimated from the lessons due each minute: a minute's lessons
 * leave together at the paid rate, so all but the first `freeMax` messages of each go past the free
 * rate (slower lessons, several messages to one chat, pay a little less).
 */
export function estimatePaidMessages(lessonsByMinute: readonly number[], messagesPerLesson: number, freeMax: number): { messages: number; paid: number } {
  let messages = 0;
  let paid = 0;
  for (const lessons of lessonsByMinute) {
    const n = Math.round(lessons * messagesPerLesson);
    messages += n;
    paid += Math.max(0, n - freeMax);
  }
  return { messages, paid };
}
