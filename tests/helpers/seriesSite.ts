/**
 * A blog with two series, as the end-to-end tests of courses give the real bot: one Jekyll site whose
 * series each have a folder under `_posts/` (how the engine finds courses, issue 15 §1, rule 4). What
 * the courses are called is the engine's business: `engineCatalogue` asks it, through `cli render`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

const POSTS: Record<string, string> = {
  "Optimisation/2025-03-01-gradient-descent.md": "Gradient descent by hand|We walk downhill on a loss surface, one small step against the gradient at a time.",
  "Optimisation/2025-03-02-learning-rate.md": "Choosing the learning rate|Too small and training crawls; too large and the loss jumps around.",
  "Optimisation/2025-03-03-momentum.md": "Momentum|Momentum keeps a running average of the gradients and steps along it.",
  "Probability/2025-04-01-events.md": "Events and outcomes|An event is a set of outcomes; its probability lies between zero and one.",
  "Probability/2025-04-02-bayes.md": "Bayes in one line|The posterior is the likelihood times the prior, divided by the evidence.",
  "Probability/2025-04-03-expectation.md": "Expectation|The expected value weighs each outcome by its probability.",
};

/** Writes the site into `dir` (created); returns `dir`. */
export function writeSeriesSite(dir: string): string {
  writeFileSync(join(mkdirp(dir), "_config.yml"), 'title: "Notes of a teacher"\nlanguage: en\n');
  for (const [path, entry] of Object.entries(POSTS)) {
    const [title, body] = entry.split("|") as [string, string];
    const file = join(dir, "_posts", path);
    mkdirp(join(file, ".."));
    writeFileSync(file, `---\ntitle: "${title}"\n---\n\n${body}\n`);
  }
  return dir;
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface EngineCatalogue {
  /** lessons.json's version (3: a catalogue). */
  version: number;
  /** The courses in catalogue order. */
  courses: { id: string; title: string; lessons: string[] }[];
}

/** What the engine makes of a content folder, by `npm run cli -- render` (classic, so no math is drawn). */
export function engineCatalogue(contentDir: string, outDir: string): EngineCatalogue {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "render", "--content", contentDir, "--platform", "telegram", "--format", "classic", "--out", outDir], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`cli render failed: ${run.stderr}`);
  const doc = JSON.parse(readFileSync(join(outDir, "lessons.json"), "utf8")) as { version: number; courses?: { id: string; title: string; lessons: { title: string }[] }[] };
  return { version: doc.version, courses: (doc.courses ?? []).map((c) => ({ id: c.id, title: c.title, lessons: c.lessons.map((l) => l.title) })) };
}
