import { clearLine, cursorTo, type Interface } from "node:readline";
import type { Writable } from "node:stream";

/**
 * The terminal the console chat shares between the learner's typing and what the bot prints. While a
 * typed command is answered, output simply follows it and the prompt comes after. Output that arrives
 * on its own — a scheduled lesson while the learner sits at the prompt — clears the prompt line,
 * prints, and shows a fresh prompt with whatever had been typed so far.
 */
export class ConsoleScreen {
  private prompt: Interface | undefined;
  private answering = false;

  constructor(private readonly out: Writable) {}

  /** A terminal's readline: from now on, output outside an answer refreshes its prompt. */
  showsPrompt(rl: Interface): void {
    this.prompt = rl;
  }

  /** Between these two calls a typed command is being answered. */
  answeringStarted(): void {
    this.answering = true;
  }

  answeringEnded(): void {
    this.answering = false;
  }

  write(text: string): void {
    if (!this.prompt || this.answering) {
      this.out.write(text);
      return;
    }
    clearLine(this.out, 0);
    cursorTo(this.out, 0);
    this.out.write(text);
    this.prompt.prompt(true);
  }
}
