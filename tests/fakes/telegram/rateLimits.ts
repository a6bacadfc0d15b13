/**
 * Telegram's send limits as sliding windows: overall, per chat, per group/supergroup/channel.
 * Each send request takes one slot in every window that applies (a media group is one request);
 * a full window answers 429 with the whole seconds until a slot frees.
 *
 * Paid broadcasts: every send counts in the overall window; one that carries allow_paid_broadcast
 * may go past the free `global` rate up to `paidGlobal`, and is paid for when it does (Telegram's
 * "0.1 Star per message above 30/s"; how Telegram counts is not documented, this is our reading).
 */

export interface RateWindow {
  count: number;
  windowMs: number;
}

export interface RateLimits {
  global: RateWindow;
  perChat: RateWindow;
  perGroup: RateWindow;
  /** The overall rate of sends with allow_paid_broadcast (Telegram: up to 1000/s). */
  paidGlobal: RateWindow;
}

/** About 30 messages/s overall, 1/s per chat, 20/min per group or channel; 1000/s paid (PLATFORMS.md). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  global: { count: 30, windowMs: 1000 },
  perChat: { count: 1, windowMs: 1000 },
  perGroup: { count: 20, windowMs: 60_000 },
  paidGlobal: { count: 1000, windowMs: 1000 },
};

/** Arrival times inside one window, oldest first; amortised O(1) per request. */
class SlidingLog {
  private times: number[] = [];
  private head = 0;

  /** Milliseconds until one more request fits (0: it fits now). */
  waitMs(limit: RateWindow, now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - limit.windowMs) this.head++;
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    const inWindow = this.times.length - this.head;
    if (inWindow < limit.count) return 0;
    return this.times[this.head + inWindow - limit.count]! + limit.windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }

  get empty(): boolean {
    return this.head >= this.times.length;
  }
}

export class SendRateLimiter {
  private readonly global = new SlidingLog();
  /** The same arrivals, read against the paid rate (its own log: the windows may differ in length). */
  private readonly paidGlobal = new SlidingLog();
  private readonly chats = new Map<number, SlidingLog>();
  private readonly groups = new Map<number, SlidingLog>();
  private taken = 0;

  constructor(private readonly limits: RateLimits) {}

  /**
   * Takes a slot for a send to `chatId` arriving at `now`; returns 0, or retry_after in whole seconds.
   * `paid`: the send carries allow_paid_broadcast; `pay` is called (and may throw) when it goes past
   * the free rate, before any slot is taken.
   */
  take(chatId: number, isGroup: boolean, now: number, paid?: { pay(): void }): number {
    const chat = this.log(this.chats, chatId);
    const group = isGroup ? this.log(this.groups, chatId) : undefined;
    const pastFree = this.global.waitMs(this.limits.global, now) > 0;
    const overall = paid ? this.paidGlobal.waitMs(this.limits.paidGlobal, now) : this.global.waitMs(this.limits.global, now);
    const wait = Math.max(overall, chat.waitMs(this.limits.perChat, now), group ? group.waitMs(this.limits.perGroup, now) : 0);
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    if (paid && pastFree) paid.pay();
    this.global.add(now);
    this.paidGlobal.add(now);
    chat.add(now);
    group?.add(now);
    if (++this.taken % 10_000 === 0) this.forgetIdle(now);
    return 0;
  }

  private log(map: Map<number, SlidingLog>, chatId: number): SlidingLog {
    let log = map.get(chatId);
    if (!log) map.set(chatId, (log = new SlidingLog()));
    return log;
  }

  /** Drops the logs of chats that sent nothing within their window, so memory follows active chats. */
  private forgetIdle(now: number): void {
    for (const [map, limit] of [[this.chats, this.limits.perChat], [this.groups, this.limits.perGroup]] as const) {
      for (const [id, log] of map) if (log.waitMs(limit, now) === 0 && log.empty) map.delete(id);
    }
  }
}
