/**
 * The Dockerfile, linted (no Docker engine runs here): dockerfile-utils' validator for syntax and
 * instruction errors, and the rules this image keeps — the ones a linter like hadolint checks, and
 * the ones the deployment needs (a health check, a non-root user, the data volume, tini as PID 1, the
 * compiled bot from a pruned production install, a token required, nothing secret in the context).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const text = readFileSync(join(root, "Dockerfile"), "utf8");
/** Instructions with their continuation lines joined, comments dropped. */
const instructions = text
  .replace(/\\\n\s*/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const stages = instructions.reduce<string[][]>((acc, l) => (l.startsWith("FROM ") ? [...acc, [l]] : (acc.at(-1)!.push(l), acc)), []);
const final = stages.at(-1)!;

describe("the Dockerfile", () => {
  it("GIVEN the validator THEN no problem at all", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("GIVEN its stages THEN a build stage and a final one on the same pinned Node 20 Debian slim image", () => {
    expect(stages).toHaveLength(2);
    for (const s of stages) expect(s[0]).toMatch(/^FROM node:20-bookworm-slim\b/);
  });

  it("GIVEN apt-get THEN no recommended packages and no package lists left in the layer", () => {
    for (const l of instructions.filter((x) => x.includes("apt-get install"))) {
      expect(l).toContain("--no-install-recommends");
      expect(l).toContain("-y");
      expect(l).toContain("apt-get update");
      expect(l).toContain("rm -rf /var/lib/apt/lists/*");
    }
  });

  it("GIVEN the install THEN the build stage installs exactly what the lock file pins, compiles, then keeps production dependencies only, pruned; the final stage installs nothing", () => {
    const build = stages[0]!.join("\n");
    expect(stages[0]!.filter((l) => /\bnpm (ci|install)\b/.test(l))).toEqual([expect.stringMatching(/^RUN npm ci --no-audit --no-fund$/)]);
    const steps = stages[0]!.find((l) => l.includes("npm run build"));
    expect(steps).toMatch(/npm run build\s+&& npm prune --omit=dev .*&& node scripts\/prune-production\.mjs$/);
    expect(build.indexOf("npm ci")).toBeLessThan(build.indexOf("npm run build"));
    expect(final.filter((l) => /\bnpm\b/.test(l))).toEqual([]);
    for (const from of ["/app/node_modules", "/app/dist", "/app/content"]) expect(final.some((l) => l.startsWith(`COPY --from=build ${from} `))).toBe(true);
  });

  it("GIVEN the final stage THEN a non-root user, the data volume, the bundled course, a token required, a health check against /healthz, tini as PID 1 and the compiled bot as its child", () => {
    const user = [...final].reverse().find((l) => l.startsWith("USER "));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(final).toContain('VOLUME ["/data"]');
    expect(final.find((l) => l.startsWith("ENV "))).toMatch(/DATA_DIR=\/data .*CONTENT_DIR=\/app\/content .*METRICS_PORT=\d+ .*SAUPHUT_REQUIRE_PLATFORM=1/);
    expect(stages[0]!).toContain("COPY content ./content");
    expect(final.find((l) => l.startsWith("HEALTHCHECK "))).toMatch(/\/healthz/);
    // The comment's promise: tini is PID 1 (signals, zombies); node, not npm or tsx, runs the bot.
    expect(final.find((l) => l.includes("apt-get install"))).toMatch(/--no-install-recommends tini\b/);
    expect(final).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(final.at(-1)).toBe('CMD ["node", "dist/src/main.js"]');
    expect(text).toMatch(/# tini as PID 1: it passes SIGTERM on to node and reaps zombie processes/);
  });

  it("GIVEN the files the image copies THEN everything the build reads is among them, and .dockerignore keeps secrets, state, tests and history out of the context", () => {
    const copied = instructions.filter((l) => l.startsWith("COPY ") && !l.includes("--from")).flatMap((l) => l.split(/\s+/).slice(1, -1));
    for (const needed of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "src", "adapters", "content", "scripts/prune-production.mjs"]) expect(copied).toContain(needed);
    const buildConfig = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")) as { include: string[]; compilerOptions: { outDir: string } };
    expect(buildConfig.include.every((dir) => copied.includes(dir))).toBe(true);
    expect(buildConfig.compilerOptions.outDir).toBe("dist");
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());
    for (const kept of [".env", "data/", "tests/", "bench/", ".ci/", ".git/"]) expect(ignored).toContain(kept);
    for (const needed of ["src", "adapters", "content", "scripts", "src/", "adapters/", "content/", "scripts/"]) expect(ignored).not.toContain(needed);
  });
});
