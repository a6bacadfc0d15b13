/**
 * The command line (`npm run cli -- COMMAND`): render, check, backup, doctor (src/cli/commands.ts).
 * `--help` anywhere, or `help [COMMAND]`, prints the usage and exits 0; a usage error prints one line
 * naming it and exits 2. Every line printed goes through the shared redaction (src/cli/output.ts).
 */
import { parseCommandArgs } from "./cli/args.js";
import { COMMANDS } from "./cli/commands.js";
import { cliOutput, type CliOutput } from "./cli/output.js";
import { commandHelp, overview } from "./cli/usage.js";
import { readDotEnv } from "./dotEnv.js";

async function main(argv: string[], output: CliOutput): Promise<number> {
  let dotEnv: string | undefined;
  try {
    dotEnv = readDotEnv();
  } catch (err) {
    output.err((err as Error).message);
    return 2;
  }
  const env = process.env;
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || (first === "help" && rest.length === 0)) {
    output.out(overview(COMMANDS));
    return 0;
  }
  const [command, args] = first === "help" ? [rest[0]!, ["--help"]] : [first, rest];
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) {
    output.err(`unknown command "${command}"; the commands are ${Object.keys(COMMANDS).join(", ")} (npm run cli -- --help)`);
    return 2;
  }
  const options = spec.options(env);
  const parsed = parseCommandArgs(command, args, options, spec.maxPositionals);
  if (parsed.kind === "help") {
    output.out(commandHelp(command, spec, options));
    return 0;
  }
  if (parsed.kind === "error") {
    output.err(`${parsed.message} (npm run cli -- ${command} --help)`);
    return 2;
  }
  return spec.run(parsed.values, parsed.positionals, { env, dotEnv, output });
}

const output = cliOutput();
main(process.argv.slice(2), output).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // The command failed (a folder that cannot be read or written, …): its message, on one line.
    output.err(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
