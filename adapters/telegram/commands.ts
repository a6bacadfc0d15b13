import type { Api } from "grammy";
import type { BotCommand, BotCommandScope } from "grammy/types";
import type { Logger } from "pino";
import { COMMAND_MENU, type Language } from "../../src/learning/index.js";

export interface MenuEntry {
  scope: BotCommandScope;
  /** "" for users whose language has no menu of its own. */
  language: "" | Language;
  commands: BotCommand[];
}

/**
 * The command menus: Vietnamese and English (by the user's app language) and a default in the
 * course's language, for private chats and for groups (where the group-only commands appear too).
 */
export function commandMenus(courseLanguage: Language): MenuEntry[] {
  const scopes: { scope: BotCommandScope; groups: boolean }[] = [
    { scope: { type: "default" }, groups: false },
    { scope: { type: "all_private_chats" }, groups: false },
    { scope: { type: "all_group_chats" }, groups: true },
  ];
  const out: MenuEntry[] = [];
  for (const { scope, groups } of scopes) {
    for (const language of ["", "vi", "en"] as const) {
      const described = language === "" ? courseLanguage : language;
      const commands = COMMAND_MENU.filter((c) => c.where === "everywhere" || groups).map((c) => ({ command: c.name, description: c.description[described] }));
      out.push({ scope, language, commands });
    }
  }
  return out;
}

const same = (a: readonly BotCommand[], b: readonly BotCommand[]): boolean =>
  a.length === b.length && a.every((c, i) => c.command === b[i]!.command && c.description === b[i]!.description);

/**
 * Sets each menu that differs from what Telegram has (getMyCommands), so a restart with unchanged
 * commands sets nothing. Failures are logged: the bot works without its menu.
 */
export async function syncCommands(api: Api, courseLanguage: Language, log: Logger): Promise<{ set: number; unchanged: number }> {
  let set = 0;
  let unchanged = 0;
  for (const entry of commandMenus(courseLanguage)) {
    const where = { scope: entry.scope, ...(entry.language ? { language_code: entry.language } : {}) };
    try {
      const current = await api.getMyCommands(where);
      if (same(current, entry.commands)) {
        unchanged++;
        continue;
      }
      await api.setMyCommands(entry.commands, where);
      set++;
    } catch (err) {
      log.warn({ scope: entry.scope.type, language: entry.language, error: err instanceof Error ? err.message : String(err) }, "command menu not registered");
    }
  }
  log.info({ set, unchanged }, "command menus checked");
  return { set, unchanged };
}
