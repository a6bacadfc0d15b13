import { text, type CommandContext, type Reply } from "../context.js";
import type { CourseView } from "../courseView.js";
import { lessonMessages } from "../lessonMessages.js";
import { clip } from "./settings.js";
import type { Platform } from "../../contract/lessons.js";
import { truncateText } from "../../text/graphemes.js";

const DAY_MS = 86_400_000;
/** How long an announcement waits for its "yes". */
const CONFIRM_MS = 10 * 60_000;
const MAX_ANNOUNCEMENT = 3500;

interface Draft {
  text: string;
  at: number;
  /** Only this course's followers. */
  course?: CourseView;
}

/** Announcements written but not yet confirmed, by operator, for each running core (its deps). */
const drafts = new WeakMap<object, Map<string, Draft>>();

/** A course of any platform's catalogue (ids are the same everywhere), by id or number. */
function anyCourse(c: CommandContext, ref: string): CourseView | undefined {
  const { courses } = c.deps;
  for (const p of courses.platforms) {
    const found = courses.for(p).find(ref);
    if (found) return found;
  }
  return undefined;
}

/**
 * /stats: subscribers by platform and status, chats that learned, deliveries and the slowest ones,
 * last 24 h; and per course, the chats following it and its lessons delivered and failed.
 */
export function stats(c: CommandContext): Reply[] {
  const { store, courses } = c.deps;
  const since = c.now - DAY_MS;
  const byPlatform = new Map<string, string[]>();
  for (const row of store.subscriberCounts()) byPlatform.set(row.platform, [...(byPlatform.get(row.platform) ?? []), `${row.n} ${row.status}`]);
  const d = store.stats.deliveriesSince(since);
  const slow = store.stats.slowest(since, 5).map((s) => ({ where: `${s.platform}:${s.chatId}`, lesson: s.lessonId, minutes: Math.round(s.lagMs / 6000) / 10 }));
  const followers = store.follows.activeFollowersByCourse();
  const lessons = store.stats.lessonsByCourseSince(since);
  const offered = new Set(courses.platforms.flatMap((p) => courses.for(p).courses.map((v) => v.id)));
  // Offered courses in catalogue order, then the ones no longer offered that chats still follow.
  const ids = [...offered, ...[...followers.keys(), ...lessons.keys()].filter((id) => id !== "" && !offered.has(id))];
  const perCourse = [...new Set(ids)].map((id) =>
    c.t.statsCourse(c.m, { id, followers: followers.get(id) ?? 0, delivered: lessons.get(id)?.done ?? 0, failed: lessons.get(id)?.failed ?? 0, offered: offered.has(id) }),
  );
  return [
    text(
      c.t.statsReport(c.m, {
        subscribers: [...byPlatform].map(([p, parts]) => `${p}: ${parts.join(", ")}`),
        learned: store.stats.learnedSince(since),
        delivered: d.done,
        failed: d.failed,
        slowest: slow,
        courses: perCourse,
      }) + paidBroadcastsLine(c),
    ),
  ];
}

/** /stats with paid broadcasts on: a line of today's Stars. */
function paidBroadcastsLine(c: CommandContext): string {
  const paid = c.deps.paidBroadcasts?.today(c.now);
  return paid ? `\n${c.t.statsPaid(c.m, paid)}` : "";
}

/**
 * /announce [#course] TEXT: shows how many active subscribers it would reach (with #course, the chats
 * following that course) and waits for /announce yes; then every one of them gets it through the
 * ledger, rate-limited like lessons. /announce no drops it.
 */
export function announce(c: CommandContext): Reply[] {
  const { store, delivery, courses } = c.deps;
  const who = `${c.incoming.chat.platform}:${c.incoming.user.id}`;
  let full = (c.incoming.text ?? "").replace(/^\s*\/\S+\s?/, "").trim();
  const word = full.toLowerCase();
  let pending = drafts.get(c.deps);
  if (!pending) drafts.set(c.deps, (pending = new Map()));
  if (word === "no" || word === "không") {
    pending.delete(who);
    return [text(c.t.announceCancelled(c.m))];
  }
  if (word === "yes" || word === "có") {
    const draft = pending.get(who);
    if (!draft || c.now - draft.at > CONFIRM_MS) return [text(c.t.announceNothing(c.m))];
    pending.delete(who);
    const targets = store.stats.activeSubscriberIds(courses.platforms, draft.course?.id);
    const id = store.transaction(() => {
      const announcement = store.announcements.create(draft.text, who, c.now);
      for (const t of targets) {
        store.ledger.create(
          { subscriberId: t.id, kind: "announcement", courseId: null, lessonId: String(announcement), trigger: "on_demand", dueAt: null, messageCount: 1 },
          c.now,
        );
      }
      return announcement;
    });
    c.deps.log.info({ announcement: id, subscribers: targets.length, course: draft.course?.id, by: who }, "announcement queued");
    delivery.resumePending();
    return [text(c.t.announceQueued(c.m, { n: targets.length }))];
  }
  let course: CourseView | undefined;
  const tag = /^#(\S+)\s*/.exec(full);
  if (tag) {
    course = anyCourse(c, tag[1]!);
    if (!course) return [text(c.t.unknownCourse(c.m, { input: clip(tag[1]!) }))];
    full = full.slice(tag[0].length);
  }
  if (!full) return [text(c.t.announceUsage(c.m))];
  const draft: Draft = { text: truncateText(full, MAX_ANNOUNCEMENT), at: c.now, ...(course ? { course } : {}) };
  pending.set(who, draft);
  const targets = store.stats.activeSubscriberIds(courses.platforms, course?.id);
  const perPlatform = new Map<Platform, number>();
  for (const t of targets) perPlatform.set(t.platform, (perPlatform.get(t.platform) ?? 0) + 1);
  return [
    text(
      c.t.announceConfirm(c.m, {
        n: targets.length,
        platforms: [...perPlatform].map(([p, n]) => `${p} ${n}`).join(", "),
        text: draft.text,
        ...(course ? { course: course.info.title } : {}),
      }),
    ),
  ];
}

/**
 * /preview [course] N|ID: a lesson exactly as learners get it, in every format the platform has, to
 * the operator. A lesson id names its course; a number needs the course when several are offered.
 */
export function preview(c: CommandContext): Reply[] {
  const { catalogue } = c;
  const words = c.args.split(/\s+/).filter(Boolean);
  const several = catalogue.size > 1;
  let course: CourseView | undefined;
  let arg = words[0] ?? "";
  if (words.length === 2) {
    course = catalogue.find(words[0]!);
    arg = words[1]!;
  } else if (words.length === 1) {
    course = /^\d{1,9}$/.test(arg) ? (several ? undefined : catalogue.courses[0]) : catalogue.holding(arg);
  }
  const usage = [text(c.t.previewUsage(c.m, { n: catalogue.courses[0]?.size ?? 0, courses: several }))];
  if (!course || words.length > 2) return usage;
  const index = /^\d{1,9}$/.test(arg) ? Number(arg) - 1 : course.indexOfPosition(arg, -1);
  const lesson = index >= 0 ? course.lesson(index) : undefined;
  if (!lesson || (!/^\d+$/.test(arg) && lesson.id !== arg)) return usage;
  const out: Reply[] = [];
  for (const format of course.formats) {
    out.push(text(c.t.previewHeader(c.m, { format, k: index + 1, n: course.size, title: lesson.title })));
    // Delivery 0 exists nowhere: the buttons look as learners see them and answer as stale ones do.
    out.push(...(lessonMessages(course, lesson.id, 0, c.language, { format }) ?? []));
  }
  return out;
}
