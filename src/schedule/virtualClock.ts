import type { Clock } from "./clock.js";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A discrete-event clock for tests and the benchmark: `sleep` registers a timer, and time only moves
 * when `advance`/`runUntilIdle` fire timers in order. Between two timers every pending promise chain
 * runs (one macrotask turn), so code that waits only through this clock behaves as in real time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.push({ at: this.current + Math.max(0, ms), seq: this.seq++, resolve });
    });
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Sets the time (never backwards) without firing timers; for tests that jump days. */
  set(ms: number): void {
    if (ms < this.current) throw new Error("VirtualClock cannot go backwards");
    this.current = ms;
  }

  /** Fires every timer due up to `now + ms` in order, letting promise chains run between them. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await this.runUntilIdle(ms);
    this.current = Math.max(this.current, until);
  }

  /** Lets pending promise chains run, then fires the earliest timer (if any). False when none was left. */
  async step(): Promise<boolean> {
    await flush();
    const next = this.timers[0];
    if (!next) return false;
    this.pop();
    this.current = Math.max(this.current, next.at);
    next.resolve();
    await flush();
    return true;
  }

  /** Fires timers until none is left (or `limitMs` of virtual time passed), then returns. */
  async runUntilIdle(limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const until = this.current + limitMs;
    await flush();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.pop();
      this.current = Math.max(this.current, next.at);
      next.resolve();
      await flush();
    }
  }

  // A binary min-heap on (at, seq): timers with equal times fire in the order they were set.
  private push(timer: Timer): void {
    const heap = this.timers;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.timers;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lets every queued promise continuation run: one macrotask turn. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
