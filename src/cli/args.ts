import { parseArgs } from "node:util";

/** One option of a command, as its usage shows it. */
export interface OptionSpec {
  /** "DIR", "P": the value's placeholder; absent for a flag. */
  value?: string;
  short?: string;
  /** May be given several times; the values are joined with commas (as CONTENT_DIR lists folders). */
  multiple?: boolean;
  /** What it is, with its default where it has one. */
  help: string;
}

export type ParsedArgs =
  | { kind: "help" }
  | { kind: "error"; message: string }
  | { kind: "ok"; values: Record<string, string | undefined>; positionals: string[] };

/**
 * `argv` read against a command's options: --help (or -h) anywhere asks for its usage; an unknown
 * option, a missing value or an argument too many is an error naming it and what is valid.
 */
export function parseCommandArgs(command: string, argv: string[], options: Record<string, OptionSpec>, maxPositionals: number): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const valid = Object.keys(options).map((o) => `--${o}`);
  for (const arg of argv) {
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.replace(/^--?/, "").split("=")[0]!;
    const known = arg.startsWith("--") ? name in options : Object.values(options).some((o) => o.short === name);
    if (!known) {
      const near = closest(`--${name}`, valid);
      return { kind: "error", message: `${command}: unknown option ${arg.split("=")[0]}${near ? ` (did you mean ${near}?)` : ""}; the options are ${[...valid, "--help"].join(", ")}` };
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, { type: o.value ? "string" : "boolean", ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) } as const]),
      ),
    });
    if (positionals.length > maxPositionals) {
      const extra = positionals[maxPositionals]!;
      return { kind: "error", message: `${command}: unexpected argument "${extra}"${maxPositionals === 0 ? ` (${command} takes options only)` : ""}` };
    }
    const text = (v: unknown): string | undefined => (typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : v ? "true" : undefined);
    const strings = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));
    return { kind: "ok", values: strings, positionals };
  } catch (err) {
    // parseArgs' own words, on one line ("Option '--out <value>' argument missing").
    return { kind: "error", message: `${command}: ${(err as Error).message.split("\n")[0]}` };
  }
}

/** The valid name nearest to a mistyped one (two edits at most), for "did you mean". */
function closest(name: string, valid: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const v of valid) {
    const d = editDistance(name, v);
    if (d <= 2 && (!best || d < best.d)) best = { name: v, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
