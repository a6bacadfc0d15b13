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
 * The slash command as the core reads commands: "/time 07:30". The course, when given, comes first
 * ("/goto dl-pytorch 3"; for /announce "#dl-pytorch" marks it), the other options in their declared
 * order; `/goto`'s lesson (a number, a title, or "course n" picked from autocomplete) becomes what
 * `lessonArg` makes of it: the lesson number, read in the course when one is named.
 */
export function commandText(i: ChatInputCommandInteraction, spec: CommandSpec, lessonArg: (typed: string, course: string | undefined) => string): string {
  const args: string[] = [];
  const given = (name: string): string | undefined => {
    const value = i.options.get(name)?.value;
    return value === undefined || value === null ? undefined : String(value).replace(/\s+/g, " ").trim();
  };
  const course = spec.options.some((o) => o.name === "course") ? given("course") : undefined;
  if (course) args.push(spec.name === "announce" ? `#${course}` : course);
  for (const o of spec.options) {
    if (o.name === "course") continue;
    const text = given(o.name);
    if (text === undefined) continue;
    args.push((spec.name === "goto" || spec.name === "preview") && o.name === "lesson" ? lessonArg(text, course) : text);
  }
  return args.length ? `/${spec.name} ${args.join(" ")}` : `/${spec.name}`;
}
