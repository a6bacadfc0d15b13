/**
 * `npm run cli -- preview` as an author runs it, as a real process: one line with the URL, pages
 * served, a clean stop on SIGTERM; and `--out DIR`, whose static pages work from disk in Chromium
 * (no server, no live script) with their pictures, formulas and links.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";
import { chromiumOrSkip, launchBrowser, watchedPage, type TestBrowser } from "./browser.js";
import { BUNDLED } from "./preview.js";

const ROOT = resolve(import.meta.dirname, "../..");
const haveChromium = chromiumOrSkip();

describe.skipIf(!haveChromium)("npm run cli -- preview", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "sau-phut-studio-cli-"));
  const env = { ...process.env, DATA_DIR: dataDir, CONTENT_DIR: BUNDLED, LOG_LEVEL: "silent" };
  let chrome: TestBrowser;

  beforeAll(async () => {
    chrome = await launchBrowser();
  });
  afterAll(async () => {
    await chrome?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("GIVEN --out DIR THEN static pages that work from disk: catalogue, a lesson with its pictures and formulas, its source", async () => {
    const out = join(dataDir, "site");
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "preview", "--out", out], { cwd: ROOT, env, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ pages → .*index\.html\n$/);
    expect(readFileSync(join(out, "index.html"), "utf8")).not.toContain("live.js");

    const { page, errors } = await watchedPage(chrome.browser);
    await page.goto(pathToFileURL(join(out, "index.html")).href, { waitUntil: "load" });
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click('.lesson-row a[href*="2026-01-08-ha-gradient.html"]')]);
    expect(await page.$$eval("img", (imgs) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0))).toBe(true);
    expect(await page.$$eval('[data-view="telegram-rich"] .katex', (k) => k.length)).toBeGreaterThan(0);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click('.lesson-head .meta a[href*="source/"]')]);
    expect(await page.$eval("#L1 .src", (td) => td.textContent)).toBe("---");
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("GIVEN no --out THEN one line with the URL, the catalogue served there, and SIGTERM stops it cleanly", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "preview", "--port", "0"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolveLine, reject) => {
      lines.once("line", resolveLine);
      child.once("exit", (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
    });
    const url = /^Previewing .+ at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(first)?.[1];
    expect(url, first).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Học sâu với PyTorch, từng bước");
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(existsSync(dataDir)).toBe(true);
  }, 300_000);
});
