import type { PlatformAdapter } from "../learning/adapter.js";
import type { Store } from "../store/store.js";
import type { ElectionStatus } from "./election.js";

/** One part of the bot and whether it is well, with a word on its state. */
export interface HealthCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** A tick is due every minute: one older than this means the scheduler is stuck. */
const TICK_STALE_MS = 150_000;

/** The database takes writes, each adapter is connected, the minute tick ran lately. */
export function healthChecks(store: Store, adapters: readonly PlatformAdapter[], lastTick: number, now = Date.now()): HealthCheck[] {
  const age = Math.round((now - lastTick) / 1000);
  return [
    databaseCheck(store, now),
    ...adapters.map((a) => {
      const ok = a.isConnected();
      return { name: a.platform, ok, detail: a.connectionDetail?.() ?? (ok ? "connected" : "not connected") };
    }),
    { name: "scheduler", ok: now - lastTick <= TICK_STALE_MS, detail: `last tick ${age} s ago` },
  ];
}

/**
 * With several processes on one database: the active one's checks plus its hold on the lock; a
 * standby's are the database and its wait for the lock only (the platforms and the tick are the
 * active process's, a standby connects to none).
 */
export function electedChecks(election: ElectionStatus, store: Store, adapters: readonly PlatformAdapter[], lastTick: number, now = Date.now()): HealthCheck[] {
  if (election.role === "active") {
    return [...healthChecks(store, adapters, lastTick, now), { name: "role", ok: election.reachable, detail: election.reachable ? "active: holds the lock" : "active: the lock is lost" }];
  }
  const waiting = election.reachable
    ? `standby: waiting for the lock (asked every ${election.pollMs / 1000} s)`
    : "standby: the database does not answer the election; retrying";
  return [databaseCheck(store, now), { name: "role", ok: election.reachable, detail: waiting }];
}

/** The database takes writes (the heartbeat row). */
function databaseCheck(store: Store, now: number): HealthCheck {
  try {
    store.heartbeat(now);
    return { name: "database", ok: true, detail: "writable" };
  } catch (err) {
    return { name: "database", ok: false, detail: `not writable: ${(err as Error).message}` };
  }
}
