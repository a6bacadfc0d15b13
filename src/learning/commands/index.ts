import type { CommandHandler } from "../context.js";
import { courses, follow, leave } from "./courses.js";
import { done, help } from "./done.js";
import { goto, lessons, next, resources } from "./lessons.js";
import { progress } from "./progress.js";
import { review } from "./review.js";
import { leaderboard } from "./leaderboard.js";
import { lang, threads, time, timezone } from "./settings.js";
import { pause, resume, start, stop } from "./subscription.js";
import { announce, preview, stats } from "./operator.js";

export interface CommandSpec {
  run: CommandHandler;
  /** Needs an active or paused subscription (else: "send /start first"). */
  subscribed: boolean;
  /** In groups and channels only chat admins may use it: it changes the shared subscription. */
  adminOnly: boolean;
  /** Only operators (ADMIN_IDS) may use it; to anyone else it is an unknown command. */
  operator?: boolean;
}

const spec = (run: CommandHandler, subscribed: boolean, adminOnly: boolean): CommandSpec => ({ run, subscribed, adminOnly });
const operator = (run: CommandHandler): CommandSpec => ({ run, subscribed: false, adminOnly: false, operator: true });

/** Every command by name. Everyone in a group may read (progress, lessons, resources) and mark done. */
export const commands: ReadonlyMap<string, CommandSpec> = new Map([
  ["start", spec(start, false, true)],
  ["help", spec(help, false, false)],
  ["courses", spec(courses, false, false)],
  // A chat not subscribed yet is subscribed by its first /follow.
  ["follow", spec(follow, false, true)],
  ["leave", spec(leave, true, true)],
  ["stop", spec(stop, true, true)],
  ["next", spec(next, true, true)],
  ["goto", spec(goto, true, true)],
  ["lessons", spec(lessons, true, false)],
  ["resources", spec(resources, true, false)],
  ["progress", spec(progress, true, false)],
  ["done", spec(done, true, false)],
  // Each member reviews their own cards; only turning the weekly leaderboard on or off needs an admin.
  ["review", spec(review, true, false)],
  ["leaderboard", spec(leaderboard, true, false)],
  ["time", spec(time, true, true)],
  ["timezone", spec(timezone, true, true)],
  ["pause", spec(pause, true, true)],
  ["resume", spec(resume, true, true)],
  ["lang", spec(lang, true, true)],
  ["threads", spec(threads, true, true)],
  ["stats", operator(stats)],
  ["announce", operator(announce)],
  ["preview", operator(preview)],
]);

/** Other names people type. */
export const aliases: ReadonlyMap<string, string> = new Map([
  ["tz", "timezone"],
  ["zone", "timezone"],
  ["language", "lang"],
  ["toc", "lessons"],
  ["unsubscribe", "stop"],
  ["subscribe", "start"],
  ["course", "courses"],
  ["catalogue", "courses"],
  ["catalog", "courses"],
  ["unfollow", "leave"],
  ["ontap", "review"],
  ["top", "leaderboard"],
]);
