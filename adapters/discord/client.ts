import { Client, GatewayIntentBits, Status, type ClientOptions, type RateLimitData } from "discord.js";
import type { DiscordConfig } from "../../src/config.js";
import { pacedRequests, RequestPacer } from "./requestPacer.js";

/** Waits shorter than this stay inside discord.js's queue: the timing margins of two windows counting the same sends. */
const SURFACED_WAIT_MS = 1000;

/**
 * A channel's posting limit that makes a message wait a second or more is the core's to wait for (its
 * limiter and the ledger's retry): discord.js reports it as a RateLimitError instead of holding the
 * send. Global waits stay in discord.js's queue (they concern every request, not one chat).
 */
export function surfacesRateLimit(data: RateLimitData): boolean {
  return !data.global && data.route === "/channels/:id/messages" && data.retryAfter >= SURFACED_WAIT_MS;
}

/** Discord's overall limit for a bot's REST requests. */
export const DISCORD_GLOBAL_PER_SECOND = 50;

/**
 * A discord.js client with the Guilds intent only: slash commands and buttons need no message
 * content and no privileged intent. It holds every gateway shard (see shardOptions), and every REST
 * request of every shard waits for the one RequestPacer (Discord's 50 a second per token unless the
 * benchmark raises it); discord.js's own fixed-window count is set out of the way (it still obeys a
 * global 429 Discord might send).
 */
export function createClient(config: Pick<DiscordConfig, "apiRoot" | "shards">, opts: { globalRequestsPerSecond?: number } = {}): Client {
  const pacer = new RequestPacer(opts.globalRequestsPerSecond ?? DISCORD_GLOBAL_PER_SECOND, 1000);
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    ...shardOptions(config.shards ?? "auto"),
    rest: {
      ...(config.apiRoot ? { api: config.apiRoot } : {}),
      rejectOnRateLimit: surfacesRateLimit,
      makeRequest: pacedRequests(pacer),
      globalRequestsPerSecond: 1_000_000,
    },
  });
}

/**
 * All shards in this one process. "auto": as many as `GET /gateway/bot` recommends; a count: that
 * many. @discordjs/ws identifies them within `session_start_limit.max_concurrency` (one IDENTIFY per
 * bucket `shard_id % max_concurrency` every 5 s) and Discord sends each guild's events on its shard,
 * DMs on shard 0, so no routing is ours: interactions from every shard reach the one handler.
 */
export function shardOptions(shards: number | "auto"): Pick<ClientOptions, "shards" | "shardCount"> {
  return shards === "auto" ? { shards: "auto" } : { shardCount: shards };
}

/** Logged in and every shard's gateway connection is up. */
export function gatewayUp(client: Client): boolean {
  return client.isReady() && shardsDown(client).length === 0;
}

/** Every shard but `shard` has its gateway connection up: told as `shard` itself comes back. */
export function othersUp(client: Client, shard: number): boolean {
  return shardsDown(client).every((d) => d.id === shard);
}

/** The shards whose gateway connection is not up, with discord.js's word for their state. */
function shardsDown(client: Client): { id: number; state: string }[] {
  return [...client.ws.shards.values()].filter((s) => s.status !== Status.Ready).map((s) => ({ id: s.id, state: Status[s.status] ?? String(s.status) }));
}

/**
 * /healthz's word on the gateway, per shard: "connected, 3 shards" or "not connected: shard 1
 * (Resuming) of 3 down"; before the login, "not connected".
 */
export function gatewayDetail(client: Client): string {
  const count = client.ws.shards.size;
  if (count === 0) return "not connected";
  const down = shardsDown(client);
  if (down.length === 0 && client.isReady()) return `connected, ${count} shard${count === 1 ? "" : "s"}`;
  if (down.length === 0) return `not connected: ${count} shard${count === 1 ? "" : "s"} up, not yet ready`;
  return `not connected: shard${down.length === 1 ? "" : "s"} ${down.map((d) => `${d.id} (${d.state})`).join(", ")} of ${count} down`;
}
