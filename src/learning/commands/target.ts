import { text, type CommandContext, type Reply } from "../context.js";
import { courseChoices, type ChoiceCommand } from "../courseChoices.js";
import type { CourseView } from "../courseView.js";
import { followedBy, type Followed } from "../followed.js";
import { clip } from "./settings.js";

/** The course a command is about, and the rest of its arguments; or the answer when there is none. */
export type Target = { ok: true; course: Followed; rest: string } | { ok: false; replies: Reply[] };

/** Commands whose own argument is a number (a page, a lesson): a course before it is a second word. */
const NUMBERED: ReadonlySet<ChoiceCommand> = new Set(["lessons", "goto"]);

/**
 * Which followed course a per-course command means. The course may be named first — by id, or by its
 * number in /courses where the command has no number of its own (`/next 2`, `/goto 2 5`) — else it is
 * the one course the chat follows; with several, the answer asks which, a button per course (a
 * lesson number typed travels with the button).
 */
export function targetCourse(c: CommandContext, command: ChoiceCommand): Target {
  const followed = followedBy(c.deps.store, c.sub!, c.catalogue);
  const words = c.args.split(/\s+/).filter(Boolean);
  let named: string | undefined;
  let rest = c.args;
  if (!NUMBERED.has(command)) {
    named = c.args || undefined;
    rest = "";
  } else if (words.length >= 2) {
    named = words[0];
    rest = words.slice(1).join(" ");
  } else if (words.length === 1 && !/^\d+$/.test(words[0]!) && (followed.length !== 1 || c.catalogue.find(words[0]!))) {
    // One word that is no number: a course, unless the one course followed makes it the command's own (bad) argument.
    named = words[0];
    rest = "";
  }
  if (named !== undefined) {
    const course = c.catalogue.find(named);
    if (!course) return { ok: false, replies: [text(c.t.unknownCourse(c.m, { input: clip(named) }))] };
    const f = followed.find((x) => x.view.id === course.id);
    if (!f) return { ok: false, replies: [text(c.t.notFollowing(c.m, { course: course.info.title, id: course.id }))] };
    return { ok: true, course: f, rest };
  }
  const [only] = followed;
  if (followed.length === 1 && only) return { ok: true, course: only, rest };
  if (!only) return { ok: false, replies: [text(c.t.followsNothing(c.m))] };
  const n = /^\d{1,6}$/.test(rest) ? Number(rest) : undefined;
  const views: CourseView[] = followed.map((f) => f.view);
  const choices = courseChoices(views, command, (v) => c.t.courseButton({ title: v.info.title }), n === undefined ? {} : { n });
  return { ok: false, replies: [{ text: c.t.whichCourse(c.m, { command }), choices }] };
}
