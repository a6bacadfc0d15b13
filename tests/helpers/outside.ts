/**
 * What some test files need from outside the repository: the shared corpus of real posts beside it,
 * and ruby with kramdown (the converter Jekyll runs). Where one is missing the file's tests skip
 * with a line saying so; with the `CI` variable set, a missing one fails the file instead, so CI
 * never passes without having run them.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The shared corpus, read in place (never copied). */
export const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");

/** True when `present`; else a line on stderr and false, or in CI an error naming what is missing. */
export function needed(what: string, present: boolean, hint: string): boolean {
  if (present) return true;
  const message = `${what} is missing (${hint})`;
  if (process.env.CI) throw new Error(`${message}: CI runs these tests, they may not be skipped`);
  console.warn(`tests skipped: ${message}`);
  return false;
}

export function corpusOrSkip(): boolean {
  return needed(`the shared corpus ${CORPUS}`, existsSync(CORPUS), "a checkout of shared/ beside the repository");
}

export function kramdownOrSkip(): boolean {
  let present = true;
  try {
    execFileSync("ruby", ["-e", "require 'kramdown'; require 'kramdown-parser-gfm'"], { stdio: "ignore" });
  } catch {
    present = false;
  }
  return needed("ruby with kramdown and kramdown-parser-gfm", present, ".ci/run installs ruby-kramdown and ruby-kramdown-parser-gfm");
}
