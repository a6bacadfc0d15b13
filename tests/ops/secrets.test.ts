/**
 * No secret in any output: every command of the command line, run with known tokens and a webhook
 * secret in its environment — against an API that cannot be reached, one that refuses the token, and
 * one that answers — prints none of them, whole or in part. (The start-up failures are scanned the
 * same way in startup.test.ts and startupConfig.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram/server.js";
import { freePort } from "../helpers/net.js";
import { cli, type CliRun } from "./cliProcess.js";

const base = mkdtempSync(join(tmpdir(), "sau-phut-secrets-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const telegramToken = "123456789:AAH-known-telegram-secret-part-0123456";
const discordToken = "MTU3OTIwOTMwMjcwOTYzMzAyNA.Xjs77Q.known-discord-secret-part-abcdefghij";
const webhookSecret = "known_webhook_secret_value";
/** Each secret, and the part of it that is secret on its own. */
const secrets = [telegramToken, "AAH-known-telegram-secret-part-0123456", discordToken, "known-discord-secret-part-abcdefghij", webhookSecret];

function leaks(run: CliRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split("\n").filter((l) => secrets.some((s) => l.includes(s)));
}

describe("secrets in the command line's output", () => {
  it("GIVEN known tokens in the environment THEN no command prints them: doctor (API unreachable, token refused), check, render, backup, help, usage errors", async () => {
    const content = join(base, "content");
    const data = join(base, "data");
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, "2026-01-01-a.md"), "---\ntitle: A\n---\nMột bài ngắn.\n\n$$x^2$$\n");
    const env = {
      DATA_DIR: data,
      CONTENT_DIR: content,
      TELEGRAM_BOT_TOKEN: telegramToken,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook",
      TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      DISCORD_BOT_TOKEN: discordToken,
      DISCORD_APPLICATION_ID: "157920930270963302",
    };
    const closed = await freePort();
    const refusing = await FakeTelegram.start();
    try {
      const runs: [string, CliRun][] = [
        ["doctor, API unreachable", await cli(["doctor"], { ...env, TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`, DISCORD_API_ROOT: `http://127.0.0.1:${closed}/api` })],
        ["doctor, token refused", await cli(["doctor"], { ...env, TELEGRAM_API_ROOT: refusing.apiRoot, DISCORD_API_ROOT: `http://127.0.0.1:${closed}/api` })],
        ["check", await cli(["check"], env)],
        ["render", await cli(["render", "--out", join(base, "out")], env)],
        ["backup without a database", await cli(["backup", join(base, "copy.sqlite")], env)],
        ["preview --out", await cli(["preview", "--out", join(base, "site")], env)],
        ["help", await cli(["render", "--help"], env)],
        ["unknown option", await cli(["check", `--${telegramToken}`], env)],
      ];
      // The failures say what failed, so the scan covers real error text, not silence.
      expect(runs[0]![1].stdout).toMatch(new RegExp(`^✘ telegram: cannot reach the Bot API at 127\\.0\\.0\\.1:${closed}: connect ECONNREFUSED`, "m"));
      expect(runs[1]![1].stdout).toMatch(/^✘ telegram: the Bot API refused the token: 401/m);
      for (const [name, run] of runs) expect(leaks(run), name).toEqual([]);
    } finally {
      await refusing.stop();
    }
  });
});
