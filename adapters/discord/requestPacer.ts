import { DefaultRestOptions, type RESTOptions } from "discord.js";
import { Alarm } from "../../src/schedule/alarm.js";
import { systemClock, type Clock } from "../../src/schedule/clock.js";
import { SlidingWindow } from "../../src/schedule/slidingWindow.js";

/**
 * Discord's overall budget (50 requests a second) for every REST request, not only the lessons the
 * core paces: opening DM channels and threads count too. One sliding window whose slot is held while
 * a request is in flight and then keeps the time its answer came: request k + max starts at least one
 * window after request k reached Discord, so Discord's own window never counts one too many,
 * whatever the latency (discord.js's fixed window, started when it sends, can be a little early).
 * Requests start first come, first served.
 */
export class RequestPacer {
  private readonly window: SlidingWindow;
  private readonly waiting: (() => void)[] = [];
  private readonly alarm: Alarm;

  constructor(
    readonly max: number,
    readonly perMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.window = new SlidingWindow({ max, perMs });
    this.alarm = new Alarm(clock, () => this.pump());
  }

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
    const slot = this.window.take();
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.window.settle(slot, this.clock.now());
      this.pump();
    };
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const now = this.clock.now();
      const readyAt = this.window.readyAt(now);
      if (readyAt <= now) {
        this.waiting.shift()!();
        continue;
      }
      // Infinity: the oldest slot is still in flight; its answer pumps again.
      this.alarm.set(readyAt);
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
