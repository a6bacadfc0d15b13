import { createHash } from "node:crypto";
import type { REST } from "discord.js";
import { InteractionContextType, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Logger } from "pino";

type CommandBody = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Where a list of commands is registered: everywhere ("global") or one server. */
export interface RegistrationScope {
  scope: "global" | { guildId: string };
  commands: CommandBody[];
}

const onlyIn = (c: CommandBody, context: InteractionContextType): CommandBody => ({ ...c, contexts: [context] });

/**
 * Global registration in production. With a test server (DISCORD_GUILD_ID) the server's commands are
 * registered there (instant), and the DM commands globally, limited to DMs, since a server's commands
 * never show in DMs.
 */
export function registrationPlan(commands: readonly CommandBody[], guildId: string | undefined): RegistrationScope[] {
  if (!guildId) return [{ scope: "global", commands: [...commands] }];
  const has = (c: CommandBody, context: InteractionContextType) => c.contexts?.includes(context) ?? true;
  return [
    { scope: { guildId }, commands: commands.filter((c) => has(c, InteractionContextType.Guild)).map((c) => onlyIn(c, InteractionContextType.Guild)) },
    { scope: "global", commands: commands.filter((c) => has(c, InteractionContextType.BotDM)).map((c) => onlyIn(c, InteractionContextType.BotDM)) },
  ];
}

const COMMAND_KEYS = ["type", "name", "name_localizations", "description", "description_localizations", "options", "default_member_permissions", "contexts", "integration_types", "nsfw"];
const OPTION_KEYS = ["type", "name", "name_localizations", "description", "description_localizations", "required", "choices", "autocomplete", "min_value", "max_value", "min_length", "max_length", "options", "channel_types"];
const CHOICE_KEYS = ["name", "name_localizations", "value"];

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v).length === 0;
}

/** The fields we set, keys sorted, defaults (null, false, empty) dropped: what we sent and what Discord echoes compare equal. */
function canonical(value: unknown, keys: readonly string[]): Record<string, unknown> {
  const obj = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of [...keys].sort()) {
    let v = obj[key];
    if (key === "options" && Array.isArray(v)) v = v.map((o) => canonical(o, OPTION_KEYS));
    else if (key === "choices" && Array.isArray(v)) v = v.map((c) => canonical(c, CHOICE_KEYS));
    else if ((key === "contexts" || key === "integration_types") && Array.isArray(v)) v = [...(v as number[])].sort((a, b) => a - b);
    else if (key.endsWith("_localizations") && typeof v === "object" && v !== null) v = Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    if (!isEmpty(v)) out[key] = v;
  }
  return out;
}

/** A hash of a command list as Discord would show it; equal hashes mean nothing to re-register. */
export function commandsHash(commands: readonly unknown[]): string {
  const list = commands.map((c) => canonical(c, COMMAND_KEYS)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return createHash("sha256").update(JSON.stringify(list)).digest("hex").slice(0, 16);
}

/**
 * Registers each scope's commands, but only when what Discord holds differs from them (compared by
 * hash with the registered list, read back with its localizations): a restart writes nothing.
 * Returns how many scopes were written.
 */
export async function registerCommands(rest: REST, applicationId: string, plan: readonly RegistrationScope[], log: Logger): Promise<number> {
  let written = 0;
  for (const { scope, commands } of plan) {
    const route = scope === "global" ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, scope.guildId);
    const where = scope === "global" ? "global" : `server ${scope.guildId}`;
    const registered = (await rest.get(route, { query: new URLSearchParams({ with_localizations: "true" }) })) as unknown[];
    const wanted = commandsHash(commands);
    if (commandsHash(registered) === wanted) {
      log.debug({ scope: where, hash: wanted }, "slash commands unchanged");
      continue;
    }
    await rest.put(route, { body: commands });
    written++;
    log.info({ scope: where, commands: commands.length, hash: wanted }, "slash commands registered");
  }
  return written;
}
