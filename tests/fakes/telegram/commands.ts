/** setMyCommands / getMyCommands / deleteMyCommands, kept per scope and language_code. */
import type { BotCommand } from "grammy/types";
import type { CallContext, MethodHandler } from "./context.js";
import { badRequest } from "./errors.js";

const SCOPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]);

/** A stable key for scope + language: "default|", "chat:-100123|vi", "chat_member:-100123:42|". */
export function commandsKey(ctx: CallContext): string {
  const scope = ctx.params.object("scope", "BotCommandScope") as { type?: unknown; chat_id?: unknown; user_id?: unknown } | undefined;
  const type = String(scope?.type ?? "default");
  if (!SCOPES.has(type)) throw badRequest("can't parse BotCommandScope JSON object");
  let key = type;
  if (type.startsWith("chat")) {
    if (scope?.chat_id === undefined) throw badRequest("chat_id is empty");
    key += `:${ctx.world.resolve(scope.chat_id as number | string).chat.id}`;
  }
  if (type === "chat_member") {
    if (typeof scope?.user_id !== "number" || !ctx.world.users.has(scope.user_id)) throw badRequest("user not found");
    key += `:${scope.user_id}`;
  }
  const lang = ctx.params.string("language_code") ?? "";
  if (lang && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
  return `${key}|${lang}`;
}

export function commandMethods(store: Map<string, BotCommand[]>): Record<"setMyCommands" | "getMyCommands" | "deleteMyCommands", MethodHandler> {
  return {
    setMyCommands: (ctx) => {
      const commands = ctx.params.object("commands", "bot commands");
      if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
      if (commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
      const clean: BotCommand[] = commands.map((c: unknown) => {
        const { command, description } = (c ?? {}) as { command?: unknown; description?: unknown };
        if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
        if (typeof description !== "string" || !description.trim() || description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
        return { command, description };
      });
      const key = commandsKey(ctx);
      if (clean.length) store.set(key, clean);
      else store.delete(key);
      return true;
    },
    getMyCommands: (ctx) => store.get(commandsKey(ctx)) ?? [],
    deleteMyCommands: (ctx) => {
      store.delete(commandsKey(ctx));
      return true;
    },
  };
}
