/**
 * Channel messages, DM channels and threads over REST, with Discord's refusals in Discord's order:
 * 10003 unknown channel, 50001 missing access (bot removed, no View Channel), 50007 for a user who
 * takes no DMs, 50013 missing permissions, then the message body itself.
 */
import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { formBodyErrorTree } from "../../validators/discordComponents.js";
import type { Core } from "./core.js";
import { DiscordRefusal, type RestRequest, type Route } from "./http.js";
import { dmChannelFor } from "./interactions.js";
import { createMessage, editMessage } from "./messageStore.js";
import { channelPermissions, sendRefusal } from "./permissions.js";
import { apiChannel, THREAD_TYPES, type ChannelRecord, type MessageRecord } from "./world.js";

const ARCHIVE_DURATIONS = new Set([60, 1440, 4320, 10080]);

/** The channel if the bot can reach it; Discord's refusal otherwise. `write` adds the send checks. */
export function reachableChannel(core: Core, channelId: string, write?: { withFiles: boolean }): ChannelRecord {
  const world = core.world;
  const channel = world.channels.get(channelId);
  if (!channel || channel.deleted) throw new DiscordRefusal(404, 10003, "Unknown Channel");
  if (channel.guildId && !world.guilds.get(channel.guildId)?.botIsMember) throw new DiscordRefusal(403, 50001, "Missing Access");
  const denied = core.failures.deniedChannels.get(channel.id) ?? (channel.parentId ? core.failures.deniedChannels.get(channel.parentId) : undefined);
  if (denied === 50001) throw new DiscordRefusal(403, 50001, "Missing Access");
  if (channel.type === ChannelType.DM) {
    if (write && world.dmBlocked.has(channel.recipientId ?? "")) throw new DiscordRefusal(403, 50007, "Cannot send messages to this user");
    return channel;
  }
  if (!(channelPermissions(world, channel, world.bot.id) & PermissionFlagsBits.ViewChannel)) throw new DiscordRefusal(403, 50001, "Missing Access");
  if (write) {
    if (denied === 50013) throw new DiscordRefusal(403, 50013, "Missing Permissions");
    const refusal = sendRefusal(world, channel, write.withFiles);
    if (refusal) throw new DiscordRefusal(refusal.status, refusal.code, refusal.message);
  }
  return channel;
}

function threadName(body: Record<string, unknown>): string {
  const name = body.name;
  const errors = [];
  if (typeof name !== "string" || name.length < 1 || name.length > 100) errors.push({ path: "name", code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
  if (body.auto_archive_duration !== undefined && body.auto_archive_duration !== null && !ARCHIVE_DURATIONS.has(Number(body.auto_archive_duration))) errors.push({ path: "auto_archive_duration", code: "BASE_TYPE_CHOICES", message: "Value must be one of {60, 1440, 4320, 10080}." });
  if (errors.length) throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree(errors));
  return name as string;
}

export function channelRoutes(core: Core): Route[] {
  const world = core.world;
  const messageIn = (channel: ChannelRecord, id: string | undefined): MessageRecord => {
    const stored = world.messages.get(id ?? "");
    if (!stored || stored.deleted || stored.ephemeral || stored.message.channel_id !== channel.id) throw new DiscordRefusal(404, 10008, "Unknown Message");
    return stored;
  };
  const bodyOf = (req: RestRequest): Record<string, unknown> => (typeof req.json === "object" && req.json !== null ? (req.json as Record<string, unknown>) : {});
  const newThread = (parent: ChannelRecord, name: string, type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread, id?: string): ChannelRecord => {
    const perms = channelPermissions(world, parent, world.bot.id);
    const needed = type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads;
    if (!(perms & needed)) throw new DiscordRefusal(403, 50013, "Missing Permissions");
    return world.addChannel({ id, type, name, guildId: parent.guildId, parentId: parent.id, ownerId: world.bot.id });
  };

  return [
    {
      method: "POST",
      pattern: "/channels/:channel/messages",
      auth: true,
      bucket: "channel-messages",
      handle: (req) => {
        const channel = reachableChannel(core, req.params.channel!, { withFiles: req.files.length > 0 });
        if (channel.type === ChannelType.GuildForum) throw new DiscordRefusal(400, 50008, "Cannot send messages in a non-text channel");
        return { status: 200, body: createMessage(core, { channel, body: req.json, files: req.files, via: "channel" }).message };
      },
    },
    {
      method: "PATCH",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      bucket: "message-edit",
      handle: (req) => {
        const channel = reachableChannel(core, req.params.channel!);
        const stored = messageIn(channel, req.params.message);
        if (stored.message.author.id !== world.bot.id) throw new DiscordRefusal(403, 50005, "Cannot edit a message authored by another user");
        return { status: 200, body: editMessage(core, stored, { channel, body: req.json, files: req.files, via: "channel-edit" }).message };
      },
    },
    {
      method: "GET",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      bucket: "message-read",
      handle: (req) => ({ status: 200, body: messageIn(reachableChannel(core, req.params.channel!), req.params.message).message }),
    },
    {
      method: "DELETE",
      pattern: "/channels/:channel/messages/:message",
      auth: true,
      bucket: "message-delete",
      handle: (req) => {
        const stored = messageIn(reachableChannel(core, req.params.channel!), req.params.message);
        stored.deleted = true;
        core.changed();
        return { status: 204 };
      },
    },
    { method: "GET", pattern: "/channels/:channel", auth: true, bucket: "channel", handle: (req) => ({ status: 200, body: apiChannel(world, reachableChannel(core, req.params.channel!)) }) },
    {
      method: "POST",
      pattern: "/users/@me/channels",
      auth: true,
      bucket: "dm-create",
      handle: (req) => {
        const recipient = String(bodyOf(req).recipient_id ?? "");
        if (!world.users.has(recipient)) throw new DiscordRefusal(404, 10013, "Unknown User");
        return { status: 200, body: apiChannel(world, dmChannelFor(core, recipient)) };
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channel/messages/:message/threads",
      auth: true,
      bucket: "thread-create",
      handle: (req) => {
        const parent = reachableChannel(core, req.params.channel!);
        if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) throw new DiscordRefusal(400, 50024, "Cannot execute action on this channel type");
        const stored = messageIn(parent, req.params.message);
        if (world.channels.has(stored.message.id)) throw new DiscordRefusal(400, 160004, "A thread has already been created for this message");
        const type = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
        const thread = newThread(parent, threadName(bodyOf(req)), type, stored.message.id);
        const api = apiChannel(world, thread);
        core.dispatch("THREAD_CREATE", { ...api, newly_created: true });
        core.changed();
        return { status: 201, body: api };
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channel/threads",
      auth: true,
      bucket: "thread-create",
      handle: (req) => {
        const parent = reachableChannel(core, req.params.channel!);
        const body = bodyOf(req);
        if (THREAD_TYPES.has(parent.type) || parent.type === ChannelType.DM) throw new DiscordRefusal(400, 50024, "Cannot execute action on this channel type");
        const name = threadName(body);
        if (parent.type !== ChannelType.GuildForum) {
          const type = Number(body.type ?? ChannelType.PrivateThread) as ChannelType.PublicThread | ChannelType.PrivateThread;
          const thread = newThread(parent, name, type);
          const api = apiChannel(world, thread);
          core.dispatch("THREAD_CREATE", { ...api, newly_created: true });
          core.changed();
          return { status: 201, body: api };
        }
        // A forum post: the thread and its first message in one call; files belong to the message.
        if (typeof body.message !== "object" || body.message === null) throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree([{ path: "message", code: "BASE_TYPE_REQUIRED", message: "This field is required" }]));
        if (!(channelPermissions(world, parent, world.bot.id) & PermissionFlagsBits.SendMessages)) throw new DiscordRefusal(403, 50013, "Missing Permissions");
        const thread = newThread(parent, name, ChannelType.PublicThread);
        try {
          const starter = createMessage(core, { channel: thread, body: body.message, files: req.files, via: "thread-starter" });
          const api = { ...apiChannel(world, thread), message: starter.message };
          core.dispatch("THREAD_CREATE", { ...apiChannel(world, thread), newly_created: true });
          return { status: 201, body: api };
        } catch (err) {
          thread.deleted = true;
          if (err instanceof DiscordRefusal && err.errors) throw new DiscordRefusal(err.status, err.code, err.message, { message: err.errors });
          throw err;
        }
      },
    },
  ];
}
