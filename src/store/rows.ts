import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { Delivery, DeliveryKind, DeliveryStatus, DeliveryTrigger, Follow, FollowStatus, Subscriber, SubscriberStatus } from "./types.js";
import type { ChatKind, Language } from "../contract/chat.js";

/** Row shapes as SQLite returns them, and their mapping to domain objects. */
export interface SubscriberRow {
  id: number;
  platform: string;
  chat_id: string;
  thread_id: string;
  kind: string;
  language: string;
  timezone: string;
  send_time: string;
  status: string;
  next_due_at: number | null;
  last_daily_at: number | null;
  streak_current: number;
  streak_best: number;
  streak_last_day: string | null;
  subscribed_by: string;
  lesson_threads: number;
  created_at: number;
  updated_at: number;
}

export function toSubscriber(r: SubscriberRow): Subscriber {
  return {
    id: r.id,
    platform: r.platform as Platform,
    chatId: r.chat_id,
    threadId: r.thread_id,
    kind: r.kind as ChatKind,
    language: r.language as Language,
    timeZone: r.timezone,
    sendTime: r.send_time,
    status: r.status as SubscriberStatus,
    nextDueAt: r.next_due_at,
    lastDailyAt: r.last_daily_at,
    streak: { current: r.streak_current, best: r.streak_best, lastDay: r.streak_last_day },
    subscribedBy: r.subscribed_by,
    lessonThreads: r.lesson_threads !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface FollowRow {
  subscriber_id: number;
  course_id: string;
  position: string | null;
  position_ordinal: number;
  completed_notified: number;
  status: string;
  followed_at: number;
  updated_at: number;
}

export function toFollow(r: FollowRow): Follow {
  return {
    subscriberId: r.subscriber_id,
    courseId: r.course_id,
    position: r.position,
    positionOrdinal: r.position_ordinal,
    completedNotified: r.completed_notified !== 0,
    status: r.status as FollowStatus,
    followedAt: r.followed_at,
    updatedAt: r.updated_at,
  };
}

export interface DeliveryRow {
  id: number;
  subscriber_id: number;
  kind: string;
  course_id: string | null;
  lesson_id: string;
  trigger: string;
  due_at: number | null;
  format: string;
  message_count: number;
  sent_count: number;
  skipped: string;
  attempts: number;
  status: string;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    kind: r.kind as DeliveryKind,
    courseId: r.course_id,
    lessonId: r.lesson_id,
    trigger: r.trigger as DeliveryTrigger,
    dueAt: r.due_at,
    format: r.format === "" ? null : (r.format as LessonFormat),
    messageCount: r.message_count,
    sentCount: r.sent_count,
    skipped: r.skipped === "" ? [] : r.skipped.split(",").map(Number),
    attempts: r.attempts,
    status: r.status as DeliveryStatus,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}
