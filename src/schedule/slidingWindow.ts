/** At most `max` events in any `perMs` window (a sliding window, as platforms count). */
export interface Window {
  max: number;
  perMs: number;
}

/**
 * The last `max` events of one window in a ring buffer, on the times of a `Clock`. An event in flight
 * holds its slot with an infinite time until it settles; then the slot keeps the time it settled. The
 * platform saw the event at some moment before that, so "one window after the settle" is always at
 * least one window after its arrival, whatever the network latency: the platform never counts too many.
 *
 *   const w = new SlidingWindow({ max: 5, perMs: 5000 });
 *   if (w.readyAt(clock.now()) <= clock.now()) {
 *     const slot = w.take();
 *     await send();
 *     w.settle(slot, clock.now());
 *   }
 */
export class SlidingWindow {
  private readonly stamps: number[] = [];
  private head = 0;
  private readonly spanMs: number;

  /** `marginMs` is added to the window, for platforms that count a little generously. */
  constructor(
    readonly limit: Window,
    marginMs = 0,
  ) {
    this.spanMs = limit.perMs + marginMs;
  }

  /** Earliest time ≥ now at which one more event fits (Infinity while the oldest is in flight). */
  readyAt(now: number): number {
    if (this.stamps.length < this.limit.max) return now;
    return Math.max(now, this.stamps[this.head]! + this.spanMs);
  }

  /** Takes a slot for an event about to start; returns the slot to settle when it is over. */
  take(): number {
    if (this.stamps.length < this.limit.max) {
      this.stamps.push(Number.POSITIVE_INFINITY);
      return this.stamps.length - 1;
    }
    const slot = this.head;
    this.stamps[slot] = Number.POSITIVE_INFINITY;
    this.head = (this.head + 1) % this.limit.max;
    return slot;
  }

  /** The event of `slot` is over at `now` (a second settle of the same slot is ignored). */
  settle(slot: number, now: number): void {
    if (this.stamps[slot] === Number.POSITIVE_INFINITY) this.stamps[slot] = now;
  }

  /** True once no event is in flight or inside the window any more (the window can be forgotten). */
  idle(now: number): boolean {
    let newest = Number.NEGATIVE_INFINITY;
    for (const t of this.stamps) newest = Math.max(newest, t);
    return newest + this.spanMs <= now;
  }
}
