/**
 * The direction of imports between the house's layers, and a checker of an import graph against it.
 * The content pipeline (course → render → build) and the runtime (schedule, store, i18n → learning
 * → ops) never import each other; they meet only in the composition files. Adapters sit at the edge
 * and see the runtime, never the pipeline (main passes them the rendered course). The author preview
 * reads the pipeline's results (src/studio) and has an edge of its own (adapters/studio).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export interface Layer {
  name: string;
  /** A folder (every file below it) or one file, relative to the repository. */
  paths: readonly string[];
  /** The layers it may import besides itself. */
  may: readonly string[];
}

const BASE = ["contract", "text", "tex"];
const RUNTIME = ["schedule", "store", "i18n", "learning", "ops"];

export const LAYERS: readonly Layer[] = [
  { name: "contract", paths: ["src/contract"], may: [] },
  { name: "text", paths: ["src/text"], may: ["contract"] },
  { name: "tex", paths: ["src/tex"], may: ["contract", "text"] },
  { name: "course", paths: ["src/course"], may: BASE },
  { name: "render", paths: ["src/render"], may: [...BASE, "course"] },
  { name: "build", paths: ["src/build"], may: [...BASE, "course", "render"] },
  { name: "schedule", paths: ["src/schedule"], may: BASE },
  { name: "store", paths: ["src/store"], may: [...BASE, "schedule"] },
  { name: "i18n", paths: ["src/i18n"], may: BASE },
  { name: "learning", paths: ["src/learning"], may: [...BASE, "schedule", "store", "i18n"] },
  { name: "ops", paths: ["src/ops"], may: [...BASE, "schedule", "store", "i18n", "learning"] },
  // The author preview's pages: pure functions of the engine's results (a consumer of the pipeline).
  { name: "studio", paths: ["src/studio"], may: [...BASE, "course", "render", "build"] },
  // The preview's edge composes like main does, for one purpose: it renders (the pipeline), draws
  // the pages (studio) with what the core and the senders add (runtime, adapters), and serves them.
  { name: "preview", paths: ["adapters/studio"], may: [...BASE, ...RUNTIME, "course", "build", "studio", "adapters"] },
  // The configuration's types (a platform's settings) are the adapters' only window on composition.
  { name: "adapters", paths: ["adapters"], may: [...BASE, ...RUNTIME, "config"] },
  { name: "config", paths: ["src/config.ts", "src/dotEnv.ts"], may: [...BASE, ...RUNTIME] },
  { name: "composition", paths: ["src/main.ts", "src/cli.ts", "src/courseLoader.ts", "src/log.ts", "src/app", "src/cli"], may: ["*"] },
];

/** Relative imports of each file: repository path → the repository paths it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  return layers.find((l) => l.paths.some((p) => file === p || file.startsWith(`${p}/`)));
}

/** One line per import that goes against the table, and per file the table does not place. */
export function violations(graph: ImportGraph, layers: readonly Layer[] = LAYERS): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    const from = layerOf(file, layers);
    if (!from) {
      found.push(`${file} is in no layer: add its folder to the table`);
      continue;
    }
    for (const target of imports) {
      const to = layerOf(target, layers);
      if (!to) found.push(`${file} imports ${target}, which is in no layer`);
      else if (to !== from && !from.may.includes("*") && !from.may.includes(to.name)) {
        found.push(`${file} imports ${target}: ${from.name} may not import ${to.name}`);
      }
    }
  }
  return found;
}

/** The relative imports (static, dynamic, type-only, re-exports) of every .ts file under `dirs`. */
export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
      const abs = join(entry.parentPath, entry.name);
      const info = ts.preProcessFile(readFileSync(abs, "utf8"), true, true);
      const imports = info.importedFiles
        .map((f) => f.fileName)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => repoPath(root, resolve(dirname(abs), spec.replace(/\.js$/, ".ts"))));
      graph.set(repoPath(root, abs), imports);
    }
  }
  return graph;
}

function repoPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}
