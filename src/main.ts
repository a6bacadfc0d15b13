/**
 * Entry point (`npm start`): the environment (and .env) read once, then the bot on its platforms
 * (src/app/runBot.ts) when TELEGRAM_BOT_TOKEN and/or DISCORD_BOT_TOKEN is set, else the console chat
 * (src/app/runConsole.ts). Whatever an operator can fix — a bad variable, a refused token, a data
 * folder that cannot be written, a COURSE_JSON that is not a course — ends with ONE line naming it
 * and exit code 2. Every line printed here goes through the shared redaction.
 */
import { runBot } from "./app/runBot.js";
import { runConsole } from "./app/runConsole.js";
import { loadConfig, secretsInEnv, secretsOf, type Config } from "./config.js";
import { ConfigError } from "./contract/configError.js";
import { describeLost, lostDotEnvVariables, readDotEnv } from "./dotEnv.js";
import { createLogger } from "./log.js";
import { redactSecrets } from "./text/redact.js";

const print = (line: string): void => void process.stderr.write(`${redactSecrets(line, secretsInEnv(process.env))}\n`);

/** Exit code, and whether to exit at once (a stopped bot may leave sockets and timers behind). */
async function main(): Promise<{ code: number; exit: boolean }> {
  let config: Config;
  let dotEnv: string | undefined;
  try {
    dotEnv = readDotEnv();
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    print(err.message);
    return { code: 2, exit: true };
  }
  const lost = dotEnv ? lostDotEnvVariables(dotEnv, process.env) : [];
  const lostWarning = lost.length ? `${dotEnv} defines variables that were not loaded: ${lost.map(describeLost).join("; ")}` : undefined;
  try {
    if (config.telegram || config.discord) {
      const log = createLogger(config.logLevel, secretsOf(config));
      if (lostWarning) log.warn({ file: dotEnv }, lostWarning);
      await runBot(config, log);
      return { code: 0, exit: true };
    }
    // Before the chat starts: a token lost this way is why this is the console and not the bot.
    if (lostWarning) print(`warning: ${lostWarning}`);
    await runConsole(config);
    return { code: 0, exit: false };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    print(err.message);
    return { code: 2, exit: true };
  }
}

main().then(
  ({ code, exit }) => {
    process.exitCode = code;
    if (exit) setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    print(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
