/**
 * A real browser for the studio's tests: Debian's Chromium driven by puppeteer-core (which downloads
 * nothing). Where the binary is missing the tests skip with a line saying so; with `CI` set they
 * fail instead (tests/helpers/outside.ts), so CI never passes without having run them (.ci/run
 * installs the package).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { needed } from "../helpers/outside.js";

export const CHROMIUM = "/usr/bin/chromium";

export function chromiumOrSkip(): boolean {
  return needed(`Chromium (${CHROMIUM})`, existsSync(CHROMIUM), ".ci/run installs Debian's chromium package");
}

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "sau-phut-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium floods a closed network with requests.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that records every console error and uncaught exception, and every request that failed. */
export async function watchedPage(browser: Browser, opts: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url ?? ""})`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${String(e)}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.setViewport({ width: opts.width ?? 2400, height: 1400 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: opts.dark ? "dark" : "light" }]);
  return { page, errors };
}
