#!/usr/bin/env node
/**
 * Removes from a production install what the bot never loads, so the image stays small (the
 * Dockerfile and scripts/production-check.ts run it after `npm prune --omit=dev`):
 *
 *   node scripts/prune-production.mjs [APP_DIR]
 *
 * Found by tracing every module the bot loads while rendering whole corpus sites in every format:
 * MathJax is loaded as ES modules only (`@mathjax/src/js/*` resolves to `mjs/*`) with the newcm
 * font's SVG data (`mjs/svg.js`, `mjs/svg/*`); the rest below is read by no one at run time.
 * production-check.ts renders formulas with the pruned install and compares the PNG bytes with the
 * full one's.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const app = resolve(process.argv[2] ?? ".");
const modules = join(app, "node_modules");

/** Paths under node_modules, each with why it can go. */
const UNUSED = [
  // The same MathJax sources as CommonJS, browser bundles, loader components and TypeScript.
  ["@mathjax/src/bundle", "@mathjax/src/cjs", "@mathjax/src/components", "@mathjax/src/ts"],
  // The font's CHTML (web font) output and its CommonJS and browser copies; SVG in ES modules stays.
  [
    "@mathjax/mathjax-newcm-font/cjs",
    "@mathjax/mathjax-newcm-font/chtml",
    "@mathjax/mathjax-newcm-font/chtml.js",
    "@mathjax/mathjax-newcm-font/svg",
    "@mathjax/mathjax-newcm-font/svg.js",
    "@mathjax/mathjax-newcm-font/tex-mml-chtml-mathjax-newcm.js",
    "@mathjax/mathjax-newcm-font/tex-mml-svg-mathjax-newcm.js",
    "@mathjax/mathjax-newcm-font/mjs/chtml",
    "@mathjax/mathjax-newcm-font/mjs/chtml.js",
    "@mathjax/mathjax-newcm-font/examples",
  ],
  // better-sqlite3 needs lib/ and its compiled addon (build/Release/better_sqlite3.node); the SQLite
  // amalgamation, the C++ sources, the compiler's objects and the test extension are build leftovers.
  [
    "better-sqlite3/deps",
    "better-sqlite3/src",
    "better-sqlite3/build/deps",
    "better-sqlite3/build/Release/obj",
    "better-sqlite3/build/Release/obj.target",
    "better-sqlite3/build/Release/.deps",
    "better-sqlite3/build/Release/sqlite3.a",
    "better-sqlite3/build/Release/test_extension.node",
  ],
].flat();

/** Files for editors, compilers and debuggers: type declarations and source maps. */
const FOR_TOOLS = /\.(?:d\.[cm]?ts|map)$/;

let bytes = 0;
const size = (path) => {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + size(join(path, f)), 0);
};
const remove = (path) => {
  bytes += size(path);
  rmSync(path, { recursive: true, force: true });
};

for (const rel of UNUSED) remove(join(modules, rel));
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (FOR_TOOLS.test(entry.name)) remove(path);
  }
};
walk(modules);
console.log(`prune-production: removed ${(bytes / 1e6).toFixed(1)} MB the bot never loads from ${modules}`);
