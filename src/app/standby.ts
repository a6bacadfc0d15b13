/**
 * The bot as one of several processes on one PostgreSQL database (DATABASE_URL): it stands by, warm
 * (database open, /healthz and /metrics served, the course rendered), until it holds the election's
 * lock; then it connects its platforms and delivers. A lock lost while active ends the process at
 * once with exit code 1: another process may already be delivering, and a supervisor restarts this
 * one as a standby. Without DATABASE_URL there is no election: the only process is active.
 */
import type { Config } from "../config.js";
import type { DeliveryService } from "../learning/delivery.js";
import { DELIVERIES_CHANNEL, type Store } from "../store/store.js";
import type { Logger } from "../log.js";
import { Election, type Role } from "../ops/election.js";

/** The election when several processes may share the database, else undefined. */
export function electionFor(config: Config, log: Logger): Election | undefined {
  return config.databaseUrl ? new Election({ url: config.databaseUrl.reveal(), log: log.child({ module: "election" }) }) : undefined;
}

/** The process's role as /healthz and /metrics report it. */
export function roleOf(election: Election | undefined): () => Role {
  return () => election?.role ?? "active";
}

/**
 * Waits until this process holds the lock (true), or until `signal` is aborted first (false: a standby
 * told to stop). From the win on, losing the lock logs one error line and exits with code 1.
 */
export async function waitForLock(election: Election | undefined, signal: AbortSignal, log: Logger): Promise<boolean> {
  if (!election) return true;
  log.info("waiting for the database lock: the process holding it delivers");
  if (!(await election.campaign(signal))) return false;
  void election.lost.then((reason) => {
    log.error({ cause: reason.message }, "lost the database lock: another process may be delivering now; exiting");
    process.exit(1);
  });
  return true;
}

/**
 * A standby's ledger deliveries go to the active process: each row it writes (a lesson for /next, a
 * question, an announcement) is NOTIFYed on DELIVERIES_CHANNEL after its commit, and the active
 * process sends it. A failed NOTIFY only delays the row to the active process's next minute tick.
 */
export function handOffDeliveries(delivery: DeliveryService, store: Store, log: Logger): void {
  delivery.handOffTo({
    notify: () => {
      try {
        store.notify(DELIVERIES_CHANNEL);
      } catch (err) {
        log.warn({ error: (err as Error).message }, "could not tell the active process about a pending delivery; its minute tick will send it");
      }
    },
  });
}

/** How long the active process gathers notices before it reads the ledger (a burst of rows, one read). */
const NOTICE_GATHER_MS = 20;

/**
 * The active process, its platforms connected: starts the standbys' rows as their notices come (heard
 * on the election's connection, so for exactly as long as it holds the lock). `resumePending` never
 * starts a row already running or queued here.
 */
export async function deliverForStandbys(election: Election | undefined, delivery: DeliveryService): Promise<void> {
  if (!election) return;
  let soon: NodeJS.Timeout | undefined;
  await election.listen(DELIVERIES_CHANNEL, () => {
    soon ??= setTimeout(() => {
      soon = undefined;
      delivery.resumePending();
    }, NOTICE_GATHER_MS);
  });
}
