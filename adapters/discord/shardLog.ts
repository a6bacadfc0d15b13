import { Events, type Client } from "discord.js";
import type { Logger } from "pino";

/**
 * One line per shard as it gets ready, with the servers it carries: with max_concurrency 1 the shards
 * identify 5 s apart, so an operator watching a start of many shards sees it progress. It fires again
 * when a shard starts a new session (not on a RESUME, which is logged as "gateway session resumed").
 */
export function logShardReady(client: Client, log: Logger): void {
  client.on(Events.ShardReady, (shard, unavailable) => {
    const guilds = client.guilds.cache.filter((g) => g.shardId === shard).size;
    log.info({ shard, shards: client.ws.shards.size, guilds, unavailable: unavailable?.size ?? 0 }, "gateway shard ready");
  });
}
