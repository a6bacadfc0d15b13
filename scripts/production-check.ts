/**
 * What the Docker image does, without Docker (no engine runs on these machines): the files the
 * Dockerfile copies, a production-only install (`npm ci --omit=dev`), then the image's CMD (what `npm start` runs) with a Telegram
 * token against the fake Bot API, until /healthz answers 200, a learner gets the welcome and a lesson,
 * and SIGTERM stops it cleanly. Run by .ci/run after the tests: node --import tsx scripts/production-check.ts
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FakeTelegram } from "../tests/fakes/telegram/server.js";
import { richMessageErrors } from "../tests/validators/telegramRich.js";
import { freePort } from "../tests/helpers/net.js";

const root = resolve(import.meta.dirname, "..");
const step = (s: string): void => console.log(`production check: ${s}`);
const fail = (s: string): never => {
  throw new Error(s);
};

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  const app = mkdtempSync(join(tmpdir(), "sau-phut-production-"));
  const tg = await FakeTelegram.start();
  let bot: ReturnType<typeof spawn> | undefined;
  try {
    // The Dockerfile's COPY lines.
    for (const f of ["package.json", "package-lock.json", "tsconfig.json", "src", "adapters", "content"]) cpSync(join(root, f), join(app, f), { recursive: true });
    step(`npm ci --omit=dev in ${app}`);
    const install = spawnSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: app, stdio: "inherit" });
    if (install.status !== 0) fail("the production install failed");
    for (const dev of ["vitest", "typescript", "dockerfile-utils"]) if (existsSync(join(app, "node_modules", dev))) fail(`${dev} (a dev dependency) was installed`);

    const port = await freePort();
    // The image's CMD, read from the Dockerfile (node itself, so SIGTERM reaches the bot).
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(join(root, "Dockerfile"), "utf8"))?.[1];
    const [exe, ...args] = cmd ? (JSON.parse(cmd) as string[]) : fail("the Dockerfile has no CMD in exec form");
    step(`${exe} ${args.join(" ")} (the image's CMD) with a Telegram token against the fake Bot API`);
    const output: string[] = [];
    bot = spawn(exe === "node" ? process.execPath : exe!, args, {
      cwd: app,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", DATA_DIR: join(app, "data"), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, METRICS_PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const s of [bot.stdout!, bot.stderr!]) s.on("data", (d: Buffer) => output.push(...d.toString().split("\n").filter(Boolean)));
    const exited = new Promise<number | null>((r) => bot!.on("exit", (code) => r(code)));
    void exited.then((code) => output.push(`[exited ${code}]`));

    const health = await until("/healthz 200", 180_000, async () => {
      if (output.some((l) => l.startsWith("[exited"))) fail(`the bot exited:\n${output.slice(-20).join("\n")}`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.status === 200 ? await res.text() : undefined;
    });
    step(`/healthz → 200 ${health}`);

    const learner = tg.addUser({ first_name: "Production" });
    tg.updates.command(learner, "start");
    await tg.waitFor(() => tg.sentTo(learner.id).length >= 1, 30_000);
    tg.updates.command(learner, "next");
    const lesson = await tg.waitFor(() => tg.sentTo(learner.id).find((m) => m.method === "sendRichMessage"), 30_000);
    const errors = richMessageErrors({ html: lesson.rich!.html ?? "", media: lesson.rich!.media.map((m) => ({ id: m.id, type: m.type })) });
    if (errors.length) fail(`the lesson is not a valid rich message: ${errors.join("; ")}`);
    step(`a learner got the welcome and a rich lesson (${lesson.rich!.stats.characters} characters, ${lesson.rich!.media.length} media)`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (!metrics.includes('sauphut_messages_sent_total{platform="telegram",format="rich"}')) fail("/metrics does not count the lesson");

    const t0 = Date.now();
    bot.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) fail(`SIGTERM: exit code ${code}\n${output.slice(-20).join("\n")}`);
    if (Date.now() - t0 > 10_000) fail("SIGTERM: the bot took over 10 s to stop");
    step(`SIGTERM → exit 0 in ${Date.now() - t0} ms`);
    const secret = tg.token.split(":")[1]!;
    if (output.some((l) => l.includes(secret))) fail("a log line shows the token");
    step("ok");
  } finally {
    bot?.kill("SIGKILL");
    await tg.stop();
    rmSync(app, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`production check failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
