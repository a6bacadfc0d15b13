/**
 * Which of several processes on one PostgreSQL database delivers: the one holding a session-level
 * advisory lock (LOCK_KEY) on a connection of its own — not the store's, so that a store reconnecting
 * can never drop or duplicate the lock. The others stand by, asking for the lock every `pollMs`.
 *
 * PostgreSQL releases a session lock the moment its backend ends: the active process killed (its
 * socket closed by the kernel) or its backend terminated hands the lock to the next standby that asks.
 * The active process checks its connection every `keepaliveMs`; an error, an end or a check that fails
 * or goes unanswered for CHECK_TIMEOUT_MS is the lock lost (`lost` resolves) and the process must stop
 * delivering at once — another may already hold the lock. A terminated backend is told to the client
 * at once; between the lock's release and the next check two processes may both think they are
 * active for up to `keepaliveMs`, and the ledger's per-message records keep that to the messages in
 * flight. A network that stops answering: the server drops the session (and its lock) after
 * SERVER_GIVES_UP_MS, the client gives up sooner (CHECK_TIMEOUT_MS), so the old process has stopped
 * before a standby can win.
 */
import pg from "pg";
import type { Logger } from "pino";
import { OutageLog, retryDelayMs } from "./reconnect.js";

export type Role = "active" | "standby";

/** The lock's key: "SauPhut" in ASCII as a bigint, the same in every process of one database. */
export const LOCK_KEY = 0x53617550687574n;

/** A standby asks for the lock this often: the takeover after the active process dies takes about this long. */
export const DEFAULT_POLL_MS = 2000;
/** The active process checks its connection this often (also the longest wait for the check). */
export const DEFAULT_KEEPALIVE_MS = 2000;
/** The longest wait between two attempts to reach an unreachable server (a standby must come back fast). */
const MAX_RETRY_MS = 10_000;
/** A query of the election unanswered this long counts as failed (a half-open connection). */
export const CHECK_TIMEOUT_MS = 5000;
/**
 * The server's side of a silent network: TCP keepalives and a user timeout on the session, so a
 * vanished active process's lock is released within about 10 s (not the OS default of two hours).
 * Ignored on a Unix socket, where the kernel tells the server at once; a server too old for one of
 * the settings goes without it.
 */
const SERVER_GIVES_UP_MS = 10_000;
const SESSION_SETTINGS = `SELECT set_config(name, value, false) FROM (VALUES ('tcp_keepalives_idle', '4'), ('tcp_keepalives_interval', '2'), ('tcp_keepalives_count', '3'), ('tcp_user_timeout', '${SERVER_GIVES_UP_MS}')) AS s (name, value) WHERE name IN (SELECT name FROM pg_settings)`;

export interface ElectionOptions {
  /** postgres://… (never printed: only its host and port are). */
  url: string;
  log: Logger;
  pollMs?: number;
  keepaliveMs?: number;
  /** A query unanswered this long has failed (default CHECK_TIMEOUT_MS). */
  checkTimeoutMs?: number;
  key?: bigint;
}

/** What /healthz and /metrics read. */
export interface ElectionStatus {
  readonly role: Role;
  /** Standby: the server answered the last time it was asked. Active: true until the lock is lost. */
  readonly reachable: boolean;
  readonly pollMs: number;
}

export class Election implements ElectionStatus {
  readonly pollMs: number;
  private readonly keepaliveMs: number;
  private readonly checkTimeoutMs: number;
  private readonly key: string;
  private readonly outage: OutageLog;
  private client: pg.Client | undefined;
  private current: Role = "standby";
  private up = false;
  private closed = false;
  private lostReason: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private resolveLost!: (reason: Error) => void;
  /** Resolves with the reason once the lock is lost after it was won; never while standing by, nor after close(). */
  readonly lost: Promise<Error> = new Promise((resolve) => (this.resolveLost = resolve));

  constructor(private readonly opts: ElectionOptions) {
    this.pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
    this.keepaliveMs = opts.keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.checkTimeoutMs = opts.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
    this.key = (opts.key ?? LOCK_KEY).toString();
    this.outage = new OutageLog(opts.log, `the PostgreSQL server at ${serverOf(opts.url)} (to wait for the lock)`);
  }

  get role(): Role {
    return this.current;
  }

  get reachable(): boolean {
    return this.current === "active" ? this.lostReason === undefined : this.up;
  }

  /**
   * Asks for the lock until it is won (true) or `signal` is aborted (false, the connection closed).
   * An unreachable server is retried with a growing wait, told at most once a minute.
   */
  async campaign(signal: AbortSignal): Promise<boolean> {
    let failures = 0;
    let toldStandby = false;
    while (!signal.aborted && !this.closed) {
      try {
        const client = this.client ?? (await this.connect());
        const { rows } = await answered(client.query<{ won: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS won", [this.key]), this.checkTimeoutMs);
        failures = 0;
        this.up = true;
        this.outage.recovered();
        if (rows[0]?.won) {
          if (signal.aborted) break;
          this.activate(client);
          return true;
        }
        if (!toldStandby) this.opts.log.info({ pollS: this.pollMs / 1000 }, "standing by: another process holds the lock");
        toldStandby = true;
        await pause(this.pollMs, signal);
      } catch (err) {
        this.up = false;
        failures++;
        this.drop();
        if (signal.aborted) break;
        const wait = Math.min(MAX_RETRY_MS, retryDelayMs(failures));
        this.outage.failed((err as Error).message, wait);
        await pause(wait, signal);
      }
    }
    await this.close();
    return false;
  }

  /**
   * While active: `onNotice` runs on every NOTIFY on `channel`, heard on the lock's own connection —
   * so the listening lasts exactly as long as the lock (a lost connection ends both, and the process).
   */
  async listen(channel: string, onNotice: () => void): Promise<void> {
    const client = this.client;
    if (this.current !== "active" || !client) throw new Error("only the active process listens");
    client.on("notification", (msg) => {
      if (msg.channel === channel) onNotice();
    });
    await answered(client.query(`LISTEN "${channel.replace(/"/g, '""')}"`), this.checkTimeoutMs);
  }

  /** Ends the connection (the lock, if held, goes with it); `lost` does not resolve for this. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.opts.url,
      application_name: "sau-phut election",
      connectionTimeoutMillis: this.checkTimeoutMs,
      keepAlive: true,
    });
    // Before connect: an error event without a listener would end the process.
    client.on("error", (err) => this.broken(client, err));
    client.on("end", () => this.broken(client, new Error("the connection ended")));
    try {
      await client.connect();
      await answered(client.query(SESSION_SETTINGS), this.checkTimeoutMs);
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    this.client = client;
    return client;
  }

  private activate(client: pg.Client): void {
    this.current = "active";
    this.opts.log.info("active: this process holds the lock");
    let checking = false;
    this.timer = setInterval(() => {
      if (checking) return;
      checking = true;
      answered(client.query("SELECT 1"), this.checkTimeoutMs).then(
        () => (checking = false),
        (err: unknown) => this.broken(client, err as Error),
      );
    }, this.keepaliveMs);
  }

  /** The connection failed: a standby reconnects on its next attempt; the active process has lost the lock. */
  private broken(client: pg.Client, err: Error): void {
    if (this.closed || client !== this.client) return;
    if (this.current === "standby") {
      this.up = false;
      this.drop();
      return;
    }
    if (this.lostReason) return;
    this.lostReason = err;
    clearInterval(this.timer);
    this.drop();
    this.resolveLost(err);
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => {});
  }
}

/** host:port of a postgres:// URL, without the user or password. */
export function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * `query`, failed when unanswered for `ms`. The verdict waits for the event loop's next turn: an
 * answer that arrived while the loop was blocked (a long render or tick) is read first and counts,
 * so a busy process does not take itself for a lost one — whichever phase of the loop the block
 * was in (libuv reads sockets before or after due timers depending on it).
 */
function answered<T>(query: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (!settled) reject(new Error(`the database did not answer within ${ms / 1000} s`));
          settled = true;
        }),
      ms,
    );
    query.then(
      (value) => {
        clearTimeout(timer);
        if (!settled) resolve(value);
        settled = true;
      },
      (err: unknown) => {
        clearTimeout(timer);
        if (!settled) reject(err as Error);
        settled = true;
      },
    );
  });
}

/** Waits `ms`, or less when `signal` is aborted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
