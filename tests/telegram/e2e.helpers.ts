/** Shared pieces of the end-to-end tests: temp folders, a reader of the bot's database, waiting. */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import type { FakeTelegram, SentMessage } from "../fakes/telegram/server.js";
import { Store } from "../../src/store/store.js";
import { writeCourse } from "./course.js";

export const roomy = { count: 1000, windowMs: 1000 };

export function e2eDirs(): { dataDir: string; contentDir: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), "sau-phut-e2e-"));
  return { dataDir: join(base, "data"), contentDir: writeCourse(join(base, "content")), cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** Reads the bot's SQLite file while the bot runs (WAL lets a second connection read). */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, "bot.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A command from `user` (in `chatId`, default their private chat); resolves with the next `count` messages there. */
export async function command(tg: FakeTelegram, user: User, name: string, count: number, opts: { chatId?: number; threadId?: number; args?: string; timeoutMs?: number } = {}): Promise<SentMessage[]> {
  const chatId = opts.chatId ?? user.id;
  const before = tg.sentTo(chatId).length;
  tg.updates.command(user, name, { chatId, ...(opts.threadId !== undefined ? { threadId: opts.threadId } : {}), ...(opts.args ? { args: opts.args } : {}) });
  await tg.waitFor(() => tg.sentTo(chatId).length >= before + count, opts.timeoutMs ?? 10_000);
  return tg.sentTo(chatId).slice(before);
}

/** Presses button `index` (0 ✅, 1 ▶, 2 📚) under `message`; resolves with the toast. */
export async function press(tg: FakeTelegram, user: User, message: SentMessage, index: number): Promise<string | undefined> {
  const before = tg.callbackAnswers.length;
  const button = message.replyMarkup!.inline_keyboard.flat()[index]!;
  tg.updates.callbackQuery(user, { chatId: message.chatId, messageId: message.messageId }, "callback_data" in button ? button.callback_data : "");
  return (await tg.waitFor(() => tg.callbackAnswers[before], 10_000)).text;
}

export const labels = (m: SentMessage | undefined): string[] => (m?.replyMarkup?.inline_keyboard.flat() ?? []).map((b) => b.text);

/** "HH:MM" (UTC) of a minute the tick will reach soon, leaving time for the /time command to land first. */
export function comingMinute(now = new Date()): { time: string; at: number } {
  const at = new Date(now);
  at.setUTCSeconds(0, 0);
  at.setUTCMinutes(at.getUTCMinutes() + (now.getUTCSeconds() >= 50 ? 2 : 1));
  return { time: `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`, at: at.getTime() };
}

/** Retries an assertion until it holds (the bot writes its ledger just after the fake answered). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Yesterday's subscribers, written through the store's own API at `location` (a SQLite file or a postgres:// URL): each following the course (its folder's name, "content"), today's lesson due a minute ago. */
export function seedDueLearners(location: string, learners: readonly User[], now = Date.now()): void {
  const store = Store.open(location);
  try {
    store.transaction(() => {
      for (const u of learners) {
        const sub = store.subscribers.insert({ platform: "telegram", chatId: String(u.id), threadId: "", kind: "private", language: "en", timeZone: "UTC", sendTime: "07:00", status: "active", nextDueAt: now - 60_000 }, now);
        store.follows.follow(sub.id, "content", now);
      }
    });
  } finally {
    store.close();
  }
}
