/**
 * The Discord connection as the operator sees it: logging in until Discord answers, the gateway's
 * outages told once a minute at most, and a refused token ending the start with one line.
 */
import { once } from "node:events";
import { Client, DiscordAPIError, Events, Routes } from "discord.js";
import type { Logger } from "pino";
import { ConfigError } from "../../src/contract/configError.js";
import { retryUntilConnected, type OutageLog } from "../../src/ops/reconnect.js";
import { othersUp } from "./client.js";

/** What fixes a token Discord refuses. */
const TOKEN_FIX = "reset the token on the Bot page of the Developer Portal and set DISCORD_BOT_TOKEN to the new one";

/**
 * Where the gateway is and why the last attempt to reach it failed, read from discord.js's debug
 * stream (that stream is never logged: it names the token's first part).
 */
export class GatewayTrail {
  private url: string | undefined;
  private failure = "connection lost";

  constructor(client: Client) {
    client.on(Events.Debug, (message) => {
      const connecting = /Connecting to (\S+)/.exec(message)?.[1];
      if (connecting) this.url = connecting.split("?")[0];
      if (/Failed to connect .*network error/i.test(message)) this.failure = "network error (cannot connect)";
      const closed = /closed with an unexpected code (\d+)/.exec(message)?.[1];
      if (closed && closed !== "1006") this.failure = `closed with code ${closed}`;
    });
    client.on(Events.ShardReady, () => (this.failure = "connection lost"));
  }

  /** "gateway ws://host:port: network error (cannot connect)". */
  cause(): string {
    return `gateway ${this.url ?? "(address not known yet)"}: ${this.failure}`;
  }
}

/**
 * Forwards what discord.js says about its connection: reconnections to the outage log (discord.js
 * retries the gateway by itself every half second, without end), the rest to the log.
 */
export function logClientEvents(client: Client, log: Logger, outage: OutageLog, trail: GatewayTrail): void {
  client.on(Events.Warn, (message) => log.warn({ source: "discord.js" }, message));
  client.on(Events.Error, (err) => log.error({ err }, "discord.js error"));
  // With several shards the outage names the shard, and is over once every shard is back.
  const which = (shard: number): string => (client.ws.shards.size > 1 ? ` (shard ${shard} of ${client.ws.shards.size})` : "");
  client.on(Events.ShardReconnecting, (shard) => outage.failed(`${trail.cause()}${which(shard)}`));
  client.on(Events.ShardReady, (shard) => {
    if (othersUp(client, shard)) outage.recovered();
  });
  client.on(Events.ShardResume, (shard, replayed) => {
    if (othersUp(client, shard)) outage.recovered();
    log.info({ shard, replayed }, "gateway session resumed");
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    const fix = event.code === 4004 ? `: Discord refused the token; ${TOKEN_FIX}` : "";
    log.error({ shard, code: event.code }, `gateway closed for good${fix}`);
  });
  client.rest.on("rateLimited", (data) => log.debug({ route: data.route, global: data.global, retryAfterMs: data.retryAfter }, "REST rate limit"));
}

/**
 * Logs in and resolves once the gateway is READY, however long Discord takes to be reachable. The
 * API is asked first (GET /gateway/bot), again and again with the capped backoff until it answers:
 * discord.js cannot log in again after a failed login (its gateway manager stays destroyed, and would
 * never reconnect), so `login` is called once, when the API works. A gateway that cannot be reached is
 * retried by discord.js itself (see logClientEvents). A refused token — 401 from the API, 4004 from
 * the gateway — or a gateway closed for good rejects with a ConfigError.
 */
export async function connect(client: Client, opts: { token: string; apiHost: string; outage: OutageLog; signal?: AbortSignal }): Promise<void> {
  const { signal } = opts;
  client.rest.setToken(opts.token);
  await retryUntilConnected({
    attempt: () => client.rest.get(Routes.gatewayBot()),
    causeOf: (err) => {
      if (err instanceof DiscordAPIError && err.status === 401) throw new ConfigError([`DISCORD_BOT_TOKEN: Discord refused the token (401 Unauthorized); ${TOKEN_FIX}`]);
      return `API at ${opts.apiHost}: ${(err as Error).message}`;
    },
    outage: opts.outage,
    ...(signal ? { signal } : {}),
  });
  await loginOnce(client, opts.token, signal);
}

async function loginOnce(client: Client, token: string, signal: AbortSignal | undefined): Promise<void> {
  let closedWith: number | undefined;
  const onDisconnect = (event: { code: number }): void => {
    closedWith = event.code;
  };
  client.on(Events.ShardDisconnect, onDisconnect);
  const ready = once(client, Events.ClientReady, signal ? { signal } : {});
  ready.catch(() => undefined);
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    if (signal?.aborted) throw err;
    if ((err as { code?: unknown }).code === "TokenInvalid") {
      throw new ConfigError([`DISCORD_BOT_TOKEN: Discord refused the token (401 Unauthorized); ${TOKEN_FIX}`]);
    }
    if (closedWith === 4004) throw new ConfigError([`DISCORD_BOT_TOKEN: the Discord gateway refused the token (close code 4004); ${TOKEN_FIX}`]);
    if (closedWith !== undefined) {
      throw new ConfigError([`DISCORD_BOT_TOKEN: the Discord gateway closed the connection for good (code ${closedWith}: ${(err as Error).message})`]);
    }
    // The API stopped answering between our request and discord.js's own: this client cannot log in again.
    throw new Error(`Discord login failed just after the API answered (${(err as Error).message}); start the bot again`);
  } finally {
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}
