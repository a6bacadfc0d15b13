/**
 * A fake Discord for end-to-end tests and benchmarks: a REST server and a gateway on 127.0.0.1 that
 * the REAL discord.js v14 client talks to, enforcing Discord's limits and answering its errors.
 *
 *   const discord = await FakeDiscord.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.restUrl } });
 *   await client.login(discord.token);
 *
 * Set up the world (guild/channel additions after login reach the bot as GUILD_CREATE/CHANNEL_CREATE):
 *   addGuild({ name?, locale?, everyonePermissions?, botPermissions?, shard?, shardCount? }) → GuildRecord (+ `general` channel unless `channels: 0`);
 *                         `shard`: an id on that shard of `shardCount` shards (default: the recommended count)
 *   addChannel(guildId, { name?, type?, overwrites? })   text (default), announcement or forum channel
 *   addThread(parentId, { name?, type? })                a thread (the bot sees THREAD_CREATE)
 *   addUser({ username?, locale? }) → UserRecord         a person (default locale vi)
 *   addMember(guildId, userId, { permissions?, roleIds? })  membership; `permissions` makes a role
 *   addRole(guildId, { name, permissions })
 *   removeGuild(guildId)    the bot is kicked: GUILD_DELETE; its channels then answer 50001
 *   deleteChannel(channelId)  CHANNEL_DELETE (THREAD_DELETE for threads); then 10003 Unknown Channel
 *
 * Act as users (each returns the InteractionRecord; a command must be registered, a button shown):
 *   slashCommand({ name, userId, channelId | dm: true, options?, subcommand?, locale? })
 *   autocomplete({ name, userId, channelId | dm, focused, partial, options? })
 *   pressButton({ userId, messageId, customId })
 *   chooseOption({ userId, messageId, customId, values })   a string select menu
 *   dispatch(event, data)   any raw gateway dispatch
 *
 * Read what happened:
 *   sent          every accepted message body: channel, via (channel, channel-edit, thread-starter,
 *                 interaction-reply, interaction-update, interaction-edit, follow-up), payload,
 *                 files (name, bytes, size, type), flags, componentsV2, ephemeral, resulting message
 *   messagesIn(channelId)  what a reader sees now (deleted, ephemeral and loading ones left out)
 *   message(id), dmChannelOf(userId), commands(guildId?), commandWrites(guildId?)
 *   requests      every HTTP request: method, path, route, status, code, durationMs
 *   delayed       requests held by setDelay, recorded as they arrive (one is in flight until answered or cut)
 *   rejections    every 4xx with its code, message and 50035 errors tree or 429 body
 *   interactions  dispatched ones: kind, ackType, ackLatencyMs (dispatch → first callback), callbacks
 *   identifies (intents, shard, refused), resumes (shard, replayed), tooManyRequests (429s given), gateway (sessions, heartbeats)
 *   liveShards    shard ids with a live session; shardOf(guildId, count?) where a guild's events go
 *   waitFor(check, timeoutMs?, what?)  resolves with check()'s first truthy value
 *
 * Inject failures:
 *   denyChannel(channelId, 50001 | 50013) / allowChannel(channelId)   403 Missing Access / Permissions
 *   blockDMs(userId) / allowDMs(userId)   403 50007 Cannot send messages to this user
 *   failNextRequests(n, { status?, match? })   5xx for the next n (matching) requests
 *   rejectPayloads(match, { times?, path?, code?, message? }) → undo   400 50035 for matching bodies
 *   setDelay(ms | (req) => ms)   delay before answering each request
 *   setInteractionTimeouts({ ackDeadlineMs?, tokenTtlMs? })   shorten 3 s / 15 min; resetRateLimits()
 *   setGlobalLimit(perSecond)   a stricter overall budget from now on (429 bursts)
 *   stopRest() / startRest()   port closed; requests in flight are cut
 *   stopGateway(code?) / startGateway()   sockets closed with a resumable code (4000)
 *   gateway.refuseConnections = true   every connection cut on open (counted in gateway.connections)
 *   gateway.refuseAuthentication = true   IDENTIFY and RESUME closed with 4004 (REST still accepts the token)
 *   restart()   both, on the same ports; dropGatewayConnections(code?), requestReconnect(), invalidateSessions(resumable?)
 *   dropShard(id, { hold? })   that shard's sessions closed with 4000; `hold`: its RESUME unanswered until releaseShard(id)
 *   close()     stop everything (call in teardown)
 *
 * Limits (see rateLimits.ts): 50 requests/s global, 5 messages per 5 s per channel, headers on
 * every answer; the validator in tests/validators/discordComponents.ts on every message body.
 *
 * Sharding (see shards.ts): `GET /gateway/bot` recommends `shards` (default 1) with `maxConcurrency`
 * (default 1); each IDENTIFY's `[id, count]` is checked (4010 when invalid), IDENTIFYs beyond
 * max_concurrency per 5 s get op 9; a guild's events go only to its shard's session, DMs to shard 0.
 */
import { randomBytes } from "node:crypto";
import { ChannelType, MessageFlags, type APIApplicationCommand, type APIMessage, type APIOverwrite } from "discord-api-types/v10";
import { channelRoutes } from "./channelRoutes.js";
import { CommandStore, commandRoutes } from "./commands.js";
import { Core, type CoreOptions } from "./core.js";
import { FakeGateway } from "./gateway.js";
import { RestServer, type RestRequest } from "./http.js";
import { interactionRoutes } from "./interactionRoutes.js";
import { autocomplete, chooseOption, pressButton, slashCommand, type AutocompleteInput, type ButtonPressInput, type SelectInput, type SlashCommandInput } from "./interactions.js";
import { metaRoutes } from "./metaRoutes.js";
import { RateLimiter, type RateLimitOptions } from "./rateLimits.js";
import type { DelayedRequest, IdentifyRecord, InteractionRecord, RecordedRequest, Rejection, ResumeRecord, SentMessage } from "./records.js";
import { shardOf } from "./shards.js";
import { apiChannel, apiGuildCreate, THREAD_TYPES, World, type ChannelRecord, type GuildRecord, type MemberRecord, type RoleRecord, type UserRecord } from "./world.js";

export interface FakeDiscordOptions extends Partial<CoreOptions> {
  /** The bot's user name. Default "Sáu Phút". */
  botName?: string;
  rateLimits?: RateLimitOptions;
  /** Gateway heartbeat interval sent in HELLO. Default 41250 ms, as Discord. */
  heartbeatIntervalMs?: number;
  /** Privileged intents this bot may ask for (GatewayIntentBits). Default none. */
  privilegedIntents?: number;
  restPort?: number;
  gatewayPort?: number;
  /** The shard count `GET /gateway/bot` recommends. Default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`: IDENTIFYs allowed per 5 s. Default 1, as most bots have. */
  maxConcurrency?: number;
}

type GuildChannelType = ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildForum;
type ThreadType = ChannelType.PublicThread | ChannelType.PrivateThread;

export class FakeDiscord {
  readonly world: World;
  readonly gateway: FakeGateway;
  /** The shard count `GET /gateway/bot` recommends. */
  readonly recommendedShards: number;
  private readonly core: Core;
  private readonly commandStore = new CommandStore();
  private readonly rest: RestServer;

  private constructor(opts: FakeDiscordOptions) {
    this.world = new World(opts.botName ?? "Sáu Phút");
    this.core = new Core(this.world, new RateLimiter(opts.rateLimits), {
      token: opts.token ?? botToken(this.world.applicationId),
      ackDeadlineMs: opts.ackDeadlineMs ?? 3000,
      tokenTtlMs: opts.tokenTtlMs ?? 15 * 60_000,
      maxFileBytes: opts.maxFileBytes ?? 10 * 1024 * 1024,
      keepFileBytes: opts.keepFileBytes ?? true,
    });
    this.recommendedShards = opts.shards ?? 1;
    const maxConcurrency = opts.maxConcurrency ?? 1;
    this.gateway = new FakeGateway(this.core, { heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250, privilegedIntents: opts.privilegedIntents ?? 0, maxConcurrency });
    const core = this.core;
    const routes = [...metaRoutes(core, () => this.gateway.url, { shards: this.recommendedShards, maxConcurrency }), ...commandRoutes(core, this.commandStore), ...channelRoutes(core), ...interactionRoutes(core)];
    this.rest = new RestServer(routes, {
      token: core.options.token,
      delayMs: (req) => {
        const delayMs = core.failures.delay(req);
        if (delayMs > 0) {
          core.delayed.push({ method: req.method, path: req.path, at: Date.now(), delayMs });
          core.changed();
        }
        return delayMs;
      },
      serverError: (req) => {
        const f = core.failures.serverErrors;
        if (f.remaining <= 0 || !f.matches(req)) return 0;
        f.remaining--;
        return f.status;
      },
      rateLimit: (route, major) => core.limiter.take(route.bucket, major, !route.auth),
      onRequest: (r) => {
        core.requests.push(r);
        core.changed();
      },
      onRejection: (r) => core.rejections.push(r),
    });
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await fake.gateway.listen(opts.gatewayPort ?? 0);
    await fake.rest.listen(opts.restPort ?? 0);
    return fake;
  }

  get token(): string {
    return this.core.options.token;
  }
  /** For discord.js: `rest: { api: restUrl }` (no version; discord.js adds `/v10`). */
  get restUrl(): string {
    return this.rest.url;
  }
  get gatewayUrl(): string {
    return this.gateway.url;
  }
  get applicationId(): string {
    return this.world.applicationId;
  }
  get bot(): UserRecord {
    return this.world.bot;
  }

  // ── world ──────────────────────────────────────────────────────────────────────────────────

  addGuild(opts: Omit<NonNullable<Parameters<World["addGuild"]>[0]>, "id"> & { channels?: number; shard?: number; shardCount?: number } = {}): GuildRecord {
    const { shard, shardCount = this.recommendedShards } = opts;
    if (shard !== undefined && !(Number.isInteger(shard) && shard >= 0 && shard < shardCount)) throw new Error(`fake Discord: no shard ${shard} of ${shardCount}`);
    const guild = this.world.addGuild({ ...opts, ...(shard === undefined ? {} : { id: this.world.ids.nextOnShard(shard, shardCount) }) });
    for (let i = 0; i < (opts.channels ?? 1); i++) this.world.addChannel({ type: ChannelType.GuildText, name: i === 0 ? "general" : `lessons-${i}`, guildId: guild.id });
    this.core.dispatch("GUILD_CREATE", apiGuildCreate(this.world, guild));
    return guild;
  }

  addChannel(guildId: string, opts: { name?: string; type?: GuildChannelType; overwrites?: APIOverwrite[] } = {}): ChannelRecord {
    const channel = this.world.addChannel({ type: opts.type ?? ChannelType.GuildText, name: opts.name ?? "lessons", guildId, overwrites: opts.overwrites });
    this.core.dispatch("CHANNEL_CREATE", apiChannel(this.world, channel));
    return channel;
  }

  addThread(parentId: string, opts: { name?: string; type?: ThreadType } = {}): ChannelRecord {
    const parent = this.world.channels.get(parentId);
    if (!parent?.guildId) throw new Error(`fake Discord: no guild channel ${parentId}`);
    const thread = this.world.addChannel({ type: opts.type ?? ChannelType.PublicThread, name: opts.name ?? "thread", guildId: parent.guildId, parentId, ownerId: this.world.bot.id });
    this.core.dispatch("THREAD_CREATE", { ...apiChannel(this.world, thread), newly_created: true });
    return thread;
  }

  addUser(opts: Parameters<World["addUser"]>[0] = {}): UserRecord {
    return this.world.addUser(opts);
  }

  addRole(guildId: string, opts: { name: string; permissions: bigint }): RoleRecord {
    return this.world.addRole(this.guild(guildId), opts);
  }

  addMember(guildId: string, userId: string, opts: { roleIds?: string[]; permissions?: bigint } = {}): MemberRecord {
    const guild = this.guild(guildId);
    const roleIds = [...(opts.roleIds ?? [])];
    if (opts.permissions !== undefined) roleIds.push(this.world.addRole(guild, { name: `role-${guild.roles.size}`, permissions: opts.permissions }).id);
    return this.world.addMember(guild, userId, roleIds);
  }

  removeGuild(guildId: string): void {
    const guild = this.guild(guildId);
    guild.botIsMember = false;
    this.core.dispatch("GUILD_DELETE", { id: guild.id });
    this.core.changed();
  }

  deleteChannel(channelId: string): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: no channel ${channelId}`);
    channel.deleted = true;
    const event = THREAD_TYPES.has(channel.type) ? "THREAD_DELETE" : "CHANNEL_DELETE";
    this.core.dispatch(event, THREAD_TYPES.has(channel.type) ? { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type } : apiChannel(this.world, channel));
    this.core.changed();
  }

  private guild(id: string): GuildRecord {
    const guild = this.world.guilds.get(id);
    if (!guild) throw new Error(`fake Discord: no guild ${id}`);
    return guild;
  }

  // ── users acting ───────────────────────────────────────────────────────────────────────────

  slashCommand(input: SlashCommandInput): InteractionRecord {
    return slashCommand(this.core, this.commandStore, input);
  }
  autocomplete(input: AutocompleteInput): InteractionRecord {
    return autocomplete(this.core, this.commandStore, input);
  }
  pressButton(input: ButtonPressInput): InteractionRecord {
    return pressButton(this.core, input);
  }
  chooseOption(input: SelectInput): InteractionRecord {
    return chooseOption(this.core, input);
  }
  dispatch(event: string, data: unknown): void {
    this.core.dispatch(event, data);
  }

  // ── recordings ─────────────────────────────────────────────────────────────────────────────

  get sent(): readonly SentMessage[] {
    return this.core.sent;
  }
  get requests(): readonly RecordedRequest[] {
    return this.core.requests;
  }
  /** Requests the injected delay held, as they arrived (a test waits on these to act while one is in flight). */
  get delayed(): readonly DelayedRequest[] {
    return this.core.delayed;
  }
  get rejections(): readonly Rejection[] {
    return this.core.rejections;
  }
  get interactions(): readonly InteractionRecord[] {
    return [...this.core.interactions.values()];
  }
  get identifies(): readonly IdentifyRecord[] {
    return this.core.identifies;
  }
  get resumes(): readonly ResumeRecord[] {
    return this.core.resumes;
  }
  /** Shard ids with a live session, ascending. */
  get liveShards(): number[] {
    return this.gateway.liveShards;
  }
  /** The shard that gets a guild's events, among `count` shards (default: the recommended count). */
  shardOf(guildId: string, count = this.recommendedShards): number {
    return shardOf(guildId, count);
  }
  /** 429 answers given so far. */
  get tooManyRequests(): number {
    return this.core.limiter.tooManyCount;
  }

  commands(guildId?: string): APIApplicationCommand[] {
    return this.commandStore.list(guildId ?? "global");
  }
  /** How many times the bot wrote the command list of this scope (global without a guild id). */
  commandWrites(guildId?: string): number {
    return this.commandStore.writes.get(guildId ?? "global") ?? 0;
  }

  /** Messages a reader of the channel sees now, oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    const seen: APIMessage[] = [];
    for (const m of this.world.messages.values()) {
      if (m.message.channel_id === channelId && !m.deleted && !m.ephemeral && !((m.message.flags ?? 0) & MessageFlags.Loading)) seen.push(m.message);
    }
    return seen;
  }

  message(id: string): APIMessage | undefined {
    return this.world.messages.get(id)?.message;
  }

  dmChannelOf(userId: string): string | undefined {
    return this.world.dmChannels.get(userId);
  }

  /**
   * Resolves with `check()`'s first truthy value. It is checked on every change in the fake and
   * every 10 ms too, since the bot's own state (discord.js caches) changes without the fake knowing.
   */
  async waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 2000, what = "a condition"): Promise<T> {
    const first = check();
    if (first) return first;
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        off();
      };
      const attempt = () => {
        const value = check();
        if (!value) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake Discord: waited ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      const poll = setInterval(attempt, 10);
      const off = this.core.onChange(attempt);
    });
  }

  // ── failures ───────────────────────────────────────────────────────────────────────────────

  denyChannel(channelId: string, code: 50001 | 50013): void {
    this.core.failures.deniedChannels.set(channelId, code);
  }
  allowChannel(channelId: string): void {
    this.core.failures.deniedChannels.delete(channelId);
  }
  blockDMs(userId: string): void {
    this.world.dmBlocked.add(userId);
  }
  allowDMs(userId: string): void {
    this.world.dmBlocked.delete(userId);
  }
  failNextRequests(n: number, opts: { status?: number; match?: (req: RestRequest) => boolean } = {}): void {
    this.core.failures.serverErrors = { remaining: n, status: opts.status ?? 500, matches: opts.match ?? (() => true) };
  }
  /** Refuses message bodies matching `match` with 50035; returns a function that stops it. */
  rejectPayloads(match: (payload: Record<string, unknown>, channelId: string) => boolean, opts: { times?: number; path?: string; code?: string; message?: string } = {}): () => void {
    const rule = { matches: match, remaining: opts.times ?? Infinity, path: opts.path ?? "components", code: opts.code ?? "BASE_TYPE_INVALID", message: opts.message ?? "Refused by the test." };
    this.core.failures.payloadRejections.push(rule);
    return () => {
      rule.remaining = 0;
    };
  }
  setDelay(delay: number | ((req: RestRequest) => number)): void {
    this.core.failures.delay = typeof delay === "number" ? () => delay : delay;
  }
  /** Shortens Discord's 3 s first-answer deadline or 15 min token lifetime, for quick tests. */
  setInteractionTimeouts(t: { ackDeadlineMs?: number; tokenTtlMs?: number }): void {
    if (t.ackDeadlineMs !== undefined) this.core.options.ackDeadlineMs = t.ackDeadlineMs;
    if (t.tokenTtlMs !== undefined) this.core.options.tokenTtlMs = t.tokenTtlMs;
  }
  resetRateLimits(): void {
    this.core.limiter.reset();
  }
  /** Changes the overall requests-per-second budget from now on (a stricter Discord than the bot expects). */
  setGlobalLimit(perSecond: number): void {
    this.core.limiter.globalPerSecond = perSecond;
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────

  async stopRest(): Promise<void> {
    await this.rest.close();
  }
  async startRest(): Promise<void> {
    if (!this.rest.listening) await this.rest.listen();
  }
  async stopGateway(code = 4000): Promise<void> {
    await this.gateway.close(code);
  }
  async startGateway(): Promise<void> {
    if (!this.gateway.listening) await this.gateway.listen();
  }
  /** Both halves down and up again on the same ports. */
  async restart(): Promise<void> {
    await Promise.all([this.stopRest(), this.stopGateway()]);
    await Promise.all([this.startRest(), this.startGateway()]);
  }
  dropGatewayConnections(code = 4000): void {
    this.gateway.dropConnections(code);
  }
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }
  /** Closes shard `id`'s sessions (4000, resumable); with `hold`, it stays down until `releaseShard(id)`. */
  dropShard(id: number, opts: { code?: number; hold?: boolean } = {}): number {
    return this.gateway.dropShard(id, opts);
  }
  releaseShard(id: number): void {
    this.gateway.releaseShard(id);
  }
  invalidateSessions(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }
  async close(): Promise<void> {
    await Promise.all([this.rest.close(), this.gateway.close(1001)]);
  }
}

/** A token shaped like the Developer Portal's: base64url of the bot's id, a timestamp part, an HMAC part. */
function botToken(botId: string): string {
  return `${Buffer.from(botId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
}
