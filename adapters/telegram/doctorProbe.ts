import { Api, GrammyError, HttpError } from "grammy";
import type { TelegramConfig } from "../../src/config.js";
import { connectionCause } from "./errors.js";

/** `doctor`: the token works against the Bot API (getMe). A line for the report, and whether it passed. */
export async function probeTelegram(config: TelegramConfig): Promise<{ ok: boolean; detail: string }> {
  const api = new Api(config.token.reveal(), config.apiRoot ? { apiRoot: config.apiRoot } : {});
  try {
    const me = await api.getMe();
    const webhook = config.webhook ? `, webhook ${config.webhook.url}` : ", long polling";
    return { ok: true, detail: `@${me.username} (id ${me.id}) answers getMe${webhook}, lessons ${config.format}` };
  } catch (err) {
    const token = config.token.reveal();
    if (err instanceof GrammyError) return { ok: false, detail: `the Bot API refused the token: ${err.error_code} ${err.description}` };
    // The network error's own text holds the request URL, and with it the token: only its reason is shown.
    if (err instanceof HttpError) return { ok: false, detail: `cannot reach the Bot API at ${new URL(config.apiRoot ?? "https://api.telegram.org").host}: ${connectionCause(err, token)}` };
    return { ok: false, detail: connectionCause(err, token) };
  }
}

/** `doctor` with paid broadcasts on: the bot's Star balance (getMyStarBalance), or why it cannot be read. */
export async function probeStarBalance(config: TelegramConfig): Promise<{ ok: true; stars: number } | { ok: false; detail: string }> {
  const api = new Api(config.token.reveal(), config.apiRoot ? { apiRoot: config.apiRoot } : {});
  try {
    const balance = await api.getMyStarBalance();
    return { ok: true, stars: balance.amount + (balance.nanostar_amount ?? 0) / 1e9 };
  } catch (err) {
    const why = err instanceof GrammyError ? `${err.error_code} ${err.description}` : err instanceof HttpError ? String(err.error) : String(err);
    return { ok: false, detail: `cannot read the bot's Star balance (getMyStarBalance): ${why}` };
  }
}
