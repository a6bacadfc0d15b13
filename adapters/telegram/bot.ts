import { Bot } from "grammy";
import type { TelegramConfig } from "../../src/config.js";

/** The update types the bot asks for (Telegram remembers the last list given); poll_answer: who answered a quiz. */
export const ALLOWED_UPDATES = ["message", "edited_message", "channel_post", "callback_query", "my_chat_member", "poll_answer"] as const;

/**
 * The grammY bot: pointed at TELEGRAM_API_ROOT when set (a local Bot API server or a test fake).
 * No auto-retry or throttler plugin: the core's limiter and ledger own pacing and retries.
 */
export function createBot(config: TelegramConfig): Bot {
  return new Bot(config.token.reveal(), {
    client: {
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      // Above the 30 s long poll, far below grammY's 500 s: a hung send becomes a transient error.
      timeoutSeconds: 60,
    },
  });
}

/** getMe, tried for a while when the API is not reachable yet (the bot starting before the network). */
export async function initBot(bot: Bot, attempts = 6, firstDelayMs = 500): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await bot.init();
      return;
    } catch (err) {
      const code = (err as { error_code?: unknown }).error_code;
      if (i >= attempts || code === 401 || code === 404) throw err;
      await new Promise((r) => setTimeout(r, firstDelayMs * 2 ** (i - 1)));
    }
  }
}
