/**
 * The `.env` file of the working folder, read with Node's own process.loadEnvFile, and what that
 * reader loses: on Node 20 a variable on the line after an indented comment (`  # note`) is read
 * under a name that swallows the comment ("# note\nNAME"), so NAME stays unset.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./contract/configError.js";

/**
 * Reads `.env` from `cwd` into the environment when there is one; variables already set in the real
 * environment win. Returns the file read.
 */
export function readDotEnv(cwd: string = process.cwd()): string | undefined {
  const file = resolve(cwd, ".env");
  if (!existsSync(file)) return undefined;
  try {
    process.loadEnvFile(file);
  } catch (err) {
    throw new ConfigError([`.env: cannot be read (${(err as Error).message})`]);
  }
  return file;
}

/** A variable `.env` defines that the environment does not hold after reading it. */
export interface LostVariable {
  name: string;
  /** 1-based line of the definition. */
  line: number;
  /** The indented comment right above it, which made the reader lose it. */
  commentLine?: number;
}

/** Each variable the file at `file` defines and `env` lacks, with what to do about it in words. */
export function lostDotEnvVariables(file: string, env: NodeJS.ProcessEnv): LostVariable[] {
  const lost: LostVariable[] = [];
  let indentedComment: number | undefined;
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (/^\s+#/.test(text)) {
        indentedComment = i + 1;
        return;
      }
      const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(text)?.[1];
      if (name && env[name] === undefined) lost.push({ name, line: i + 1, ...(indentedComment !== undefined ? { commentLine: indentedComment } : {}) });
      if (text.trim() !== "") indentedComment = undefined;
    });
  return lost;
}

/** "DATA_DIR (line 5, after the indented comment on line 4: remove the spaces before its #)". */
export function describeLost(v: LostVariable): string {
  return v.commentLine !== undefined
    ? `${v.name} (line ${v.line}, after the indented comment on line ${v.commentLine}: remove the spaces before its #)`
    : `${v.name} (line ${v.line})`;
}
