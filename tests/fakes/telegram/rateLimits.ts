/**
 * Telegram's send limits as sliding windows: overall, per chat, per group/supergroup/channel.
 * Each send request takes one slot in every window that applies (a media group is one request);
 * a full window answers 429 with the whole seconds until a slot frees.
 */

export interface RateWindow {
  count: number;
  windowMs: number;
}

export interface RateLimits {
  global: RateWindow;
  perChat: RateWindow;
  perGroup: RateWindow;
}

/** About 30 messages/s overall, 1/s per chat, 20/min per group or channel (PLATFORMS.md). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  global: { count: 30, windowMs: 1000 },
  perChat: { count: 1, windowMs: 1000 },
  perGroup: { count: 20, windowMs: 60_000 },
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
  private readonly chats = new Map<number, SlidingLog>();
  private readonly groups = new Map<number, SlidingLog>();
  private taken = 0;

  constructor(private readonly limits: RateLimits) {}

  /** Takes a slot for a send to `chatId` arriving at `now`; returns 0, or retry_after in whole seconds. */
  take(chatId: number, isGroup: boolean, now: number): number {
    const chat = this.log(this.chats, chatId);
    const group = isGroup ? this.log(this.groups, chatId) : undefined;
    const wait = Math.max(this.global.waitMs(this.limits.global, now), chat.waitMs(this.limits.perChat, now), group ? group.waitMs(this.limits.perGroup, now) : 0);
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    this.global.add(now);
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
