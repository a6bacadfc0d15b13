import { createHash } from "node:crypto";
import { truncateText } from "../text/graphemes.js";
import type { Catalogue } from "./catalogue.js";
import type { CourseView } from "./courseView.js";
import type { Choice } from "./sender.js";

/** The commands a course choice can stand for: pressing it runs "/<command> <course> [n]". */
const CHOICE_COMMANDS = ["follow", "leave", "next", "lessons", "goto", "resources", "done"] as const;
export type ChoiceCommand = (typeof CHOICE_COMMANDS)[number];

/** Telegram's callback_data holds 64 bytes; Discord's custom_id 100 characters. */
const MAX_DATA_BYTES = 64;
const MAX_LABEL = 60;

/** A course id too long for the button data is named by a short hash of it. */
function hashOf(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 10);
}

/**
 * The data of a choice: "c:<command>:<course id>[:<n>]", or "c:<command>:#<hash>[:<n>]" when the id
 * would not fit. Ids, not catalogue numbers: a reload that adds a course must not turn an old button
 * into another course.
 */
export function choiceData(command: ChoiceCommand, courseId: string, n?: number): string {
  const tail = n === undefined ? "" : `:${n}`;
  const plain = `c:${command}:${courseId}${tail}`;
  return Buffer.byteLength(plain) <= MAX_DATA_BYTES ? plain : `c:${command}:#${hashOf(courseId)}${tail}`;
}

export interface ParsedChoice {
  command: ChoiceCommand;
  course: CourseView;
  n?: number;
}

/** A pressed choice → the command it stands for; undefined for other data or a course no longer offered. */
export function parseChoice(data: string, catalogue: Catalogue): ParsedChoice | undefined {
  const m = /^c:([a-z]+):(#?[^:]{1,64})(?::(\d{1,6}))?$/.exec(data);
  if (!m || !(CHOICE_COMMANDS as readonly string[]).includes(m[1]!)) return undefined;
  const ref = m[2]!;
  const course = ref.startsWith("#") ? catalogue.courses.find((c) => hashOf(c.id) === ref.slice(1)) : catalogue.byId(ref);
  if (!course) return undefined;
  return { command: m[1] as ChoiceCommand, course, ...(m[3] ? { n: Number(m[3]) } : {}) };
}

/** Whether button data is a course choice (the adapters route these like typed commands). */
export function isChoiceData(data: string): boolean {
  return data.startsWith("c:");
}

/** The command a choice stands for, as the learner would type it. */
export function choiceCommandText(p: { command: ChoiceCommand; course: CourseView; n?: number }): string {
  return `/${p.command} ${p.course.id}${p.n === undefined ? "" : ` ${p.n}`}`;
}

function clipLabel(label: string): string {
  return truncateText(label, MAX_LABEL, "…");
}

/** One choice per course, for `command`; `label` says what the button shows for each course. */
export function courseChoices(
  courses: readonly CourseView[],
  command: ChoiceCommand,
  label: (course: CourseView) => string,
  opts: { n?: number; description?: (course: CourseView) => string } = {},
): Choice[] {
  return courses.map((course) => {
    const description = opts.description?.(course);
    return {
      label: clipLabel(label(course)),
      data: choiceData(command, course.id, opts.n),
      command: choiceCommandText({ command, course, ...(opts.n !== undefined ? { n: opts.n } : {}) }),
      ...(description ? { description: truncateText(description, 100) } : {}),
    };
  });
}
