import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- ARGS` as a child process, with only `env` (and PATH, HOME) set; `cwd` is where .env is looked for. */
export function cli(args: string[], env: Record<string, string>, opts: { cwd?: string } = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(tsx, [join(root, "src/cli.ts"), ...args], { cwd: opts.cwd ?? root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}
