/**
 * Quiz questions an author writes for a post — a `quiz:` list in its front matter, or the same list in
 * a sidecar `<post-name>.quiz.yml` beside it — read, checked against the strictest platform limits,
 * and placed with the lesson that finishes the section they belong to. Pure: the loader hands in the
 * YAML text and where it starts.
 */
import { createHash } from "node:crypto";
import { load as loadYaml } from "js-yaml";
import type { Problem, QuizQuestion } from "../contract/lessons.js";
import type { Block } from "./blocks.js";
import { texToUnicode } from "../tex/index.js";

/** The strictest of Telegram's quiz polls and Discord's buttons. */
export const QUIZ_LIMITS = {
  question: 300,
  minOptions: 2,
  maxOptions: 10,
  /** A Discord button label. */
  option: 80,
  explanation: 200,
  explanationLineBreaks: 2,
} as const;

/** One question as the author wrote it, with the line each field stands on. */
export interface QuizItem {
  value: unknown;
  file: string;
  line: number;
  fields: Record<string, number>;
}

/** A post's questions, and where they were written. */
export interface QuizSource {
  file: string;
  items: QuizItem[];
}

const FIELDS = ["q", "options", "answer", "explain", "after"] as const;

/**
 * The items of a YAML list and the line of each (and of each field), from the text itself: `firstLine`
 * is the file line of the text's first line. A list written inline (`quiz: [...]`) gets the line of its key.
 */
export function quizItems(list: unknown[], text: string, firstLine: number, file: string, keyLine: number): QuizItem[] {
  const lines = text.split("\n");
  const starts: { line: number; fields: Record<string, number> }[] = [];
  let indent = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)-(\s+|$)/.exec(lines[i]!);
    if (m && (indent < 0 || m[1]!.length === indent)) {
      indent = m[1]!.length;
      starts.push({ line: firstLine + i, fields: {} });
    }
    const f = /^\s*(?:-\s+)?([A-Za-z_]+)\s*:/.exec(lines[i]!);
    if (f && starts.length && (FIELDS as readonly string[]).includes(f[1]!)) starts.at(-1)!.fields[f[1]!] ??= firstLine + i;
  }
  return list.map((value, i) => {
    const at = starts.length === list.length ? starts[i]! : { line: keyLine, fields: {} };
    return { value, file, line: at.line, fields: at.fields };
  });
}

/**
 * The `quiz:` list of a post's front matter. `frontMatter` is gray-matter's `matter`: the text after the
 * opening `---`, so its first line is the rest of the file's line 1.
 */
export function frontMatterQuiz(frontMatter: string, data: Record<string, unknown>, file: string, problems: Problem[]): QuizSource | undefined {
  if (data.quiz === undefined) return undefined;
  const lines = frontMatter.split("\n");
  const key = lines.findIndex((l) => /^quiz\s*:/.test(l));
  const keyLine = key < 0 ? 1 : key + 1;
  if (!Array.isArray(data.quiz)) {
    problems.push({ file, line: keyLine, severity: "error", message: "quiz: must be a list of questions (- q: …, options: […], answer: N)" });
    return undefined;
  }
  let end = lines.length;
  for (let i = key + 1; i < lines.length; i++) {
    if (/^\S/.test(lines[i]!) && !/^-/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  const body = key < 0 ? "" : lines.slice(key + 1, end).join("\n");
  return { file, items: quizItems(data.quiz, body, keyLine + 1, file, keyLine) };
}

/** A sidecar `<post>.quiz.yml`: the same list as the front matter's, at the top of the file. */
export function sidecarQuiz(text: string, file: string, problems: Problem[]): QuizSource | undefined {
  let list: unknown;
  try {
    list = loadYaml(text.replace(/^\uFEFF/, ""), { json: true });
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    problems.push({ file, line: (mark?.line ?? 0) + 1, severity: "error", message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
    return undefined;
  }
  if (list && typeof list === "object" && !Array.isArray(list) && Array.isArray((list as { quiz?: unknown }).quiz)) list = (list as { quiz: unknown[] }).quiz;
  if (!Array.isArray(list)) {
    problems.push({ file, line: 1, severity: "error", message: "a .quiz.yml file holds a list of questions (- q: …, options: […], answer: N)" });
    return undefined;
  }
  return { file, items: quizItems(list, text, 1, file, 1) };
}

/** Inline TeX (`$…$`, `\(…\)`) written in Unicode where Unicode can; the rest is left as written. */
function plainText(s: string, report: (message: string) => void): string {
  return s.replace(/\$\$([^$]+)\$\$|\$([^$\n]+)\$|\\\((.+?)\\\)/g, (whole, a?: string, b?: string, c?: string) => {
    const tex = (a ?? b ?? c ?? "").trim();
    const u = texToUnicode(tex);
    if (u !== null) return u;
    report(`the formula ${whole} cannot be written in Unicode, and quiz text is plain on every platform: write it in words or Unicode`);
    return whole;
  });
}

/** A checked question, or null when it cannot be asked (each reason reported at its line). */
export function checkQuestion(item: QuizItem, postSlug: string, problems: Problem[]): (QuizQuestion & { after?: string; line: number }) | null {
  const { value, file } = item;
  const at = (field: string): number => item.fields[field] ?? item.line;
  const errors: Problem[] = [];
  const error = (field: string, message: string): void => void errors.push({ file, line: at(field), severity: "error", message: `quiz: ${message}` });
  const warn = (field: string, message: string): void => void problems.push({ file, line: at(field), severity: "warning", message: `quiz: ${message}` });
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    problems.push({ file, line: item.line, severity: "error", message: "quiz: a question is a mapping with q, options and answer" });
    return null;
  }
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!(FIELDS as readonly string[]).includes(k)) warn(k, `unknown field "${k}" (known: ${FIELDS.join(", ")})`);

  const question = typeof v.q === "string" || typeof v.q === "number" ? plainText(String(v.q).trim(), (m) => warn("q", m)) : "";
  if (!question) error("q", "the question (q:) is missing");
  else if (question.length > QUIZ_LIMITS.question) error("q", `the question has ${question.length} characters; at most ${QUIZ_LIMITS.question} fit a Telegram quiz`);

  const options = Array.isArray(v.options) ? v.options.map((o) => plainText(String(o ?? "").trim(), (m) => warn("options", m))) : [];
  if (!Array.isArray(v.options)) error("options", "options: must be a list of 2–10 answers");
  else if (options.length < QUIZ_LIMITS.minOptions || options.length > QUIZ_LIMITS.maxOptions) {
    error("options", `${options.length} options; a question has ${QUIZ_LIMITS.minOptions}–${QUIZ_LIMITS.maxOptions}`);
  }
  options.forEach((o, i) => {
    if (!o) error("options", `option ${i + 1} is empty`);
    else if (o.length > QUIZ_LIMITS.option) error("options", `option ${i + 1} has ${o.length} characters; at most ${QUIZ_LIMITS.option} fit a Discord button`);
  });
  if (new Set(options).size !== options.length) error("options", "two options are the same");

  const raw = Array.isArray(v.answer) ? v.answer : [v.answer];
  const answers = raw.map((a) => (typeof a === "number" ? a : typeof a === "string" && /^\d+$/.test(a.trim()) ? Number(a) : NaN));
  if (v.answer === undefined) error("answer", "the answer (answer: N, 1-based) is missing");
  else if (answers.some((a) => !Number.isInteger(a) || a < 1 || a > options.length)) {
    error("answer", `answer ${JSON.stringify(v.answer)} is not an option number from 1 to ${options.length}`);
  } else if (options.length >= QUIZ_LIMITS.minOptions && (new Set(answers).size !== answers.length || answers.length >= options.length)) {
    error("answer", "the answers must be different, and at least one option must be wrong");
  }

  const explain = typeof v.explain === "string" ? plainText(v.explain.trim(), (m) => warn("explain", m)) : "";
  if (explain.length > QUIZ_LIMITS.explanation) error("explain", `the explanation has ${explain.length} characters; at most ${QUIZ_LIMITS.explanation} fit a Telegram quiz`);
  if ((explain.match(/\n/g) ?? []).length > QUIZ_LIMITS.explanationLineBreaks) error("explain", `the explanation has more than ${QUIZ_LIMITS.explanationLineBreaks} line breaks`);

  const after = typeof v.after === "string" && v.after.trim() ? v.after.trim().replace(/^#/, "") : undefined;
  if (v.after !== undefined && after === undefined) error("after", "after: names a section by its heading's anchor (e.g. tensor-la-gi)");

  problems.push(...errors);
  if (errors.length) return null;
  const id = "q" + createHash("sha1").update(`${postSlug}\n${after ?? ""}\n${question}`).digest("hex").slice(0, 12);
  return { id, question, options, answers: [...answers].sort((a, b) => a - b), explain, ...(after ? { after } : {}), line: item.line };
}

/**
 * The lesson each question goes with: the one where its `after` section ends (the section's heading
 * up to the next heading of the same or a higher level), else the post's last lesson. `lessons` are
 * the post's lessons' top-level blocks, in order.
 */
export function placeQuestions(source: QuizSource | undefined, postSlug: string, lessons: readonly Block[][], problems: Problem[]): QuizQuestion[][] {
  const placed: QuizQuestion[][] = lessons.map(() => []);
  if (!source || !lessons.length) return placed;
  const ends = new Map<string, number>();
  const open: { anchor: string; depth: number }[] = [];
  lessons.forEach((blocks, k) => {
    for (const b of blocks) {
      if (b.t === "heading") {
        while (open.length && open.at(-1)!.depth >= b.depth) open.pop();
        open.push({ anchor: b.anchor, depth: b.depth });
      }
      for (const s of open) ends.set(s.anchor, k);
    }
  });
  const seen = new Set<string>();
  for (const item of source.items) {
    const q = checkQuestion(item, postSlug, problems);
    if (!q) continue;
    if (seen.has(q.id)) {
      problems.push({ file: source.file, line: q.line, severity: "error", message: "quiz: the same question is written twice for this section" });
      continue;
    }
    seen.add(q.id);
    let k = lessons.length - 1;
    if (q.after !== undefined) {
      const end = ends.get(q.after);
      if (end === undefined) {
        const known = [...ends.keys()];
        problems.push({
          file: source.file,
          line: item.fields.after ?? q.line,
          severity: "warning",
          message: `quiz: after: ${q.after} is not a section of this post; the question goes with the post's last lesson${known.length ? ` (sections: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""})` : ""}`,
        });
      } else k = end;
    }
    placed[k]!.push({ id: q.id, question: q.question, options: q.options, answers: q.answers, explain: q.explain });
  }
  return placed;
}
