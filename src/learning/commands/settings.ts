import { catalogFor, parseLanguage } from "../../i18n/index.js";
import { formatSendTime, parseSendTime } from "../../schedule/dueTime.js";
import { canonicalTimeZone } from "../../schedule/zonedTime.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { followedBy } from "../followed.js";
import { keepsDays, computeNextDue, scheduleOf } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";
import { truncateText } from "../../text/graphemes.js";

/** Shortens user input echoed in a reply. */
export function clip(input: string, max = 40): string {
  return input.length > max ? `${truncateText(input, max)}…` : input;
}

function reschedule(c: CommandContext, sub: Subscriber): void {
  sub.nextDueAt = computeNextDue(sub, followedBy(c.deps.store, sub, c.catalogue), c.now, keepsDays(c.deps.store, sub));
  c.deps.store.subscribers.update(
    sub.id,
    { sendTime: sub.sendTime, timeZone: sub.timeZone, nextDueAt: sub.nextDueAt },
    c.now,
  );
}

/** /time HH:MM */
export function time(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (c.args === "") return [text(c.t.timeUsage(c.m, { current: sub.sendTime }))];
  const parsed = parseSendTime(c.args);
  if (!parsed) return [text(c.t.timeUsage(c.m, { input: clip(c.args), current: sub.sendTime }))];
  sub.sendTime = formatSendTime(parsed);
  reschedule(c, sub);
  return [text(c.t.timeSet(c.m, scheduleOf(sub)))];
}

/** /timezone Area/City, validated against the IANA database. */
export function timezone(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (c.args === "") return [text(c.t.zoneUsage(c.m, { current: sub.timeZone }))];
  const zone = canonicalTimeZone(c.args);
  if (!zone) return [text(c.t.zoneUsage(c.m, { input: clip(c.args), current: sub.timeZone }))];
  sub.timeZone = zone;
  reschedule(c, sub);
  return [text(c.t.zoneSet(c.m, scheduleOf(sub)))];
}

/** /lang vi|en: answers in the new language. */
export function lang(c: CommandContext): Reply[] {
  const sub = c.sub!;
  const language = parseLanguage(c.args);
  if (!language) return [text(c.t.langUsage(c.m, c.args === "" ? {} : { input: clip(c.args) }))];
  c.deps.store.subscribers.update(sub.id, { language }, c.now);
  return [text(catalogFor(language).langSet(c.m))];
}

/** /threads on|off: in a study group's channel, each lesson opens a discussion thread (where the platform has threads). */
export function threads(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (sub.kind === "private" || !c.deps.delivery.featuresOf(sub.platform).lessonThreads) return [text(c.t.threadsUnsupported(c.m))];
  const arg = c.args.toLowerCase();
  const on = arg === "on" || arg === "bật" || arg === "bat" ? true : arg === "off" || arg === "tắt" || arg === "tat" ? false : undefined;
  if (on === undefined) return [text(c.t.threadsUsage(c.m, c.args === "" ? { on: sub.lessonThreads } : { input: clip(c.args), on: sub.lessonThreads }))];
  c.deps.store.subscribers.update(sub.id, { lessonThreads: on }, c.now);
  return [text(on ? c.t.threadsOn(c.m) : c.t.threadsOff(c.m))];
}
