import { isoWeek } from "../../schedule/isoWeek.js";
import { localDay } from "../../schedule/zonedTime.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { leaderboardText } from "../quiz/leaderboard.js";
import { computeNextDue } from "../schedulingRules.js";
import { followedBy } from "../followed.js";

/**
 * /leaderboard: the group's top 10 this week (right answers, then streak), in the group's language.
 * /leaderboard weekly on|off (admins): last week's board every Monday at the group's send time.
 */
export function leaderboard(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (sub.kind === "private") return [text(c.t.leaderboardOnlyGroups(c.m))];
  const arg = c.args.trim().toLowerCase();
  if (!arg) return [text(leaderboardText(c.deps.store, sub, isoWeek(localDay(c.now, sub.timeZone)), false, c.now))];
  const m = /^weekly\s+(on|off)$/.exec(arg);
  if (!m) return [text(c.t.leaderboardUsage(c.m))];
  if (!c.incoming.user.isAdmin) return [text(c.t.adminOnly(c.m))];
  const on = m[1] === "on";
  const { store } = c.deps;
  store.quiz.scores.setWeekly(sub.id, on);
  // A group whose courses are all finished gets its Mondays back.
  if (on && sub.nextDueAt === null) {
    sub.nextDueAt = computeNextDue(sub, followedBy(store, sub, c.catalogue), c.now, true);
    store.subscribers.update(sub.id, { nextDueAt: sub.nextDueAt }, c.now);
  }
  return [text(c.t.leaderboardWeekly(c.m, { on, time: sub.sendTime, zone: sub.timeZone }))];
}
