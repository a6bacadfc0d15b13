import { Client, GatewayIntentBits, Status, type RateLimitData } from "discord.js";
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
 * content and no privileged intent. Every REST request waits for the RequestPacer (Discord's 50 a
 * second unless the benchmark raises it); discord.js's own fixed-window count is set out of the way
 * (it still obeys a global 429 Discord might send).
 */
export function createClient(config: Pick<DiscordConfig, "apiRoot">, opts: { globalRequestsPerSecond?: number } = {}): Client {
  const pacer = new RequestPacer(opts.globalRequestsPerSecond ?? DISCORD_GLOBAL_PER_SECOND, 1000);
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(config.apiRoot ? { api: config.apiRoot } : {}),
      rejectOnRateLimit: surfacesRateLimit,
      makeRequest: pacedRequests(pacer),
      globalRequestsPerSecond: 1_000_000,
    },
  });
}

/** Logged in and every shard's gateway connection is up. */
export function gatewayUp(client: Client): boolean {
  return client.isReady() && [...client.ws.shards.values()].every((s) => s.status === Status.Ready);
}
