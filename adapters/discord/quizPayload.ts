import { ButtonStyle, ComponentType, type APIMessageTopLevelComponent } from "discord-api-types/v10";
import { quizAnswerData, type QuizPrompt } from "../../src/learning/index.js";
import { truncateText } from "../../src/text/graphemes.js";

/** Buttons in a row at most; past them (or when several options are right) a select menu. */
const MAX_BUTTONS = 5;

/** The custom_id of a question's select menu; its values are the options' numbers. */
export function quizMenuId(askId: number): string {
  return `qs:${askId}`;
}

/** A chosen select menu of a question as the core's answer data ("qa:12:1,3"), or undefined. */
export function quizMenuAnswer(customId: string, values: readonly string[]): string | undefined {
  const m = /^qs:(\d{1,15})$/.exec(customId);
  return m && values.length ? `qa:${m[1]}:${values.join(",")}` : undefined;
}

/**
 * A question as Components V2: the question in a Text Display, then a button per option (the numbers
 * and texts as labels), or a select menu past five options or when several are right (then it takes
 * as many values as there are options). Every member's press is answered ephemerally by the core.
 */
export function quizComponents(quiz: QuizPrompt): APIMessageTopLevelComponent[] {
  const question: APIMessageTopLevelComponent = { type: ComponentType.TextDisplay, content: `❓ ${quiz.question}` };
  const several = quiz.answers.length > 1;
  if (quiz.options.length <= MAX_BUTTONS && !several) {
    return [
      question,
      {
        type: ComponentType.ActionRow,
        components: quiz.options.map((o, i) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncateText(`${i + 1}. ${o}`, 80), custom_id: quizAnswerData(quiz.askId, i + 1) })),
      },
    ];
  }
  return [
    question,
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: quizMenuId(quiz.askId),
          ...(several ? { min_values: 1, max_values: quiz.options.length } : {}),
          options: quiz.options.map((o, i) => ({ label: truncateText(`${i + 1}. ${o}`, 100), value: String(i + 1) })),
        },
      ],
    },
  ];
}
