/**
 * The console chat (no platform token): one private learner in this terminal, with every command,
 * the daily schedule and content reload running as in the bot. Logs never share the chat's screen:
 * in a terminal they go to DATA_DIR/console.log, from a pipe to stderr (at warn unless LOG_LEVEL says
 * otherwise).
 */
import { createWriteStream } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { ConsoleScreen, ConsoleSender, runConsoleChat, type ConsoleUser } from "../../adapters/console/index.js";
import { secretsOf, type Config } from "../config.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import { loadCatalogue } from "../courseLoader.js";
import { catalogFor } from "../i18n/index.js";
import { assembleLearning } from "../learning/assemble.js";
import { syncFollows } from "../learning/catalogueSync.js";
import { Courses } from "../learning/courses.js";
import { createLogger } from "../log.js";
import { logContentProblems } from "../ops/contentProblems.js";
import { systemClock } from "../schedule/clock.js";
import { reloadOnEdits } from "./contentReload.js";
import { openDataStore } from "./startup.js";
import { startTicks } from "./ticks.js";

export async function runConsole(config: Config): Promise<void> {
  const store = openDataStore(config.dataDir);
  const interactive = process.stdin.isTTY === true;
  const logFile = join(config.dataDir, "console.log");
  const log = createLogger(config.logLevel, secretsOf(config), interactive ? createWriteStream(logFile, { flags: "a" }) : process.stderr);
  log.info({ dataDir: config.dataDir, contentDir: config.contentDirs, courseJson: config.courseJson }, "starting the console chat");
  const load = (platform: Platform, formats: readonly LessonFormat[]) =>
    loadCatalogue({ platform, formats, contentDir: config.contentDirs, dataDir: config.dataDir, courseJson: config.courseJson, log });
  const catalogue = await load("console", ["classic"]);
  logContentProblems(log, catalogue.problems);
  const courses = new Courses([catalogue]);
  const courseLanguage = catalogue.language.startsWith("vi") ? "vi" : "en";
  const firstStart = store.subscribers.find("console", "console", "") === undefined;
  let language: "vi" | "en" = courseLanguage;
  const screen = new ConsoleScreen(process.stdout);
  const learning = assembleLearning({
    store,
    courses,
    senders: [new ConsoleSender(screen, () => language)],
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
  // An author editing CONTENT_DIR sees the edit here too; a pre-rendered COURSE_JSON is served as it is.
  const stopWatching = config.courseJson
    ? () => undefined
    : reloadOnEdits({ dirs: config.contentDirs, targets: [{ platform: "console", formats: ["classic"] }], courses, load, store, learning, log });
  const stop = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => stop.abort());
  const other = courseLanguage === "vi" ? "en" : "vi";
  try {
    const end = await runConsoleChat({
      core: learning.core,
      sender: { platform: "console", send: (to, m) => (refreshLanguage(), learning.senders.get("console")!.send(to, m)) },
      input: process.stdin,
      output: process.stdout,
      screen,
      user: consoleUser(),
      interactive,
      ...(firstStart ? { greeting: `${catalogFor(courseLanguage).consoleFirstStart()} · ${catalogFor(other).consoleFirstStart()}` } : {}),
      signal: stop.signal,
    });
    if (end === "end-of-input") process.stdout.write(`${catalogFor(language).consoleEndOfInput()}\n`);
  } finally {
    stopWatching();
    await stopTicks();
    await learning.delivery.idle();
    store.close();
    process.stdin.destroy();
  }
}

function consoleUser(): ConsoleUser {
  try {
    const name = userInfo().username;
    return { id: name, name };
  } catch {
    return { id: "learner", name: "learner" };
  }
}
