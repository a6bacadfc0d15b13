import type Database from "better-sqlite3";
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

/** The bot's state: one SQLite file and a repository per table. */
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

  constructor(readonly db: Database.Database) {
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

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Writes the heartbeat row: throws when the database no longer takes writes. */
  heartbeat(now: number): void {
    this.db.prepare("INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at").run(now);
  }

  /** Subscribers by platform and status. */
  subscriberCounts(): { platform: string; status: string; n: number }[] {
    return this.db.prepare("SELECT platform, status, count(*) AS n FROM subscribers GROUP BY platform, status").all() as { platform: string; status: string; n: number }[];
  }

  /** Copies the write-ahead log back into the database file (PASSIVE: never waits for readers). */
  checkpoint(): void {
    this.db.pragma("wal_checkpoint(PASSIVE)");
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
