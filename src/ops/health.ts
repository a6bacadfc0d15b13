import type { PlatformAdapter } from "../learning/adapter.js";
import type { Store } from "../store/store.js";

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
  let database: HealthCheck;
  try {
    store.heartbeat(now);
    database = { name: "database", ok: true, detail: "writable" };
  } catch (err) {
    database = { name: "database", ok: false, detail: `not writable: ${(err as Error).message}` };
  }
  const age = Math.round((now - lastTick) / 1000);
  return [
    database,
    ...adapters.map((a) => {
      const ok = a.isConnected();
      return { name: a.platform, ok, detail: a.connectionDetail?.() ?? (ok ? "connected" : "not connected") };
    }),
    { name: "scheduler", ok: now - lastTick <= TICK_STALE_MS, detail: `last tick ${age} s ago` },
  ];
}

