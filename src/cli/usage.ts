import type { OptionSpec } from "./args.js";
import type { CommandSpec } from "./commands.js";

/** The overview: every command in a line. */
export function overview(commands: Record<string, CommandSpec>): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "Usage: npm run cli -- COMMAND [options]      (npm run cli -- COMMAND --help: one command in full)",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Settings come from the environment and .env (DATA_DIR, CONTENT_DIR, the tokens …), as for npm start.",
  ].join("\n");
}

/** One command's usage: its synopsis, what it does, each option with its default. */
export function commandHelp(name: string, spec: CommandSpec, options: Record<string, OptionSpec>): string {
  const flags = Object.entries(options).map(([o, s]) => [`${s.short ? `-${s.short}, ` : ""}--${o}${s.value ? ` ${s.value}` : ""}`, s.help] as const);
  flags.push(["-h, --help", "this text"]);
  const width = Math.max(...flags.map(([f]) => f.length));
  return [`Usage: npm run cli -- ${spec.synopsis}`, "", spec.about, "", ...flags.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`)].join("\n");
}
