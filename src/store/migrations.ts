import type Database from "better-sqlite3";

/**
 * Versioned schema. `PRAGMA user_version` holds the number of migrations applied; opening an older
 * file applies the missing ones in order, each in its own transaction. Never edit a published
 * migration: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: subscribers, delivery ledger, member completions.
  `
  CREATE TABLE subscribers (
    id                 INTEGER PRIMARY KEY,
    platform           TEXT    NOT NULL,
    chat_id            TEXT    NOT NULL,
    thread_id          TEXT    NOT NULL DEFAULT '',
    kind               TEXT    NOT NULL CHECK (kind IN ('private', 'group', 'channel')),
    language           TEXT    NOT NULL,
    timezone           TEXT    NOT NULL,
    send_time          TEXT    NOT NULL,
    position           TEXT,
    position_ordinal   INTEGER NOT NULL DEFAULT -1,
    status             TEXT    NOT NULL CHECK (status IN ('active', 'paused', 'stopped', 'unreachable')),
    next_due_at        INTEGER,
    last_daily_at      INTEGER,
    completed_notified INTEGER NOT NULL DEFAULT 0,
    streak_current     INTEGER NOT NULL DEFAULT 0,
    streak_best        INTEGER NOT NULL DEFAULT 0,
    streak_last_day    TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    UNIQUE (platform, chat_id, thread_id)
  );
  CREATE INDEX subscribers_due ON subscribers (platform, next_due_at) WHERE next_due_at IS NOT NULL;

  CREATE TABLE deliveries (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('lesson', 'course_complete')),
    lesson_id     TEXT    NOT NULL,
    trigger       TEXT    NOT NULL CHECK (trigger IN ('daily', 'on_demand')),
    due_at        INTEGER,
    message_count INTEGER NOT NULL,
    sent_count    INTEGER NOT NULL DEFAULT 0,
    skipped       TEXT    NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'superseded')),
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    finished_at   INTEGER
  );
  CREATE INDEX deliveries_pending ON deliveries (id) WHERE status = 'pending';
  CREATE INDEX deliveries_open ON deliveries (subscriber_id) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id, created_at);

  CREATE TABLE completions (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    member_id     TEXT    NOT NULL,
    member_name   TEXT    NOT NULL,
    lesson_id     TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    via           TEXT    NOT NULL CHECK (via IN ('done', 'next')),
    at            INTEGER NOT NULL,
    UNIQUE (subscriber_id, member_id, lesson_id)
  );
  `,
  // 2: who subscribed a chat (told when the bot loses a permission there), lesson threads, the format a
  //    delivery fell back to, and the platform's ids of uploaded images (uploaded once, reused after).
  `
  ALTER TABLE subscribers ADD COLUMN subscribed_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE subscribers ADD COLUMN lesson_threads INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN format TEXT NOT NULL DEFAULT '';

  CREATE TABLE media_uploads (
    platform   TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    file_id    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (platform, hash)
  ) WITHOUT ROWID;
  `,
  // 3: a row the health check writes, to know the database still takes writes.
  `
  CREATE TABLE heartbeat (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at INTEGER NOT NULL
  );
  `,
  // 4: operators' announcements, delivered through the ledger like lessons (a new delivery kind:
  //    SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows and indexes).
  `
  CREATE TABLE announcements (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE deliveries_v4 (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('lesson', 'course_complete', 'announcement')),
    lesson_id     TEXT    NOT NULL,
    trigger       TEXT    NOT NULL CHECK (trigger IN ('daily', 'on_demand')),
    due_at        INTEGER,
    message_count INTEGER NOT NULL,
    sent_count    INTEGER NOT NULL DEFAULT 0,
    skipped       TEXT    NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'superseded')),
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    format        TEXT    NOT NULL DEFAULT ''
  );
  INSERT INTO deliveries_v4 (id, subscriber_id, kind, lesson_id, trigger, due_at, message_count, sent_count, skipped, attempts, status, last_error, created_at, updated_at, finished_at, format)
    SELECT id, subscriber_id, kind, lesson_id, trigger, due_at, message_count, sent_count, skipped, attempts, status, last_error, created_at, updated_at, finished_at, format FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v4 RENAME TO deliveries;
  CREATE INDEX deliveries_pending ON deliveries (id) WHERE status = 'pending';
  CREATE INDEX deliveries_open ON deliveries (subscriber_id) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id, created_at);
  CREATE INDEX deliveries_finished ON deliveries (finished_at) WHERE finished_at IS NOT NULL;
  `,
  // 5: courses. A chat follows several courses, each with its own position (follows); a delivery
  //    and a completion name their course (lesson ids are unique only within one), and a new kind
  //    tells followers that a course is no longer offered; the courses ever offered are remembered
  //    by id (their titles outlive the content).
  //    The course a subscriber of schema 4 had is not known here (the content is read later): its
  //    follow, deliveries and completions get the placeholder course '' that the start resolves to the
  //    catalogue's course holding the subscriber's lesson (src/learning/catalogueSync.ts).
  `
  CREATE TABLE courses (
    id         TEXT    PRIMARY KEY,
    title      TEXT    NOT NULL,
    seen_at    INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE follows (
    subscriber_id      INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    course_id          TEXT    NOT NULL,
    position           TEXT,
    position_ordinal   INTEGER NOT NULL DEFAULT -1,
    completed_notified INTEGER NOT NULL DEFAULT 0,
    status             TEXT    NOT NULL CHECK (status IN ('following', 'left', 'withdrawn')),
    followed_at        INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, course_id)
  ) WITHOUT ROWID;
  CREATE INDEX follows_course ON follows (course_id, status);
  INSERT INTO follows (subscriber_id, course_id, position, position_ordinal, completed_notified, status, followed_at, updated_at)
    SELECT id, '', position, position_ordinal, completed_notified, 'following', created_at, updated_at FROM subscribers;
  ALTER TABLE subscribers DROP COLUMN position;
  ALTER TABLE subscribers DROP COLUMN position_ordinal;
  ALTER TABLE subscribers DROP COLUMN completed_notified;

  CREATE TABLE completions_v5 (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    member_id     TEXT    NOT NULL,
    member_name   TEXT    NOT NULL,
    course_id     TEXT    NOT NULL,
    lesson_id     TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    via           TEXT    NOT NULL CHECK (via IN ('done', 'next')),
    at            INTEGER NOT NULL,
    UNIQUE (subscriber_id, member_id, course_id, lesson_id)
  );
  INSERT INTO completions_v5 (id, subscriber_id, member_id, member_name, course_id, lesson_id, day, via, at)
    SELECT id, subscriber_id, member_id, member_name, '', lesson_id, day, via, at FROM completions;
  DROP TABLE completions;
  ALTER TABLE completions_v5 RENAME TO completions;

  CREATE TABLE deliveries_v5 (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('lesson', 'course_complete', 'announcement', 'course_withdrawn')),
    course_id     TEXT,
    lesson_id     TEXT    NOT NULL,
    trigger       TEXT    NOT NULL CHECK (trigger IN ('daily', 'on_demand')),
    due_at        INTEGER,
    message_count INTEGER NOT NULL,
    sent_count    INTEGER NOT NULL DEFAULT 0,
    skipped       TEXT    NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'superseded')),
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    format        TEXT    NOT NULL DEFAULT ''
  );
  INSERT INTO deliveries_v5 (id, subscriber_id, kind, course_id, lesson_id, trigger, due_at, message_count, sent_count, skipped, attempts, status, last_error, created_at, updated_at, finished_at, format)
    SELECT id, subscriber_id, kind, CASE kind WHEN 'announcement' THEN NULL ELSE '' END, lesson_id, trigger, due_at, message_count, sent_count, skipped, attempts, status, last_error, created_at, updated_at, finished_at, format FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v5 RENAME TO deliveries;
  CREATE INDEX deliveries_pending ON deliveries (id) WHERE status = 'pending';
  CREATE INDEX deliveries_open ON deliveries (subscriber_id) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id, created_at);
  CREATE INDEX deliveries_finished ON deliveries (finished_at) WHERE finished_at IS NOT NULL;
  `,
  // 6: quizzes and spaced review (issue 16), each table in its own module (src/store/quiz/):
  //    questions (every question ever offered, so an edited one is retired, not forgotten), cards (one
  //    per question per learner, FSRS state), asks (a question as asked: where, to whom, its Telegram
  //    poll), the review log (every answer), scores (right answers per member per ISO week) and the
  //    groups' leaderboard settings; deliveries take three new kinds (a question, the day's review,
  //    the weekly leaderboard), so the ledger is rebuilt as in 4 and 5.
  `
  CREATE TABLE questions (
    course_id   TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    lesson_id   TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('offered', 'retired')),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (course_id, question_id)
  ) WITHOUT ROWID;

  CREATE TABLE cards (
    id             INTEGER PRIMARY KEY,
    subscriber_id  INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    member_id      TEXT    NOT NULL,
    course_id      TEXT    NOT NULL,
    lesson_id      TEXT    NOT NULL,
    question_id    TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('active', 'retired')),
    due_at         INTEGER NOT NULL,
    stability      REAL    NOT NULL,
    difficulty     REAL    NOT NULL,
    scheduled_days INTEGER NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    state          INTEGER NOT NULL,
    last_review    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (subscriber_id, member_id, course_id, question_id)
  );
  CREATE INDEX cards_due ON cards (subscriber_id, due_at, member_id, course_id, question_id) WHERE status = 'active';
  CREATE INDEX cards_question ON cards (question_id) WHERE status = 'active';

  CREATE TABLE asks (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    member_id     TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL DEFAULT '',
    course_id     TEXT    NOT NULL,
    lesson_id     TEXT    NOT NULL,
    question_id   TEXT    NOT NULL,
    correct       TEXT    NOT NULL,
    purpose       TEXT    NOT NULL CHECK (purpose IN ('lesson', 'review', 'practice')),
    via           TEXT    NOT NULL CHECK (via IN ('ledger', 'reply')),
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'open', 'answered', 'closed')),
    poll_id       TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );
  CREATE INDEX asks_learner ON asks (subscriber_id, member_id, id) WHERE status IN ('queued', 'open');
  CREATE UNIQUE INDEX asks_poll ON asks (poll_id) WHERE poll_id IS NOT NULL;
  -- A group's lesson questions are posted once: the check reads this, not the whole table.
  CREATE INDEX asks_group_posted ON asks (subscriber_id, course_id, lesson_id) WHERE member_id = '';

  CREATE TABLE review_log (
    id             INTEGER PRIMARY KEY,
    ask_id         INTEGER NOT NULL,
    subscriber_id  INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    member_id      TEXT    NOT NULL,
    member_name    TEXT    NOT NULL,
    course_id      TEXT    NOT NULL,
    question_id    TEXT    NOT NULL,
    card_id        INTEGER,
    purpose        TEXT    NOT NULL CHECK (purpose IN ('lesson', 'review', 'practice')),
    chosen         TEXT    NOT NULL,
    correct        INTEGER NOT NULL,
    rating         INTEGER,
    state          INTEGER,
    due_at         INTEGER,
    stability      REAL,
    difficulty     REAL,
    scheduled_days INTEGER,
    day            TEXT    NOT NULL,
    at             INTEGER NOT NULL,
    UNIQUE (ask_id, member_id)
  );
  CREATE INDEX review_log_member ON review_log (subscriber_id, member_id, at);

  CREATE TABLE scores (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    week          TEXT    NOT NULL,
    member_id     TEXT    NOT NULL,
    member_name   TEXT    NOT NULL,
    answered      INTEGER NOT NULL,
    right         INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, week, member_id)
  ) WITHOUT ROWID;

  CREATE TABLE leaderboards (
    subscriber_id INTEGER PRIMARY KEY REFERENCES subscribers (id) ON DELETE CASCADE,
    weekly        INTEGER NOT NULL DEFAULT 0,
    last_week     TEXT    NOT NULL DEFAULT ''
  );

  CREATE TABLE deliveries_v6 (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('lesson', 'course_complete', 'announcement', 'course_withdrawn', 'quiz', 'review', 'leaderboard')),
    course_id     TEXT,
    lesson_id     TEXT    NOT NULL,
    trigger       TEXT    NOT NULL CHECK (trigger IN ('daily', 'on_demand')),
    due_at        INTEGER,
    message_count INTEGER NOT NULL,
    sent_count    INTEGER NOT NULL DEFAULT 0,
    skipped       TEXT    NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'superseded')),
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    format        TEXT    NOT NULL DEFAULT ''
  );
  INSERT INTO deliveries_v6 SELECT id, subscriber_id, kind, course_id, lesson_id, trigger, due_at, message_count, sent_count, skipped, attempts, status, last_error, created_at, updated_at, finished_at, format FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v6 RENAME TO deliveries;
  CREATE INDEX deliveries_pending ON deliveries (id) WHERE status = 'pending';
  CREATE INDEX deliveries_open ON deliveries (subscriber_id) WHERE status IN ('pending', 'failed');
  CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id, created_at);
  CREATE INDEX deliveries_finished ON deliveries (finished_at) WHERE finished_at IS NOT NULL;
  `,
  // 7: messages sent past the free rate as paid broadcasts (Telegram), per platform and UTC day: the
  //    day's Star cap holds across restarts.
  `
  CREATE TABLE paid_broadcasts (
    platform   TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    messages   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, day)
  ) WITHOUT ROWID;
  `,
];

export function migrate(db: Database.Database, steps: readonly string[] = migrations): { from: number; to: number } {
  const from = db.pragma("user_version", { simple: true }) as number;
  if (from > steps.length) {
    throw new Error(`database schema version ${from} is newer than this program knows (${steps.length})`);
  }
  for (let version = from; version < steps.length; version++) {
    db.transaction(() => {
      db.exec(steps[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return { from, to: steps.length };
}
