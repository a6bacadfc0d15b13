/**
 * Time, injected. Everything that reads the time or waits goes through a Clock, so tests and the
 * benchmark can move time freely (see VirtualClock) and never sleep for real.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
