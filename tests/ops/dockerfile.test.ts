/**
 * The Dockerfile, linted (no Docker engine runs here): dockerfile-utils' validator for syntax and
 * instruction errors, and the rules this image keeps — the ones a linter like hadolint checks, and
 * the ones the deployment needs (a health check, a non-root user, the data volume).
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

  it("GIVEN the install THEN production dependencies only, exactly as the lock file pins them", () => {
    const installs = instructions.filter((l) => /\bnpm (ci|install)\b/.test(l));
    expect(installs).toEqual([expect.stringContaining("npm ci --omit=dev")]);
  });

  it("GIVEN the final stage THEN a non-root user, the data volume, the bundled course, a health check against /healthz, and node as the process", () => {
    const user = [...final].reverse().find((l) => l.startsWith("USER "));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(final).toContain('VOLUME ["/data"]');
    expect(final.find((l) => l.startsWith("ENV "))).toMatch(/DATA_DIR=\/data .*CONTENT_DIR=\/app\/content .*METRICS_PORT=\d+/);
    expect(stages[0]!).toContain("COPY content ./content");
    expect(final.find((l) => l.startsWith("HEALTHCHECK "))).toMatch(/\/healthz/);
    expect(final.at(-1)).toBe('CMD ["node", "--import", "tsx", "src/main.ts"]');
  });

  it("GIVEN the files the image copies THEN everything the bot imports is among them", () => {
    const copied = instructions.filter((l) => l.startsWith("COPY ") && !l.includes("--from")).flatMap((l) => l.split(/\s+/).slice(1, -1));
    for (const needed of ["package.json", "package-lock.json", "tsconfig.json", "src", "adapters", "content"]) expect(copied).toContain(needed);
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    for (const needed of ["src", "adapters", "content"]) expect(ignored).not.toContain(needed);
  });
});
