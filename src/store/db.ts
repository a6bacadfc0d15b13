import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate } from "./migrations.js";

/**
 * Opens (creating when missing) the bot's SQLite file: WAL journal, foreign keys on, schema migrated.
 * `synchronous = NORMAL` in WAL mode survives a process crash (kill -9) without losing commits; only an
 * OS crash or power loss may drop the last transactions.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // 64 MB at most (pages are cached as they are used): the minute tick that claims 10,000 chats
  // touches some 25,000 pages of subscribers, follows and indexes; with 16 MB they were read twice.
  db.pragma("cache_size = -65536");
  // Checkpoints run from the scheduler between ticks (Store.checkpoint), not inside the commit of a
  // big claim, where they doubled its time. Closing the database checkpoints too.
  db.pragma("wal_autocheckpoint = 0");
  migrate(db);
  return db;
}
