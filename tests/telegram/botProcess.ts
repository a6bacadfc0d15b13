/**
 * The real bot process (`node --import tsx src/main.ts`, what `npm start` runs) against the fake Bot
 * API: its environment, every line it prints, waiting for log lines, SIGTERM and SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { FakeTelegram } from "../fakes/telegram/server.js";

const root = resolve(import.meta.dirname, "../..");

export class BotProcess {
  /** Every line the process wrote to stdout and stderr, in order. */
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcess;
  private waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    // node with tsx's loader in one process (not the npm/tsx wrappers): a signal hits the bot itself.
    this.proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [this.proc.stdout!, this.proc.stderr!]) {
      let rest = "";
      stream.on("data", (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split("\n");
        rest = parts.pop()!;
        this.lines.push(...parts.filter(Boolean));
        for (const w of this.waiters) w();
      });
    }
    this.exited = new Promise((r) => this.proc.on("exit", (code, signal) => r({ code, signal })));
  }

  /** The environment of a bot serving the fake with a course in `contentDir`. */
  static env(tg: FakeTelegram, dataDir: string, contentDir: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
      LOG_LEVEL: "debug",
      DEFAULT_TIMEZONE: "UTC",
      TELEGRAM_RATE_GLOBAL: "300/1s",
      TELEGRAM_RATE_CHAT: "20/1s",
      TELEGRAM_RATE_GROUP: "200/60s",
      ...extra,
    };
  }

  /** Resolves with the first line containing `text` (from `from` on); rejects on timeout or exit. */
  waitForLine(text: string, timeoutMs = 30_000, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const line = this.lines.slice(from).find((l) => l.includes(text));
        if (line === undefined) return false;
        done();
        resolve(line);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no log line with "${text}" within ${timeoutMs} ms; last lines:\n${this.lines.slice(-15).join("\n")}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      const waiter = (): void => void check();
      if (check()) return;
      this.waiters.push(waiter);
      void this.exited.then(() => {
        if (!check()) {
          done();
          reject(new Error(`the bot exited before logging "${text}"; last lines:\n${this.lines.slice(-15).join("\n")}`));
        }
      });
    });
  }

  /** Started and polling: the composition root logged "bot running". */
  ready(): Promise<string> {
    return this.waitForLine('"bot running"', 60_000);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
  }

  /** Lines that name the token or its secret half. */
  leaks(token: string): string[] {
    const secret = token.slice(token.indexOf(":") + 1);
    return this.lines.filter((l) => l.includes(token) || l.includes(secret));
  }
}
