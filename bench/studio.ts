/**
 * Author preview benchmark: the six corpus folders as one preview (a catalogue of six courses),
 * rendered once to fill the caches and once more warm; then pages fetched over HTTP from the real
 * server: the catalogue 20 times, and 20 lesson pages, each fetched the first time after the render
 * (spread over the courses, the lessons with the most formulas among them, so KaTeX typesets cold).
 * Run: npm run bench -- studio. Figures are medians on a noisy shared machine.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pino from "pino";
import { startPreviewServer } from "../adapters/studio/server.js";
import { PreviewWorkspace } from "../adapters/studio/workspace.js";
import { coursesOf } from "../src/studio/model.js";
import { paths } from "../src/studio/paths.js";

const CORPUS = resolve(process.env.CORPUS_DIR ?? join(import.meta.dirname, "../../shared/corpus"));
const RUNS = 20;
const TARGET = { catalogue: 300, lesson: 200 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function fetchMs(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t0;
}

async function main(): Promise<number> {
  if (!existsSync(CORPUS)) {
    console.log(`studio bench skipped: no corpus at ${CORPUS}`);
    return 0;
  }
  const dirs = readdirSync(CORPUS).map((d) => join(CORPUS, d)).filter((d) => statSync(d).isDirectory()).sort();
  const tmp = mkdtempSync(join(tmpdir(), "sau-phut-bench-studio-"));
  try {
    const ws = new PreviewWorkspace({ contentDirs: dirs, outRoot: join(tmp, "render"), cacheDir: join(tmp, "cache", "math") }, pino({ level: "silent" }));
    let t0 = performance.now();
    await ws.start();
    const coldMs = performance.now() - t0;
    t0 = performance.now();
    await ws.refresh();
    const warmMs = performance.now() - t0;
    const server = await startPreviewServer(ws, { port: 0, host: "127.0.0.1", outRoot: join(tmp, "render") });
    try {
      const courses = coursesOf(ws.current);
      const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
      console.log(`author preview of ${dirs.length} corpus folders: ${courses.length} courses, ${lessons} lessons, four views`);
      console.log(`  render: cold ${(coldMs / 1000).toFixed(2)} s, warm ${(warmMs / 1000).toFixed(2)} s`);

      const catalogue: number[] = [];
      for (let i = 0; i < RUNS; i++) catalogue.push(await fetchMs(server.url + paths.catalogue()));

      // The lessons richest in formulas of each course, taken in turn until there are 20.
      const formulas = (html: string): number => (html.match(/<tg-math/g) ?? []).length;
      const rich = ws.current.catalogues["telegram-rich"].courses;
      const ranked = rich.map((c) => [...c.lessons].sort((a, b) => formulas(b.messages.map((m) => m.rich?.html ?? "").join("")) - formulas(a.messages.map((m) => m.rich?.html ?? "").join(""))).map((l) => paths.lesson(c.id, l.id)));
      const picked: string[] = [];
      for (let k = 0; picked.length < RUNS && ranked.some((r) => r[k]); k++) for (const r of ranked) if (r[k] && picked.length < RUNS) picked.push(r[k]!);
      const lesson: number[] = [];
      for (const path of picked) lesson.push(await fetchMs(server.url + path));

      const line = (name: string, xs: number[], target: number): boolean => {
        const m = median(xs);
        console.log(`  ${name}: median ${m.toFixed(1)} ms of ${xs.length}, max ${Math.max(...xs).toFixed(1)} ms   (target ≤ ${target} ms)${m > target ? "  ✘ over target" : ""}`);
        return m <= target;
      };
      const ok = [line("catalogue page", catalogue, TARGET.catalogue), line("lesson page (first visit)", lesson, TARGET.lesson)].every(Boolean);
      console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
      return ok ? 0 : 1;
    } finally {
      await server.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
