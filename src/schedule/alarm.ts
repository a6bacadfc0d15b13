import type { Clock } from "./clock.js";

/**
 * One pending wake-up on a Clock, for code that waits until a time it computes (a sliding window's
 * next free slot). `set(at)` calls `fire` at `at` unless a wake-up as early is already pending; a later
 * one is dropped, since whatever runs on the earlier wake-up computes the next time again.
 *
 *   const alarm = new Alarm(clock, () => this.pump());
 *   alarm.set(window.readyAt(clock.now()));  // Infinity: nothing to wait for
 */
export class Alarm {
  private pendingAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  set(at: number): void {
    if (!Number.isFinite(at) || at >= this.pendingAt) return;
    this.pendingAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.pendingAt === at) this.pendingAt = Number.POSITIVE_INFINITY;
      this.fire();
    });
  }
}
