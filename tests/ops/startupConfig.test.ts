/**
 * A start that cannot go on because of how it is configured ends with ONE line naming what to fix,
 * exit code 2, no stack trace and no secret: a data folder or database the bot may not write, a
 * COURSE_JSON that is missing or not a course the console can show, a container without a token.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canMakeUnwritable, makeUnwritable } from "../helpers/unwritable.js";
import { makeCourse } from "../learning/helpers.js";
import { oneLineFailure } from "./startupFailures.js";
import { useTeardown } from "./teardown.js";

const { later, startBot, folders } = useTeardown();

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "sau-phut-startup-"));
  later(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A token that would be printed if anything printed it (no API is reached: the start ends first). */
const token = "123456789:AAH-startup-config-secret-part-01234";

describe("the data folder and the database", () => {
  it.skipIf(!canMakeUnwritable)("GIVEN a DATA_DIR the bot may not write THEN one line names the folder and the permission problem, exit 2", async () => {
    const dirs = folders();
    mkdirSync(dirs.dataDir);
    later(makeUnwritable(dirs.dataDir)!);
    const bot = startBot({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:9", DATA_DIR: dirs.dataDir, CONTENT_DIR: dirs.contentDir });
    expect(await oneLineFailure(bot, [token])).toMatch(
      new RegExp(`^configuration error: DATA_DIR: ${dirs.dataDir} cannot be written: a permission problem \\((EACCES|EPERM)\\); give the user the bot runs as write access to it`),
    );
  });

  it.skipIf(!canMakeUnwritable)("GIVEN a database file the bot may not write THEN one line names the file and the permission problem, exit 2", async () => {
    const dirs = folders();
    mkdirSync(dirs.dataDir);
    const file = join(dirs.dataDir, "bot.sqlite");
    writeFileSync(file, "");
    later(makeUnwritable(file)!);
    const bot = startBot({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:9", DATA_DIR: dirs.dataDir, CONTENT_DIR: dirs.contentDir });
    expect(await oneLineFailure(bot, [token])).toMatch(new RegExp(`^configuration error: database: ${file} cannot be opened for writing, a permission problem`));
  });
});

describe("COURSE_JSON (the console serving a rendered course)", () => {
  it("GIVEN a file that is missing, not JSON, a rich rendering, another version or without lessons THEN one line says which and what to do, exit 2", async () => {
    const dir = tmp();
    const file = join(dir, "lessons.json");
    const cases: [string | undefined, RegExp][] = [
      [undefined, /COURSE_JSON: .*lessons\.json does not exist \(a lessons\.json written by npm run cli -- render\)$/],
      ["{ not json", /COURSE_JSON: .*lessons\.json is not valid JSON \(/],
      [JSON.stringify({ ...makeCourse(2), platform: "telegram", format: "rich" }), /is rendered for telegram, not console \(render it with: npm run cli -- render --platform console --format classic --out DIR\)$/],
      [JSON.stringify({ ...makeCourse(2), format: "components" }), /holds components lessons; console shows classic \(render it with/],
      [JSON.stringify({ ...makeCourse(2), version: 4 }), /is not a lessons\.json \(version 1, 2 or 3\): it has version 4 \(render it with/],
      [JSON.stringify(makeCourse(0)), /lessons\.json has no lessons$/],
    ];
    for (const [text, expected] of cases) {
      if (text === undefined) rmSync(file, { force: true });
      else writeFileSync(file, text);
      const bot = startBot({ DATA_DIR: join(dir, "data"), COURSE_JSON: file });
      const line = await oneLineFailure(bot, []);
      expect(line).toMatch(/^configuration error: COURSE_JSON: /);
      expect(line).toMatch(expected);
    }
  });
});

describe("a container without a token", () => {
  it("GIVEN SAUPHUT_REQUIRE_PLATFORM=1 (the image sets it) and no token THEN one line says a token is needed, exit 2, instead of a console chat on an empty input", async () => {
    const dirs = folders();
    const bot = startBot({ SAUPHUT_REQUIRE_PLATFORM: "1", DATA_DIR: dirs.dataDir, CONTENT_DIR: dirs.contentDir });
    expect(await oneLineFailure(bot, [])).toMatch(/^configuration error: SAUPHUT_REQUIRE_PLATFORM is set, so this start needs TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN/);
  });
});
