/** Read-only REST routes: the gateway URL, the bot and its application, users, guilds and members. */
import type { Core } from "./core.js";
import { DiscordRefusal, type Route } from "./http.js";
import { apiChannel, apiGuildCreate, apiMember, apiRole, apiUser, type GuildRecord } from "./world.js";

/** GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED: what an unverified bot under 100 servers shows. */
export const APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19);

/** What `GET /gateway/bot` recommends: the shard count and the session start concurrency. */
export interface GatewayAdvice {
  shards: number;
  maxConcurrency: number;
}

export function metaRoutes(core: Core, gatewayUrl: () => string, advice: GatewayAdvice): Route[] {
  const world = core.world;
  const guildOf = (id: string | undefined): GuildRecord => {
    const guild = world.guilds.get(id ?? "");
    if (!guild) throw new DiscordRefusal(404, 10004, "Unknown Guild");
    if (!guild.botIsMember) throw new DiscordRefusal(403, 50001, "Missing Access");
    return guild;
  };
  const application = () => ({
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: "",
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: APPLICATION_FLAGS,
    bot: apiUser(world.bot),
    approximate_guild_count: [...world.guilds.values()].filter((g) => g.botIsMember).length,
  });
  return [
    {
      method: "GET",
      pattern: "/gateway/bot",
      auth: true,
      bucket: "gateway",
      handle: () => ({ status: 200, body: { url: gatewayUrl(), shards: advice.shards, session_start_limit: { total: 1000, remaining: 1000 - core.identifies.length, reset_after: 86_400_000, max_concurrency: advice.maxConcurrency } } }),
    },
    { method: "GET", pattern: "/gateway", auth: false, bucket: "gateway", handle: () => ({ status: 200, body: { url: gatewayUrl() } }) },
    { method: "GET", pattern: "/users/@me", auth: true, bucket: "users", handle: () => ({ status: 200, body: { ...apiUser(world.bot), verified: true, mfa_enabled: false, flags: 0 } }) },
    {
      method: "GET",
      pattern: "/users/:user",
      auth: true,
      bucket: "users",
      handle: (req) => {
        const user = world.users.get(req.params.user!);
        if (!user) throw new DiscordRefusal(404, 10013, "Unknown User");
        return { status: 200, body: apiUser(user) };
      },
    },
    { method: "GET", pattern: "/applications/@me", auth: true, bucket: "application", handle: () => ({ status: 200, body: application() }) },
    { method: "GET", pattern: "/oauth2/applications/@me", auth: true, bucket: "application", handle: () => ({ status: 200, body: application() }) },
    {
      method: "GET",
      pattern: "/guilds/:guild",
      auth: true,
      bucket: "guild",
      handle: (req) => {
        const { members: _m, channels: _c, threads: _t, presences: _p, voice_states: _v, ...guild } = apiGuildCreate(world, guildOf(req.params.guild));
        return { status: 200, body: guild };
      },
    },
    { method: "GET", pattern: "/guilds/:guild/channels", auth: true, bucket: "guild", handle: (req) => ({ status: 200, body: world.guildChannels(guildOf(req.params.guild)).map((c) => apiChannel(world, c)) }) },
    { method: "GET", pattern: "/guilds/:guild/roles", auth: true, bucket: "guild", handle: (req) => ({ status: 200, body: [...guildOf(req.params.guild).roles.values()].map(apiRole) }) },
    {
      method: "GET",
      pattern: "/guilds/:guild/members/:user",
      auth: true,
      bucket: "guild-member",
      handle: (req) => {
        const member = guildOf(req.params.guild).members.get(req.params.user!);
        if (!member) throw new DiscordRefusal(404, 10007, "Unknown Member");
        return { status: 200, body: apiMember(world, member) };
      },
    },
  ];
}
