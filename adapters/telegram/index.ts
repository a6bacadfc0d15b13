import type { Server } from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import type { TelegramConfig } from "../../src/config.js";
import { OutageLog } from "../../src/ops/reconnect.js";
import { languageFrom, type AdapterContext, type PlatformAdapter, type UploadCache } from "../../src/learning/index.js";
import { AdminCache } from "./admins.js";
import { ALLOWED_UPDATES, connectBot, createBot } from "./bot.js";
import { CallbackAnswers } from "./callbackAnswers.js";
import { syncCommands } from "./commands.js";
import { safeErrorText, tokenRefusal } from "./errors.js";
import { RUNNER_RETRY, watchLongPolling } from "./polling.js";
import { TelegramSender } from "./sender.js";
import { installHandlers } from "./updates.js";
import { MediaUploads, type UploadCounters } from "./uploads.js";
import { closeServer, serveWebhook, setWebhook, type WebhookOptions } from "./webhook.js";

/** The webhook's settings with the secret revealed (for grammY's check and setWebhook only). */
function webhookOptions(webhook: NonNullable<TelegramConfig["webhook"]>): WebhookOptions {
  return { ...webhook, secret: webhook.secret.reveal() };
}

export { TelegramSender } from "./sender.js";
export type { UploadCounters } from "./uploads.js";

/** The Telegram platform adapter, with its counters (uploads vs file_id reuses) for the benchmark and /metrics. */
export interface TelegramAdapter extends PlatformAdapter {
  readonly counters: UploadCounters;
  /** Images uploaded, and uploads saved by reusing a file_id (for /metrics). */
  uploadCounts(): { uploaded: number; reused: number };
  /** The grammY bot (for tests and the benchmark). */
  readonly bot: Bot;
}

/** The Telegram adapter (grammY): long polling with @grammyjs/runner, or a webhook. */
export function createTelegramAdapter(config: TelegramConfig, deps: { uploads: UploadCache; log: Logger }): TelegramAdapter {
  const token = config.token.reveal();
  const bot = createBot(config);
  const uploads = new MediaUploads(deps.uploads);
  const sender = new TelegramSender(() => bot.api, uploads, deps.log, token);
  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  let started = false;
  let outage: OutageLog | undefined;
  const describe = (err: unknown): string => safeErrorText(err, token);
  let accepting: Promise<void> | undefined;

  /**
   * Connected, updates wired to the core and (webhook) the server listening — everything but claiming
   * the updates from Telegram. Once only: a standby does this, and `start` after winning the lock.
   */
  const accept = (ctx: AdapterContext): Promise<void> =>
    (accepting ??= (async () => {
      const log = ctx.log;
      outage = new OutageLog(log, `the Telegram Bot API at ${new URL(config.apiRoot ?? "https://api.telegram.org").host}`);
      await connectBot(bot, { token, longPolling: !config.webhook, outage, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      log.info({ username: bot.botInfo.username, id: bot.botInfo.id }, "connected to Telegram");
      watchLongPolling(bot, outage, token);
      installHandlers(bot, {
        core: ctx.core,
        sender: ctx.sender,
        courses: ctx.courses,
        admins: new AdminCache(() => bot.api),
        answers: new CallbackAnswers(() => bot.api, log),
        log,
        describe,
      });
      if (config.webhook) server = await serveWebhook(bot, webhookOptions(config.webhook), log);
    })());

  return {
    platform: "telegram",
    sender,
    bot,
    counters: uploads.counters,
    ...(config.webhook ? { acceptUpdates: (ctx: AdapterContext) => accept(ctx) } : {}),
    async start(ctx: AdapterContext): Promise<void> {
      await accept(ctx);
      await syncCommands(bot.api, languageFrom(ctx.courses.for("telegram").language), ctx.log);
      if (config.webhook) {
        await setWebhook(bot, webhookOptions(config.webhook), ALLOWED_UPDATES, ctx.log);
      } else {
        runner = run(bot, {
          // Errors of getUpdates are logged by watchLongPolling (grammY's own print could name the token).
          runner: { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 }, silent: true, ...RUNNER_RETRY },
        });
        void runner.task()?.catch((err: unknown) => ctx.log.error({ error: (tokenRefusal(err) ?? { message: describe(err) }).message }, "long polling stopped"));
        ctx.log.info("long polling for updates");
      }
      started = true;
    },
    async stop(): Promise<void> {
      started = false;
      if (runner?.isRunning()) await runner.stop();
      if (server) await closeServer(server);
    },
    uploadCounts(): { uploaded: number; reused: number } {
      return { uploaded: uploads.counters.uploads, reused: uploads.counters.reuses };
    },
    isConnected(): boolean {
      return started && (server ? server.listening : runner?.isRunning() === true && !outage?.down);
    },
  };
}
