/**
 * Application command registration, global and per guild: Discord's naming and size rules, bulk
 * overwrite (PUT) keeping ids of unchanged names, upsert (POST), and a count of writes per scope so a
 * test can see the bot did not re-register on every start.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, Locale, type APIApplicationCommand } from "discord-api-types/v10";
import { formBodyErrorTree, type PayloadError } from "../../validators/discordComponents.js";
import type { Core } from "./core.js";
import { DiscordRefusal, type RestRequest, type Route } from "./http.js";

const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = new Set<string>(Object.values(Locale));
/** Per scope and command type: 100 slash commands, 15 user and 15 message commands. */
const MAX_PER_TYPE: Record<number, number> = { 1: 100, 2: 15, 3: 15 };
const GLOBAL = "global";

type Json = Record<string, unknown>;

export class CommandStore {
  /** scope ("global" or a guild id) → command id → command. */
  readonly scopes = new Map<string, Map<string, APIApplicationCommand>>();
  /** scope → how many PUT/POST/PATCH/DELETE calls changed it. */
  readonly writes = new Map<string, number>();

  list(scope: string): APIApplicationCommand[] {
    return [...(this.scopes.get(scope)?.values() ?? [])];
  }

  /** A registered command a user could invoke in this guild (guild commands first), by name. */
  find(name: string, guildId: string | undefined, type = ApplicationCommandType.ChatInput): APIApplicationCommand | undefined {
    const pick = (scope: string) => this.list(scope).find((c) => c.name === name && c.type === type);
    return (guildId ? pick(guildId) : undefined) ?? pick(GLOBAL);
  }

  countWrite(scope: string): void {
    this.writes.set(scope, (this.writes.get(scope) ?? 0) + 1);
  }
}

/** `p` is the field's own path (`name`, `0.options[1].name`, `name_localizations.vi`). */
function checkName(errors: PayloadError[], p: string, name: unknown, type: number): void {
  if (typeof name !== "string") return void errors.push({ path: p, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  const ok = type === ApplicationCommandType.ChatInput ? CHAT_NAME.test(name) && name === name.toLowerCase() : name.length >= 1 && name.length <= 32;
  if (!ok) errors.push({ path: p, code: "APPLICATION_COMMAND_INVALID_NAME", message: `Command name is invalid` });
}

function checkDescription(errors: PayloadError[], p: string, value: unknown, required: boolean): void {
  if (!required) {
    if (typeof value === "string" && value !== "") errors.push({ path: p, code: "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", message: "Context menu commands cannot have a description." });
    return;
  }
  if (typeof value !== "string" || value.length < 1 || value.length > 100) errors.push({ path: p, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
}

function checkLocalizations(errors: PayloadError[], path: string, map: unknown, check: (p: string, v: unknown) => void): void {
  if (map === undefined || map === null) return;
  if (typeof map !== "object") return void errors.push({ path, code: "DICT_TYPE_CONVERT", message: "Only dictionaries may be used in a DictType" });
  for (const [locale, value] of Object.entries(map)) {
    if (!LOCALES.has(locale)) errors.push({ path: `${path}.${locale}`, code: "LOCALE_INVALID", message: `Invalid locale ${locale}` });
    else check(`${path}.${locale}`, value);
  }
}

function checkOptions(errors: PayloadError[], path: string, options: unknown, depth: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) return void errors.push({ path, code: "LIST_TYPE_CONVERT", message: "Must be an array." });
  if (options.length > 25) errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((o: Json, i) => {
    const p = `${path}[${i}]`;
    const type = Number(o.type);
    if (!(type >= 1 && type <= 11)) errors.push({ path: `${p}.type`, code: "BASE_TYPE_CHOICES", message: "Value must be one of 1..11." });
    checkName(errors, `${p}.name`, o.name, ApplicationCommandType.ChatInput);
    checkDescription(errors, `${p}.description`, o.description, true);
    checkLocalizations(errors, `${p}.name_localizations`, o.name_localizations, (lp, v) => checkName(errors, lp, v, ApplicationCommandType.ChatInput));
    checkLocalizations(errors, `${p}.description_localizations`, o.description_localizations, (lp, v) => checkDescription(errors, lp, v, true));
    if (typeof o.name === "string") {
      if (names.has(o.name)) errors.push({ path: `${p}.name`, code: "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", message: "Option names must be unique." });
      names.add(o.name);
    }
    const nested = type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      if (depth >= 2 || (depth === 1 && type === ApplicationCommandOptionType.SubcommandGroup)) errors.push({ path: `${p}.type`, code: "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", message: "Sub-commands nest at most two levels." });
      checkOptions(errors, `${p}.options`, o.options, depth + 1);
      return;
    }
    if (o.required === true && optionalSeen) errors.push({ path: `${p}.required`, code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", message: "Required options must be placed before non-required options" });
    if (o.required !== true) optionalSeen = true;
    if (Array.isArray(o.choices)) {
      if (o.choices.length > 25) errors.push({ path: `${p}.choices`, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
      if (o.autocomplete === true && o.choices.length > 0) errors.push({ path: `${p}.autocomplete`, code: "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES", message: "Autocomplete cannot be used with choices." });
      (o.choices as Json[]).forEach((c, j) => {
        if (typeof c.name !== "string" || c.name.length < 1 || c.name.length > 100) errors.push({ path: `${p}.choices[${j}].name`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." });
        if (typeof c.value === "string" ? c.value.length > 100 : typeof c.value !== "number") errors.push({ path: `${p}.choices[${j}].value`, code: "BASE_TYPE_BAD_LENGTH", message: "Must be a string of at most 100 characters or a number." });
      });
    }
  });
}

/** Every reason Discord would refuse this command definition; `path` prefixes each problem (bulk bodies use `0`, `1`, …). */
export function commandErrors(body: unknown, path = ""): PayloadError[] {
  const errors: PayloadError[] = [];
  if (typeof body !== "object" || body === null) return [{ path, code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" }];
  const c = body as Json;
  const type = Number(c.type ?? 1);
  if (![1, 2, 3, 4].includes(type)) errors.push({ path: path ? `${path}.type` : "type", code: "BASE_TYPE_CHOICES", message: "Value must be one of 1, 2, 3, 4." });
  const at = (k: string) => (path ? `${path}.${k}` : k);
  checkName(errors, at("name"), c.name, type);
  checkDescription(errors, at("description"), c.description, type === ApplicationCommandType.ChatInput);
  checkLocalizations(errors, at("name_localizations"), c.name_localizations, (lp, v) => checkName(errors, lp, v, type));
  checkLocalizations(errors, at("description_localizations"), c.description_localizations, (lp, v) => checkDescription(errors, lp, v, type === 1));
  if (type === ApplicationCommandType.ChatInput) checkOptions(errors, at("options"), c.options, 0);
  return errors;
}

function refuse(errors: PayloadError[]): never {
  throw new DiscordRefusal(400, 50035, "Invalid Form Body", formBodyErrorTree(errors));
}

function stored(core: Core, scope: string, body: Json, id: string): APIApplicationCommand {
  return {
    id,
    type: Number(body.type ?? 1),
    application_id: core.world.applicationId,
    ...(scope === GLOBAL ? {} : { guild_id: scope }),
    name: String(body.name),
    name_localizations: (body.name_localizations as APIApplicationCommand["name_localizations"]) ?? null,
    description: String(body.description ?? ""),
    description_localizations: (body.description_localizations as APIApplicationCommand["description_localizations"]) ?? null,
    options: body.options as APIApplicationCommand["options"],
    default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
    nsfw: body.nsfw === true,
    contexts: (body.contexts as APIApplicationCommand["contexts"]) ?? null,
    integration_types: (body.integration_types as APIApplicationCommand["integration_types"]) ?? [0],
    version: core.world.ids.next(),
  } as APIApplicationCommand;
}

export function commandRoutes(core: Core, store: CommandStore): Route[] {
  const scopeOf = (req: RestRequest): string => {
    if (req.params.app !== core.world.applicationId) throw new DiscordRefusal(403, 50001, "Missing Access");
    const guild = req.params.guild;
    if (guild === undefined) return GLOBAL;
    if (!core.world.guilds.get(guild)?.botIsMember) throw new DiscordRefusal(403, 50001, "Missing Access");
    return guild;
  };
  const commandsOf = (scope: string) => {
    let m = store.scopes.get(scope);
    if (!m) store.scopes.set(scope, (m = new Map()));
    return m;
  };
  const tooMany = (list: Iterable<{ type?: unknown }>) => {
    const counts = new Map<number, number>();
    for (const c of list) counts.set(Number(c.type ?? 1), (counts.get(Number(c.type ?? 1)) ?? 0) + 1);
    return [...counts].some(([type, n]) => n > (MAX_PER_TYPE[type] ?? 100));
  };
  const one = (req: RestRequest) => {
    const cmd = commandsOf(scopeOf(req)).get(req.params.command ?? "");
    if (!cmd) throw new DiscordRefusal(404, 10063, "Unknown application command");
    return cmd;
  };
  const routes: Route[] = [];
  for (const base of ["/applications/:app/commands", "/applications/:app/guilds/:guild/commands"]) {
    routes.push(
      { method: "GET", pattern: base, auth: true, bucket: "commands", handle: (req) => ({ status: 200, body: store.list(scopeOf(req)) }) },
      {
        method: "PUT",
        pattern: base,
        auth: true,
        bucket: "commands",
        handle: (req) => {
          const scope = scopeOf(req);
          if (!Array.isArray(req.json)) refuse([{ path: "", code: "LIST_TYPE_CONVERT", message: "Must be an array." }]);
          const list = req.json as Json[];
          const errors = list.flatMap((c, i) => commandErrors(c, String(i)));
          const seen = new Set<string>();
          list.forEach((c, i) => {
            const key = `${c.type ?? 1}:${String(c.name)}`;
            if (seen.has(key)) errors.push({ path: `${i}.name`, code: "APPLICATION_COMMANDS_DUPLICATE_NAME", message: `Application command names must be unique` });
            seen.add(key);
          });
          if (tooMany(list)) errors.push({ path: "", code: "BASE_TYPE_MAX_LENGTH", message: "Too many application commands of one type." });
          if (errors.length) refuse(errors);
          const old = store.list(scope);
          const next = new Map<string, APIApplicationCommand>();
          for (const c of list) {
            const same = old.find((o) => o.name === c.name && o.type === Number(c.type ?? 1));
            const cmd = stored(core, scope, c, same?.id ?? core.world.ids.next());
            next.set(cmd.id, cmd);
          }
          store.scopes.set(scope, next);
          store.countWrite(scope);
          core.changed();
          return { status: 200, body: [...next.values()] };
        },
      },
      {
        method: "POST",
        pattern: base,
        auth: true,
        bucket: "commands",
        handle: (req) => {
          const scope = scopeOf(req);
          const errors = commandErrors(req.json);
          if (errors.length) refuse(errors);
          const body = req.json as Json;
          const commands = commandsOf(scope);
          const same = [...commands.values()].find((o) => o.name === body.name && o.type === Number(body.type ?? 1));
          if (!same && tooMany([...commands.values(), body])) throw new DiscordRefusal(400, 30032, "Maximum number of application commands reached");
          const cmd = stored(core, scope, body, same?.id ?? core.world.ids.next());
          commands.set(cmd.id, cmd);
          store.countWrite(scope);
          core.changed();
          return { status: same ? 200 : 201, body: cmd };
        },
      },
      { method: "GET", pattern: `${base}/:command`, auth: true, bucket: "commands", handle: (req) => ({ status: 200, body: one(req) }) },
      {
        method: "PATCH",
        pattern: `${base}/:command`,
        auth: true,
        bucket: "commands",
        handle: (req) => {
          const old = one(req);
          const merged = { ...old, ...(req.json as Json) };
          const errors = commandErrors(merged);
          if (errors.length) refuse(errors);
          const scope = scopeOf(req);
          const cmd = stored(core, scope, merged, old.id);
          commandsOf(scope).set(cmd.id, cmd);
          store.countWrite(scope);
          core.changed();
          return { status: 200, body: cmd };
        },
      },
      {
        method: "DELETE",
        pattern: `${base}/:command`,
        auth: true,
        bucket: "commands",
        handle: (req) => {
          const cmd = one(req);
          const scope = scopeOf(req);
          commandsOf(scope).delete(cmd.id);
          store.countWrite(scope);
          core.changed();
          return { status: 204 };
        },
      },
    );
  }
  return routes;
}
