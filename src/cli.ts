/**
 * The lesson engine's command line:
 *   render --content DIR --platform telegram|discord|console --out OUT   → OUT/lessons.json + OUT/media
 *   check  --content DIR                                                  → file:line: severity: message
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderCourse, writeLessonsJson } from "./engine.js";
import { checkCourse, formatProblem } from "./check.js";
import { PLATFORM_FORMATS, type LessonFormat, type Platform } from "./model.js";

const USAGE = `Usage:
  npm run cli -- render --content DIR --platform telegram|discord|console [--format classic|rich|components] --out OUT [--cache DIR]
  npm run cli -- check --content DIR

Formats: telegram rich (default) or classic; discord components (default) or classic; console classic.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        content: { type: "string", default: process.env.CONTENT_DIR ?? "content" },
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
  const content = resolve(String(values.content));
  const cacheDir = values.cache ? String(values.cache) : resolve(process.env.DATA_DIR ?? "data", "cache", "math");
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
      const messages = result.lessons.reduce((s, l) => s + l.messages.length, 0);
      for (const p of result.problems) console.error(formatProblem(p));
      console.log(`${result.lessons.length} lessons, ${messages} messages → ${file}`);
      return 0;
    }
    case "check": {
      const problems = await checkCourse({ contentDir: content, cacheDir });
      for (const p of problems) console.log(formatProblem(p));
      const errors = problems.filter((p) => p.severity === "error").length;
      const warnings = problems.length - errors;
      console.log(`${errors} error(s), ${warnings} warning(s)`);
      return errors ? 1 : 0;
    }
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  },
);
