/**
 * The bot on its platforms: the data folder and database first, then /healthz and /metrics at once
 * (503 naming each platform until it is connected), the course and its watcher, the learning core,
 * each platform connected (retried until it answers; a refused token ends the start), then the minute
 * tick, and edits synced to the follows. SIGINT or SIGTERM at any point stops it cleanly.
 *
 * With DATABASE_URL several processes may run on one database: each gets as far as the learning core
 * and the watcher (warm: edits are rendered while it waits), then waits for the election's lock
 * (standby.ts); only the holder connects its platforms, resumes the ledger's pending deliveries,
 * ticks and syncs.
 */
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { startOpsServer, type OpsServer } from "../../adapters/http/opsServer.js";
import { createTelegramAdapter } from "../../adapters/telegram/index.js";
import type { EngineResult } from "../build/renderCourse.js";
import type { Config } from "../config.js";
import { ConfigError } from "../contract/configError.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import { loadCatalogue } from "../courseLoader.js";
import type { AdapterContext, PlatformAdapter } from "../learning/adapter.js";
import { assembleLearning } from "../learning/assemble.js";
import type { Catalogue } from "../learning/catalogue.js";
import { syncFollows } from "../learning/catalogueSync.js";
import { Courses } from "../learning/courses.js";
import type { Logger } from "../log.js";
import { logContentProblems } from "../ops/contentProblems.js";
import { electedChecks, healthChecks } from "../ops/health.js";
import type { Role } from "../ops/election.js";
import { BotMetrics } from "../ops/metrics.js";
import { systemClock } from "../schedule/clock.js";
import { reloadOnEdits } from "./contentReload.js";
import { deliverForStandbys, electionFor, handOffDeliveries, roleOf, waitForLock } from "./standby.js";
import { openDataStore } from "./startup.js";
import { startTicks } from "./ticks.js";

/** How long shutdown waits for the messages in flight before closing the database anyway. */
const SHUTDOWN_GRACE_MS = 7000;
/** Past this, shutdown gives up on a clean stop (Docker sends SIGKILL at 10 s). */
const HARD_STOP_MS = 9500;

export async function runBot(config: Config, log: Logger): Promise<void> {
  const store = openDataStore(config.dataDir, config.databaseUrl?.reveal());
  const election = electionFor(config, log);
  const role = roleOf(election);
  const adapters: PlatformAdapter[] = [];
  const metrics = new BotMetrics({ store, adapters: () => adapters, role });
  const formats: [Platform, LessonFormat[]][] = [];
  if (config.telegram) {
    adapters.push(createTelegramAdapter(config.telegram, { uploads: store.uploads, log: log.child({ module: "telegram" }) }));
    formats.push(["telegram", config.telegram.format === "rich" ? ["rich", "classic"] : ["classic"]]);
  }
  if (config.discord) {
    adapters.push(createDiscordAdapter(config.discord, { log: log.child({ module: "discord" }) }));
    formats.push(["discord", config.discord.format === "components" ? ["components", "classic"] : ["classic"]]);
  }
  let lastTick = Date.now();
  const health = (): ReturnType<typeof healthChecks> => (election ? electedChecks(election, store, adapters, lastTick) : healthChecks(store, adapters, lastTick));
  const ops = await startOps(config, metrics, health, role);
  if (ops) log.info({ port: ops.port }, "health and metrics served");

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
    ...(config.telegram?.paidBroadcast ? { paidBroadcasts: { platform: "telegram" as const, ...config.telegram.paidBroadcast } } : {}),
  });

  // Until here a signal ends the process at once (nothing to finish); from here on, cleanly.
  const stopping = new AbortController();
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener("abort", () => resolve(), { once: true }));
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => stopping.abort(new Error(`${sig} received`)));
  // A standby keeps its course current too: edits are rendered as they come, synced once it delivers.
  let delivering = false;
  const targets = formats.map(([platform, fs]) => ({ platform, formats: fs }));
  const stopWatching = reloadOnEdits({ dirs: config.contentDirs, targets, courses, load, store, learning, log: log.child({ module: "reload" }), delivering: () => delivering });
  const stopAll = async (): Promise<void> => {
    stopWatching();
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await ops?.close();
    await election?.close();
  };
  const contextOf = (a: PlatformAdapter): AdapterContext => ({
    core: learning.core,
    sender: learning.senders.get(a.platform)!,
    courses,
    log: log.child({ module: a.platform }),
    signal: stopping.signal,
  });
  // A standby takes what updates reach it (Telegram's webhook behind a load balancer), but its ledger
  // deliveries are the active process's; replies to commands it sends itself.
  let acceptFailed: unknown;
  if (election) {
    handOffDeliveries(learning.delivery, store, log.child({ module: "delivery" }));
    for (const a of adapters) {
      // A refused token or a webhook port in use ends the start as it would the active process's.
      a.acceptUpdates?.(contextOf(a)).catch((err: unknown) => {
        if (stopping.signal.aborted || election.role === "active") return; // start() reports it
        acceptFailed = err;
        stopping.abort(err);
      });
    }
  }
  if (!(await waitForLock(election, stopping.signal, log))) {
    await stopAll();
    learning.delivery.stop();
    store.close();
    if (acceptFailed) throw acceptFailed;
    log.info("stopped while standing by");
    return;
  }
  learning.delivery.sendHere();
  // The minute tick is this process's from now on (a standby's last tick is the start's).
  lastTick = Date.now();

  // Follows of the single-course schema get their course; followers of a course gone are told.
  syncFollows(store, courses, Date.now(), log);
  learning.scheduler.rescheduleIdle();
  try {
    // Every platform at once: each retries on its own until it answers, a refused token ends them all.
    await Promise.all(
      adapters.map((a) => a.start(contextOf(a))),
    );
  } catch (err) {
    if (!stopping.signal.aborted) {
      await stopAll();
      store.close();
      throw err;
    }
  }
  if (stopping.signal.aborted) {
    log.info("stopped before every platform was connected");
    await stopAll();
    store.close();
    return;
  }

  // The standbys' rows from now on as they are written; then those cut by a crash or a restart, and
  // those written before this process listened, resume at their first unsent message.
  await deliverForStandbys(election, learning.delivery);
  const resumed = learning.delivery.resumePending();
  if (resumed > 0) log.info({ resumed }, "resuming unfinished deliveries");
  const stopTicks = startTicks(learning, store, log, (ms) => {
    lastTick = Date.now();
    metrics.tick(ms);
  });
  delivering = true;
  log.info({ platforms: adapters.map((a) => a.platform) }, "bot running");

  await stopped;
  log.info("shutting down");
  const hardStop = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, HARD_STOP_MS);
  hardStop.unref();
  stopWatching();
  await Promise.allSettled(adapters.map((a) => a.stop()));
  await stopTicks();
  await ops?.close();
  // The message in flight finishes; what is left stays pending in the ledger for the next start.
  learning.delivery.stop();
  await Promise.race([learning.delivery.idle(), new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref())]);
  store.close();
  // Only now may a standby take over: nothing is being sent any more.
  await election?.close();
  log.info("stopped");
}

/** /healthz and /metrics on METRICS_PORT, up before anything slow; a port in use is a ConfigError. */
async function startOps(config: Config, metrics: BotMetrics, health: Parameters<typeof startOpsServer>[0]["health"], role: () => Role): Promise<OpsServer | undefined> {
  if (!config.metricsPort) return undefined;
  try {
    return await startOpsServer({ port: config.metricsPort, registry: metrics.registry, health, role });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw new ConfigError([`METRICS_PORT: port ${config.metricsPort} ${code === "EADDRINUSE" ? "is already in use" : "may not be opened by this user"} (${code}); choose another`]);
    }
    throw err;
  }
}
