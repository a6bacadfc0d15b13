import { text, type CommandContext, type Reply } from "../context.js";
import { lessonMessages } from "../lessonMessages.js";
import type { Platform } from "../../contract/lessons.js";
import { truncateText } from "../../text/graphemes.js";

const DAY_MS = 86_400_000;
/** How long an announcement waits for its "yes". */
const CONFIRM_MS = 10 * 60_000;
const MAX_ANNOUNCEMENT = 3500;

/** Announcements written but not yet confirmed, by operator, for each running core (its deps). */
const drafts = new WeakMap<object, Map<string, { text: string; at: number }>>();

/** /stats: subscribers by platform and status, chats that learned, deliveries and the slowest ones, last 24 h. */
export function stats(c: CommandContext): Reply[] {
  const { store } = c.deps;
  const since = c.now - DAY_MS;
  const byPlatform = new Map<string, string[]>();
  for (const row of store.subscriberCounts()) byPlatform.set(row.platform, [...(byPlatform.get(row.platform) ?? []), `${row.n} ${row.status}`]);
  const d = store.stats.deliveriesSince(since);
  const slow = store.stats.slowest(since, 5).map((s) => ({ where: `${s.platform}:${s.chatId}`, lesson: s.lessonId, minutes: Math.round(s.lagMs / 6000) / 10 }));
  return [
    text(
      c.t.statsReport(c.m, {
        subscribers: [...byPlatform].map(([p, parts]) => `${p}: ${parts.join(", ")}`),
        learned: store.stats.learnedSince(since),
        delivered: d.done,
        failed: d.failed,
        slowest: slow,
      }),
    ),
  ];
}

/**
 * /announce TEXT: shows how many active subscribers it would reach and waits for /announce yes;
 * then every one of them gets it through the ledger, rate-limited like lessons. /announce no drops it.
 */
export function announce(c: CommandContext): Reply[] {
  const { store, delivery, courses } = c.deps;
  const who = `${c.incoming.chat.platform}:${c.incoming.user.id}`;
  const full = (c.incoming.text ?? "").replace(/^\s*\/\S+\s?/, "").trim();
  const word = full.toLowerCase();
  const targets = store.stats.activeSubscriberIds(courses.platforms);
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
    const id = store.transaction(() => {
      const announcement = store.announcements.create(draft.text, who, c.now);
      for (const t of targets) {
        store.ledger.create({ subscriberId: t.id, kind: "announcement", lessonId: String(announcement), trigger: "on_demand", dueAt: null, messageCount: 1 }, c.now);
      }
      return announcement;
    });
    c.deps.log.info({ announcement: id, subscribers: targets.length, by: who }, "announcement queued");
    delivery.resumePending();
    return [text(c.t.announceQueued(c.m, { n: targets.length }))];
  }
  if (!full) return [text(c.t.announceUsage(c.m))];
  const draft = truncateText(full, MAX_ANNOUNCEMENT);
  pending.set(who, { text: draft, at: c.now });
  const perPlatform = new Map<Platform, number>();
  for (const t of targets) perPlatform.set(t.platform, (perPlatform.get(t.platform) ?? 0) + 1);
  return [
    text(c.t.announceConfirm(c.m, { n: targets.length, platforms: [...perPlatform].map(([p, n]) => `${p} ${n}`).join(", "), text: draft })),
  ];
}

/** /preview N|ID: a lesson exactly as learners get it, in every format the platform has, to the operator. */
export function preview(c: CommandContext): Reply[] {
  const course = c.course;
  const arg = c.args.trim();
  const index = /^\d{1,9}$/.test(arg) ? Number(arg) - 1 : course.indexOfPosition(arg, -1);
  const lesson = index >= 0 ? course.lesson(index) : undefined;
  if (!arg || !lesson || (!/^\d+$/.test(arg) && lesson.id !== arg)) return [text(c.t.previewUsage(c.m, { n: course.size }))];
  const out: Reply[] = [];
  for (const format of course.formats) {
    out.push(text(c.t.previewHeader(c.m, { format, k: index + 1, n: course.size, title: lesson.title })));
    // Delivery 0 exists nowhere: the buttons look as learners see them and answer as stale ones do.
    out.push(...(lessonMessages(course, lesson.id, 0, c.language, { format }) ?? []));
  }
  return out;
}
