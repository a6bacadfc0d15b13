/**
 * Discord's permission arithmetic, so the fake refuses what Discord would refuse: base permissions
 * from @everyone and the member's roles, then the channel's overwrites (@everyone, roles, member);
 * threads take their parent's overwrites. Administrator and the owner get everything.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";
import { THREAD_TYPES, type ChannelRecord, type GuildRecord, type World } from "./world.js";

const ALL = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export function guildPermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL;
  const member = guild.members.get(userId);
  let perms = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of member?.roleIds ?? []) perms |= guild.roles.get(roleId)?.permissions ?? 0n;
  return perms & PermissionFlagsBits.Administrator ? ALL : perms;
}

export function channelPermissions(world: World, channel: ChannelRecord, userId: string): bigint {
  const guild = channel.guildId ? world.guilds.get(channel.guildId) : undefined;
  if (!guild) return ALL;
  const base = guildPermissions(guild, userId);
  if (base === ALL) return ALL;
  const source = THREAD_TYPES.has(channel.type) && channel.parentId ? (world.channels.get(channel.parentId) ?? channel) : channel;
  const member = guild.members.get(userId);
  let perms = base;
  const everyone = source.overwrites.find((o) => o.id === guild.id);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of source.overwrites) {
    if (o.id !== guild.id && member?.roleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = source.overwrites.find((o) => o.id === userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  return perms & PermissionFlagsBits.ViewChannel ? perms : 0n;
}

/** Why the bot may not post this message here: Discord's 50001 or 50013, or null when it may. */
export function sendRefusal(world: World, channel: ChannelRecord, withFiles: boolean): { status: 403; code: 50001 | 50013; message: string } | null {
  const perms = channelPermissions(world, channel, world.bot.id);
  if (!(perms & PermissionFlagsBits.ViewChannel)) return { status: 403, code: 50001, message: "Missing Access" };
  const send = THREAD_TYPES.has(channel.type) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  if (!(perms & send)) return { status: 403, code: 50013, message: "Missing Permissions" };
  if (withFiles && !(perms & PermissionFlagsBits.AttachFiles)) return { status: 403, code: 50013, message: "Missing Permissions" };
  return null;
}
