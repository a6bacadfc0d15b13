/**
 * Lesson engine benchmark on the shared corpus: cold render (empty math cache) and warm render
 * for both platforms, time per formula, messages per lesson, lessons per post, peak RSS.
 * Run: npx tsx bench/engine.ts  (or npm run bench). Figures are medians on a noisy shared machine.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderCourse, type EngineResult } from "../src/engine.js";
import type { Platform } from "../src/model.js";

const CORPUS = resolve(process.env.CORPUS_DIR ?? join(import.meta.dirname, "../../shared/corpus"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN;
};

async function renderAll(cacheDir: string, outRoot: string): Promise<{ ms: number; results: EngineResult[] }> {
  const authors = readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()).sort();
  const results: EngineResult[] = [];
  const t0 = performance.now();
  for (const platform of ["telegram", "discord"] as Platform[]) {
    for (const a of authors) results.push(await renderCourse({ contentDir: join(CORPUS, a), platform, outDir: join(outRoot, platform, a), cacheDir }));
  }
  return { ms: performance.now() - t0, results };
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`engine bench skipped: no corpus at ${CORPUS}`);
    return;
  }
  const cold: number[] = [];
  const warm: number[] = [];
  let last: EngineResult[] = [];
  let perFormula: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const tmp = mkdtempSync(join(tmpdir(), "sau-phut-bench-"));
    const cache = join(tmp, "cache");
    const c = await renderAll(cache, join(tmp, "cold"));
    cold.push(c.ms);
    if (r === 0) perFormula = c.results.filter((x) => x.platform === "telegram").flatMap((x) => x.stats.mathMs);
    const w = await renderAll(cache, join(tmp, "warm"));
    warm.push(w.ms);
    last = w.results;
    rmSync(tmp, { recursive: true, force: true });
  }
  const lessons = last.flatMap((r) => r.lessons.map((l) => ({ platform: r.platform, post: l.post, n: l.messages.length })));
  const byPlatform = (p: Platform): number[] => lessons.filter((l) => l.platform === p).map((l) => l.n);
  const tgLessons = last.filter((r) => r.platform === "telegram").flatMap((r) => r.lessons);
  const perPost = new Map<string, number>();
  for (const l of tgLessons) perPost.set(l.post, (perPost.get(l.post) ?? 0) + 1);
  const rssMB = process.resourceUsage().maxRSS / 1024;

  console.log(`lesson engine on ${perPost.size} corpus posts, telegram + discord, ${ROUNDS} rounds`);
  console.log(`  cold render (empty math cache): median ${(median(cold) / 1000).toFixed(2)} s  [${cold.map((x) => (x / 1000).toFixed(2)).join(", ")}]  target ≤ 30 s`);
  console.log(`  warm render:                    median ${(median(warm) / 1000).toFixed(2)} s  [${warm.map((x) => (x / 1000).toFixed(2)).join(", ")}]  target ≤ 5 s`);
  console.log(`  formulas drawn (cold, telegram): ${perFormula.length}, median ${median(perFormula).toFixed(2)} ms per formula`);
  for (const p of ["telegram", "discord"] as Platform[]) {
    const n = byPlatform(p);
    console.log(`  ${p}: ${n.length} lessons, messages per lesson median ${median(n)}, max ${Math.max(...n)}`);
  }
  const lp = [...perPost.values()];
  console.log(`  lessons per post: median ${median(lp)}, max ${Math.max(...lp)}`);
  console.log(`  peak RSS: ${rssMB.toFixed(0)} MB  target ≤ 400 MB`);
}

await main();
