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
 *     const ticket = w.take();
 *     await send();
 *     w.settle(ticket, clock.now());
 *   }
 */
export class SlidingWindow {
  private readonly stamps: number[] = [];
  private head = 0;
  /** Events taken so far: event n holds slot n % max until event n + max takes it. */
  private taken = 0;
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

  /**
   * Takes a slot for an event about to start; returns the ticket to settle when it is over. Taken while
   * not ready, the slot of the oldest event goes to this one: the window then counts events past its
   * limit (a paid broadcast's free window), as the last `max` of them.
   */
  take(): number {
    const ticket = this.taken++;
    if (this.stamps.length < this.limit.max) {
      this.stamps.push(Number.POSITIVE_INFINITY);
      return ticket;
    }
    this.stamps[this.head] = Number.POSITIVE_INFINITY;
    this.head = (this.head + 1) % this.limit.max;
    return ticket;
  }

  /** The event of `ticket` is over at `now` (a second settle, or one of an event whose slot went to a later one, is ignored). */
  settle(ticket: number, now: number): void {
    if (ticket < this.taken - this.limit.max) return;
    const slot = ticket % this.limit.max;
    if (this.stamps[slot] === Number.POSITIVE_INFINITY) this.stamps[slot] = now;
  }

  /** True once no event is in flight or inside the window any more (the window can be forgotten). */
  idle(now: number): boolean {
    let newest = Number.NEGATIVE_INFINITY;
    for (const t of this.stamps) newest = Math.max(newest, t);
    return newest + this.spanMs <= now;
  }
}
