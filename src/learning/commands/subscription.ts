import { catalogFor, languageFrom } from "../../i18n/index.js";
import { text, type CommandContext, type Reply } from "../context.js";
import type { CourseView } from "../courseView.js";
import { currentIndex, finished, followedBy, type Followed } from "../followed.js";
import { keepsDays, computeNextDue, scheduleOf } from "../schedulingRules.js";
import type { Subscriber } from "../../store/types.js";
import { catalogueReply, followCourse } from "./courses.js";
import { clip } from "./settings.js";

/**
 * The chat's subscription, made active: a new one with the defaults, or one stopped (or unreachable)
 * before, back with its courses and places. A paused one resumes only when `resumePaused`.
 */
export function subscribe(c: CommandContext, opts: { resumePaused: boolean }): Subscriber {
  const { store } = c.deps;
  const { chat } = c.incoming;
  if (!c.sub) {
    const sub = store.subscribers.insert(
      {
        platform: chat.platform,
        chatId: chat.chatId,
        threadId: chat.threadId ?? "",
        kind: chat.kind,
        language: c.language,
        timeZone: c.deps.defaults.timeZone,
        sendTime: c.deps.defaults.sendTime,
        status: "active",
        nextDueAt: null,
        subscribedBy: c.incoming.user.id,
      },
      c.now,
    );
    c.deps.log.info({ subscriberId: sub.id, platform: chat.platform, kind: chat.kind }, "subscribed");
    c.sub = sub;
    return sub;
  }
  const sub = c.sub;
  if (sub.status === "active" || (sub.status === "paused" && !opts.resumePaused)) return sub;
  sub.status = "active";
  sub.kind = chat.kind;
  sub.nextDueAt = computeNextDue(sub, followedBy(store, sub, c.catalogue), c.now, keepsDays(store, sub));
  store.subscribers.update(sub.id, { status: "active", kind: sub.kind, nextDueAt: sub.nextDueAt, subscribedBy: c.incoming.user.id }, c.now);
  c.deps.log.info({ subscriberId: sub.id }, "subscription resumed");
  return sub;
}

/**
 * /start [course]: subscribes the chat (a person, or a whole study group). With one course offered
 * it follows it and welcomes as it always did; with several it greets, shows the catalogue and waits
 * for a choice; a course named (a deep link: t.me/bot?start=<id>) is followed at once.
 */
export function start(given: CommandContext): Reply[] {
  let c = given;
  const { catalogue } = c;
  const notes: Reply[] = [];
  let named: CourseView | undefined;
  if (c.args) {
    named = catalogue.find(c.args);
    if (!named) notes.push(text(c.t.unknownCourse(c.m, { input: clip(c.args) })));
  }
  const only = catalogue.size === 1 ? catalogue.courses[0] : undefined;
  const before = c.sub?.status;
  if (!c.sub && named) {
    // A new chat that came for one course speaks that course's language.
    const language = languageFrom(named.info.language);
    c = { ...c, language, t: catalogFor(language) };
  }
  const sub = subscribe(c, { resumePaused: true });
  const followed = followedBy(c.deps.store, sub, catalogue);
  const course = named ?? (followed.length === 0 ? only : undefined);

  if (before === undefined) {
    if (!course) return [...notes, text(c.t.welcomeChoose(c.m, { ...scheduleOf(sub), discord: c.incoming.chat.platform === "discord" })), catalogueReply(c, sub)];
    followCourse(c, sub, course);
    return [...notes, text(c.t.welcome(c.m, { ...scheduleOf(sub), course: course.info.title, lessons: course.size, discord: c.incoming.chat.platform === "discord" }))];
  }
  if (before === "active") {
    if (course) return [...notes, followCourse(c, sub, course)];
    if (followed.length === 0) return [...notes, text(c.t.welcomeChoose(c.m, scheduleOf(sub))), catalogueReply(c, sub)];
    return [...notes, text(allFinished(c, followed) ?? c.t.alreadySubscribed(c.m, scheduleOf(sub)))];
  }
  // Back after /stop or /pause (or after the bot could not reach the chat): the courses go on where they were.
  if (course) followCourse(c, sub, course);
  const now = followedBy(c.deps.store, sub, catalogue);
  const back = text(allFinished(c, now) ?? c.t.welcomeBack(c.m, { ...scheduleOf(sub), courses: now.map((f) => ({ title: f.view.info.title, k: currentIndex(f) + 1, n: f.view.size })) }));
  return now.length === 0 ? [...notes, back, catalogueReply(c, sub)] : [...notes, back];
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
  const followed = followedBy(c.deps.store, sub, c.catalogue);
  if (sub.status !== "paused") return [text(allFinished(c, followed) ?? c.t.notPaused(c.m, scheduleOf(sub)))];
  sub.status = "active";
  sub.nextDueAt = computeNextDue(sub, followed, c.now, keepsDays(c.deps.store, sub));
  c.deps.store.subscribers.update(sub.id, { status: "active", nextDueAt: sub.nextDueAt }, c.now);
  return [text(allFinished(c, followed) ?? c.t.resumed(c.m, scheduleOf(sub)))];
}

/**
 * After the last lesson of every course the chat follows no daily lesson comes: /start and /resume
 * say the courses are complete and what is left to do, rather than "next lesson: —".
 */
function allFinished(c: CommandContext, followed: readonly Followed[]): string | undefined {
  if (followed.length === 0 || !followed.every(finished)) return undefined;
  return c.t.courseFinished(c.m, { courses: followed.map((f) => ({ title: f.view.info.title, n: f.view.size })), more: c.catalogue.size > followed.length });
}
