/**
 * The command line:
 *   render --content DIR --platform P [--format F] --out OUT   → OUT/lessons.json + OUT/media
 *   check  --content DIR                                       → file:line: severity: message
 *   backup OUT.sqlite                                          → an online copy of DATA_DIR/bot.sqlite
 *   doctor                                                     → one line per check of a deployment
 *   preview [--content DIR]… [--port P] [--host H] [--out DIR]  → the author preview (adapters/studio)
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { probeDiscord } from "../adapters/discord/doctorProbe.js";
import { probeTelegram } from "../adapters/telegram/doctorProbe.js";
import { PREVIEW_USAGE, previewCommand } from "../adapters/studio/command.js";
import { checkCatalogue, checkCourse, checkReport, formatProblem } from "./build/check.js";
import { ConfigError, contentFolders, loadConfig, pathsFrom, readDotEnv } from "./config.js";
import { renderCourse, writeLessonsJson } from "./build/renderCourse.js";
import { PLATFORM_FORMATS, type LessonFormat, type Platform } from "./contract/lessons.js";
import { backupDatabase } from "./store/backup.js";
import { databaseStatus } from "./store/status.js";
import { createLogger } from "./log.js";

const USAGE = `Usage:
  npm run cli -- render --content DIR [--content DIR …] --platform telegram|discord|console [--format classic|rich|components] --out OUT [--cache DIR]
  npm run cli -- check --content DIR [--content DIR …]
  npm run cli -- backup OUT.sqlite
  npm run cli -- doctor
  ${PREVIEW_USAGE}

Formats: telegram rich (default) or classic; discord components (default) or classic; console classic.
backup copies DATA_DIR/bot.sqlite while the bot runs; doctor checks the configuration, the database,
the content and each configured platform.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    readDotEnv();
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const paths = pathsFrom(process.env);
  // The preview takes options of its own (--port, --host).
  if (command === "preview") return previewCommand(rest, paths, createLogger("warn"));
  let values: Record<string, string | string[] | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        content: { type: "string", multiple: true },
        platform: { type: "string", default: "telegram" },
        format: { type: "string" },
        out: { type: "string" },
        cache: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  // Each --content is a folder (or several, comma-separated, as CONTENT_DIR): each a site or notes.
  const given = values.content as string[] | undefined;
  const content = given ? contentFolders(given.join(",")) : paths.contentDirs;
  const cacheDir = values.cache ? String(values.cache) : join(paths.dataDir, "cache", "math");
  switch (command) {
    case "render": {
      const platform = String(values.platform) as Platform;
      if (!["telegram", "discord", "console"].includes(platform)) {
        console.error(`Unknown platform "${platform}".\n${USAGE}`);
        return 2;
      }
      if (!values.out) {
        console.error(`render needs --out OUT.\n${USAGE}`);
        return 2;
      }
      const format = (values.format === undefined ? PLATFORM_FORMATS[platform][0] : String(values.format)) as LessonFormat;
      if (!PLATFORM_FORMATS[platform].includes(format)) {
        console.error(`${platform} has no format "${format}": ${PLATFORM_FORMATS[platform].join(" or ")}.\n${USAGE}`);
        return 2;
      }
      const out = resolve(String(values.out));
      const result = await renderCourse({ contentDir: content, platform, format, outDir: out, cacheDir });
      const file = writeLessonsJson(out, result);
      const lessons = result.courses.flatMap((c) => c.lessons);
      const messages = lessons.reduce((s, l) => s + l.messages.length, 0);
      for (const p of result.problems) console.error(formatProblem(p));
      console.log(`${result.courses.length} course(s), ${lessons.length} lessons, ${messages} messages → ${file}`);
      return 0;
    }
    case "check": {
      const check = await checkCatalogue({ contentDir: content, cacheDir });
      for (const line of checkReport(check)) console.log(line);
      return check.problems.some((p) => p.severity === "error") ? 1 : 0;
    }
    case "backup": {
      const out = positionals[0];
      if (!out) {
        console.error(`backup needs the file to write.\n${USAGE}`);
        return 2;
      }
      const from = join(paths.dataDir, "bot.sqlite");
      try {
        const { pages } = await backupDatabase(from, resolve(out));
        console.log(`backed up ${from} → ${resolve(out)} (${pages} pages)`);
        return 0;
      } catch (err) {
        console.error(`backup failed: ${(err as Error).message}`);
        return 1;
      }
    }
    case "doctor":
      return doctor(content, cacheDir);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

/** One line per check (✔ or ✘); exit 1 when one fails. */
async function doctor(content: string[], cacheDir: string): Promise<number> {
  let failed = 0;
  const line = (ok: boolean, name: string, detail: string): void => {
    if (!ok) failed++;
    console.log(`${ok ? "✔" : "✘"} ${name}: ${detail}`);
  };
  let config;
  try {
    config = loadConfig(process.env);
    const platforms = [config.telegram && "telegram", config.discord && "discord"].filter(Boolean);
    line(true, "configuration", `${platforms.length ? platforms.join(" + ") : "console chat (no platform token)"}; data in ${config.dataDir}${config.metricsPort ? `; health and metrics on :${config.metricsPort}` : ""}`);
  } catch (err) {
    line(false, "configuration", err instanceof ConfigError ? err.problems.join("; ") : (err as Error).message);
  }
  const db = databaseStatus(join(config?.dataDir ?? pathsFrom(process.env).dataDir, "bot.sqlite"));
  line(db.ok, "database", db.detail);
  try {
    const problems = await checkCourse({ contentDir: content, cacheDir });
    const errors = problems.filter((p) => p.severity === "error");
    const first = errors[0] ? `; first: ${formatProblem(errors[0])}` : "";
    line(errors.length === 0, "content", `${content.join(", ")}: ${errors.length} error(s), ${problems.length - errors.length} warning(s)${first} (npm run cli -- check for all)`);
  } catch (err) {
    line(false, "content", `${content.join(", ")}: ${(err as Error).message}`);
  }
  if (config?.telegram) {
    const r = await probeTelegram(config.telegram);
    line(r.ok, "telegram", r.detail);
  }
  if (config?.discord) {
    const r = await probeDiscord(config.discord);
    line(r.ok, "discord", r.detail);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
