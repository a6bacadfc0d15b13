import { catalogFor, languageFrom, markupFor } from "../i18n/index.js";
import { aliases, commands } from "./commands/index.js";
import { done } from "./commands/done.js";
import { clip } from "./commands/settings.js";
import { text, type CommandContext, type CoreDeps, type Incoming, type Reply } from "./context.js";
import { parseDoneButton } from "./lessonMessages.js";
import { parseCommand } from "./parseCommand.js";
import { splitReplies } from "./splitReply.js";
import type { Sender } from "./sender.js";
import type { Subscriber } from "./types.js";

/**
 * The learning use cases behind every chat platform. An adapter turns each update into an `Incoming`
 * and sends back the replies; lessons themselves go out through the delivery service and its ledger.
 * Never throws for bad input: every update gets an answer (or, for /next, the lesson).
 */
export class LearningCore {
  constructor(readonly deps: CoreDeps) {}

  async handle(incoming: Incoming): Promise<Reply[]> {
    return splitReplies(await this.dispatch(incoming), incoming.chat.platform);
  }

  private async dispatch(incoming: Incoming): Promise<Reply[]> {
    const { store, courses, clock } = this.deps;
    const { chat } = incoming;
    const course = courses.for(chat.platform);
    const sub = store.subscribers.find(chat.platform, chat.chatId, chat.threadId ?? "");
    const language = sub?.language ?? languageFrom(course.info.language);
    const base: Omit<CommandContext, "args"> = {
      deps: this.deps,
      incoming,
      sub,
      course,
      language,
      t: catalogFor(language),
      m: markupFor(chat.platform),
      now: clock.now(),
    };

    if (incoming.button !== undefined) {
      if (parseDoneButton(incoming.button) === undefined) return [text(base.t.notACommand(base.m))];
      if (!isSubscribed(sub)) return [text(base.t.notSubscribed(base.m))];
      return done({ ...base, args: "" });
    }
    const parsed = parseCommand(incoming.text ?? "");
    if (!parsed) return [text(base.t.notACommand(base.m))];
    const name = aliases.get(parsed.name) ?? parsed.name;
    const spec = commands.get(name);
    if (!spec) return [text(base.t.unknownCommand(base.m, { command: `/${clip(parsed.name, 32)}` }))];
    if (spec.adminOnly && chat.kind !== "private" && !incoming.user.isAdmin) return [text(base.t.adminOnly(base.m))];
    if (spec.subscribed && !isSubscribed(sub)) return [text(base.t.notSubscribed(base.m))];
    return spec.run({ ...base, args: parsed.args });
  }

  /** `handle`, then send the replies to the chat through `sender` (rate-limited like everything else). */
  async respond(incoming: Incoming, sender: Sender): Promise<Reply[]> {
    let replies: Reply[];
    try {
      replies = await this.handle(incoming);
    } catch (err) {
      this.deps.log.error({ err, text: incoming.text?.slice(0, 100) }, "command failed");
      replies = [text(catalogFor("en").internalError(markupFor(incoming.chat.platform)))];
    }
    for (const reply of replies) {
      const result = await sender.send(incoming.chat, reply);
      if (!result.ok) this.deps.log.warn({ error: result.error }, "reply not sent");
    }
    return replies;
  }
}

function isSubscribed(sub: Subscriber | undefined): sub is Subscriber {
  return sub !== undefined && (sub.status === "active" || sub.status === "paused");
}
