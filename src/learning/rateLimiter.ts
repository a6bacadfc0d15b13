import { Alarm } from "../schedule/alarm.js";
import type { Clock } from "../schedule/clock.js";
import { SlidingWindow, type Window } from "../schedule/slidingWindow.js";
import type { ChatAddress } from "../contract/chat.js";

export type { Window };

export interface RateLimits {
  /** Across all chats of one bot. */
  global: Window;
  /** Per chat (private or not). */
  perChat: Window;
  /** Additionally per group or channel; absent where the platform has no such limit. */
  perGroup?: Window;
  /** Added to every window, for platforms that count a little generously (default 0). */
  marginMs?: number;
  /**
   * Paid broadcasts (Telegram): the part of `global` that costs nothing, counted over every message
   * sent. Set, a message past it is paid for and goes only while the limiter's budget is open;
   * closed, this is the overall limit. Absent: `global` alone, all free.
   */
  free?: Window;
}

/** What messages past the free rate are paid from: a day's cap, the platform's balance. */
export interface PaidBudget {
  /** Messages may go past the free rate now (paid broadcasts on, the day's cap not reached, the balance not found empty). */
  open(now: number): boolean;
  /** One message is about to go past the free rate. */
  spend(now: number): void;
}

/** Defaults: Telegram's Bot FAQ (about 30 messages/s overall, 1/s per chat, 20/min per group); Discord's 50 requests/s per bot and 5 messages per 5 s per channel. */
export const defaultRateLimits = {
  telegram: { global: { max: 30, perMs: 1000 }, perChat: { max: 1, perMs: 1000 }, perGroup: { max: 20, perMs: 60_000 } },
  discord: { global: { max: 50, perMs: 1000 }, perChat: { max: 5, perMs: 5000 } },
  console: undefined,
} as const satisfies Record<string, RateLimits | undefined>;

/** Call when the send has returned (successfully or not). */
export type Release = () => void;

/** Permission to send one message. */
export interface Grant {
  release: Release;
  /** Send it as a paid broadcast: granted while the paid budget was open (see RateLimits.free). */
  paidBroadcast: boolean;
}

interface Waiter {
  chatKey: string;
  group: boolean;
  resolve: (grant: Grant) => void;
}

/**
 * Grants permission to send, one message at a time, within the global, per-chat and per-group limits.
 * Waiters are served first come, first served, except that a waiter whose chat is at its own limit
 * steps aside: a big group's lesson waits for its group's window without holding up private chats.
 * Each delivery asks again for its next message, so concurrent deliveries interleave fairly.
 * With a free rate and a paid budget (paid broadcasts), every message counts against the free window;
 * one that finds it full goes at the `global` rate, paid, while the budget is open, else waits for it.
 */
export class RateLimiter {
  private readonly queue: Waiter[] = [];
  private readonly global: SlidingWindow;
  private readonly free: SlidingWindow | undefined;
  private readonly chats = new Map<string, SlidingWindow>();
  private readonly groups = new Map<string, SlidingWindow>();
  private readonly alarm: Alarm;
  private grants = 0;
  private readonly marginMs: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
    private readonly budget?: PaidBudget,
  ) {
    this.marginMs = limits.marginMs ?? 0;
    this.global = new SlidingWindow(limits.global, this.marginMs);
    this.free = limits.free ? new SlidingWindow(limits.free, this.marginMs) : undefined;
    this.alarm = new Alarm(clock, () => this.pump());
  }

  /** Resolves when `to` may be sent one message; call the grant's release once the send returned. */
  acquire(to: ChatAddress): Promise<Grant> {
    return new Promise((resolve) => {
      this.queue.push({ chatKey: to.chatId, group: to.kind !== "private", resolve });
      this.pump();
    });
  }

  /** Waiters not yet granted. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    const now = this.clock.now();
    let wake = Number.POSITIVE_INFINITY;
    const queue = this.queue;
    // Compacts the queue in place: granted waiters drop out, the others keep their order.
    let kept = 0;
    let i = 0;
    for (; i < queue.length; i++) {
      const w = queue[i]!;
      const chat = windowFor(this.chats, w.chatKey, this.limits.perChat, this.marginMs);
      const group =
        w.group && this.limits.perGroup ? windowFor(this.groups, w.chatKey, this.limits.perGroup, this.marginMs) : undefined;
      const chatReady = Math.max(chat.readyAt(now), group ? group.readyAt(now) : now);
      if (chatReady > now) {
        wake = Math.min(wake, chatReady);
        queue[kept++] = w;
        continue;
      }
      const globalReady = this.global.readyAt(now);
      if (globalReady > now) {
        wake = Math.min(wake, globalReady);
        break;
      }
      const open = this.free !== undefined && this.budget !== undefined && this.budget.open(now);
      const freeReady = this.free ? this.free.readyAt(now) : now;
      if (freeReady > now && !open) {
        wake = Math.min(wake, freeReady);
        break;
      }
      const slots: [SlidingWindow, number][] = [
        [chat, chat.take()],
        [this.global, this.global.take()],
      ];
      if (this.free) slots.push([this.free, this.free.take()]);
      if (group) slots.push([group, group.take()]);
      if (freeReady > now) this.budget?.spend(now);
      this.grants++;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const at = this.clock.now();
        for (const [window, slot] of slots) window.settle(slot, at);
        this.pump();
      };
      w.resolve({ release, paidBroadcast: open });
    }
    if (kept !== i) {
      for (let j = i; j < queue.length; j++) queue[kept++] = queue[j]!;
      queue.length = kept;
    }
    if (this.grants >= 10_000) this.forgetIdle(now);
    if (this.queue.length > 0) this.alarm.set(wake);
  }

  private forgetIdle(now: number): void {
    this.grants = 0;
    for (const map of [this.chats, this.groups]) {
      for (const [key, w] of map) if (w.idle(now)) map.delete(key);
    }
  }
}

function windowFor(map: Map<string, SlidingWindow>, key: string, limit: Window, marginMs: number): SlidingWindow {
  let w = map.get(key);
  if (!w) {
    w = new SlidingWindow(limit, marginMs);
    map.set(key, w);
  }
  return w;
}
