/**
 * The preview's versions without a browser: the banner's errors are those a running bot would
 * refuse the edit for (measured against the last version it would have taken, not merely the last
 * one shown), and a render that fails outright keeps the last good version on show, saying why.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { PreviewWorkspace } from "../../adapters/studio/workspace.js";
import { formatProblem } from "../../src/build/check.js";
import type { Snapshot } from "../../src/studio/model.js";
import { contentDir } from "../engine/helpers.js";
import { testCache } from "./preview.js";

const POST = "_posts/2026-03-01-bai.md";
const good = "---\ntitle: Bài\n---\nMột đoạn văn.\n";
const broken = "---\ntitle: Bài\n---\nMột đoạn văn.\n\n$$\\frac{1}{$$\n";

describe("the preview workspace", () => {
  const dir = contentDir({ [POST]: good });
  const outRoot = mkdtempSync(join(tmpdir(), "sau-phut-ws-"));
  const ws = new PreviewWorkspace({ contentDirs: [dir], outRoot, cacheDir: testCache() }, pino({ level: "silent" }));
  const seen: Snapshot[] = [];

  beforeAll(async () => {
    await ws.start();
    ws.onRender((s) => seen.push(s));
  }, 120_000);

  it("GIVEN an edit that brings an error THEN the new version is shown with it; a later edit that fixes nothing keeps it named", async () => {
    writeFileSync(join(dir, POST), broken);
    await ws.refresh();
    expect(ws.current.edit?.newErrors.map(formatProblem)).toEqual([expect.stringMatching(new RegExp(`^${POST}:6: error: invalid TeX`))]);
    writeFileSync(join(dir, POST), broken.replace("Một đoạn văn.", "Một đoạn văn khác."));
    await ws.refresh();
    expect(ws.current.edit?.newErrors).toHaveLength(1);
    writeFileSync(join(dir, POST), good);
    await ws.refresh();
    expect(ws.current.edit?.newErrors).toEqual([]);
    expect(seen.map((s) => s.generation)).toEqual([2, 3, 4]);
  });

  it("GIVEN a render that fails outright THEN the last good version stays on show with the reason, until a render succeeds", async () => {
    const before = ws.current;
    // The render's output folder turned into a file: the engine cannot write the formula's image.
    rmSync(outRoot, { recursive: true, force: true });
    writeFileSync(outRoot, "not a folder");
    writeFileSync(join(dir, POST), `${good}\n$$x^2 + 1$$\n`);
    await ws.refresh();
    expect(ws.current.failure).toMatch(/./);
    expect(ws.current.catalogues).toBe(before.catalogues);
    expect(ws.current.generation).toBe(before.generation + 1);
    expect(seen.at(-1)).toBe(ws.current);
    rmSync(outRoot, { force: true });
    await ws.refresh();
    expect(ws.current.failure).toBeUndefined();
  });
});
