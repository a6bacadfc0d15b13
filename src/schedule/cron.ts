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
  // node-cron's own warnings (a missed minute when the loop was busy) go to our log, not to stdout.
  const cronLog = log.child({ module: "node-cron" });
  const logger = {
    info: (msg: string) => cronLog.info(msg),
    warn: (msg: string) => cronLog.warn(msg),
    error: (msg: string | Error, err?: Error) => cronLog.error({ err: err ?? msg }, String(msg)),
    debug: (msg: string | Error) => cronLog.debug(String(msg)),
  };
  const task = cron.schedule("* * * * *", run, { name: "sau-phut-tick", noOverlap: true, logger });
  return async () => {
    await task.stop();
    await task.destroy();
  };
}
