/**
 * The real bot process (`node --import tsx src/main.ts`, what `npm start` runs) against the fake
 * Discord in the test process: its output kept line by line, its exit awaited, SIGKILL possible.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import type { FakeDiscord } from "../fakes/discord/index.js";

const root = resolve(import.meta.dirname, "../..");

export interface BotProcess {
  proc: ChildProcess;
  /** Every line the process wrote to stdout and stderr so far. */
  lines: string[];
  exit: Promise<number | null>;
  /** Resolves once a log line with this `msg` appears (after `from` lines). */
  logged(msg: string, timeoutMs?: number, from?: number): Promise<Record<string, unknown>>;
}

const running: ChildProcess[] = [];

/** The environment of the bot: the fake's REST URL, its token and ids, a data folder and a course. */
export function botEnv(fake: FakeDiscord, opts: { dataDir: string; contentDir: string; guildId: string; extra?: Record<string, string> }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Only what a shell would pass along; no platform variable of the developer's own leaks in.
  for (const [k, v] of Object.entries(process.env)) if (!/^(TELEGRAM_|DISCORD_|METRICS_PORT|ADMIN_IDS|COURSE_JSON)/.test(k)) env[k] = v;
  return {
    ...env,
    DISCORD_BOT_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_ROOT: fake.restUrl,
    DISCORD_GUILD_ID: opts.guildId,
    DATA_DIR: opts.dataDir,
    CONTENT_DIR: opts.contentDir,
    DEFAULT_TIMEZONE: "UTC",
    LOG_LEVEL: "debug",
    ...opts.extra,
  };
}

export function startBotProcess(env: NodeJS.ProcessEnv): BotProcess {
  // One process (node with tsx's loader), not npm's wrapper: SIGKILL must hit the process that sends.
  const proc = spawn(process.execPath, ["--import", "tsx", join(root, "src/main.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  running.push(proc);
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const take = (chunk: Buffer, carry: { rest: string }) => {
    const text = carry.rest + chunk.toString("utf8");
    const parts = text.split("\n");
    carry.rest = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.test(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  };
  const out = { rest: "" };
  const err = { rest: "" };
  proc.stdout!.on("data", (c: Buffer) => take(c, out));
  proc.stderr!.on("data", (c: Buffer) => take(c, err));
  const exit = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  return {
    proc,
    lines,
    exit,
    logged(msg, timeoutMs = 30_000, from = 0) {
      const test = (line: string) => parse(line)?.msg === msg;
      const seen = lines.slice(from).find(test);
      if (seen) return Promise.resolve(parse(seen)!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bot did not log "${msg}" within ${timeoutMs} ms; last lines:\n${lines.slice(-15).join("\n")}`)), timeoutMs);
        waiters.push({
          test,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(parse(line)!);
          },
        });
        void exit.then(() => {
          clearTimeout(timer);
          reject(new Error(`the bot exited before logging "${msg}"; last lines:\n${lines.slice(-15).join("\n")}`));
        });
      });
    },
  };
}

/** SIGTERM, and the exit code (SIGKILL after `graceMs`). */
export async function stopBotProcess(bot: BotProcess, graceMs = 12_000): Promise<number | null> {
  if (bot.proc.exitCode !== null || bot.proc.signalCode !== null) return bot.proc.exitCode;
  bot.proc.kill("SIGTERM");
  const timer = setTimeout(() => bot.proc.kill("SIGKILL"), graceMs);
  const code = await bot.exit;
  clearTimeout(timer);
  return code;
}

/** What /healthz says: its status code and the parts it names failing. */
export interface Health {
  status: number;
  failing: string[];
}

/** /healthz of the bot serving METRICS_PORT=`port`, as an operator's probe sees it. */
export async function healthOf(port: number): Promise<Health> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, failing: ((await res.json()) as { failing: string[] }).failing };
}

/** What /healthz says of the Discord connection (`checks.discord`): per shard when one is down. */
export async function discordHealthOf(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return ((await res.json()) as { checks: Record<string, string> }).checks.discord!;
}

/** Polls /healthz every 100 ms until `until` holds (or the time is up); the last answer. */
export async function healthOfWhen(port: number, until: (h: Health) => boolean, timeoutMs: number): Promise<Health> {
  const end = Date.now() + timeoutMs;
  let seen = await healthOf(port);
  while (!until(seen) && Date.now() < end) seen = await new Promise((r) => setTimeout(r, 100)).then(() => healthOf(port));
  return seen;
}

/** Kills whatever is still running (test teardown). */
export function killAll(): void {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
}

/** The next minute of the UTC clock as "HH:MM", at least `marginS` seconds away. */
export function nextMinuteUtc(now = Date.now(), marginS = 8): { hhmm: string; at: number } {
  let at = Math.floor(now / 60_000) * 60_000 + 60_000;
  if (at - now < marginS * 1000) at += 60_000;
  const d = new Date(at);
  return { hhmm: `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`, at };
}
