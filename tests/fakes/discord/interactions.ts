/**
 * INTERACTION_CREATE payloads a real Discord client would cause: a slash command (guild channel,
 * thread or DM), an autocomplete request, a button press. Each refuses what a user could not do
 * (an unregistered command, a missing button), then is dispatched and recorded with its timing.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIInteractionGuildMember,
  type Locale,
} from "discord-api-types/v10";
import type { CommandStore } from "./commands.js";
import type { Core } from "./core.js";
import { channelPermissions } from "./permissions.js";
import type { InteractionKind, InteractionRecord } from "./records.js";
import { apiChannel, apiMember, apiUser, type ChannelRecord } from "./world.js";

export type OptionValue = string | number | boolean;

export interface WhereAndWho {
  /** Who uses the command or presses the button. */
  userId: string;
  /** A guild channel or thread; leave out with `dm: true`. */
  channelId?: string;
  /** In the user's DM with the bot (context BotDM). */
  dm?: boolean;
  /** The user's client language; default the user's locale. */
  locale?: string;
}

export interface SlashCommandInput extends WhereAndWho {
  name: string;
  /** Option values by name; their types come from the registered command. */
  options?: Record<string, OptionValue>;
  /** For a command with sub-commands: which one (its options go in `options`). */
  subcommand?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed, and what is typed so far. */
  focused: string;
  partial: string;
}

export interface ButtonPressInput {
  userId: string;
  messageId: string;
  customId: string;
  locale?: string;
}

export interface SelectInput extends ButtonPressInput {
  /** The values of the options chosen. */
  values: string[];
}

function fail(message: string): never {
  throw new Error(`fake Discord: ${message}`);
}

/** The DM channel between the bot and this user, made on first use as Discord does. */
export function dmChannelFor(core: Core, userId: string): ChannelRecord {
  const existing = core.world.dmChannels.get(userId);
  if (existing) return core.world.channels.get(existing)!;
  const channel = core.world.addChannel({ type: ChannelType.DM, name: "", recipientId: userId });
  core.world.dmChannels.set(userId, channel.id);
  return channel;
}

function where(core: Core, w: WhereAndWho): ChannelRecord {
  if (w.dm) return dmChannelFor(core, w.userId);
  const channel = core.world.channels.get(w.channelId ?? "") ?? fail(`no channel ${w.channelId}; pass channelId or dm: true`);
  if (channel.deleted) fail(`channel ${channel.id} was deleted`);
  return channel;
}

function basics(core: Core, kind: InteractionKind, channel: ChannelRecord, userId: string, locale: string | undefined) {
  const world = core.world;
  const user = world.users.get(userId) ?? fail(`no user ${userId}`);
  const base = {
    id: world.ids.next(),
    application_id: world.applicationId,
    token: `${kind}.${randomBytes(24).toString("base64url")}`,
    version: 1 as const,
    locale: (locale ?? user.locale) as Locale,
    entitlements: [],
    attachment_size_limit: core.options.maxFileBytes,
    app_permissions: channelPermissions(world, channel, world.bot.id).toString(),
    channel: apiChannel(world, channel),
    channel_id: channel.id,
  };
  if (channel.type === ChannelType.DM) {
    return { ...base, user: apiUser(user), context: InteractionContextType.BotDM, authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" as const } };
  }
  const guild = world.guilds.get(channel.guildId ?? "") ?? fail(`channel ${channel.id} has no guild`);
  if (!guild.botIsMember) fail(`the bot is no longer in guild ${guild.id}`);
  const member = guild.members.get(userId) ?? world.addMember(guild, userId);
  const apiMemberWithPerms: APIInteractionGuildMember = { ...apiMember(world, member), permissions: channelPermissions(world, channel, userId).toString() };
  return {
    ...base,
    guild_id: guild.id,
    guild_locale: guild.locale as Locale,
    guild: { id: guild.id, locale: guild.locale as Locale, features: [] },
    member: apiMemberWithPerms,
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
  };
}

function register(core: Core, kind: InteractionKind, name: string, channel: ChannelRecord, userId: string, payload: APIInteraction): InteractionRecord {
  const ix: InteractionRecord = {
    id: payload.id,
    token: payload.token,
    kind,
    name,
    channelId: channel.id,
    guildId: channel.guildId,
    userId,
    payload,
    dispatchedAt: Date.now(),
    dispatchedPerf: performance.now(),
    callbacks: [],
  };
  core.addInteraction(ix);
  core.dispatch("INTERACTION_CREATE", payload);
  core.changed();
  return ix;
}

function typedOptions(command: APIApplicationCommand, input: SlashCommandInput, focused?: { name: string; partial: string }) {
  let defs: APIApplicationCommandOption[] = command.options ?? [];
  let sub: APIApplicationCommandOption | undefined;
  if (input.subcommand) {
    sub = defs.find((d) => d.name === input.subcommand && d.type === ApplicationCommandOptionType.Subcommand) ?? fail(`/${command.name} has no sub-command ${input.subcommand}`);
    defs = "options" in sub && sub.options ? (sub.options as APIApplicationCommandOption[]) : [];
  }
  const given = { ...(input.options ?? {}) };
  if (focused) given[focused.name] = focused.partial;
  const options = Object.entries(given).map(([name, value]) => {
    const def = defs.find((d) => d.name === name) ?? fail(`/${command.name} has no option ${name}`);
    const isFocused = focused?.name === name;
    if (isFocused && !("autocomplete" in def && def.autocomplete)) fail(`option ${name} of /${command.name} does not autocomplete`);
    if (!isFocused) checkValue(command.name, def, value);
    return { name, type: def.type, value, ...(isFocused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataBasicOption;
  });
  for (const d of defs) if ("required" in d && d.required && !(d.name in given) && !focused) fail(`/${command.name} needs option ${d.name}`);
  return sub ? [{ name: sub.name, type: ApplicationCommandOptionType.Subcommand as const, options }] : options;
}

function checkValue(command: string, def: APIApplicationCommandOption, value: OptionValue): void {
  const ok =
    def.type === ApplicationCommandOptionType.String ? typeof value === "string"
    : def.type === ApplicationCommandOptionType.Integer ? Number.isInteger(value)
    : def.type === ApplicationCommandOptionType.Number ? typeof value === "number"
    : def.type === ApplicationCommandOptionType.Boolean ? typeof value === "boolean"
    : typeof value === "string";
  if (!ok) fail(`option ${def.name} of /${command} cannot take ${JSON.stringify(value)}`);
  if ("choices" in def && def.choices?.length && !def.choices.some((c) => c.value === value)) fail(`option ${def.name} of /${command} offers no choice ${JSON.stringify(value)}`);
}

export function slashCommand(core: Core, commands: CommandStore, input: SlashCommandInput): InteractionRecord {
  const channel = where(core, input);
  const command = commands.find(input.name, channel.guildId) ?? fail(`/${input.name} is not registered for ${channel.guildId ? `guild ${channel.guildId}` : "DMs"} (nor globally)`);
  const payload: APIChatInputApplicationCommandInteraction = {
    ...basics(core, "slash", channel, input.userId, input.locale),
    type: InteractionType.ApplicationCommand,
    data: { id: command.id, name: command.name, type: ApplicationCommandType.ChatInput, options: typedOptions(command, input), ...(command.guild_id ? { guild_id: command.guild_id } : {}) },
  };
  return register(core, "slash", input.name, channel, input.userId, payload);
}

export function autocomplete(core: Core, commands: CommandStore, input: AutocompleteInput): InteractionRecord {
  const channel = where(core, input);
  const command = commands.find(input.name, channel.guildId) ?? fail(`/${input.name} is not registered`);
  const payload: APIApplicationCommandAutocompleteInteraction = {
    ...basics(core, "autocomplete", channel, input.userId, input.locale),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: command.id, name: command.name, type: ApplicationCommandType.ChatInput, options: typedOptions(command, input, { name: input.focused, partial: input.partial }) },
  };
  return register(core, "autocomplete", input.name, channel, input.userId, payload);
}

/** The button with this custom_id anywhere in a message's components, or undefined. */
function findButton(components: unknown, customId: string): Record<string, unknown> | undefined {
  if (Array.isArray(components)) {
    for (const c of components) {
      const hit = findButton(c, customId);
      if (hit) return hit;
    }
    return undefined;
  }
  if (typeof components !== "object" || components === null) return undefined;
  const c = components as Record<string, unknown>;
  if (c.type === ComponentType.Button && c.custom_id === customId) return c;
  return findButton(c.components, customId) ?? findButton(c.accessory, customId);
}

export function pressButton(core: Core, input: ButtonPressInput): InteractionRecord {
  const stored = core.world.messages.get(input.messageId) ?? fail(`no message ${input.messageId}`);
  if (stored.deleted) fail(`message ${input.messageId} was deleted`);
  const button = findButton(stored.message.components, input.customId) ?? fail(`message ${input.messageId} shows no button ${input.customId}`);
  if (button.disabled === true) fail(`button ${input.customId} is disabled`);
  const channel = core.world.channels.get(stored.message.channel_id)!;
  const payload: APIMessageComponentButtonInteraction = {
    ...basics(core, "button", channel, input.userId, input.locale),
    type: InteractionType.MessageComponent,
    message: stored.message,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
  };
  const ix = register(core, "button", input.customId, channel, input.userId, payload);
  ix.originalMessageId = stored.message.id;
  return ix;
}

/** The component with this custom_id and type anywhere in a message's components, or undefined. */
function findComponent(components: unknown, customId: string, type: number): Record<string, unknown> | undefined {
  if (Array.isArray(components)) {
    for (const c of components) {
      const hit = findComponent(c, customId, type);
      if (hit) return hit;
    }
    return undefined;
  }
  if (typeof components !== "object" || components === null) return undefined;
  const c = components as Record<string, unknown>;
  if (c.type === type && c.custom_id === customId) return c;
  return findComponent(c.components, customId, type);
}

/**
 * A string select menu used: only options the menu shows, as many as its min_values/max_values allow
 * (1 and 1 unless it says otherwise), as a Discord client lets a user choose.
 */
export function chooseOption(core: Core, input: SelectInput): InteractionRecord {
  const stored = core.world.messages.get(input.messageId) ?? fail(`no message ${input.messageId}`);
  if (stored.deleted) fail(`message ${input.messageId} was deleted`);
  const menu = findComponent(stored.message.components, input.customId, ComponentType.StringSelect) ?? fail(`message ${input.messageId} shows no select menu ${input.customId}`);
  if (menu.disabled === true) fail(`select menu ${input.customId} is disabled`);
  const offered = new Set(((menu.options as { value: string }[] | undefined) ?? []).map((o) => o.value));
  for (const v of input.values) if (!offered.has(v)) fail(`select menu ${input.customId} offers no option ${v}`);
  const min = typeof menu.min_values === "number" ? menu.min_values : 1;
  const max = typeof menu.max_values === "number" ? menu.max_values : 1;
  if (input.values.length < min || input.values.length > max) fail(`select menu ${input.customId} takes ${min}–${max} values, not ${input.values.length}`);
  const channel = core.world.channels.get(stored.message.channel_id)!;
  const payload: APIMessageComponentSelectMenuInteraction = {
    ...basics(core, "select", channel, input.userId, input.locale),
    type: InteractionType.MessageComponent,
    message: stored.message,
    data: { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values },
  };
  const ix = register(core, "select", input.customId, channel, input.userId, payload);
  ix.originalMessageId = stored.message.id;
  return ix;
}
