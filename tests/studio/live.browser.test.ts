/**
 * The author's loop in a real browser: an open page follows edits to the content (server-sent events,
 * then the page fetched again), keeps its scroll position, raises a banner for an edit that brings
 * errors and drops it once they are fixed. The bundled course is copied to a temporary folder first.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { coursesOf } from "../../src/studio/model.js";
import { paths } from "../../src/studio/paths.js";
import { chromiumOrSkip, launchBrowser, watchedPage, type TestBrowser } from "./browser.js";
import { BUNDLED, startPreview, testCache, type RunningPreview } from "./preview.js";

const haveChromium = chromiumOrSkip();
const POST = "_posts/2026-01-08-ha-gradient.md";
/** The promise: an edit reaches an open page within 2 s. */
const EDIT_REACHES_PAGE_MS = 2000;

describe.skipIf(!haveChromium)("the live preview in Chromium", () => {
  const content = mkdtempSync(join(tmpdir(), "sau-phut-studio-live-"));
  let preview: RunningPreview;
  let chrome: TestBrowser;
  let original: string;
  let courseId: string;

  beforeAll(async () => {
    cpSync(BUNDLED, content, { recursive: true });
    original = readFileSync(join(content, POST), "utf8");
    preview = await startPreview([content], testCache());
    preview.watch();
    courseId = coursesOf(preview.ws.current)[0]!.id;
    chrome = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await chrome?.close();
    await preview?.close();
    rmSync(content, { recursive: true, force: true });
  });

  const open = async (lessonId: string): Promise<{ page: Page; errors: string[] }> => {
    const w = await watchedPage(chrome.browser, { width: 1600 });
    await w.page.goto(preview.url + paths.lesson(courseId, lessonId), { waitUntil: "load" });
    return w;
  };
  const edit = (change: (text: string) => string): void => writeFileSync(join(content, POST), change(original));

  it("GIVEN an open lesson page scrolled down WHEN its post is edited THEN every view shows the edit within 2 s, at the same scroll position", async () => {
    const { page, errors } = await open("2026-01-08-ha-gradient");
    await page.evaluate(() => {
      scrollTo(0, 700);
      document.querySelector("[data-keep-scroll]")!.scrollLeft = 300;
    });
    const marker = "Một câu mới để thử bản xem trước.";
    edit((t) => t.replace("Hãy tưởng tượng", `${marker} Hãy tưởng tượng`));
    await page.waitForFunction(
      (m) => [...document.querySelectorAll("[data-view]")].every((v) => v.textContent?.includes(m)),
      { timeout: EDIT_REACHES_PAGE_MS, polling: "mutation" },
      marker,
    );
    expect(await page.evaluate(() => [scrollY, document.querySelector("[data-keep-scroll]")!.scrollLeft])).toEqual([700, 300]);
    expect(await page.$("#studio-banner .banner")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN an edit that breaks a formula THEN the open page raises a banner naming the error at its file:line, and drops it once fixed", async () => {
    const { page, errors } = await open("2026-01-08-ha-gradient");
    // A function as replacement: in a replacement string "$$" would be one "$".
    const broken = original.replace("Hãy tưởng tượng", () => "$$\\frac{1}{$$\n\nHãy tưởng tượng");
    const line = broken.split("\n").findIndex((l) => l.startsWith("$$\\frac{1}{$$")) + 1;
    writeFileSync(join(content, POST), broken);
    await page.waitForSelector("#studio-banner .banner", { timeout: EDIT_REACHES_PAGE_MS });
    const banner = await page.$eval("#studio-banner .banner", (b) => ({ text: b.textContent ?? "", items: [...b.querySelectorAll("li")].map((li) => li.textContent) }));
    expect(banner.text).toContain("1 new error");
    expect(banner.items).toEqual([expect.stringMatching(new RegExp(`^${POST}:${line}: error: invalid TeX`))]);
    writeFileSync(join(content, POST), original);
    await page.waitForFunction(() => !document.querySelector("#studio-banner .banner"), { timeout: EDIT_REACHES_PAGE_MS, polling: "mutation" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN an open lesson whose heading an edit renames THEN the page says it is not in this version, and the lesson comes back with the heading", async () => {
    // The post's second lesson is named by the section it starts in (its title says which).
    const second = coursesOf(preview.ws.current)[0]!.lessons.find((l) => l.post === POST && l.part === 2)!;
    const section = second.title.split(" · ")[1]!;
    expect(original).toContain(`\n## ${section}\n`);
    const { page } = await open(second.id);
    // A renamed heading is a new section anchor, so a new lesson id.
    edit((t) => t.replace(`\n## ${section}\n`, `\n## ${section} (đổi tên)\n`));
    await page.waitForFunction(() => document.querySelector("#studio-main h1")?.textContent === "Not in this version", { timeout: EDIT_REACHES_PAGE_MS, polling: "mutation" });
    writeFileSync(join(content, POST), original);
    await page.waitForFunction((title) => document.querySelector("#studio-main h1")?.textContent === title, { timeout: EDIT_REACHES_PAGE_MS, polling: "mutation" }, second.title);
    await page.close();
  });
});
