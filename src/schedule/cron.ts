import cron from "node-cron";
import type { Logger } from "pino";

/**
 * Runs `tick` now and then at the start of every minute (node-cron, no overlap). Returns a stop
 * function. Missed minutes are not replayed: the tick itself catches up from next_due_at.
 */
export function everyMinute(tick: () => unknown, log: Logger): () => Promise<void> {
  const run = (): void => {
    try {
      tick();
    } catch (err) {
      log.error({ err }, "scheduler tick failed");
    }
  };
  run();
  const task = cron.schedule("* * * * *", run, { name: "sau-phut-tick", noOverlap: true });
  return async () => {
    await task.stop();
    await task.destroy();
  };
}
