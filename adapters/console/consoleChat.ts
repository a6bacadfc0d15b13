import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Incoming } from "../../src/learning/context.js";
import type { LearningCore } from "../../src/learning/core.js";
import type { Sender } from "../../src/learning/sender.js";
import type { ChatAddress } from "../../src/contract/chat.js";
import { ConsoleScreen } from "./screen.js";

export interface ConsoleUser {
  id: string;
  name: string;
}

/** The one private chat of the console. */
export const consoleChat: ChatAddress = { platform: "console", chatId: "console", kind: "private" };

/** Why the chat ended: its input ran dry (a pipe, Ctrl-D), /quit, or a signal. */
export type ChatEnd = "end-of-input" | "quit" | "signal";

/**
 * A chat in the terminal: each input line is a message from the one private learner; replies and
 * lessons are printed by the console sender through `screen`. Lines are handled one at a time, in
 * order. Resolves at end of input (a pipe ran dry, Ctrl-D), /quit or the signal, saying which, so
 * `printf '/start\n/next\n' | npm start` works.
 */
export async function runConsoleChat(opts: {
  core: LearningCore;
  /** The rate-limited console sender (replies go through it like lessons do). */
  sender: Sender;
  input: Readable;
  output: Writable;
  /** What the sender prints through; in a terminal it keeps the prompt below whatever arrives (default: on `output`). */
  screen?: ConsoleScreen;
  user: ConsoleUser;
  /** Shows a prompt (a terminal, not a pipe). */
  interactive: boolean;
  /** A line printed before the first prompt (what to type on a first start). */
  greeting?: string;
  /** Ends the chat like end of input (SIGINT, SIGTERM). */
  signal?: AbortSignal;
}): Promise<ChatEnd> {
  const { core, sender, input, output, user, interactive, signal } = opts;
  const screen = opts.screen ?? new ConsoleScreen(output);
  // In a terminal, readline edits the line (arrows, history); from a pipe it just splits lines.
  const rl = interactive
    ? createInterface({ input, output, terminal: true, prompt: "> ", historySize: 100 })
    : createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  let end: ChatEnd = "end-of-input";
  signal?.addEventListener(
    "abort",
    () => {
      end = "signal";
      rl.close();
    },
    { once: true },
  );
  if (opts.greeting) output.write(`${opts.greeting}\n`);
  if (interactive) screen.showsPrompt(rl);
  const prompt = (): void => {
    if (interactive) rl.prompt();
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") {
      end = "quit";
      break;
    }
    if (line !== "") {
      if (!interactive) output.write(`> ${line.length > 200 ? `${line.slice(0, 200)}…` : line}\n`);
      const incoming: Incoming = { chat: consoleChat, user: { id: user.id, name: user.name, isAdmin: true }, text: line };
      screen.answeringStarted();
      try {
        await core.respond(incoming, sender);
      } finally {
        screen.answeringEnded();
      }
    }
    prompt();
  }
  rl.close();
  return end;
}
