import { excusedDays } from "../activity.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { finishedCourse, scheduleOf } from "../schedulingRules.js";
import { currentStreak, streakFromDays } from "../streak.js";
import { localDay } from "../../schedule/zonedTime.js";

/** /progress: position, streak, next delivery; in a group, the members' table too. */
export function progress(c: CommandContext): Reply[] {
  const sub = c.sub!;
  const n = c.course.size;
  const index = c.course.indexOfPosition(sub.position, sub.positionOrdinal);
  const lesson = c.course.lesson(index);
  const lines: string[] = [];
  if (!lesson) lines.push(c.t.progressNotStarted(c.m, { n }));
  else {
    const k = index + 1;
    lines.push(
      c.t.progress(c.m, { k, n, percent: Math.round((100 * k) / n), title: lesson.title, part: lesson.part, parts: lesson.parts }),
    );
  }
  const today = localDay(c.now, sub.timeZone);
  const excused = excusedDays(c.deps.store, sub, c.now);
  lines.push(c.t.streak(c.m, { current: currentStreak(sub.streak, today, excused), best: sub.streak.best }));
  const status = sub.status === "paused" ? "paused" : n > 0 && finishedCourse(sub, c.course) && sub.nextDueAt === null ? "finished" : "active";
  lines.push(c.t.nextDelivery(c.m, { ...scheduleOf(sub), status }));
  if (sub.kind !== "private") {
    lines.push("", c.t.membersHeader(c.m));
    const members = c.deps.store.completions.members(sub.id);
    if (members.length === 0) lines.push(c.t.membersNone(c.m));
    members
      .map((m) => ({ name: m.memberName, done: m.lessonsDone, streak: streakFromDays(m.days, today, excused) }))
      .sort((a, b) => b.done - a.done || b.streak - a.streak || a.name.localeCompare(b.name))
      .slice(0, 50)
      .forEach((m) => lines.push(c.t.memberLine(c.m, m)));
  }
  return [text(lines.join("\n"))];
}
