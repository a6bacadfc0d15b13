/**
 * Reaching a platform that does not answer: attempts with a capped backoff, and a log that says so
 * without flooding — the first failure at once, then at most one line a minute, and one line when
 * the platform is back. Used at start-up (before the bot is connected) and while it runs (a long
 * poll or a gateway connection lost).
 */
import type { Logger } from "pino";
import { systemClock, type Clock } from "../schedule/clock.js";

/** The longest wait between two attempts: a platform that comes back is reached within a minute. */
export const MAX_RETRY_DELAY_MS = 60_000;
/** How often a continuing outage is logged again. */
export const OUTAGE_LOG_EVERY_MS = 60_000;

/** The wait after failed attempt `n` (1-based): 1 s, 2 s, 4 s … then a minute each time. */
export function retryDelayMs(n: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.max(0, n - 1));
}

/**
 * One platform's reachability as the log tells it. `failed` per failed attempt: a warn line for the
 * first, then one a minute at most (with the attempts since the last line); `recovered` once it works.
 */
export class OutageLog {
  private failures = 0;
  private sinceLastLine = 0;
  private lastLineAt: number | undefined;
  private startedAt = 0;

  /** `target`: what cannot be reached, with its host ("the Telegram Bot API at api.telegram.org"). */
  constructor(
    private readonly log: Logger,
    private readonly target: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** An outage is going on: the last attempt failed and none has worked since. */
  get down(): boolean {
    return this.failures > 0;
  }

  /** `cause`: why, in a few words, never holding a secret ("connect ECONNREFUSED 127.0.0.1:9"). */
  failed(cause: string, retryInMs?: number): void {
    const now = this.clock.now();
    if (this.failures === 0) this.startedAt = now;
    this.failures++;
    this.sinceLastLine++;
    if (this.lastLineAt !== undefined && now - this.lastLineAt < OUTAGE_LOG_EVERY_MS) return;
    const retry = retryInMs === undefined ? {} : { retryInS: Math.round(retryInMs / 1000) };
    this.log.warn({ cause, attempts: this.sinceLastLine, failingForS: Math.round((now - this.startedAt) / 1000), ...retry }, `cannot reach ${this.target}: ${cause}; retrying`);
    this.lastLineAt = now;
    this.sinceLastLine = 0;
  }

  recovered(): void {
    if (this.failures === 0) return;
    this.log.info({ attempts: this.failures, downForS: Math.round((this.clock.now() - this.startedAt) / 1000) }, `${this.target} answers again`);
    this.failures = 0;
    this.sinceLastLine = 0;
    this.lastLineAt = undefined;
  }
}

/** Resolves after `ms` on `clock`, or rejects with the signal's reason once it aborts. */
export function waitUnlessAborted(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return clock.sleep(ms);
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void clock.sleep(ms).then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/**
 * Runs `attempt` until it succeeds, each failure told to `outage`. `causeOf` turns a failure into the
 * few words the log shows, or throws (a ConfigError: a refused token is not worth another try) to end
 * the retries. Whoever knows the connection is whole calls `outage.recovered()`.
 */
export async function retryUntilConnected<T>(opts: {
  attempt: () => Promise<T>;
  causeOf: (err: unknown) => string;
  outage: OutageLog;
  clock?: Clock;
  signal?: AbortSignal;
}): Promise<T> {
  const clock = opts.clock ?? systemClock;
  for (let n = 1; ; n++) {
    opts.signal?.throwIfAborted();
    try {
      return await opts.attempt();
    } catch (err) {
      opts.signal?.throwIfAborted();
      const delay = retryDelayMs(n);
      opts.outage.failed(opts.causeOf(err), delay);
      await waitUnlessAborted(clock, delay, opts.signal);
    }
  }
}
