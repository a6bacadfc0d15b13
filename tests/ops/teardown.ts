import { afterEach } from "vitest";
import { BotProcess } from "../telegram/botProcess.js";
import { e2eDirs } from "../telegram/e2e.helpers.js";

/**
 * What a test starts, ended after it in reverse order: servers, folders, and bot processes (SIGKILL
 * when still running). Call once at the top of a test file.
 */
export function useTeardown(): {
  later(task: () => Promise<void> | void): void;
  startBot(env: Record<string, string>): BotProcess;
  /** A data folder and a small course (tests/telegram/course.ts), removed after the test. */
  folders(): { dataDir: string; contentDir: string };
} {
  let tasks: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const task of tasks.reverse()) await task();
    tasks = [];
  });
  return {
    later: (task) => void tasks.push(task),
    folders() {
      const dirs = e2eDirs();
      tasks.push(dirs.cleanup);
      return dirs;
    },
    startBot(env) {
      const bot = new BotProcess(env);
      tasks.push(async () => {
        bot.kill("SIGKILL");
        await bot.exited;
      });
      return bot;
    },
  };
}
