import { excusedDays } from "../activity.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { currentIndex, finished, followedBy, type Followed } from "../followed.js";
import { scheduleOf } from "../schedulingRules.js";
import { currentStreak, streakFromDays } from "../streak.js";
import { localDay } from "../../schedule/zonedTime.js";
import { memberStreaks } from "../quiz/leaderboard.js";
import { quizProgressOf } from "../quiz/progress.js";

/** Where the chat is in one course. */
function placeIn(c: CommandContext, f: Followed): string {
  const n = f.view.size;
  const index = currentIndex(f);
  const lesson = f.view.lesson(index);
  if (!lesson) return c.t.progressNotStarted(c.m, { n });
  const k = index + 1;
  return c.t.progress(c.m, { k, n, percent: Math.round((100 * k) / n), title: lesson.title, part: lesson.part, parts: lesson.parts });
}

/**
 * /progress: the place in every followed course (one course: the line as it always was), the chat's
 * streak, the next delivery; in a group, the members' table too, then the asking member's own quiz
 * figures (a private learner's come before it: there the chat is the learner).
 */
export function progress(c: CommandContext): Reply[] {
  const sub = c.sub!;
  const followed = followedBy(c.deps.store, sub, c.catalogue);
  const lines: string[] = [];
  if (followed.length === 0) lines.push(c.t.followsNothing(c.m));
  else if (followed.length === 1) lines.push(placeIn(c, followed[0]!));
  else for (const f of followed) lines.push(c.t.courseHeading(c.m, { course: f.view.info.title }), placeIn(c, f));
  const today = localDay(c.now, sub.timeZone);
  const excused = excusedDays(c.deps.store, sub, c.now);
  lines.push(c.t.streak(c.m, { current: currentStreak(sub.streak, today, excused), best: sub.streak.best }));
  const allFinished = followed.length > 0 && followed.every((f) => f.view.size > 0 && finished(f));
  const status = sub.status === "paused" ? "paused" : allFinished && sub.nextDueAt === null ? "finished" : "active";
  lines.push(c.t.nextDelivery(c.m, { ...scheduleOf(sub), status }));
  if (sub.kind === "private") {
    const quiz = quizProgressOf(c.deps.store, sub, c.incoming.user.id, c.now);
    if (quiz) lines.push(c.t.quizProgress(c.m, quiz));
  }
  if (sub.kind !== "private") {
    lines.push("", c.t.membersHeader(c.m));
    const members = c.deps.store.completions.members(sub.id);
    const answers = c.deps.store.quiz.log.statsByMember(sub.id);
    // Members who only answered questions are members too.
    for (const [memberId, a] of answers) {
      if (!members.some((m) => m.memberId === memberId)) members.push({ memberId, memberName: a.name, lessonsDone: 0, days: [] });
    }
    const streaks = memberStreaks(c.deps.store, sub, c.now);
    if (members.length === 0) lines.push(c.t.membersNone(c.m));
    members
      .map((m) => ({
        name: m.memberName,
        done: m.lessonsDone,
        streak: streaks.get(m.memberId) ?? streakFromDays(m.days, today, excused),
        ...(answers.has(m.memberId) ? { right: answers.get(m.memberId)!.right, answered: answers.get(m.memberId)!.answered } : {}),
      }))
      .sort((a, b) => b.done - a.done || b.streak - a.streak || a.name.localeCompare(b.name))
      .slice(0, 50)
      .forEach((m) => lines.push(c.t.memberLine(c.m, m)));
    // Cards are each member's own: the one who asked sees theirs (a channel's posts have no member).
    const own = sub.kind === "group" ? quizProgressOf(c.deps.store, sub, c.incoming.user.id, c.now) : undefined;
    if (own) lines.push("", c.t.memberQuizHeader(c.m, { name: c.incoming.user.name }), c.t.quizProgress(c.m, own));
  }
  return [text(lines.join("\n"))];
}
