/** Rows the store persists: subscribers, follows, deliveries, completions. The learning core reads and writes them through the store. */
import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { ChatKind, Language } from "../contract/chat.js";

export type SubscriberStatus = "active" | "paused" | "stopped" | "unreachable";

export interface Subscriber {
  id: number;
  platform: Platform;
  chatId: string;
  /** "" when the chat has no thread / topic. */
  threadId: string;
  kind: ChatKind;
  language: Language;
  timeZone: string;
  /** "HH:MM" on the subscriber's wall clock. */
  sendTime: string;
  status: SubscriberStatus;
  /** UTC ms of the chat's next daily lessons; null when none is scheduled (paused, stopped, every course finished). */
  nextDueAt: number | null;
  /** When the last daily lessons were claimed: a changed time or zone never gives two in one local day. */
  lastDailyAt: number | null;
  /** The chat's streak: a lesson of any course counts. */
  streak: StreakState;
  /** Platform user id of whoever subscribed the chat ("" when unknown): told when the bot loses a permission. */
  subscribedBy: string;
  /** A study group's channel where each lesson opens a discussion thread (Discord). */
  lessonThreads: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * `following`: lessons come; `left`: the chat left it (its place is kept for a later /follow);
 * `withdrawn`: the course is no longer offered (the chat was told once; it follows again if the
 * course comes back).
 */
export type FollowStatus = "following" | "left" | "withdrawn";

/** A course a chat follows, with the chat's place in it. */
export interface Follow {
  subscriberId: number;
  /** The catalogue's course id; "" for a follow migrated from schema 4 until the start resolves it. */
  courseId: string;
  /** Id of the last lesson delivered (the current lesson); null before the first. */
  position: string | null;
  /** Index of `position` in the course when it was stored: the fallback when the id vanishes. */
  positionOrdinal: number;
  /** The course-complete notice went out (daily, or as the answer to /next). */
  completedNotified: boolean;
  status: FollowStatus;
  followedAt: number;
  updatedAt: number;
}

export interface StreakState {
  current: number;
  best: number;
  /** Local day ("YYYY-MM-DD") of the last learning activity. */
  lastDay: string | null;
}

/**
 * `lesson_id` holds the lesson id, "" for the course notices (course_complete, course_withdrawn), the
 * announcement's id for an announcement, the ask's id for a question (`quiz`) and for the day's review
 * (its first question; "" for a group's, which carries the Review button), the ISO week summarised for
 * a weekly `leaderboard`.
 */
export type DeliveryKind = "lesson" | "course_complete" | "announcement" | "course_withdrawn" | "quiz" | "review" | "leaderboard";

/** The kinds that stand for a course's daily step: one unfinished at a time per chat and course. */
export const COURSE_STEP_KINDS = "('lesson', 'course_complete', 'course_withdrawn')";
export type DeliveryTrigger = "daily" | "on_demand";
/** `superseded`: a failed delivery the learner moved past (/next, /goto): never resumed. */
export type DeliveryStatus = "pending" | "done" | "failed" | "superseded";

/** One row of the delivery ledger. Messages [0, sentCount) are done (sent, or skipped when rejected). */
export interface Delivery {
  id: number;
  subscriberId: number;
  kind: DeliveryKind;
  /** The course of a lesson or course notice ("" until a migrated one is resolved); null for an announcement. */
  courseId: string | null;
  lessonId: string;
  trigger: DeliveryTrigger;
  dueAt: number | null;
  /** The format this delivery is sent in; null: the course's preferred one. Set when it fell back. */
  format: LessonFormat | null;
  messageCount: number;
  sentCount: number;
  /** Indexes of messages the platform rejected (skipped so the lesson is not blocked forever). */
  skipped: number[];
  attempts: number;
  status: DeliveryStatus;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface Completion {
  memberId: string;
  memberName: string;
  courseId: string;
  lessonId: string;
  day: string;
  via: "done" | "next";
  at: number;
}
