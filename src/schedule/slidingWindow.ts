/** At most `max` events in any `perMs` window (a sliding window, as platforms count). */
export interface Window {
  max: number;
  perMs: number;
}

/**
 * The events of one window on the times of a `Clock`: those in flight, and the times the others
 * settled (were answered), kept for one window. An event counts from the moment it starts until one
 * window after it settled. The platform saw it at some moment in between, so whatever the network
 * latency, the platform never counts more than this window does.
 *
 *   const w = new SlidingWindow({ max: 5, perMs: 5000 });
 *   if (w.readyAt(clock.now()) <= clock.now()) {
 *     const ticket = w.take();
 *     await send();
 *     w.settle(ticket, clock.now());
 *   }
 *
 * Taken while not ready, the window counts past its limit (a paid broadcast's free window: every
 * message counts, and it tells whether one more would be past the free rate).
 */
export class SlidingWindow {
  private readonly inFlight = new Set<number>();
  /** Settle times, in the order they came (so in time order); those older than a window are dropped. */
  private settled: number[] = [];
  private head = 0;
  private taken = 0;
  private readonly spanMs: number;

  /** `marginMs` is added to the window, for platforms that count a little generously. */
  constructor(
    readonly limit: Window,
    marginMs = 0,
  ) {
    this.spanMs = limit.perMs + marginMs;
  }

  /** Earliest time ≥ now at which one more event fits (Infinity while `max` are in flight). */
  readyAt(now: number): number {
    this.expire(now);
    const excess = this.inFlight.size + (this.settled.length - this.head) - this.limit.max;
    if (excess < 0) return now;
    if (this.inFlight.size >= this.limit.max) return Number.POSITIVE_INFINITY;
    // Room comes once `excess + 1` of the settled events have left the window, oldest first.
    return this.settled[this.head + excess]! + this.spanMs;
  }

  /** Takes a slot for an event about to start; returns the ticket to settle when it is over. */
  take(): number {
    const ticket = this.taken++;
    this.inFlight.add(ticket);
    return ticket;
  }

  /** The event of `ticket` is over at `now` (a second settle of the same ticket is ignored). */
  settle(ticket: number, now: number): void {
    if (this.inFlight.delete(ticket)) this.settled.push(now);
  }

  /** True once no event is in flight or inside the window any more (the window can be forgotten). */
  idle(now: number): boolean {
    this.expire(now);
    return this.inFlight.size === 0 && this.head === this.settled.length;
  }

  private expire(now: number): void {
    while (this.head < this.settled.length && this.settled[this.head]! + this.spanMs <= now) this.head++;
    if (this.head > 1024 && this.head * 2 > this.settled.length) {
      this.settled = this.settled.slice(this.head);
      this.head = 0;
    }
  }
}
