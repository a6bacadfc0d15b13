/**
 * Composition root: config → logger → course → store → adapters → learning core → scheduler.
 * With TELEGRAM_BOT_TOKEN and/or DISCORD_BOT_TOKEN set, the bot serves those platforms (one process,
 * one database, one scheduler); with neither, it runs as a chat in this terminal (adapters/console).
 */
import { userInfo } from "node:os";
import { join } from "node:path";
import { ConsoleSender, runConsoleChat } from "../adapters/console/index.js";
import { startOpsServer } from "../adapters/http/opsServer.js";
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { createTelegramAdapter } from "../adapters/telegram/index.js";
import { ConfigError, loadConfig, readDotEnv, secretsOf, type Config } from "./config.js";
import { loadCatalogue } from "./courseLoader.js";
import { logContentProblems } from "./ops/contentProblems.js";
import type { EngineResult } from "./build/renderCourse.js";
import { healthChecks } from "./ops/health.js";
import { BotMetrics } from "./ops/metrics.js";
import { CourseReloader } from "./ops/reload.js";
import { watchContent } from "./ops/watchContent.js";
import { assembleLearning, type Learning } from "./learning/assemble.js";
import type { PlatformAdapter } from "./learning/adapter.js";
import type { Catalogue } from "./learning/catalogue.js";
import { syncFollows } from "./learning/catalogueSync.js";
import { Courses } from "./learning/courses.js";
import { createLogger, type Logger } from "./log.js";
import type { LessonFormat, Platform } from "./contract/lessons.js";
import { systemClock } from "./schedule/clock.js";
import { everyMinute } from "./schedule/cron.js";
import { Store } from "./store/store.js";

/** The minute tick, and a WAL checkpoint after it (off the commit path). */
function startTicks(learning: Learning, store: Store, log: Logger, onTick?: (ms: number) => void): () => Promise<void> {
  return everyMinute(() => {
    const started = performance.now();
    learning.scheduler.tick();
    onTick?.(performance.now() - started);
    setImmediate(() => {
      try {
        store.checkpoint();
      } catch (err) {
        log.error({ err }, "checkpoint failed");
      }
    });
  }, log);
}

async function runConsole(config: Config, log: Logger): Promise<void> {
  const catalogue = await loadCatalogue({
    platform: "console",
    formats: ["classic"],
    contentDir: config.contentDirs,
    dataDir: config.dataDir,
    courseJson: config.courseJson,
    log,
  });
  logContentProblems(log, catalogue.problems);
  const store = Store.open(join(config.dataDir, "bot.sqlite"));
  const user = consoleUser();
  let language: "vi" | "en" = catalogue.language.startsWith("vi") ? "vi" : "en";
  const sender = new ConsoleSender(process.stdout, () => language);
  const courses = new Courses([catalogue]);
  const learning = assembleLearning({
    store,
    courses,
    senders: [sender],
    limits: {},
    clock: systemClock,
    log,
    defaults: config.defaults,
  });
  const refreshLanguage = (): void => {
    language = store.subscribers.find("console", "console", "")?.language ?? language;
  };
  refreshLanguage();
  syncFollows(store, courses, Date.now(), log);
  learning.scheduler.rescheduleIdle();
  const stopTicks = startTicks(learning, store, log);
  const stop = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => stop.abort());
  try {
    await runConsoleChat({
      core: learning.core,
      sender: { platform: "console", send: (to, m) => (refreshLanguage(), learning.senders.get("console")!.send(to, m)) },
      input: process.stdin,
      output: process.stdout,
      user,
      interactive: process.stdin.isTTY === true,
      signal: stop.signal,
    });
  } finally {
    await stopTicks();
    await learning.delivery.idle();
    store.close();
    process.stdin.destroy();
  }
}

function consoleUser(): { id: string; name: string } {
  try {
    const name = userInfo().username;
    return { id: name, name };
  } catch {
    return { id: "learner", name: "learner" };
  }
}

/** How long shutdown waits for the messages in flight before closing the database anyway. */
const SHUTDOWN_GRACE_MS = 7000;

async function runBot(config: Config, log: Logger): Promise<void> {
  const store = Store.open(join(config.dataDir, "bot.sqlite"));
  const adapters: PlatformAdapter[] = [];
  const metrics = new BotMetrics({ store, adapters: () => adapters });
  const formats: [Platform, LessonFormat[]][] = [];
  if (config.telegram) {
    adapters.push(createTelegramAdapter(config.telegram, { uploads: store.uploads, log: log.child({ module: "telegram" }) }));
    formats.push(["telegram", config.telegram.format === "rich" ? ["rich", "classic"] : ["classic"]]);
  }
  if (config.discord) {
    adapters.push(createDiscordAdapter(config.discord, { log: log.child({ module: "discord" }) }));
    formats.push(["discord", config.discord.format === "components" ? ["components", "classic"] : ["classic"]]);
  }
  const onRendered = (stats: EngineResult["stats"]): void => metrics.mathCache(stats.mathHits, stats.mathMisses);
  const load = (platform: Platform, fs: readonly LessonFormat[]): Promise<Catalogue> =>
    loadCatalogue({ platform, formats: fs, contentDir: config.contentDirs, dataDir: config.dataDir, courseJson: undefined, log, onRendered });
  const catalogues: Catalogue[] = [];
  for (const [platform, fs] of formats) catalogues.push(await load(platform, fs));
  logContentProblems(log, catalogues.flatMap((c) => c.problems));
  const courses = new Courses(catalogues);
  const learning = assembleLearning({
    store,
    courses,
    senders: adapters.map((a) => a.sender),
    limits: config.limits,
    clock: systemClock,
    log,
    defaults: config.defaults,
    observer: metrics,
    operators: config.adminIds,
  });
  // Follows of the single-course schema get their course; followers of a course gone are told.
  syncFollows(store, courses, Date.now(), log);
  learning.scheduler.rescheduleIdle();
  for (const a of adapters) {
    await a.start({ core: learning.core, sender: learning.senders.get(a.platform)!, courses, log: log.child({ module: a.platform }) });
  }
  // Deliveries cut by a crash or a restart resume at their first unsent message.
  const resumed = learning.delivery.resumePending();
  if (resumed > 0) log.info({ resumed }, "resuming unfinished deliveries");
  let lastTick = Date.now();
  const stopTicks = startTicks(learning, store, log, (ms) => {
    lastTick = Date.now();
    metrics.tick(ms);
  });
  const ops = config.metricsPort
    ? await startOpsServer({ port: config.metricsPort, registry: metrics.registry, health: () => healthChecks(store, adapters, lastTick) })
    : undefined;
  if (ops) log.info({ port: ops.port }, "health and metrics served");
  const reloader = new CourseReloader({
    targets: formats.map(([platform, fs]) => ({ platform, formats: fs })),
    courses,
    load,
    afterReload: () => {
      syncFollows(store, courses, Date.now(), log);
      learning.scheduler.rescheduleIdle();
      learning.delivery.resumePending();
    },
    log: log.child({ module: "reload" }),
  });
  const watchers = config.contentDirs.map((dir) => watchContent(dir, () => void reloader.reload(), log));
  log.info({ platforms: adapters.map((a) => a.platform) }, "bot running");

  await new Promise<void>((resolve) => {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => resolve());
  });
  log.info("shutting down");
  const hardStop = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 9500);
  hardStop.unref();
  for (const stopWatching of watchers) stopWatching();
  await Promise.allSettled(adapters.map((a) => a.stop()));
  await stopTicks();
  await ops?.close();
  // The message in flight finishes; what is left stays pending in the ledger for the next start.
  learning.delivery.stop();
  await Promise.race([learning.delivery.idle(), new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref())]);
  store.close();
  log.info("stopped");
}

/** Exit code, and whether to exit at once (a stopped bot may leave sockets and timers behind). */
async function main(): Promise<{ code: number; exit: boolean }> {
  let config: Config;
  try {
    readDotEnv();
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return { code: 2, exit: true };
    }
    throw err;
  }
  const log = createLogger(config.logLevel, secretsOf(config));
  if (config.telegram || config.discord) {
    await runBot(config, log);
    return { code: 0, exit: true };
  }
  log.info({ dataDir: config.dataDir, contentDirs: config.contentDirs }, "starting the console chat");
  await runConsole(config, log);
  return { code: 0, exit: false };
}

main().then(
  ({ code, exit }) => {
    process.exitCode = code;
    if (exit) setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
