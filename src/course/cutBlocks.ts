/**
 * Cutting a block that alone reads longer than a lesson (a 200-line help page, a long list, a
 * data-frame printout) into pieces that fit, so the six-minute promise holds for every lesson.
 * A code block is cut at blank lines, else between lines; a list between items (an ordered list
 * keeps its numbering); a table between rows, its header row repeated. Each piece is a valid
 * block of its own; every piece after the first is marked `continued`. Pure.
 */
import type { Block } from "./blocks.js";
import { blockSeconds, type ReadingModel } from "./reading.js";

type Code = Extract<Block, { t: "code" }>;
type List = Extract<Block, { t: "list" }>;
type Table = Extract<Block, { t: "table" }>;

/** The blocks, with each one longer than a lesson replaced by its pieces. */
export function cutOversizedBlocks(blocks: Block[], language: string, model: ReadingModel): Block[] {
  const max = model.maxLessonMinutes * 60;
  const seconds = (b: Block): number => blockSeconds(b, language, model);
  return blocks.flatMap((b) => {
    if (seconds(b) <= max) return [b];
    switch (b.t) {
      case "code":
        return cutCode(b, model);
      case "list":
        return cutList(b, seconds, model);
      case "table":
        return cutTable(b, seconds, model);
      default:
        return [b];
    }
  });
}

/**
 * Where to cut a run of parts with these costs (seconds): the start index of each piece, the
 * first being 0. By dynamic programming: fewest pieces, none over the piece budget (less the
 * `fixed` cost every piece repeats) unless one part alone is; then cuts where `goodCut` holds;
 * then even sizes.
 */
export function pieceStarts(costs: number[], model: ReadingModel, goodCut: (i: number) => boolean = () => true, fixed = 0): number[] {
  const n = costs.length;
  const budget = Math.max(1, model.pieceMinutes * 60 - fixed);
  const prefix = [0];
  for (const c of costs) prefix.push(prefix.at(-1)! + c);
  const target = prefix[n]! / Math.max(1, Math.ceil(prefix[n]! / budget));
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const sum = prefix[j]! - prefix[i]!;
      if (sum > budget && j - i > 1) break;
      const c = best[i]! + 1000 + (i > 0 && !goodCut(i) ? 50 : 0) + ((sum - target) / 60) ** 2 * 10;
      if (c < best[j]!) {
        best[j] = c;
        from[j] = i;
      }
    }
  }
  const starts: number[] = [];
  for (let j = n; j > 0; j = from[j]!) starts.unshift(from[j]!);
  return starts.length ? starts : [0];
}

function ranges(starts: number[], n: number): [number, number][] {
  return starts.map((s, k) => [s, starts[k + 1] ?? n]);
}

function cutCode(b: Code, model: ReadingModel): Block[] {
  const lines = b.code.replace(/\n+$/, "").split("\n");
  // Every line shown costs its time, a blank one too (reading.ts).
  const costs = lines.map(() => model.secondsPerCodeLine);
  // A good place to cut is just after a blank line.
  const starts = pieceStarts(costs, model, (i) => i > 0 && !lines[i - 1]!.trim() && !!lines[i]!.trim());
  const first = b.firstLineNumber ?? 1;
  return ranges(starts, lines.length).flatMap(([s, e], k): Code[] => {
    const code = lines.slice(s, e).join("\n").replace(/^\n+|\n+$/g, "");
    if (!code.trim()) return [];
    const skipped = lines.slice(s, e).findIndex((l) => l.trim());
    return [{
      ...b,
      code,
      line: b.line + 1 + s + skipped,
      ...(b.linenos ? { firstLineNumber: first + s + skipped } : {}),
      ...(k > 0 ? { continued: true as const } : {}),
    }];
  });
}

function cutList(b: List, seconds: (b: Block) => number, model: ReadingModel): Block[] {
  const costs = b.items.map((item) => item.reduce((a, x) => a + seconds(x), 0));
  return ranges(pieceStarts(costs, model), b.items.length).map(([s, e], k): List => ({
    ...b,
    items: b.items.slice(s, e),
    start: b.ordered ? b.start + s : b.start,
    line: b.items[s]?.[0]?.line ?? b.line,
    ...(k > 0 ? { continued: true as const } : {}),
  }));
}

function cutTable(b: Table, seconds: (b: Block) => number, model: ReadingModel): Block[] {
  const [header, ...rows] = b.rows;
  if (!header || rows.length < 2) return [b];
  const costs = rows.map((row) => seconds({ ...b, rows: [row] }));
  const starts = pieceStarts(costs, model, () => true, seconds({ ...b, rows: [header] }));
  return ranges(starts, rows.length).map(([s, e], k): Table => ({
    ...b,
    rows: [header, ...rows.slice(s, e)],
    ...(k > 0 ? { continued: true as const } : {}),
  }));
}
