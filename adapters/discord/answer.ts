import { MessageFlags, type InteractionEditReplyOptions, type InteractionReplyOptions, type RepliableInteraction } from "discord.js";
import type { Logger } from "pino";
import type { Reply } from "../../src/learning/index.js";
import { describeNetworkError } from "./errors.js";
import { buttonRow, choiceComponents } from "./payload.js";
import { quizComponents } from "./quizPayload.js";
import { stringsFor } from "./strings.js";

/**
 * The answer to one interaction. Discord wants a first answer within 3 s: `deferNow` (work that
 * surely takes longer) or `deferAfter` (defers only if the answer is not ready by then) keeps that
 * promise, and `send` completes it — a reply, or an edit of the deferred one — with follow-ups for
 * the rest. Calls run one after another; failures are logged, never thrown.
 */
export class InteractionAnswer {
  private state: "none" | "deferred" | "replied" = "none";
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly i: RepliableInteraction,
    /** Seen only by the person who asked. */
    private readonly ephemeral: boolean,
    private readonly log: Logger,
  ) {}

  deferNow(): Promise<void> {
    return this.enqueue(() => this.defer());
  }

  deferAfter(ms: number): void {
    this.timer = setTimeout(() => void this.enqueue(() => this.defer()), ms);
  }

  /** The first message answers the interaction; the others follow it, all with the same visibility. */
  send(replies: readonly Reply[]): Promise<void> {
    clearTimeout(this.timer);
    return this.enqueue(async () => {
      const [first, ...rest] = replies.filter((r) => r.text);
      if (!first) return;
      if (this.state === "deferred") await this.i.editReply(this.content(first));
      else if (this.state === "none") await this.i.reply(this.options(first, this.ephemeral));
      else await this.i.followUp(this.options(first, this.ephemeral));
      this.state = "replied";
      for (const r of rest) await this.i.followUp(this.options(r, this.ephemeral));
    });
  }

  /** More messages after the answer, with their own visibility. */
  followUp(replies: readonly Reply[], ephemeral: boolean): Promise<void> {
    return this.enqueue(async () => {
      for (const r of replies) if (r.text) await this.i.followUp(this.options(r, ephemeral));
    });
  }

  /** Resolves when every call made so far has finished. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async defer(): Promise<void> {
    if (this.state !== "none") return;
    await this.i.deferReply(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.state = "deferred";
  }

  /**
   * The message itself; an edit keeps the visibility the deferral chose. A choice among courses is a
   * Components V2 message: its text in a Text Display, a button a course (a select menu past five).
   */
  private content(r: Reply): InteractionEditReplyOptions {
    if (r.quiz) return { flags: MessageFlags.IsComponentsV2, allowedMentions: { parse: [] }, components: quizComponents(r.quiz) };
    if (r.choices?.length) {
      return { flags: MessageFlags.IsComponentsV2, allowedMentions: { parse: [] }, components: choiceComponents(r.text!, r.choices, this.placeholder()) };
    }
    return { content: r.text!, allowedMentions: { parse: [] }, components: r.buttons?.length ? [buttonRow(r.buttons)] : [] };
  }

  private options(r: Reply, ephemeral: boolean): InteractionReplyOptions {
    const visibility = ephemeral ? MessageFlags.Ephemeral : 0;
    // A question (a member's own review) is theirs to answer: buttons under it, Components V2.
    if (r.quiz) return { flags: MessageFlags.IsComponentsV2 | visibility, allowedMentions: { parse: [] }, components: quizComponents(r.quiz) };
    if (r.choices?.length) {
      return {
        flags: MessageFlags.IsComponentsV2 | visibility,
        allowedMentions: { parse: [] },
        components: choiceComponents(r.text!, r.choices, this.placeholder()),
      };
    }
    return {
      content: r.text!,
      allowedMentions: { parse: [] },
      components: r.buttons?.length ? [buttonRow(r.buttons)] : [],
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    };
  }

  private placeholder(): string {
    return stringsFor(this.i.locale).chooseCourse();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step).catch((err: unknown) => {
      this.log.warn({ interaction: this.i.id, error: describeNetworkError(err) }, "could not answer an interaction");
    });
    return this.chain;
  }
}
