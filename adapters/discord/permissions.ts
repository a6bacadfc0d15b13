import { PermissionFlagsBits, type Client, type Interaction } from "discord.js";

/**
 * Who may change a channel's subscription: in a server channel, members whose permissions there
 * (Discord computes them into the interaction, overwrites included) hold Manage Channels, and the
 * server's owner; in the bot's DMs, the person themself.
 */
export function canManageChannel(i: Interaction): boolean {
  if (!i.inGuild()) return true;
  if (i.guild?.ownerId === i.user.id) return true;
  return i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/** The permissions whose absence makes Discord refuse a post (50013), with the names its settings show. */
const NEEDED: readonly [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, "View Channel"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
  [PermissionFlagsBits.AttachFiles, "Attach Files"],
  [PermissionFlagsBits.CreatePublicThreads, "Create Public Threads"],
];

/**
 * The first permission the bot lacks in a server channel for this kind of post, read from the
 * gateway's cache (roles and overwrites); undefined when the cache shows none missing or does not know
 * the channel.
 */
export function missingPermission(client: Client, channelId: string, post: { files: boolean; thread: boolean }): string | undefined {
  const channel = client.channels.cache.get(channelId);
  if (!channel || channel.isDMBased() || !client.user) return undefined;
  const perms = channel.permissionsFor(client.user);
  if (!perms) return undefined;
  const inThread = channel.isThread();
  for (const [flag, name] of NEEDED) {
    if (flag === PermissionFlagsBits.SendMessages && inThread) continue;
    if (flag === PermissionFlagsBits.SendMessagesInThreads && !inThread) continue;
    if (flag === PermissionFlagsBits.AttachFiles && !post.files) continue;
    if (flag === PermissionFlagsBits.CreatePublicThreads && !post.thread) continue;
    if (!perms.has(flag, true)) return name;
  }
  return undefined;
}
