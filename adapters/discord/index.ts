import type { Logger } from "pino";
import type { DiscordConfig } from "../../src/config.js";
import type { PlatformAdapter } from "../../src/learning/index.js";

/** The Discord adapter (discord.js). Being written: see issue 8. */
export function createDiscordAdapter(_config: DiscordConfig, _deps: { log: Logger }): PlatformAdapter {
  throw new Error("the Discord adapter is not built yet");
}
