import type { Logger } from "pino";
import type { TelegramConfig } from "../../src/config.js";
import type { PlatformAdapter, UploadCache } from "../../src/learning/index.js";

/** The Telegram adapter (grammY). Being written: see issue 7. */
export function createTelegramAdapter(_config: TelegramConfig, _deps: { uploads: UploadCache; log: Logger }): PlatformAdapter {
  throw new Error("the Telegram adapter is not built yet");
}
