import type { Learning } from "../learning/assemble.js";
import type { Logger } from "../log.js";
import { everyMinute } from "../schedule/cron.js";
import type { Store } from "../store/store.js";

/** The minute tick, and a WAL checkpoint after it (off the commit path). Returns the stop. */
export function startTicks(learning: Learning, store: Store, log: Logger, onTick?: (ms: number) => void): () => Promise<void> {
  return everyMinute(() => {
    const started = performance.now();
    learning.scheduler.tick();
    onTick?.(performance.now() - started);
    setImmediate(() => {
      try {
        store.checkpoint();
      } catch (err) {
        log.error({ err }, "checkpoint failed");
      }
    });
  }, log);
}
