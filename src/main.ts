/**
 * Composition root: config → logger → course → store → learning core → scheduler → adapter.
 * With no platform token set, the bot runs as a chat in this terminal (adapters/console).
 */
import { userInfo } from "node:os";
import { join } from "node:path";
import { ConsoleSender, runConsoleChat } from "../adapters/console/index.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { loadCourseFor } from "./courseSource.js";
import { assembleLearning } from "./learning/assemble.js";
import { CourseView } from "./learning/courseView.js";
import { Courses } from "./learning/courses.js";
import { createLogger, type Logger } from "./log.js";
import { systemClock } from "./schedule/clock.js";
import { everyMinute } from "./schedule/cron.js";
import { Store } from "./store/store.js";

async function runConsole(config: Config, log: Logger): Promise<void> {
  const { course, mediaDir } = await loadCourseFor({
    platform: "console",
    contentDir: config.contentDir,
    dataDir: config.dataDir,
    courseJson: config.courseJson,
    log,
  });
  const store = Store.open(join(config.dataDir, "bot.sqlite"));
  const user = consoleUser();
  let language: "vi" | "en" = course.course.language.startsWith("vi") ? "vi" : "en";
  const sender = new ConsoleSender(process.stdout, () => language);
  const learning = assembleLearning({
    store,
    courses: new Courses([["console", new CourseView(course, mediaDir)]]),
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
  learning.scheduler.rescheduleIdle();
  const stopTicks = everyMinute(() => {
    learning.scheduler.tick();
    setImmediate(() => {
      try {
        store.checkpoint();
      } catch (err) {
        log.error({ err }, "checkpoint failed");
      }
    });
  }, log);
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

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (config.telegramToken || config.discordToken) {
    const which = [config.telegramToken && "TELEGRAM_BOT_TOKEN", config.discordToken && "DISCORD_BOT_TOKEN"].filter(Boolean).join(" and ");
    log.fatal(
      `${which} is set, but the Telegram and Discord adapters are not built yet. Unset it to run the console chat (npm start).`,
    );
    return 1;
  }
  log.info({ dataDir: config.dataDir, contentDir: config.contentDir }, "starting the console chat");
  await runConsole(config, log);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
