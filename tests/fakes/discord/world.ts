/**
 * The fake's Discord: users, guilds with roles, members and channels, DM channels, and the messages
 * in them. Records are plain data; `api*` functions turn them into the JSON Discord sends.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type APIChannel,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildMember,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from "discord-api-types/v10";
import { SnowflakeSource } from "./snowflake.js";

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  locale: string;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface MemberRecord {
  userId: string;
  roleIds: string[];
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  channelIds: string[];
  /** false once the bot was removed (GUILD_DELETE): its channels answer 50001 Missing Access. */
  botIsMember: boolean;
  joinedAt: string;
}

/** Text-like channel kinds the fake knows: guild text, announcement, forum, threads, DMs. */
export type FakeChannelType =
  | ChannelType.GuildText
  | ChannelType.GuildAnnouncement
  | ChannelType.GuildForum
  | ChannelType.PublicThread
  | ChannelType.PrivateThread
  | ChannelType.AnnouncementThread
  | ChannelType.DM;

export interface ChannelRecord {
  id: string;
  type: FakeChannelType;
  name: string;
  guildId?: string;
  /** A thread's parent channel. */
  parentId?: string;
  overwrites: APIOverwrite[];
  /** A DM channel's other person. */
  recipientId?: string;
  /** Who started a thread. */
  ownerId?: string;
  position: number;
  deleted: boolean;
  lastMessageId: string | null;
}

export interface MessageRecord {
  /** The message as Discord shows it now. */
  message: APIMessage;
  /** Its fields as the bot wrote them (attachment:// references intact), for merging edits. */
  source: Record<string, unknown>;
  /** Seen only by the person who used the interaction. */
  ephemeral: boolean;
  deleted: boolean;
}

export const THREAD_TYPES = new Set<ChannelType>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** What a freshly invited bot usually gets: read, write, threads, files, embeds, commands. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** What @everyone gets in a new server (a subset of Discord's default): the same set as the bot. */
export const DEFAULT_EVERYONE_PERMISSIONS = DEFAULT_BOT_PERMISSIONS;

export class World {
  readonly ids = new SnowflakeSource();
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** DM channel id per user id, made by `POST /users/@me/channels`. */
  readonly dmChannels = new Map<string, string>();
  /** Users who do not accept DMs from the bot (answers 50007). */
  readonly dmBlocked = new Set<string>();
  readonly bot: UserRecord;
  readonly applicationId: string;

  constructor(botName: string) {
    this.applicationId = this.ids.next();
    this.bot = { id: this.applicationId, username: botName, globalName: null, bot: true, locale: Locale.EnglishUS };
    this.users.set(this.bot.id, this.bot);
  }

  addUser(opts: { username?: string; globalName?: string; locale?: string } = {}): UserRecord {
    const id = this.ids.next();
    const user: UserRecord = { id, username: opts.username ?? `learner${this.users.size}`, globalName: opts.globalName ?? null, bot: false, locale: opts.locale ?? Locale.Vietnamese };
    this.users.set(id, user);
    return user;
  }

  /** `id`: one made by `ids` beforehand (a guild placed on a shard). */
  addGuild(opts: { id?: string; name?: string; ownerId?: string; locale?: string; everyonePermissions?: bigint; botPermissions?: bigint } = {}): GuildRecord {
    const id = opts.id ?? this.ids.next();
    const now = new Date().toISOString();
    const owner = opts.ownerId ?? this.addUser({ username: `owner${this.guilds.size}` }).id;
    const guild: GuildRecord = { id, name: opts.name ?? `Study group ${this.guilds.size + 1}`, ownerId: owner, locale: opts.locale ?? Locale.Vietnamese, roles: new Map(), members: new Map(), channelIds: [], botIsMember: true, joinedAt: now };
    // The @everyone role shares the guild's id, as on Discord.
    guild.roles.set(id, { id, name: "@everyone", permissions: opts.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, position: 0, managed: false });
    const botRole = this.addRole(guild, { name: this.bot.username, permissions: opts.botPermissions ?? DEFAULT_BOT_PERMISSIONS, managed: true });
    guild.members.set(owner, { userId: owner, roleIds: [], joinedAt: now });
    guild.members.set(this.bot.id, { userId: this.bot.id, roleIds: [botRole.id], joinedAt: now });
    this.guilds.set(id, guild);
    return guild;
  }

  addRole(guild: GuildRecord, opts: { name: string; permissions: bigint; managed?: boolean }): RoleRecord {
    const role: RoleRecord = { id: this.ids.next(), name: opts.name, permissions: opts.permissions, position: guild.roles.size, managed: opts.managed ?? false };
    guild.roles.set(role.id, role);
    return role;
  }

  addMember(guild: GuildRecord, userId: string, roleIds: string[] = []): MemberRecord {
    const member: MemberRecord = { userId, roleIds, joinedAt: new Date().toISOString() };
    guild.members.set(userId, member);
    return member;
  }

  /** `id` is for a thread started from a message, which takes that message's id. */
  addChannel(opts: { type: FakeChannelType; name: string; id?: string; guildId?: string; parentId?: string; overwrites?: APIOverwrite[]; recipientId?: string; ownerId?: string }): ChannelRecord {
    const channel: ChannelRecord = { id: opts.id ?? this.ids.next(), type: opts.type, name: opts.name, guildId: opts.guildId, parentId: opts.parentId, overwrites: opts.overwrites ?? [], recipientId: opts.recipientId, ownerId: opts.ownerId, position: 0, deleted: false, lastMessageId: null };
    if (opts.guildId) {
      const guild = this.guilds.get(opts.guildId);
      if (!guild) throw new Error(`no guild ${opts.guildId}`);
      channel.position = guild.channelIds.length;
      guild.channelIds.push(channel.id);
    }
    this.channels.set(channel.id, channel);
    return channel;
  }

  guildChannels(guild: GuildRecord): ChannelRecord[] {
    return guild.channelIds.map((id) => this.channels.get(id)).filter((c): c is ChannelRecord => c !== undefined && !c.deleted);
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }
}

export function apiUser(u: UserRecord): APIUser {
  return { id: u.id, username: u.username, discriminator: "0", global_name: u.globalName, avatar: null, bot: u.bot || undefined, public_flags: 0 as UserFlags };
}

export function apiRole(r: RoleRecord): APIRole {
  return { id: r.id, name: r.name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, position: r.position, permissions: r.permissions.toString(), managed: r.managed, mentionable: false, flags: 0 as RoleFlags };
}

export function apiMember(world: World, m: MemberRecord): APIGuildMember {
  return { user: apiUser(world.user(m.userId)), roles: m.roleIds, joined_at: m.joinedAt, deaf: false, mute: false, flags: 0 as GuildMemberFlags };
}

export function apiChannel(world: World, c: ChannelRecord): APIChannel {
  const common = { id: c.id, name: c.name, flags: 0 as ChannelFlags };
  if (c.type === ChannelType.DM) {
    const recipient = world.user(c.recipientId ?? "");
    return { id: c.id, type: ChannelType.DM, flags: 0 as ChannelFlags, last_message_id: c.lastMessageId, recipients: [apiUser(recipient)], name: null };
  }
  const guildId = c.guildId ?? "";
  if (THREAD_TYPES.has(c.type)) {
    return {
      ...common,
      type: c.type as ChannelType.PublicThread,
      guild_id: guildId,
      parent_id: c.parentId,
      owner_id: c.ownerId,
      last_message_id: c.lastMessageId,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      rate_limit_per_user: 0,
      nsfw: false,
    };
  }
  if (c.type === ChannelType.GuildForum) {
    return { ...common, type: ChannelType.GuildForum, guild_id: guildId, position: c.position, permission_overwrites: c.overwrites, parent_id: null, nsfw: false, topic: null, rate_limit_per_user: 0, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0, last_message_id: null, default_thread_rate_limit_per_user: 0 };
  }
  return { ...common, type: c.type as ChannelType.GuildText, guild_id: guildId, position: c.position, permission_overwrites: c.overwrites, parent_id: null, nsfw: false, topic: null, rate_limit_per_user: 0, last_message_id: c.lastMessageId };
}

/** The GUILD_CREATE a bot gets: channels with overwrites, roles, the bot's own member, counts. */
export function apiGuildCreate(world: World, g: GuildRecord): GatewayGuildCreateDispatchData {
  const channels = world.guildChannels(g);
  const bot = g.members.get(world.bot.id);
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...g.roles.values()].map(apiRole),
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: g.locale as Locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: g.joinedAt,
    large: false,
    member_count: g.members.size,
    voice_states: [],
    members: bot ? [apiMember(world, bot)] : [],
    channels: channels.filter((c) => !THREAD_TYPES.has(c.type)).map((c) => apiChannel(world, c)) as GatewayGuildCreateDispatchData["channels"],
    threads: channels.filter((c) => THREAD_TYPES.has(c.type)).map((c) => apiChannel(world, c)) as GatewayGuildCreateDispatchData["threads"],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
