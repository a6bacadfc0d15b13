import { catalogFor, languageFrom, markupFor } from "../i18n/index.js";
import type { Platform } from "../contract/lessons.js";
import { moveChat } from "./chatMoves.js";
import { aliases, commands } from "./commands/index.js";
import { markDone } from "./commands/done.js";
import { nextOf, resourcesOf } from "./commands/lessons.js";
import { clip } from "./commands/settings.js";
import { text, type CommandContext, type CoreDeps, type Incoming, type Reply } from "./context.js";
import { choiceCommandText, isChoiceData, parseChoice } from "./courseChoices.js";
import type { CourseView } from "./courseView.js";
import { currentIndex, followedBy } from "./followed.js";
import { parseLessonButton } from "./lessonMessages.js";
import { parseCommand } from "./parseCommand.js";
import { splitReplies } from "./splitReply.js";
import { isQuizData, pollAnswered, pressQuiz, typedAnswer } from "./quiz/inbound.js";
import { parseQuizAnswer } from "./quiz/prompt.js";
import type { Sender } from "./sender.js";
import type { Subscriber } from "../store/types.js";

/** How the core answers a pressed button: a short notice for the presser, and messages for the chat. */
export interface ButtonAnswer {
  /** Plain text, for Telegram's answerCallbackQuery (≤ 200 characters) or an ephemeral reply. */
  toast: string;
  replies: Reply[];
}

/**
 * The learning use cases behind every chat platform. An adapter turns each update into an `Incoming`
 * and sends back the replies; lessons themselves go out through the delivery service and its ledger.
 * Never throws for bad input: every update gets an answer (or, for /next, the lesson).
 */
export class LearningCore {
  constructor(readonly deps: CoreDeps) {}

  /** A message (command or not) → the replies. A button press is answered as `press` does. */
  async handle(incoming: Incoming): Promise<Reply[]> {
    if (incoming.button !== undefined) return (await this.press(incoming)).replies;
    const { replies, later } = await this.dispatch(incoming);
    this.start(later);
    return splitReplies(replies, incoming.chat.platform);
  }

  /** Starts deliveries (through the ledger); resolves when they are sent. */
  private start(ids: readonly number[]): Promise<unknown> {
    return Promise.all(ids.map((id) => this.deps.delivery.run(id)));
  }

  /**
   * A Telegram quiz poll answered: recorded for that member, and (in a private chat) the next question
   * asked. An answer to a poll no question is known by (sent just before a crash) is ignored.
   */
  async pollAnswer(pollId: string, user: { id: string; name: string }, optionIds: readonly number[]): Promise<void> {
    try {
      const next = pollAnswered({ deps: this.deps, now: this.deps.clock.now() }, pollId, user, optionIds);
      if (next !== undefined) await this.deps.delivery.run(next);
    } catch (err) {
      this.deps.log.error({ err, pollId }, "poll answer not recorded");
    }
  }

  private context(incoming: Incoming): Omit<CommandContext, "args"> {
    const { store, courses, clock } = this.deps;
    const { chat } = incoming;
    const catalogue = courses.for(chat.platform);
    const sub = store.subscribers.find(chat.platform, chat.chatId, chat.threadId ?? "");
    const language = sub?.language ?? languageFrom(catalogue.language);
    return {
      deps: this.deps,
      incoming,
      sub,
      catalogue,
      language,
      t: catalogFor(language),
      m: markupFor(chat.platform),
      now: clock.now(),
      later: [],
    };
  }

  private async dispatch(incoming: Incoming): Promise<{ replies: Reply[]; later: number[] }> {
    const base = this.context(incoming);
    return { replies: await this.run(base), later: base.later };
  }

  private async run(base: Omit<CommandContext, "args">): Promise<Reply[]> {
    const { incoming } = base;
    const { chat } = incoming;
    const parsed = parseCommand(incoming.text ?? "");
    if (!parsed) {
      // A number typed while a question is open answers it (the console's way to answer).
      const answered = typedAnswer({ ...base, args: "" });
      return [text(answered ?? base.t.notACommand(base.m))];
    }
    const name = aliases.get(parsed.name) ?? parsed.name;
    const spec = commands.get(name);
    const unknown = [text(base.t.unknownCommand(base.m, { command: `/${clip(parsed.name, 32)}` }))];
    if (!spec) return unknown;
    if (spec.operator) {
      // To anyone but an operator these commands do not exist.
      if (!this.deps.operators?.has(`${chat.platform}:${incoming.user.id}`)) return unknown;
      return spec.run({ ...base, args: parsed.args });
    }
    if (spec.adminOnly && chat.kind !== "private" && !incoming.user.isAdmin) return [text(base.t.adminOnly(base.m))];
    if (spec.subscribed && !isSubscribed(base.sub)) return [text(base.t.notSubscribed(base.m))];
    return spec.run({ ...base, args: parsed.args });
  }

  /** The courses a chat follows, in catalogue order (autocomplete offers these). */
  followedCourses(chat: Incoming["chat"]): CourseView[] {
    const { store, courses } = this.deps;
    const sub = store.subscribers.find(chat.platform, chat.chatId, chat.threadId ?? "");
    return sub ? followedBy(store, sub, courses.for(chat.platform)).map((f) => f.view) : [];
  }

  /**
   * The command a pressed course choice stands for ("/next dl-pytorch"), as the chat would type it;
   * undefined when the data is no choice or names a course no longer offered. Adapters that answer
   * presses like commands (Discord) use it; `press` does the same.
   */
  choiceText(chat: Incoming["chat"], data: string): string | undefined {
    const parsed = isChoiceData(data) ? parseChoice(data, this.deps.courses.for(chat.platform)) : undefined;
    return parsed && choiceCommandText(parsed);
  }

  /**
   * A pressed button: a lesson's (✅ Done, ▶ Next, 📚 Resources) or a course choice (which runs the
   * command it stands for, with that command's permissions). A lesson button's data names the
   * delivery, so a button under an older lesson acts on that lesson; forged, foreign or stale data
   * records nothing.
   */
  async press(incoming: Incoming): Promise<ButtonAnswer> {
    const base = this.context(incoming);
    const plain = markupFor("console");
    const stale: ButtonAnswer = { toast: base.t.buttonStale(plain), replies: [] };
    const data = incoming.button ?? "";
    if (isChoiceData(data)) {
      const command = this.choiceText(incoming.chat, data);
      if (!command) return stale;
      const { replies, later } = await this.dispatch({ ...incoming, text: command });
      this.start(later);
      return { toast: "", replies: splitReplies(replies, incoming.chat.platform) };
    }
    if (isQuizData(data)) {
      if (!isSubscribed(base.sub) && !parseQuizAnswer(data)) return { toast: base.t.notSubscribed(plain), replies: [] };
      return pressQuiz({ ...base, args: "" }, data);
    }
    const parsed = parseLessonButton(data);
    if (!parsed) return stale;
    const sub = base.sub;
    if (!isSubscribed(sub)) return { toast: base.t.notSubscribed(plain), replies: [] };
    const d = this.deps.store.ledger.get(parsed.deliveryId);
    const course = d?.courseId ? base.catalogue.byId(d.courseId) : undefined;
    if (!d || d.subscriberId !== sub.id || d.kind !== "lesson" || !course?.byId(d.lessonId)) return stale;
    const c: CommandContext = { ...base, args: "" };
    switch (parsed.action) {
      case "done": {
        // The answer is the toast alone: in a group, every member's ✅ would otherwise post a message.
        const [reply] = markDone({ ...c, m: plain }, course, d.lessonId);
        this.start(c.later);
        return { toast: reply?.text ?? "", replies: [] };
      }
      case "next": {
        if (incoming.chat.kind !== "private" && !incoming.user.isAdmin) return { toast: base.t.adminOnly(plain), replies: [] };
        const follow = this.deps.store.follows.get(sub.id, course.id);
        if (follow?.status !== "following") return { toast: base.t.notFollowing(plain, { course: course.info.title, id: course.id }), replies: [] };
        const f = { view: course, follow };
        if (course.lesson(currentIndex(f))?.id !== d.lessonId) return { toast: base.t.nextAlreadyPast(plain, { title: course.byId(d.lessonId)!.title }), replies: [] };
        const replies = await nextOf(c, f);
        return { toast: base.t.nextToast(plain), replies: splitReplies(replies, sub.platform) };
      }
      case "res": {
        const follow = this.deps.store.follows.get(sub.id, course.id);
        const replies = follow ? resourcesOf(c, { view: course, follow }, d.lessonId) : stale.replies;
        return { toast: base.t.resourcesToast(plain), replies: splitReplies(replies, sub.platform) };
      }
      default:
        return parsed.action satisfies never;
    }
  }

  /** `handle`, then send the replies to the chat through `sender` (rate-limited like everything else). */
  async respond(incoming: Incoming, sender: Sender): Promise<Reply[]> {
    let replies: Reply[];
    let later: number[] = [];
    try {
      if (incoming.button !== undefined) replies = await this.handle(incoming);
      else {
        const out = await this.dispatch(incoming);
        replies = splitReplies(out.replies, incoming.chat.platform);
        later = out.later;
      }
    } catch (err) {
      this.deps.log.error({ err, text: incoming.text?.slice(0, 100) }, "command failed");
      replies = [text(catalogFor("en").internalError(markupFor(incoming.chat.platform)))];
    }
    for (const reply of replies) {
      const result = await sender.send(incoming.chat, reply);
      if (!result.ok) this.deps.log.warn({ error: result.error }, "reply not sent");
    }
    // What the command started (a lesson's questions, the next question) comes after its answer.
    await this.start(later);
    return replies;
  }

  /**
   * The bot can no longer write to these chats (blocked by the user, removed from the group, the
   * server left): they stop getting lessons until someone sends /start there again, which resumes at
   * the same place.
   */
  chatsGone(platform: Platform, chatIds: readonly string[]): number {
    const { store, clock, log } = this.deps;
    let n = 0;
    for (const sub of store.subscribers.inChats(platform, chatIds)) {
      if (sub.status === "unreachable" || sub.status === "stopped") continue;
      store.subscribers.update(sub.id, { status: "unreachable", nextDueAt: null }, clock.now());
      n++;
    }
    if (n) log.info({ platform, chats: chatIds.length, subscribers: n }, "chats unreachable");
    return n;
  }

  /** A chat got a new id (a Telegram group upgraded to a supergroup): its subscription follows it. */
  chatMoved(platform: Platform, oldChatId: string, newChatId: string): void {
    const { store, clock, log } = this.deps;
    for (const sub of store.subscribers.inChats(platform, [oldChatId])) moveChat(store, sub, newChatId, clock.now(), log);
  }
}

function isSubscribed(sub: Subscriber | undefined): sub is Subscriber {
  return sub !== undefined && (sub.status === "active" || sub.status === "paused");
}
