import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "pino";

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
  host: string;
}

/**
 * Takes updates by webhook: an HTTP server on host:port answering POSTs to the webhook URL's path.
 * grammY checks the X-Telegram-Bot-Api-Secret-Token header on every request (wrong or missing →
 * 401, nothing handled). An update is acknowledged once handled, or after a few seconds while a
 * long one (a lesson being sent) goes on, so Telegram does not send it again. Telegram is not told
 * here (`setWebhook`): a standby behind a load balancer listens too, and only the active one tells.
 */
export async function serveWebhook(bot: Bot, opts: WebhookOptions, log: Logger): Promise<Server> {
  const path = new URL(opts.url).pathname;
  const handle = webhookCallback(bot, "http", { secretToken: opts.secret, onTimeout: "return", timeoutMilliseconds: 5000 });
  const server = createServer((req, res) => {
    const reqPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || reqPath !== path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((err: unknown) => {
      log.warn({ error: err instanceof Error ? err.message : String(err) }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  log.info({ port: opts.port }, "webhook server listening");
  return server;
}

/** Tells Telegram where to send updates, and the secret to send with them (the active process only). */
export async function setWebhook(bot: Bot, opts: WebhookOptions, allowedUpdates: readonly string[], log: Logger): Promise<void> {
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: allowedUpdates as never });
  log.info({ url: opts.url, port: opts.port }, "webhook set");
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
