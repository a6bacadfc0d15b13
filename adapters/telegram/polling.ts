import type { Bot } from "grammy";
import { retryDelayMs, waitUnlessAborted, type OutageLog } from "../../src/ops/reconnect.js";
import { systemClock } from "../../src/schedule/clock.js";
import { connectionCause, tokenRefusal } from "./errors.js";

/**
 * Long polling lost (the network down, the API away): each failed getUpdates goes to the outage log
 * and waits the capped backoff before the runner asks again (the runner's own backoff doubles without
 * a cap, to hours); the first poll that works ends the outage. A refused token is left to the runner,
 * which stops on it.
 */
export function watchLongPolling(bot: Bot, outage: OutageLog, token: string): void {
  let failures = 0;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      failures = 0;
      outage.recovered();
      return result;
    } catch (err) {
      if (signal?.aborted || tokenRefusal(err)) throw err;
      failures++;
      const delay = retryDelayMs(failures);
      outage.failed(connectionCause(err, token), delay);
      await waitUnlessAborted(systemClock, delay, signal as AbortSignal | undefined).catch(() => undefined);
      throw err;
    }
  });
}

/** Runner options that leave the waiting to watchLongPolling: a short constant pause, and no giving up. */
export const RUNNER_RETRY = { retryInterval: 100, maxRetryTime: Number.POSITIVE_INFINITY } as const;
