import type { ChatInputCommandInteraction, Interaction } from "discord.js";
import type { ChatAddress, Incoming } from "../../src/learning/index.js";
import type { CommandSpec } from "./commandDefinitions.js";
import { canManageChannel } from "./permissions.js";

/**
 * Where an interaction happened, as the core addresses chats. In the bot's DMs the chat is the
 * person (chat id = user id, so the core can reach "whoever subscribed"); in a server it is the
 * channel, and a thread is a chat of its own (Discord's threads are channels: thread id = chat id).
 */
export function chatOf(i: Interaction): ChatAddress {
  if (!i.inGuild()) return { platform: "discord", chatId: i.user.id, kind: "private" };
  return { platform: "discord", chatId: i.channelId ?? "", kind: "group" };
}

/** The person, with the name members' tables show (server nickname, else display name). */
export function userOf(i: Interaction): Incoming["user"] {
  const member = i.member;
  const name = member && "displayName" in member ? member.displayName : (i.user.globalName ?? i.user.username);
  return { id: i.user.id, name, isAdmin: canManageChannel(i) };
}

/**
 * The slash command as the core reads commands: "/time 07:30". Options come in their declared
 * order; `/goto`'s lesson (a number or a title picked from autocomplete) becomes the lesson number.
 */
export function commandText(i: ChatInputCommandInteraction, spec: CommandSpec, lessonNumber: (typed: string) => number | undefined): string {
  const args: string[] = [];
  for (const o of spec.options) {
    const value = i.options.get(o.name)?.value;
    if (value === undefined || value === null) continue;
    const text = String(value).replace(/\s+/g, " ").trim();
    if ((spec.name === "goto" || spec.name === "preview") && o.name === "lesson") args.push(String(lessonNumber(text) ?? text));
    else args.push(text);
  }
  return args.length ? `/${spec.name} ${args.join(" ")}` : `/${spec.name}`;
}
