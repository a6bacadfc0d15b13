/**
 * Lesson engine benchmark on the shared corpus: cold render (empty math cache) and warm render
 * of all four formats (Telegram rich and classic, Discord components and classic), time per
 * formula, messages per lesson per format, lessons per post, peak RSS.
 * Run: npx tsx bench/engine.ts  (or npm run bench). Figures are medians on a noisy shared machine.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { renderCourse, type EngineResult } from "../src/build/renderCourse.js";
import { MathRenderer } from "../src/render/math.js";
import type { LessonFormat, Platform, RenderedLesson } from "../src/contract/lessons.js";

const CORPUS = resolve(process.env.CORPUS_DIR ?? join(import.meta.dirname, "../../shared/corpus"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const TARGETS: [Platform, LessonFormat][] = [
  ["telegram", "rich"],
  ["telegram", "classic"],
  ["discord", "components"],
  ["discord", "classic"],
];

const lessonsOf = (r: EngineResult): RenderedLesson[] => r.courses.flatMap((c) => c.lessons);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN;
};

async function renderAll(cacheDir: string, outRoot: string): Promise<{ ms: number; results: EngineResult[] }> {
  const authors = readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()).sort();
  const results: EngineResult[] = [];
  const t0 = performance.now();
  for (const [platform, format] of TARGETS) {
    for (const a of authors) {
      results.push(await renderCourse({ contentDir: join(CORPUS, a), platform, format, outDir: join(outRoot, `${platform}-${format}`, a), cacheDir }));
    }
  }
  return { ms: performance.now() - t0, results };
}

interface RoundResult {
  coldMs: number;
  warmMs: number;
  perFormula: number[];
  formulas: number;
  messages: Record<string, number[]>;
  lessonsPerPost: number[];
  maxRssMB: number;
}

/** One round in this process: cold (empty caches, MathJax not loaded yet), then warm. */
async function round(): Promise<RoundResult> {
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-bench-"));
  try {
    const cache = join(tmp, "cache", "math");
    const c = await renderAll(cache, join(tmp, "cold"));
    const w = await renderAll(cache, join(tmp, "warm"));
    // Peak RSS of the renders themselves, before the benchmark's own per-formula timing below.
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    // Time per formula, one at a time, into an empty cache (MathJax already loaded).
    const texs = [...new Set(c.results.filter((x) => x.platform === "telegram" && x.format === "classic").flatMap((x) => lessonsOf(x).flatMap((l) => l.messages.flatMap((m) => m.alt ?? []))))].slice(0, 300);
    const single = new MathRenderer({ cacheDir: join(tmp, "single") });
    const perFormula: number[] = [];
    for (const tex of texs) {
      const t0 = performance.now();
      await single.render(tex, true);
      perFormula.push(performance.now() - t0);
    }
    const messages: Record<string, number[]> = {};
    for (const r of w.results) (messages[`${r.platform} ${r.format}`] ??= []).push(...lessonsOf(r).map((l) => l.messages.length));
    const perPost = new Map<string, number>();
    for (const r of w.results) if (r.platform === "telegram" && r.format === "rich") for (const l of lessonsOf(r)) perPost.set(l.post, (perPost.get(l.post) ?? 0) + 1);
    return {
      coldMs: c.ms,
      warmMs: w.ms,
      perFormula,
      formulas: c.results.reduce((n, x) => n + x.stats.formulas, 0),
      messages,
      lessonsPerPost: [...perPost.values()],
      maxRssMB,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`engine bench skipped: no corpus at ${CORPUS}`);
    return;
  }
  if (process.argv.includes("--round")) {
    process.stdout.write(JSON.stringify(await round()) + "\n");
    return;
  }
  // Each round in a fresh process: a cold start really is cold, and peak RSS is one run's.
  const rounds: RoundResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--round"], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (child.status !== 0) throw new Error(`bench round failed: ${child.stderr}`);
    rounds.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RoundResult);
  }
  const cold = rounds.map((r) => r.coldMs);
  const warm = rounds.map((r) => r.warmMs);
  const last = rounds.at(-1)!;
  const list = (xs: number[]): string => xs.map((x) => (x / 1000).toFixed(2)).join(", ");
  console.log(`lesson engine on ${last.lessonsPerPost.length} corpus posts, four formats (${TARGETS.map((t) => t.join(" ")).join(", ")}), ${ROUNDS} rounds, each in a fresh process`);
  console.log(`  cold render (empty caches): median ${(median(cold) / 1000).toFixed(2)} s  [${list(cold)}]  target ≤ 30 s`);
  console.log(`  warm render:                median ${(median(warm) / 1000).toFixed(2)} s  [${list(warm)}]  target ≤ 3 s`);
  const pf = rounds.map((r) => median(r.perFormula));
  console.log(`  formulas drawn or fetched per cold run, all formats: ${last.formulas} (4 in flight)`);
  console.log(`  one formula at a time, empty cache: median ${median(pf).toFixed(2)} ms per formula over ${last.perFormula.length}  [${pf.map((x) => x.toFixed(2)).join(", ")}]`);
  for (const [p, n] of Object.entries(last.messages)) console.log(`  ${p}: ${n.length} lessons, messages per lesson median ${median(n)}, max ${Math.max(...n)}, mean ${(n.reduce((a, b) => a + b, 0) / n.length).toFixed(2)}`);
  console.log(`  lessons per post: median ${median(last.lessonsPerPost)}, max ${Math.max(...last.lessonsPerPost)}`);
  const rss = rounds.map((r) => r.maxRssMB);
  console.log(`  peak RSS: median ${median(rss).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB  target ≤ 400 MB`);
}

await main();
