/**
 * A lesson's quiz questions as each platform asks them after ✅ (issue 16): on Telegram a quiz poll,
 * on Discord a message with one button per option (a select menu past five) and the ephemeral answer
 * a member gets. Question, options and explanation are plain text on both platforms.
 */
import type { QuizQuestion } from "../../contract/lessons.js";
import { escapeAttr, escapeHtml } from "../../text/html.js";

/** Past this many options Discord asks with a select menu instead of buttons. */
const DISCORD_MAX_BUTTONS = 5;

export function drawTelegramQuiz(q: QuizQuestion): string {
  const options = q.options
    .map((o, i) => {
      const right = q.answers.includes(i + 1);
      return `<li class="tg-poll-option${right ? " right" : ""}"><span class="tg-poll-mark">${right ? "✓" : ""}</span>${escapeHtml(o)}</li>`;
    })
    .join("");
  const explain = q.explain ? `<div class="tg-poll-explain">💡 ${escapeHtml(q.explain)}</div>` : "";
  return `<div class="tg-msg tg-poll" data-quiz="${escapeAttr(q.id)}"><div class="tg-poll-kind">Quiz</div><div class="tg-poll-question">${escapeHtml(q.question)}</div><ul class="tg-poll-options">${options}</ul>${explain}</div>`;
}

export function drawDiscordQuiz(q: QuizQuestion): string {
  const choices =
    q.options.length > DISCORD_MAX_BUTTONS
      ? `<div class="dc-row"><span class="dc-select">${escapeHtml(q.options[0]!)} …<span class="dc-select-caret">⌄</span></span></div>`
      : `<div class="dc-row">${q.options.map((o) => `<span class="dc-button secondary">${escapeHtml(o)}</span>`).join("")}</div>`;
  const right = q.answers.map((a) => q.options[a - 1] ?? "").join(", ");
  const reply = `<div class="dc-ephemeral"><div class="dc-text">✅ ${escapeHtml(right)}${q.explain ? `<br>${escapeHtml(q.explain)}` : ""}</div><div class="dc-ephemeral-note" data-studio-note>Only you can see this · the answer a member gets</div></div>`;
  return `<div class="dc-msg dc-quiz" data-quiz="${escapeAttr(q.id)}"><div class="dc-text"><div class="dc-line">${escapeHtml(q.question)}</div></div>${choices}${reply}</div>`;
}
