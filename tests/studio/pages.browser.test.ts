/**
 * The preview in a real browser, for the bundled course and a corpus folder (read in place): every
 * page loads without a console error, every picture loads, every formula of a rich message is
 * typeset by KaTeX with no raw TeX left, the text of each rich message on the page is the text the
 * Telegram validator reads from it, and the problems panels list what `check` prints. Screenshots
 * of one lesson per format, light and dark, go to out/test-output/studio/.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { checkCourse, formatProblem } from "../../src/build/check.js";
import { coursesOf, CHECK_VIEW, type StudioCourse } from "../../src/studio/model.js";
import { paths } from "../../src/studio/paths.js";
import { parseRichHtml, type RichNode } from "../validators/richHtmlTree.js";
import { chromiumOrSkip, launchBrowser, watchedPage, type TestBrowser } from "./browser.js";
import { BUNDLED, startPreview, testCache, type RunningPreview } from "./preview.js";
import { CORPUS, needed } from "../helpers/outside.js";

const CORPUS_FOLDER = join(CORPUS, "franklinvp__franklinvp.github.io");
const SCREENSHOTS = resolve(import.meta.dirname, "../../out/test-output/studio");

const haveChromium = chromiumOrSkip();
const haveCorpus = needed(`the corpus folder ${CORPUS_FOLDER}`, existsSync(CORPUS_FOLDER), "a checkout of shared/ beside the repository");

/** What the Telegram validator reads from a rich message: its text, formulas apart. */
function validatorReading(html: string): { text: string; formulas: string[] } {
  const formulas: string[] = [];
  const walk = (n: RichNode): string => {
    if (n.kind === "text") return n.text;
    if (n.name === "tg-math" || n.name === "tg-math-block") {
      formulas.push(n.children.map(walk).join(""));
      return "";
    }
    return n.children.map(walk).join("");
  };
  const { root, errors } = parseRichHtml(html);
  expect(errors).toEqual([]);
  return { text: walk(root), formulas };
}

/** What a reader sees of each rich message on the page: its text (formulas and studio labels apart), and the TeX KaTeX typeset. */
async function pageReading(page: Page): Promise<{ text: string; formulas: string[]; rawTexVisible: string[] }[]> {
  await page.addStyleTag({ content: ".reading .katex, .reading [data-studio-note], .reading [data-chrome] { display: none !important; }" });
  return page.evaluate(() => {
    const bubbles = [...document.querySelectorAll<HTMLElement>('[data-view="telegram-rich"] [data-message] .tg-rich')];
    // A reader opens every <details> to read it.
    for (const d of document.querySelectorAll("details")) d.open = true;
    document.body.classList.add("reading");
    const out = bubbles.map((b) => {
      const formulas = [...b.querySelectorAll(".katex")].filter((k) => !k.parentElement?.closest(".katex")).map((k) => k.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? "");
      const text = b.innerText;
      return { text, formulas, rawTexVisible: formulas.filter((tex) => /[\\^_{]/.test(tex) && text.includes(tex)) };
    });
    document.body.classList.remove("reading");
    return out;
  });
}

const squeeze = (s: string): string => s.replace(/\s+/g, "");

describe.skipIf(!haveChromium).each([
  { name: "the bundled course", dir: BUNDLED, screenshots: "2026-01-08-ha-gradient" },
  ...(haveCorpus ? [{ name: "a corpus folder (franklinvp)", dir: CORPUS_FOLDER, screenshots: undefined }] : []),
])("the preview of $name in Chromium", ({ dir, screenshots }) => {
  let preview: RunningPreview;
  let chrome: TestBrowser;
  let courses: StudioCourse[];
  const cacheDir = testCache();

  beforeAll(async () => {
    preview = await startPreview([dir], cacheDir);
    chrome = await launchBrowser();
    courses = coursesOf(preview.ws.current);
  }, 300_000);
  afterAll(async () => {
    await chrome?.close();
    await preview?.close();
  });

  const open = async (path: string, opts: { dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> => {
    const w = await watchedPage(chrome.browser, opts);
    await w.page.goto(preview.url + path, { waitUntil: "load" });
    await w.page.evaluate(() => document.fonts.ready.then(() => undefined));
    return w;
  };

  it("GIVEN the catalogue THEN it loads without a console error and lists every lesson in order with its minutes", async () => {
    const { page, errors } = await open(paths.catalogue());
    const rows = await page.$$eval(".lesson-row", (els) => els.map((e) => ({ title: e.querySelector("a")!.textContent, minutes: e.querySelector(".minutes")!.textContent })));
    expect(rows).toEqual(courses.flatMap((c) => c.lessons.map((l) => ({ title: l.title, minutes: `${l.minutes} min` }))));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("GIVEN every lesson page THEN no console error, every picture loaded, every formula typeset and each rich message's text as the validator reads it", async () => {
    const rich = preview.ws.current.catalogues["telegram-rich"];
    for (const course of courses) {
      for (const lesson of course.lessons) {
        const { page, errors } = await open(paths.lesson(course.id, lesson.id));
        const where = `${course.id}/${lesson.id}`;
        expect(errors, where).toEqual([]);
        const images = await page.$$eval("img", (imgs) => imgs.map((i) => ({ src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0 })));
        expect(images.filter((i) => !i.ok), where).toEqual([]);
        const sent = rich.courses.find((c) => c.id === course.id)!.lessons.find((l) => l.id === lesson.id)!;
        const read = await pageReading(page);
        expect(read.length, where).toBe(sent.messages.length);
        sent.messages.forEach((m, i) => {
          const expected = validatorReading(m.rich!.html);
          expect(squeeze(read[i]!.text), `${where} message ${i}`).toBe(squeeze(expected.text));
          expect(read[i]!.formulas, `${where} message ${i}`).toEqual(expected.formulas);
          expect(read[i]!.rawTexVisible, `${where} message ${i}`).toEqual([]);
        });
        await page.close();
      }
    }
  }, 600_000);

  it("GIVEN check's problems THEN the lesson pages' panels (one lesson per post) and the catalogue list exactly what check prints", async () => {
    const printed = (await checkCourse({ contentDir: dir, cacheDir })).map(formatProblem);
    const s = preview.ws.current;
    const shown: string[] = [];
    const catalogue = await open(paths.catalogue());
    shown.push(...(await catalogue.page.$$eval('[data-panel="problems"] .problem', (els) => els.map((e) => e.textContent ?? ""))));
    await catalogue.page.close();
    const posts = new Map(coursesOf(s).flatMap((c) => c.lessons.map((l) => [l.post, paths.lesson(c.id, l.id)] as const)).reverse());
    for (const path of posts.values()) {
      const { page } = await open(path);
      shown.push(...(await page.$$eval('[data-panel="problems"] .problem', (els) => els.map((e) => e.textContent ?? ""))));
      await page.close();
    }
    expect(shown.sort()).toEqual([...printed].sort());
    expect(s.catalogues[CHECK_VIEW].problems.map(formatProblem)).toEqual(printed);
  }, 300_000);

  it.runIf(screenshots)("GIVEN one lesson THEN a screenshot of each format, light and dark, and of the page", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const course = courses[0]!;
    const lesson = course.lessons.find((l) => l.id === screenshots)!;
    for (const dark of [false, true]) {
      const { page, errors } = await open(paths.lesson(course.id, lesson.id), { dark });
      const whole = join(SCREENSHOTS, `lesson-page-${dark ? "dark" : "light"}.png`);
      await page.screenshot({ path: whole as `${string}.png` });
      expect(statSync(whole).size, whole).toBeGreaterThan(10_000);
      for (const view of await page.$$("[data-view]")) {
        const key = await view.evaluate((e) => (e as HTMLElement).dataset.view);
        const file = join(SCREENSHOTS, `${key}-${dark ? "dark" : "light"}.png`);
        await view.screenshot({ path: file as `${string}.png` });
        expect(statSync(file).size, file).toBeGreaterThan(10_000);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});
