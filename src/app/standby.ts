/**
 * The bot as one of several processes on one PostgreSQL database (DATABASE_URL): it stands by, warm
 * (database open, /healthz and /metrics served, the course rendered), until it holds the election's
 * lock; then it connects its platforms and delivers. A lock lost while active ends the process at
 * once with exit code 1: another process may already be delivering, and a supervisor restarts this
 * one as a standby. Without DATABASE_URL there is no election: the only process is active.
 */
import type { Config } from "../config.js";
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
