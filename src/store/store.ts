import { CompletionRepository } from "./completions.js";
import { CourseRepository } from "./courses.js";
import { openDatabase } from "./db.js";
import { FollowRepository } from "./follows.js";
import { DeliveryLedger } from "./ledger.js";
import { PaidBroadcastRepository } from "./paidBroadcasts.js";
import { SubscriberRepository } from "./subscribers.js";
import { UploadRepository } from "./uploads.js";
import { AnnouncementRepository, StatsQueries } from "./operations.js";
import { QuizStore } from "./quiz/index.js";
import { migratePostgres } from "./postgres/migrate.js";
import { PostgresDatabase } from "./postgres/database.js";
import type { SqlDatabase } from "./sql.js";
import { SqliteDatabase } from "./sqlite.js";
import { isDatabaseUrl } from "./location.js";

/** The channel on which a standby tells the active process that ledger rows wait to be sent (PostgreSQL LISTEN/NOTIFY). */
export const DELIVERIES_CHANNEL = "sauphut_deliveries";

/** The heartbeat row's write: what /healthz and `doctor` (rolled back there) try to see that the database takes writes. */
export const HEARTBEAT = "INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at";

/** The bot's state: one SQLite file, or one PostgreSQL database, and a repository per table. */
export class Store {
  readonly subscribers: SubscriberRepository;
  readonly follows: FollowRepository;
  readonly courses: CourseRepository;
  readonly ledger: DeliveryLedger;
  readonly completions: CompletionRepository;
  readonly uploads: UploadRepository;
  readonly announcements: AnnouncementRepository;
  readonly stats: StatsQueries;
  readonly paidBroadcasts: PaidBroadcastRepository;
  /** Quiz questions asked, cards, answers and scores (issue 16). */
  readonly quiz: QuizStore;

  constructor(readonly db: SqlDatabase) {
    this.subscribers = new SubscriberRepository(db);
    this.follows = new FollowRepository(db);
    this.courses = new CourseRepository(db);
    this.ledger = new DeliveryLedger(db);
    this.completions = new CompletionRepository(db);
    this.uploads = new UploadRepository(db);
    this.announcements = new AnnouncementRepository(db);
    this.stats = new StatsQueries(db);
    this.paidBroadcasts = new PaidBroadcastRepository(db);
    this.quiz = new QuizStore(db);
  }

  /** A SQLite file (created and migrated when new) or a postgres:// address (its schema created when the database is empty). */
  static open(location: string): Store {
    if (!isDatabaseUrl(location)) return new Store(new SqliteDatabase(openDatabase(location), location));
    const db = new PostgresDatabase(location);
    try {
      migratePostgres(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new Store(db);
  }

  /** The SQLite handle, for what only SQLite has (pragmas); throws on PostgreSQL. */
  sqlite(): SqliteDatabase {
    if (!(this.db instanceof SqliteDatabase)) throw new Error(`the store is on PostgreSQL (${this.db.location}), not SQLite`);
    return this.db;
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Wakes the processes LISTENing on `channel` (PostgreSQL, once the current transaction commits).
   * SQLite serves one process: nothing to tell.
   */
  notify(channel: string): void {
    if (this.db.dialect === "postgres") this.db.prepare("SELECT pg_notify(?, '')").get(channel);
  }

  /** Writes the heartbeat row: throws when the database no longer takes writes. */
  heartbeat(now: number): void {
    this.db.prepare(HEARTBEAT).run(now);
  }

  /** Subscribers by platform and status. */
  subscriberCounts(): { platform: string; status: string; n: number }[] {
    return this.db.prepare("SELECT platform, status, count(*) AS n FROM subscribers GROUP BY platform, status ORDER BY platform, status").all() as { platform: string; status: string; n: number }[];
  }

  /** SQLite: copies the write-ahead log back into the database file (PASSIVE: never waits for readers). */
  checkpoint(): void {
    // PostgreSQL checkpoints on its own.
    if (this.db instanceof SqliteDatabase) this.db.pragma("wal_checkpoint(PASSIVE)");
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
