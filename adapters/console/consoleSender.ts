import { catalogFor, markupFor } from "../../src/i18n/index.js";
import { parseLessonButton } from "../../src/learning/index.js";
import type { OutgoingMessage, SendResult, Sender } from "../../src/learning/sender.js";
import type { ChatAddress, Language } from "../../src/contract/chat.js";

/**
 * An image as the terminal shows it: its path, and beside it what it shows — a formula's TeX, a
 * table's cells, a photo's alt text — so the lesson reads without opening the file.
 */
function imageLines(path: string, alt: string | undefined): string[] {
  const words = (alt ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  if (words.length === 0) return [`🖼  ${path}`];
  return [`🖼  ${path}  ·  ${words[0]}`, ...words.slice(1).map((l) => `    ${l}`)];
}

/** In the terminal a button is pressed by typing the command it stands for. */
const commandOf = { done: "/done", next: "/next", res: "/resources" } as const;

/**
 * The console platform's sender: prints each message as plain text, then the absolute paths of its
 * images, then its buttons and course choices as something to type. Never fails.
 */
export class ConsoleSender implements Sender {
  readonly platform = "console" as const;
  private count = 0;

  constructor(
    /** Where messages are printed: the ConsoleScreen in the chat, any stream in tests. */
    private readonly out: { write(text: string): unknown },
    /** Language of the button hint. */
    private readonly language: () => Language,
  ) {}

  async send(_to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
    const lines: string[] = [];
    if (message.text !== undefined && message.text !== "") lines.push(message.text);
    message.images?.forEach((image, i) => lines.push(...imageLines(image, message.alt?.[i])));
    const t = catalogFor(this.language());
    for (const button of message.buttons ?? []) {
      const command = commandOf[parseLessonButton(button.data)?.action ?? "done"];
      lines.push(t.buttonHint(markupFor("console"), { label: button.text, command }));
    }
    for (const choice of message.choices ?? []) lines.push(t.buttonHint(markupFor("console"), { label: choice.label, command: choice.command }));
    this.out.write(`${lines.join("\n")}\n\n`);
    this.count++;
    return { ok: true, messageId: String(this.count) };
  }
}
