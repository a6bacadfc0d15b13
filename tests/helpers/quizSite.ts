/**
 * A blog whose posts carry quiz questions in their front matter (issue 16 §1), for the end-to-end tests
 * of asking and review: one course of three short posts, two questions each (the right answer is 2).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const POSTS = [
  ["2025-05-01-tensors", "Tensors", "A tensor is an array with any number of axes, like a NumPy ndarray."],
  ["2025-05-02-autograd", "Autograd", "Autograd records the operations and computes gradients backwards."],
  ["2025-05-03-training", "Training loop", "Each step: forward, loss, backward, optimizer step, zero the gradients."],
] as const;

/** Question k (1 or 2) of post i (1-based), as the learner sees it. */
export function quizQuestion(i: number, k: number): string {
  return `Post ${i}, question ${k}: which is right?`;
}

/** Writes the site into `dir`; returns `dir`. */
export function writeQuizSite(dir: string): string {
  mkdirSync(join(dir, "_posts"), { recursive: true });
  writeFileSync(join(dir, "_config.yml"), 'title: "Quiz notes"\nlanguage: en\n');
  POSTS.forEach(([slug, title, body], n) => {
    const i = n + 1;
    const quiz = [1, 2]
      .map((k) => `  - q: "${quizQuestion(i, k)}"\n    options: ["wrong ${k}", "right ${k}", "also wrong ${k}"]\n    answer: 2\n    explain: "Because it is right (${i}.${k})."`)
      .join("\n");
    writeFileSync(join(dir, "_posts", `${slug}.md`), `---\ntitle: "${title}"\nquiz:\n${quiz}\n---\n\n${body}\n`);
  });
  return dir;
}
