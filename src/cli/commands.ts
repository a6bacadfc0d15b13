/**
 * The command line's commands: each with its options (and their defaults, as its --help shows them)
 * and what it does. Usage errors exit 2, failures 1.
 */
import { join, resolve } from "node:path";
import { checkCatalogue, checkReport, formatProblem } from "../build/check.js";
import { renderCourse, writeLessonsJson } from "../build/renderCourse.js";
import { PLATFORM_FORMATS, type LessonFormat, type Platform } from "../contract/lessons.js";
import { previewCommand } from "../../adapters/studio/command.js";
import { createLogger } from "../log.js";
import { backupDatabase } from "../store/backup.js";
import { isDatabaseUrl } from "../store/location.js";
import { safeAddress } from "../store/postgres/syncClient.js";
import { contentFolders, databaseLocation, pathsFrom, secretsInEnv } from "../config.js";
import type { OptionSpec } from "./args.js";
import { mathCacheFor } from "./cacheDir.js";
import { doctor } from "./doctor.js";
import type { CliOutput } from "./output.js";

export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** The .env file read, if any. */
  dotEnv: string | undefined;
  output: CliOutput;
}

export interface CommandSpec {
  /** One line for the overview. */
  summary: string;
  /** "render --out OUT [--content DIR] …". */
  synopsis: string;
  /** What it does, a few lines for its --help. */
  about: string;
  options: (env: NodeJS.ProcessEnv) => Record<string, OptionSpec>;
  maxPositionals: number;
  run(values: Record<string, string | undefined>, positionals: string[], ctx: CliContext): Promise<number>;
}

const PLATFORMS = Object.keys(PLATFORM_FORMATS) as Platform[];

const contentOption = (env: NodeJS.ProcessEnv): OptionSpec => ({
  value: "DIR",
  multiple: true,
  help: `a Jekyll site or a folder of posts; again (or comma-separated) for several (default: CONTENT_DIR, now ${pathsFrom(env).contentDirs.join(", ")})`,
});
/** --content's folders, else CONTENT_DIR's. */
const contentOf = (values: Record<string, string | undefined>, env: NodeJS.ProcessEnv): string[] => (values.content ? contentFolders(values.content) : pathsFrom(env).contentDirs);
const cacheOption = (env: NodeJS.ProcessEnv): OptionSpec => ({
  value: "DIR",
  help: `where drawn formulas are kept and reused (default: DATA_DIR/cache/math, now ${join(pathsFrom(env).dataDir, "cache", "math")}; a temporary folder when DATA_DIR cannot be written)`,
});

export const COMMANDS: Record<string, CommandSpec> = {
  render: {
    summary: "a course as the bot sends it: OUT/lessons.json and the images under OUT/media",
    synopsis: "render --out OUT [--content DIR] [--platform telegram|discord|console] [--format F] [--cache DIR]",
    about: "Writes OUT/lessons.json and OUT/media/: exactly what the bot sends. Problems in the content are printed on stderr; the rest of the course still renders.",
    options: (env) => ({
      out: { value: "OUT", help: "the folder to write (required)" },
      content: contentOption(env),
      platform: { value: "P", help: `${PLATFORMS.join(", ")} (default: telegram)` },
      format: { value: "F", help: `the platform's lesson format: ${PLATFORMS.map((p) => `${p} ${PLATFORM_FORMATS[p].join(" (default) or ")}`).join("; ")}` },
      cache: cacheOption(env),
    }),
    maxPositionals: 0,
    async run(values, _positionals, { env, output }) {
      const platform = (values.platform ?? "telegram") as Platform;
      if (!PLATFORMS.includes(platform)) return usageError(output, "render", `--platform must be ${PLATFORMS.join(", ")}, not "${platform}"`);
      if (!values.out) return usageError(output, "render", "--out OUT is required: the folder to write");
      const format = (values.format ?? PLATFORM_FORMATS[platform][0]) as LessonFormat;
      if (!PLATFORM_FORMATS[platform].includes(format)) return usageError(output, "render", `${platform} has no format "${format}": ${PLATFORM_FORMATS[platform].join(" or ")}`);
      const paths = pathsFrom(env);
      const cache = mathCacheFor(values.cache, paths.dataDir);
      if (cache.note) output.err(`note: ${cache.note}`);
      try {
        const out = resolve(values.out);
        const result = await renderCourse({ contentDir: contentOf(values, env), platform, format, outDir: out, cacheDir: cache.dir });
        const file = writeLessonsJson(out, result);
        const lessons = result.courses.flatMap((c) => c.lessons);
        const messages = lessons.reduce((s, l) => s + l.messages.length, 0);
        for (const p of result.problems) output.err(formatProblem(p));
        output.out(`${result.courses.length} course(s), ${lessons.length} lessons, ${messages} messages → ${file}`);
        return 0;
      } finally {
        cache.dispose();
      }
    },
  },
  check: {
    summary: "every course found and its problems, as file:line: severity: message",
    synopsis: "check [--content DIR] [--cache DIR]",
    about: "Prints each course found with its problems as file:line: severity: message, then the totals; exits 1 when there are errors (warnings alone exit 0).",
    options: (env) => ({ content: contentOption(env), cache: cacheOption(env) }),
    maxPositionals: 0,
    async run(values, _positionals, { env, output }) {
      const paths = pathsFrom(env);
      const cache = mathCacheFor(values.cache, paths.dataDir);
      if (cache.note) output.err(`note: ${cache.note}`);
      try {
        const check = await checkCatalogue({ contentDir: contentOf(values, env), cacheDir: cache.dir });
        for (const line of checkReport(check)) output.out(line);
        return check.problems.some((p) => p.severity === "error") ? 1 : 0;
      } finally {
        cache.dispose();
      }
    },
  },
  backup: {
    summary: "an online copy of DATA_DIR/bot.sqlite, safe while the bot runs (PostgreSQL: how to use pg_dump)",
    synopsis: "backup OUT.sqlite",
    about:
      "Copies DATA_DIR/bot.sqlite to OUT.sqlite with SQLite's online backup: a consistent snapshot while the bot keeps writing. With DATABASE_URL the store is on PostgreSQL, and its own pg_dump makes the backup: the command says how, and writes nothing.",
    options: () => ({}),
    maxPositionals: 1,
    async run(_values, positionals, { env, output }) {
      const out = positionals[0];
      if (!out) return usageError(output, "backup", "the file to write is missing: backup OUT.sqlite");
      const from = databaseLocation(env);
      if (isDatabaseUrl(from)) {
        output.err(
          [
            `backup: the store is on PostgreSQL (${safeAddress(from)}); PostgreSQL's own tools back it up, consistently while the bot runs:`,
            `  pg_dump --format=custom --file=${out.replace(/\.sqlite$/, "")}.dump "$DATABASE_URL"`,
            `  restore into an empty database: pg_restore --dbname="$DATABASE_URL" ${out.replace(/\.sqlite$/, "")}.dump`,
            "(no file was written)",
          ].join("\n"),
        );
        return 1;
      }
      try {
        const { pages } = await backupDatabase(from, resolve(out));
        output.out(`backed up ${from} → ${resolve(out)} (${pages} pages)`);
        return 0;
      } catch (err) {
        output.err(`backup failed: ${(err as Error).message}`);
        return 1;
      }
    },
  },
  doctor: {
    summary: "one line per check of this deployment: configuration, .env, data folder, database, course, platforms",
    synopsis: "doctor [--content DIR]",
    about: "Checks the deployment as configured (the environment and .env), one line each: ✔ passed, ⚠ worth a look, ✘ failed. Exits 1 when a check fails.",
    options: (env) => ({ content: contentOption(env) }),
    maxPositionals: 0,
    run: (values, _positionals, { env, dotEnv, output }) => doctor({ content: values.content ? contentFolders(values.content) : undefined, dotEnv, env, output }),
  },
  preview: {
    summary: "a local web page showing every lesson as Telegram and Discord will, with its problems",
    synopsis: "preview [--content DIR] [--port 4000] [--host 127.0.0.1] [--out DIR] [--cache DIR]",
    about: "Serves a catalogue of the courses and a page per lesson in every format, light and dark, with check's problems beside it; edits re-render and open pages follow. With --out, writes the same pages as static files instead.",
    options: (env) => ({
      content: contentOption(env),
      port: { value: "PORT", help: "the port to serve on (default: 4000; 0 picks a free one)" },
      host: { value: "HOST", help: "the address to serve on (default: 127.0.0.1)" },
      out: { value: "DIR", help: "write static pages to DIR instead of serving them" },
      cache: cacheOption(env),
    }),
    maxPositionals: 0,
    async run(values, _positionals, { env, output }) {
      const port = Number(values.port ?? "4000");
      if (!/^\d+$/.test(values.port ?? "4000") || port > 65535) return usageError(output, "preview", `--port must be a port number (0–65535), not "${values.port}"`);
      const paths = pathsFrom(env);
      const cache = mathCacheFor(values.cache, paths.dataDir);
      if (cache.note) output.err(`note: ${cache.note}`);
      try {
        const log = createLogger(env.LOG_LEVEL ?? "warn", secretsInEnv(env));
        return await previewCommand({ contentDirs: contentOf(values, env), port, host: values.host ?? "127.0.0.1", out: values.out, cacheDir: cache.dir }, log, output);
      } finally {
        cache.dispose();
      }
    },
  },
};

/** A command used wrongly: one line naming what, and where its usage is; exit code 2. */
function usageError(output: CliOutput, command: string, message: string): number {
  output.err(`${command}: ${message} (npm run cli -- ${command} --help)`);
  return 2;
}
