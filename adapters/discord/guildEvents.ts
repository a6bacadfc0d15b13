import { Events, type Client } from "discord.js";
import { GatewayDispatchEvents, type GatewayGuildDeleteDispatchData } from "discord-api-types/v10";
import type { Logger } from "pino";
import type { LearningCore } from "../../src/learning/index.js";

/**
 * The bot removed from a server (GUILD_DELETE without `unavailable`, which is only an outage) or a
 * channel or thread deleted: their subscriptions stop, as the core's unreachable chats. The server's
 * channel ids are read from the raw event, before discord.js empties its cache of them.
 */
export function watchRemovals(client: Client, core: () => LearningCore | undefined, log: Logger): void {
  const gone = (ids: string[], why: string): void => {
    const c = core();
    if (!c || ids.length === 0) return;
    const n = c.chatsGone("discord", ids);
    if (n > 0) log.info({ chats: ids.length, subscriptions: n, why }, "subscriptions stopped: chats gone");
  };
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== GatewayDispatchEvents.GuildDelete) return;
    const data = packet.d as GatewayGuildDeleteDispatchData;
    if (data.unavailable) return;
    const guild = client.guilds.cache.get(data.id);
    gone(guild ? [...guild.channels.cache.keys()] : [], `removed from server ${data.id}`);
  });
  client.on(Events.ChannelDelete, (channel) => gone([channel.id], "channel deleted"));
  client.on(Events.ThreadDelete, (thread) => gone([thread.id], "thread deleted"));
}
