import { DiscordAPIError, REST } from "@discordjs/rest";
import { Routes, type RESTGetAPIGatewayBotResult, type RESTGetCurrentApplicationResult } from "discord-api-types/v10";
import type { DiscordConfig } from "../../src/config.js";

/**
 * `doctor`: the token opens the application named by DISCORD_APPLICATION_ID, and the gateway is
 * reachable (GET /gateway/bot, which also says how many shards the bot will open and how fast).
 */
export async function probeDiscord(config: DiscordConfig): Promise<{ ok: boolean; detail: string }> {
  const rest = new REST({ ...(config.apiRoot ? { api: config.apiRoot } : {}), retries: 0, timeout: 10_000 }).setToken(config.token.reveal());
  try {
    const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
    if (app.id !== config.applicationId) {
      return { ok: false, detail: `the token belongs to application ${app.id}, not DISCORD_APPLICATION_ID ${config.applicationId}` };
    }
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    const scope = config.guildId ? `commands in server ${config.guildId}` : "global commands";
    const shards = config.shards === undefined || config.shards === "auto" ? `${gateway.shards} shard(s)` : `${config.shards} shard(s) by DISCORD_SHARDS (Discord recommends ${gateway.shards})`;
    return { ok: true, detail: `application ${app.name} (${app.id}), gateway ${gateway.url}, ${shards}, ${gateway.session_start_limit.max_concurrency} identify(s) per 5 s, ${scope}, lessons ${config.format}` };
  } catch (err) {
    if (err instanceof DiscordAPIError) return { ok: false, detail: `Discord refused: ${err.status} ${err.message}` };
    return { ok: false, detail: `cannot reach Discord at ${config.apiRoot ?? "discord.com/api"}: ${(err as Error).message}` };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
