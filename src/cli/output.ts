import { secretsInEnv } from "../config.js";
import { redactSecrets } from "../text/redact.js";

/** Where the command line prints: every line redacted of the secrets the environment holds. */
export interface CliOutput {
  /** A result line, on stdout. */
  out(line: string): void;
  /** A problem or a note, on stderr. */
  err(line: string): void;
}

/** Output for the environment as it is once .env was read (the secrets are looked up per line). */
export function cliOutput(env: NodeJS.ProcessEnv = process.env): CliOutput {
  const clean = (line: string): string => `${redactSecrets(line, secretsInEnv(env))}\n`;
  return {
    out: (line) => void process.stdout.write(clean(line)),
    err: (line) => void process.stderr.write(clean(line)),
  };
}
