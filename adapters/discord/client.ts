import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Status, type RateLimitData } from "discord.js";
import type { Logger } from "pino";
import type { DiscordConfig } from "../../src/config.js";

/** How long start-up waits for the gateway's READY before giving up with a clear error. */
const READY_TIMEOUT_MS = 30_000;

/**
 * Per-channel limits on posting messages are the core's to wait for (its limiter and the ledger's
 * retry), so discord.js reports them as a RateLimitError instead of queueing silently. The global
 * budget stays with discord.js's queue: it also covers DMs opened, threads and interaction follow-ups.
 */
export function surfacesRateLimit(data: RateLimitData): boolean {
  return !data.global && data.route === "/channels/:id/messages";
}

/**
 * A discord.js client with the Guilds intent only: slash commands and buttons need no message
 * content and no privileged intent. `rest.globalRequestsPerSecond` is Discord's 50 unless a test
 * or the benchmark raises it.
 */
export function createClient(config: Pick<DiscordConfig, "apiRoot">, opts: { globalRequestsPerSecond?: number } = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(config.apiRoot ? { api: config.apiRoot } : {}),
      rejectOnRateLimit: surfacesRateLimit,
      ...(opts.globalRequestsPerSecond ? { globalRequestsPerSecond: opts.globalRequestsPerSecond } : {}),
    },
  });
}

/** Forwards what discord.js says about its connection to the log (never its debug stream, which names the token's first part). */
export function logClientEvents(client: Client, log: Logger): void {
  client.on(Events.Warn, (message) => log.warn({ source: "discord.js" }, message));
  client.on(Events.Error, (err) => log.error({ err }, "discord.js error"));
  client.on(Events.ShardReconnecting, (shard) => log.warn({ shard }, "gateway connection lost, reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "gateway session resumed"));
  client.on(Events.ShardDisconnect, (event, shard) => log.error({ shard, code: event.code }, "gateway closed for good"));
  client.rest.on("rateLimited", (data) => log.debug({ route: data.route, global: data.global, retryAfterMs: data.retryAfter }, "REST rate limit"));
}

/** Logs in and resolves once the gateway is READY (guilds received); rejects after the timeout. */
export async function connect(client: Client, token: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(timeoutMs) });
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    if ((err as Error).name === "AbortError") throw new Error(`Discord gateway: no READY within ${timeoutMs / 1000} s`);
    throw err;
  }
}

/** Logged in and every shard's gateway connection is up. */
export function gatewayUp(client: Client): boolean {
  return client.isReady() && [...client.ws.shards.values()].every((s) => s.status === Status.Ready);
}
