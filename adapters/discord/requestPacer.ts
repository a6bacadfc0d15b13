import { performance } from "node:perf_hooks";
import { DefaultRestOptions, type RESTOptions } from "discord.js";

/**
 * Discord's overall budget (50 requests a second) for every REST request, not only the lessons the
 * core paces: opening DM channels and threads count too. A sliding window whose slot is held while a
 * request is in flight and then keeps the time its answer came: request k + max starts at least one
 * window after request k reached Discord, so Discord's own window never counts one too many,
 * whatever the latency (discord.js's fixed window, started when it sends, can be a little early).
 */
export class RequestPacer {
  /** When the last `max` requests were answered (Infinity while one is in flight), as a ring. */
  private readonly stamps: number[] = [];
  private head = 0;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly max: number,
    readonly perMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when one more request may start; call the returned function once it is answered. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(this.take()));
      this.pump();
    });
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private take(): () => void {
    let slot: number;
    if (this.stamps.length < this.max) {
      slot = this.stamps.length;
      this.stamps.push(Number.POSITIVE_INFINITY);
    } else {
      slot = this.head;
      this.stamps[slot] = Number.POSITIVE_INFINITY;
      this.head = (this.head + 1) % this.max;
    }
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.stamps[slot] = this.now();
      this.pump();
    };
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const now = this.now();
      const readyAt = this.stamps.length < this.max ? now : this.stamps[this.head]! + this.perMs;
      if (readyAt <= now) {
        this.waiting.shift()!();
        continue;
      }
      // Infinity: the oldest slot is still in flight; its answer pumps again.
      if (Number.isFinite(readyAt) && this.timer === undefined) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(readyAt - now));
      }
      return;
    }
  }
}

/** Interaction callbacks and follow-ups (webhook-token routes) are outside the bot's global limit. */
function exempt(url: string): boolean {
  return url.includes("/interactions/") || url.includes("/webhooks/");
}

/** discord.js's request function, each bot request first waiting for the pacer. */
export function pacedRequests(pacer: RequestPacer, send: RESTOptions["makeRequest"] = DefaultRestOptions.makeRequest): RESTOptions["makeRequest"] {
  return async (url, init) => {
    if (exempt(url)) return send(url, init);
    const done = await pacer.acquire();
    try {
      return await send(url, init);
    } finally {
      done();
    }
  };
}
