/**
 * `doctor`: one line per check of this deployment, ✔ passed, ⚠ worth a look, ✘ failed (exit 1):
 * the configuration, the .env file as Node read it, the data folder, the database, the course
 * (COURSE_JSON, or the content folder), each configured platform's API; with Telegram paid broadcasts,
 * the Star balance and the next 24 hours' estimated cost (⚠ when the balance does not cover it).
 */
import { probeDiscord } from "../../adapters/discord/doctorProbe.js";
import { probeStarBalance, probeTelegram } from "../../adapters/telegram/doctorProbe.js";
import { checkCourse, formatProblem } from "../build/check.js";
import { readLessonsJson } from "../build/courseSource.js";
import { databaseLocation, loadConfig, pathsFrom, type Config } from "../config.js";
import { ConfigError } from "../contract/configError.js";
import { describeLost, lostDotEnvVariables } from "../dotEnv.js";
import { dataDirProblem } from "../ops/dataDir.js";
import { paidBroadcastCheck } from "../ops/paidBroadcastCheck.js";
import { databaseStatus } from "../store/status.js";
import { mathCacheFor } from "./cacheDir.js";
import type { CliOutput } from "./output.js";

type Mark = "✔" | "⚠" | "✘";

export async function doctor(opts: { content: string[] | undefined; dotEnv: string | undefined; env: NodeJS.ProcessEnv; output: CliOutput }): Promise<number> {
  let failed = 0;
  const line = (mark: Mark, name: string, detail: string): void => {
    if (mark === "✘") failed++;
    opts.output.out(`${mark} ${name}: ${detail}`);
  };
  let config: Config | undefined;
  try {
    config = loadConfig(opts.env);
    const platforms = [config.telegram && "telegram", config.discord && "discord"].filter(Boolean);
    line("✔", "configuration", `${platforms.length ? platforms.join(" + ") : "console chat (no platform token)"}; data in ${config.dataDir}${config.metricsPort ? `; health and metrics on :${config.metricsPort}` : ""}`);
  } catch (err) {
    line("✘", "configuration", err instanceof ConfigError ? err.problems.join("; ") : (err as Error).message);
  }
  if (opts.dotEnv) {
    const lost = lostDotEnvVariables(opts.dotEnv, opts.env);
    if (lost.length) line("⚠", ".env", `${opts.dotEnv} defines variables that were not loaded: ${lost.map(describeLost).join("; ")}`);
    else line("✔", ".env", `${opts.dotEnv}: every variable it defines was loaded`);
  }
  const paths = pathsFrom(opts.env);
  const dataDir = config?.dataDir ?? paths.dataDir;
  const dataProblem = dataDirProblem(dataDir);
  line(dataProblem ? "✘" : "✔", "data", dataProblem ? `DATA_DIR: ${dataProblem}` : `${dataDir} is writable`);
  const database = databaseLocation(opts.env);
  const db = databaseStatus(database);
  line(db.ok ? "✔" : "✘", "database", db.detail);

  const platformSet = Boolean(config?.telegram || config?.discord);
  if (config?.courseJson && !platformSet) {
    try {
      const { catalogue } = readLessonsJson(config.courseJson, { platform: "console", formats: ["classic"] });
      const courses = catalogue.courses.map((c) => `${c.title} (${c.lessons.length} lessons)`).join(", ");
      line("✔", "course", `COURSE_JSON ${config.courseJson}: ${courses}, ${catalogue.platform} ${catalogue.format}`);
    } catch (err) {
      line("✘", "course", err instanceof ConfigError ? err.problems.join("; ") : (err as Error).message);
    }
  } else {
    await checkContent(opts.content ?? config?.contentDirs ?? paths.contentDirs, dataDir, line);
  }
  if (config?.telegram) {
    const r = await probeTelegram(config.telegram);
    line(r.ok ? "✔" : "✘", "telegram", r.detail);
  }
  if (config?.telegram?.paidBroadcast) {
    const balance = await probeStarBalance(config.telegram);
    const free = config.limits.telegram.free?.max ?? 30;
    const check = balance.ok ? paidBroadcastCheck({ stars: balance.stars, free, maxStars: config.telegram.paidBroadcast.maxStars, databaseFile: database, now: Date.now() }) : balance;
    line(!check.ok ? "✘" : "warn" in check && check.warn ? "⚠" : "✔", "telegram paid broadcasts", check.detail);
  }
  if (config?.discord) {
    const r = await probeDiscord(config.discord);
    line(r.ok ? "✔" : "✘", "discord", r.detail);
  }
  return failed ? 1 : 0;
}

async function checkContent(folders: readonly string[], dataDir: string, line: (mark: Mark, name: string, detail: string) => void): Promise<void> {
  const content = folders.join(", ");
  const cache = mathCacheFor(undefined, dataDir);
  const aside = cache.note ? ` (${cache.note.split(":")[0]})` : "";
  try {
    const problems = await checkCourse({ contentDir: folders, cacheDir: cache.dir });
    const errors = problems.filter((p) => p.severity === "error");
    const first = errors[0] ? `; first: ${formatProblem(errors[0])}` : "";
    line(errors.length ? "✘" : "✔", "content", `${content}: ${errors.length} error(s), ${problems.length - errors.length} warning(s)${first} (npm run cli -- check for all)${aside}`);
  } catch (err) {
    line("✘", "content", `${content}: ${(err as Error).message}`);
  } finally {
    cache.dispose();
  }
}
