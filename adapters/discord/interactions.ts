import {
  escapeMarkdown,
  InteractionContextType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type StringSelectMenuInteraction,
} from "discord.js";
import type { Logger } from "pino";
import { isChoiceData, parseLessonButton, parseQuizAnswer, parseReviewButton, type Courses, type Incoming, type LearningCore, type Reply } from "../../src/learning/index.js";
import { InteractionAnswer } from "./answer.js";
import { courseOptionChoices, lessonChoicesIn, lessonNumber, zoneChoices, type Choice } from "./autocomplete.js";
import { COMMANDS_BY_NAME, type CommandSpec } from "./commandDefinitions.js";
import type { DmChannels } from "./dmChannels.js";
import { chatOf, commandText, userOf } from "./incoming.js";
import type { DiscordSender } from "./sender.js";
import { stringsFor } from "./strings.js";
import { quizMenuAnswer } from "./quizPayload.js";

/** How long an answer may take before the interaction is deferred: well inside Discord's 3 s. */
const ACK_BUDGET_MS = 1200;

/** Autocomplete of `course` offers every course for these commands, the chat's followed ones for the others. */
const ANY_COURSE = new Set(["follow", "announce", "preview"]);

export interface InteractionDeps {
  core: LearningCore;
  courses: Courses;
  sender: DiscordSender;
  dms: DmChannels;
  log: Logger;
}

/**
 * Interactions → the learning core. Slash commands become the core's text commands, buttons its
 * presses (a course choice, button or select menu, runs the command it stands for, answered as that
 * slash command would be), autocomplete reads the catalogue and the time zones. Lessons are never
 * interaction replies: they go to the chat through the delivery ledger; the interaction gets a short
 * confirmation.
 */
export class InteractionHandler {
  constructor(private readonly deps: InteractionDeps) {}

  async handle(i: Interaction): Promise<void> {
    if (i.context === InteractionContextType.BotDM && i.channelId) this.deps.dms.learn(i.user.id, i.channelId);
    try {
      if (i.isChatInputCommand()) await this.command(i);
      else if (i.isButton()) await (isChoiceData(i.customId) ? this.choice(i, i.customId) : this.button(i));
      else if (i.isStringSelectMenu()) {
        const answer = quizMenuAnswer(i.customId, i.values);
        await (answer ? this.button(i, answer) : this.choice(i, i.values[0] ?? ""));
      }
      else if (i.isAutocomplete()) await this.autocomplete(i);
    } catch (err) {
      this.deps.log.error({ err, interaction: i.id }, "interaction failed");
    }
  }

  private async command(i: ChatInputCommandInteraction): Promise<void> {
    const spec = COMMANDS_BY_NAME.get(i.commandName);
    if (!spec) {
      await new InteractionAnswer(i, true, this.deps.log).send([{ text: stringsFor(i.locale).internalError() }]);
      this.deps.log.warn({ command: i.commandName }, "a slash command this bot does not define");
      return;
    }
    await this.run(i, spec, { chat: chatOf(i), user: userOf(i), text: commandText(i, spec, (typed, course) => this.lessonArg(i, typed, course)) });
  }

  /** A course choice pressed (a button, or an option of a select menu): the command it stands for. */
  private async choice(i: ButtonInteraction | StringSelectMenuInteraction, data: string): Promise<void> {
    const chat = chatOf(i);
    const text = this.deps.core.choiceText(chat, data);
    const spec = text ? COMMANDS_BY_NAME.get(text.slice(1).split(" ")[0]!) : undefined;
    if (!text || !spec) {
      const stale = await this.deps.core.press({ chat, user: userOf(i), button: data });
      await new InteractionAnswer(i, true, this.deps.log).send([{ text: escapeMarkdown(stale.toast) }]);
      return;
    }
    await this.run(i, spec, { chat, user: userOf(i), text });
  }

  /** A command, answered as its definition says: refused without Manage Channels, ephemeral or not, deferred when it sends a lesson. */
  private async run(i: ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction, spec: CommandSpec, incoming: Incoming): Promise<void> {
    const { core, log } = this.deps;
    const s = stringsFor(i.locale);
    const inChannel = i.inGuild();
    if (inChannel && spec.manageChannels && !incoming.user.isAdmin) {
      // A refusal is for the one who asked, whatever the command's answer would have been.
      await new InteractionAnswer(i, true, log).send([{ text: s.needsManageChannels(spec.name) }]);
      return;
    }
    const answer = new InteractionAnswer(i, isEphemeral(spec, inChannel), log);
    const started = Date.now();
    if (spec.deliversLesson) void answer.deferNow();
    else answer.deferAfter(ACK_BUDGET_MS);
    let replies: Reply[];
    try {
      replies = await core.handle(incoming);
    } catch (err) {
      log.error({ err, command: spec.name }, "command failed");
      replies = [{ text: s.internalError() }];
    }
    if (replies.length === 0 && spec.deliversLesson) replies = [{ text: this.deliveryNote(incoming.chat.chatId, started, i.locale, spec.name) }];
    // A lesson among the replies (an operator's /preview) goes to the asker's DMs, as learners get it.
    const lessonParts = replies.filter((r) => r.components || r.images);
    if (lessonParts.length) {
      const me = { platform: "discord" as const, chatId: i.user.id, kind: "private" as const };
      for (const r of replies) if (r.text || r.components || r.images) await this.deps.sender.send(me, r);
      replies = [{ text: s.previewSent() }];
    }
    await answer.send(replies);
    log.debug({ command: spec.name, chatId: incoming.chat.chatId, ms: Date.now() - started }, "command answered");
  }

  /** What to tell the person who asked for a lesson: posted, or why not (read from the chat's last post). */
  private deliveryNote(chatId: string, since: number, locale: string, command: string): string {
    const s = stringsFor(locale);
    const error = this.deps.sender.outcomeSince(chatId, since)?.error;
    if (!error) return command === "review" ? s.reviewPosted() : s.lessonPosted();
    if (error.kind === "unreachable") return s.cannotDm();
    if (error.kind === "forbidden") return s.missingPermission(error.permission ?? "Send Messages");
    return s.lessonNotSent();
  }

  private async button(i: ButtonInteraction | StringSelectMenuInteraction, data = i.customId): Promise<void> {
    const { core, log } = this.deps;
    const action = parseLessonButton(data)?.action;
    const inChannel = i.inGuild();
    // The toast is for the one who pressed: a group's lesson must not collect a message per ✅.
    const answer = new InteractionAnswer(i, true, log);
    if (action === "next") void answer.deferNow();
    else answer.deferAfter(ACK_BUDGET_MS);
    const incoming = { chat: chatOf(i), user: userOf(i), button: data };
    let result: { toast: string; replies: Reply[] };
    try {
      result = await core.press(incoming);
    } catch (err) {
      log.error({ err, button: data }, "button failed");
      result = { toast: stringsFor(i.locale).internalError(), replies: [] };
    }
    // A quiz answer's feedback and the member's own review (the next question) are theirs alone.
    if (parseQuizAnswer(data) || parseReviewButton(data)) {
      await answer.send([...(result.toast ? [{ text: escapeMarkdown(result.toast) }] : []), ...result.replies]);
      return;
    }
    await answer.send([{ text: escapeMarkdown(result.toast) }]);
    // Further reading is for the one who asked; what ▶ says (the course is finished) is for the chat.
    if (result.replies.length) await answer.followUp(result.replies, inChannel && action === "res");
  }

  /**
   * `/goto`'s and `/preview`'s lesson as the core takes it: "<course> <n>" when picked among several
   * courses' lessons, else the number of the lesson in the course named, or the chat's one course.
   */
  private lessonArg(i: ChatInputCommandInteraction, typed: string, course: string | undefined): string {
    const catalogue = this.deps.courses.for("discord");
    const picked = /^(\S+) (\d{1,6})$/.exec(typed);
    if (!course && picked && catalogue.byId(picked[1]!)) return typed;
    const followed = this.deps.core.followedCourses(chatOf(i));
    const view = course ? catalogue.find(course) : followed.length === 1 ? followed[0] : catalogue.size === 1 ? catalogue.courses[0] : undefined;
    return String((view && lessonNumber(view, typed)) ?? typed);
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const typed = String(focused.value);
    const catalogue = this.deps.courses.for("discord");
    let choices: Choice[] = [];
    if (i.commandName === "timezone" && focused.name === "zone") choices = zoneChoices(typed);
    else if (focused.name === "course") {
      const pool = ANY_COURSE.has(i.commandName) ? catalogue.courses : this.deps.core.followedCourses(chatOf(i));
      choices = courseOptionChoices(pool, typed, catalogue);
    } else if ((i.commandName === "goto" || i.commandName === "preview") && focused.name === "lesson") {
      const named = i.options.getString("course");
      const course = named ? catalogue.find(named) : undefined;
      const pool = course ? [course] : i.commandName === "goto" ? this.deps.core.followedCourses(chatOf(i)) : catalogue.courses;
      choices = lessonChoicesIn(pool, typed);
    }
    await i.respond(choices).catch((err: unknown) => this.deps.log.warn({ err, command: i.commandName }, "autocomplete not answered"));
  }
}

/** In a server channel, answers are for the one who asked unless the command is about the whole group. */
function isEphemeral(spec: CommandSpec, inChannel: boolean): boolean {
  if (spec.deliversLesson) return true;
  return inChannel && !spec.publicInChannel;
}
