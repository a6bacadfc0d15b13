import type { Writable } from "node:stream";
import { catalogFor, markupFor } from "../../src/i18n/index.js";
import { parseLessonButton } from "../../src/learning/index.js";
import type { OutgoingMessage, SendResult, Sender } from "../../src/learning/sender.js";
import type { ChatAddress, Language } from "../../src/contract/chat.js";

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
    private readonly out: Writable,
    /** Language of the button hint. */
    private readonly language: () => Language,
  ) {}

  async send(_to: ChatAddress, message: OutgoingMessage): Promise<SendResult> {
    const lines: string[] = [];
    if (message.text !== undefined && message.text !== "") lines.push(message.text);
    for (const image of message.images ?? []) lines.push(`🖼  ${image}`);
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
