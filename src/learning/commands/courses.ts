import { text, type CommandContext, type Reply } from "../context.js";
import { courseChoices } from "../courseChoices.js";
import type { CourseView } from "../courseView.js";
import { currentIndex, finished, followedBy } from "../followed.js";
import { keepsDays, computeNextDue, scheduleOf } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";
import { clip } from "./settings.js";
import { subscribe } from "./subscription.js";

/**
 * The catalogue: each course's title, language, lessons, whole reading time and whether the chat
 * follows it, with a button a course (to follow it; a followed one is marked).
 */
export function catalogueReply(c: CommandContext, sub: Subscriber | undefined): Reply {
  const { catalogue } = c;
  if (catalogue.size === 0) return text(c.t.coursesNone(c.m));
  const followed = new Set(sub ? followedBy(c.deps.store, sub, catalogue).map((f) => f.view.id) : []);
  const lines = [c.t.coursesHeader(c.m, { n: catalogue.size })];
  catalogue.courses.forEach((course, i) => {
    const { info } = course;
    lines.push(
      c.t.courseLine(c.m, {
        k: i + 1,
        id: course.id,
        title: info.title,
        language: info.language,
        lessons: course.size,
        minutes: course.minutes,
        following: followed.has(course.id),
        description: info.description,
      }),
    );
  });
  lines.push(c.t.coursesFooter(c.m, { following: followed.size > 0 }));
  const choices = courseChoices(
    catalogue.courses,
    "follow",
    (v) => (followed.has(v.id) ? c.t.followingButton({ title: v.info.title }) : c.t.followButton({ title: v.info.title })),
    { description: (v) => `${v.info.language} · ${v.size} · ${c.t.duration({ minutes: v.minutes })}` },
  );
  return { text: lines.join("\n\n"), choices };
}

/** /courses */
export function courses(c: CommandContext): Reply[] {
  return [catalogueReply(c, c.sub)];
}

/**
 * Follows a course (new, or back at the place kept when it was left) and schedules the daily lessons
 * if none were. The answer says how it went.
 */
export function followCourse(c: CommandContext, sub: Subscriber, course: CourseView): Reply {
  const { store } = c.deps;
  const existing = store.follows.get(sub.id, course.id);
  if (existing?.status === "following") return text(c.t.alreadyFollowing(c.m, { course: course.info.title, id: course.id }));
  const { follow } = store.follows.follow(sub.id, course.id, c.now);
  if (sub.status === "active" && sub.nextDueAt === null) {
    sub.nextDueAt = computeNextDue(sub, followedBy(store, sub, c.catalogue), c.now, keepsDays(store, sub));
    store.subscribers.update(sub.id, { nextDueAt: sub.nextDueAt }, c.now);
  }
  c.deps.log.info({ subscriberId: sub.id, course: course.id, again: existing !== undefined }, "course followed");
  if (!existing) return text(c.t.followed(c.m, { ...scheduleOf(sub), course: course.info.title, lessons: course.size, minutes: course.minutes }));
  const k = currentIndex({ view: course, follow }) + 1;
  return text(c.t.followedAgain(c.m, { ...scheduleOf(sub), course: course.info.title, k, n: course.size }));
}

/** /follow <course>: by id or number; a chat not subscribed yet is subscribed first. */
export function follow(c: CommandContext): Reply[] {
  if (c.args === "") return [text(c.t.followUsage(c.m)), catalogueReply(c, c.sub)];
  const course = c.catalogue.find(c.args);
  if (!course) return [text(c.t.unknownCourse(c.m, { input: clip(c.args) }))];
  const sub = subscribe(c, { resumePaused: false });
  return [followCourse(c, sub, course)];
}

/**
 * /leave <course>: no more lessons from it; the chat's place is kept for a later /follow. Lessons of
 * it not yet sent are dropped.
 */
export function leave(c: CommandContext): Reply[] {
  const sub = c.sub!;
  const followed = followedBy(c.deps.store, sub, c.catalogue);
  if (c.args === "") {
    if (followed.length === 0) return [text(c.t.followsNothing(c.m))];
    const choices = courseChoices(
      followed.map((f) => f.view),
      "leave",
      (v) => c.t.courseButton({ title: v.info.title }),
    );
    return [{ text: c.t.leaveUsage(c.m), choices }];
  }
  const course = c.catalogue.find(c.args);
  if (!course) return [text(c.t.unknownCourse(c.m, { input: clip(c.args) }))];
  if (!followed.some((f) => f.view.id === course.id)) return [text(c.t.notFollowing(c.m, { course: course.info.title, id: course.id }))];
  const { store } = c.deps;
  store.transaction(() => {
    store.follows.update(sub.id, course.id, { status: "left" }, c.now);
    store.ledger.dropOpen(sub.id, course.id, c.now);
    // Nothing left to send daily: no due time (a /follow sets one again).
    if (followed.every((f) => f.view.id === course.id || finished(f))) {
      sub.nextDueAt = null;
      store.subscribers.update(sub.id, { nextDueAt: null }, c.now);
    }
  });
  c.deps.log.info({ subscriberId: sub.id, course: course.id }, "course left");
  return [text(c.t.leftCourse(c.m, { course: course.info.title, id: course.id, others: followed.length - 1 }))];
}
