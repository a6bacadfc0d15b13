/**
 * What the Docker image does, without Docker (no engine runs on these machines): the files the
 * Dockerfile's build stage copies, its install (no engine warning), build and prune, the size of the
 * production install (budget 150 MB), formulas drawn by the pruned install byte for byte as by the
 * full one, then the image's CMD — the compiled bot, no tsx — without a token (one line, exit 2, as
 * SAUPHUT_REQUIRE_PLATFORM asks) and with a Telegram token against the fake Bot API, until /healthz
 * answers 200, a learner gets the welcome and a lesson, and SIGTERM stops it cleanly.
 * Run by .ci/run after the tests: node --import tsx scripts/production-check.ts
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { FakeTelegram } from "../tests/fakes/telegram/server.js";
import { freePort } from "../tests/helpers/net.js";
import { richMessageErrors } from "../tests/validators/telegramRich.js";

const root = resolve(import.meta.dirname, "..");
/** The production install's budget, as `du` counts node_modules (decimal MB). */
const BUDGET_MB = 150;
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

/** The Dockerfile's instructions, continuation lines joined, comments dropped, by stage. */
function dockerfileStages(): string[][] {
  const lines = readFileSync(join(root, "Dockerfile"), "utf8")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  return lines.reduce<string[][]>((acc, l) => (l.startsWith("FROM ") ? [...acc, [l]] : (acc.at(-1)!.push(l), acc)), []);
}

/** Runs a command in `cwd`, echoing its output; fails the check unless it exits 0. Returns the output. */
function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_ENV: "" } });
  const output = `${r.stdout}${r.stderr}`;
  process.stdout.write(output);
  if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${r.status})`);
  return output;
}

/** Every file under `dir`, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function main(): Promise<void> {
  const [build, final] = dockerfileStages();
  const app = mkdtempSync(join(tmpdir(), "sau-phut-production-"));
  const tg = await FakeTelegram.start();
  let bot: ReturnType<typeof spawn> | undefined;
  try {
    // The build stage's COPY lines (from the context), as the image gets them.
    for (const copy of build!.filter((l) => l.startsWith("COPY ") && !l.includes("--from"))) {
      const [, ...parts] = copy.split(/\s+/);
      const dest = parts.pop()!;
      for (const src of parts) {
        const to = dest.endsWith("/") ? join(app, dest, src.split("/").at(-1)!) : join(app, dest);
        mkdirSync(dirname(to), { recursive: true });
        cpSync(join(root, src), to, { recursive: true });
      }
    }
    step(`npm ci, build, prune (the image's build stage) in ${app}`);
    const install = run("npm", ["ci", "--no-audit", "--no-fund"], app);
    if (/EBADENGINE/.test(install)) fail("npm ci warned about an unsupported engine (EBADENGINE)");
    run("npm", ["run", "build"], app);
    run("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], app);
    run("node", ["scripts/prune-production.mjs"], app);
    for (const dev of ["vitest", "typescript", "tsx", "esbuild", "dockerfile-utils"]) if (existsSync(join(app, "node_modules", dev))) fail(`${dev} (a dev dependency) was installed`);

    const kb = Number(spawnSync("du", ["-sk", join(app, "node_modules")], { encoding: "utf8" }).stdout.split(/\s/)[0]);
    const mb = (kb * 1024) / 1e6;
    step(`production install: node_modules ${mb.toFixed(1)} MB (du -sk; budget ${BUDGET_MB} MB)`);
    if (!(mb > 0 && mb <= BUDGET_MB)) fail(`the production install is ${mb.toFixed(1)} MB, over the ${BUDGET_MB} MB budget`);

    // Formulas drawn by the pruned install (compiled CLI) and by the full one (sources): the same bytes.
    const full = join(app, "render-full");
    const pruned = join(app, "render-pruned");
    const renderArgs = ["render", "--content", join(root, "content"), "--platform", "discord", "--format", "classic"];
    run("node", ["--import", "tsx", join(root, "src/cli.ts"), ...renderArgs, "--out", full, "--cache", join(app, "cache-full")], root);
    run("node", ["dist/src/cli.js", ...renderArgs, "--out", pruned, "--cache", join(app, "cache-pruned")], app);
    const images = files(full).filter((f) => f.endsWith(".png"));
    if (images.length === 0) fail("the bundled course rendered no images to compare");
    if (files(pruned).join("\n") !== files(full).join("\n")) fail("the pruned install rendered other files than the full one");
    for (const f of [...images, "lessons.json"]) if (!readFileSync(join(full, f)).equals(readFileSync(join(pruned, f)))) fail(`${f} differs between the pruned and the full install`);
    step(`${images.length} images and lessons.json identical from the pruned and the full install`);

    // The image's CMD (under tini's ENTRYPOINT in the image) with the final stage's ENV, paths made local.
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(final!.join("\n"))?.[1];
    const [exe, ...args] = cmd ? (JSON.parse(cmd) as string[]) : fail("the Dockerfile has no CMD in exec form");
    const imageEnv = Object.fromEntries([...(final!.find((l) => l.startsWith("ENV "))?.matchAll(/(\w+)=(\S+)/g) ?? [])].map((m) => [m[1]!, m[2]!]));
    const env = { ...imageEnv, PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATA_DIR: join(app, "data"), CONTENT_DIR: join(app, "content") };
    const node = exe === "node" ? process.execPath : exe!;

    const tokenless = spawnSync(node, args, { cwd: app, env: { ...env, METRICS_PORT: "" }, encoding: "utf8", timeout: 30_000 });
    const said = `${tokenless.stdout}${tokenless.stderr}`.trim().split("\n");
    if (tokenless.status !== 2 || said.length !== 1 || !said[0]!.includes("SAUPHUT_REQUIRE_PLATFORM")) fail(`without a token: exit ${tokenless.status}, ${said.join(" | ")}`);
    step(`${exe} ${args.join(" ")} without a token → exit 2: ${said[0]}`);

    const port = await freePort();
    step(`${exe} ${args.join(" ")} (the image's CMD) with a Telegram token against the fake Bot API`);
    const output: string[] = [];
    bot = spawn(node, args, {
      cwd: app,
      env: { ...env, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, METRICS_PORT: String(port) },
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
