import { languageFrom } from "../../i18n/index.js";
import { text, type CommandContext, type Reply } from "../context.js";
import { computeNextDue, finishedCourse, scheduleOf } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";

/** /start: subscribe the chat (a person, or a whole study group) with the defaults; welcome. */
export function start(c: CommandContext): Reply[] {
  const { store } = c.deps;
  const { chat } = c.incoming;
  if (!c.sub) {
    const language = languageFrom(c.course.info.language);
    const sub = store.subscribers.insert(
      {
        platform: chat.platform,
        chatId: chat.chatId,
        threadId: chat.threadId ?? "",
        kind: chat.kind,
        language,
        timeZone: c.deps.defaults.timeZone,
        sendTime: c.deps.defaults.sendTime,
        status: "active",
        nextDueAt: null,
        subscribedBy: c.incoming.user.id,
      },
      c.now,
    );
    const due = computeNextDue(sub, c.course, c.now);
    store.subscribers.update(sub.id, { nextDueAt: due }, c.now);
    sub.nextDueAt = due;
    c.deps.log.info({ subscriberId: sub.id, platform: chat.platform, kind: chat.kind }, "subscribed");
    return [text(c.t.welcome(c.m, { ...scheduleOf(sub), course: c.course.info.title, lessons: c.course.size, discord: chat.platform === "discord" }))];
  }
  const sub = c.sub;
  if (sub.status === "active") return [text(finished(c, sub) ?? c.t.alreadySubscribed(c.m, scheduleOf(sub)))];
  return [text(reactivate(c, sub))];
}

/** After the last lesson no daily lesson comes: the answer says the course is complete instead. */
function finished(c: CommandContext, sub: Subscriber): string | undefined {
  if (c.course.size === 0 || !finishedCourse(sub, c.course)) return undefined;
  return c.t.courseFinished(c.m, { course: c.course.info.title, n: c.course.size });
}

function reactivate(c: CommandContext, sub: Subscriber): string {
  sub.status = "active";
  sub.kind = c.incoming.chat.kind;
  sub.nextDueAt = computeNextDue(sub, c.course, c.now);
  c.deps.store.subscribers.update(
    sub.id,
    { status: "active", kind: sub.kind, nextDueAt: sub.nextDueAt, subscribedBy: c.incoming.user.id },
    c.now,
  );
  c.deps.log.info({ subscriberId: sub.id }, "subscription resumed");
  const k = c.course.indexOfPosition(sub.position, sub.positionOrdinal) + 1;
  return finished(c, sub) ?? c.t.welcomeBack(c.m, { ...scheduleOf(sub), course: c.course.info.title, k, n: c.course.size });
}

/** /stop: no more daily lessons; progress is kept for a later /start. */
export function stop(c: CommandContext): Reply[] {
  const sub = c.sub!;
  c.deps.store.subscribers.update(sub.id, { status: "stopped", nextDueAt: null }, c.now);
  c.deps.log.info({ subscriberId: sub.id }, "unsubscribed");
  return [text(c.t.stopped(c.m))];
}

export function pause(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (sub.status === "paused") return [text(c.t.alreadyPaused(c.m))];
  c.deps.store.subscribers.update(sub.id, { status: "paused", nextDueAt: null }, c.now);
  return [text(c.t.paused(c.m))];
}

export function resume(c: CommandContext): Reply[] {
  const sub = c.sub!;
  if (sub.status !== "paused") return [text(finished(c, sub) ?? c.t.notPaused(c.m, scheduleOf(sub)))];
  sub.status = "active";
  sub.nextDueAt = computeNextDue(sub, c.course, c.now);
  c.deps.store.subscribers.update(sub.id, { status: "active", nextDueAt: sub.nextDueAt }, c.now);
  return [text(finished(c, sub) ?? c.t.resumed(c.m, scheduleOf(sub)))];
}
