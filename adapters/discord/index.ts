import { Events } from "discord.js";
import type { Logger } from "pino";
import type { DiscordConfig } from "../../src/config.js";
import type { AdapterContext, LearningCore, PlatformAdapter } from "../../src/learning/index.js";
import { OutageLog } from "../../src/ops/reconnect.js";
import { createClient, gatewayDetail, gatewayUp } from "./client.js";
import { connect, GatewayTrail, logClientEvents } from "./connection.js";
import { COMMANDS, commandJson } from "./commandDefinitions.js";
import { DmChannels } from "./dmChannels.js";
import { watchRemovals } from "./guildEvents.js";
import { InteractionHandler } from "./interactions.js";
import { registerCommands, registrationPlan } from "./registerCommands.js";
import { DiscordSender } from "./sender.js";
import { logShardReady } from "./shardLog.js";

export interface DiscordAdapter extends PlatformAdapter {
  readonly sender: DiscordSender;
}

/** How long `stop` waits for the interactions being answered. */
const STOP_GRACE_MS = 5000;

/**
 * The Discord adapter (discord.js): DMs and study-group channels, slash commands and buttons in,
 * lessons out as Components V2 (classic as the fallback) through the core's ledger.
 * `globalRequestsPerSecond`: the overall REST budget, Discord's 50 unless Discord granted the bot more.
 */
export function createDiscordAdapter(config: DiscordConfig, deps: { log: Logger; globalRequestsPerSecond?: number }): DiscordAdapter {
  const { log } = deps;
  const client = createClient(config, deps.globalRequestsPerSecond ? { globalRequestsPerSecond: deps.globalRequestsPerSecond } : {});
  const dms = new DmChannels(() => client.rest);
  const sender = new DiscordSender({ client, rest: () => client.rest, dms, log });
  const inFlight = new Set<Promise<void>>();
  let core: LearningCore | undefined;
  let ready = false;
  let stopping = false;

  const outage = new OutageLog(log, "Discord");
  logClientEvents(client, log, outage, new GatewayTrail(client));
  logShardReady(client, log);
  watchRemovals(client, () => core, log);

  return {
    platform: "discord",
    sender,
    async start(ctx: AdapterContext): Promise<void> {
      core = ctx.core;
      const handler = new InteractionHandler({ core: ctx.core, courses: ctx.courses, sender, dms, log });
      client.on(Events.InteractionCreate, (i) => {
        if (stopping) return;
        const task = handler.handle(i);
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
      });
      const apiHost = new URL(config.apiRoot ?? "https://discord.com/api").host;
      await connect(client, { token: config.token.reveal(), apiHost, outage, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      ready = true;
      log.info({ user: client.user?.username, guilds: client.guilds.cache.size, shards: client.ws.shards.size }, "connected to Discord");
      try {
        await registerCommands(client.rest, config.applicationId, registrationPlan(COMMANDS.map(commandJson), config.guildId), log);
      } catch (err) {
        // Lessons still go out; commands registered earlier keep working.
        log.error({ err }, "slash commands could not be registered");
      }
    },
    async stop(): Promise<void> {
      stopping = true;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
      // Our own closing is no lost connection; discord.js hangs destroying a client that never reached READY.
      client.removeAllListeners(Events.ShardReconnecting).removeAllListeners(Events.ShardDisconnect);
      if (ready) await client.destroy();
    },
    isConnected: () => ready && !stopping && gatewayUp(client),
    connectionDetail: () => (ready && !stopping ? gatewayDetail(client) : "not connected"),
    uploadCounts: () => ({ uploaded: sender.uploadStats().files, reused: 0 }),
  };
}
