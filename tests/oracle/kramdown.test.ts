/**
 * Differential test against kramdown, the converter Jekyll renders these blogs with: for every
 * post of the shared corpus (read in place), of the bundled course, and for small cases written
 * here, each box, heading, code block, formula, table, image and quote that kramdown finds is in
 * the engine's lesson tree as the same thing with the same words. One ruby process reads each
 * set of posts. Where kramdown's reading contradicts what the author evidently meant (and GitHub
 * shows that meaning), the engine follows the author: those places are listed by name, each
 * with its reason, and each must still occur.
 */
import { describe, it, expect, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parsePost } from "../../src/course/load.js";
import { walkBlocks } from "../../src/course/blocks.js";
import type { Problem } from "../../src/contract/lessons.js";
import { compareWithKramdown, type KramdownSummary, type Mismatch } from "./compare.js";
import { CORPUS, corpusOrSkip, kramdownOrSkip } from "../helpers/outside.js";

const BUNDLED = resolve(__dirname, "../../content/_posts");
const ORACLE = resolve(__dirname, "kramdown.rb");

const haveRuby = kramdownOrSkip();
const haveCorpus = haveRuby && corpusOrSkip();

/** A place where the engine follows the author's evident intent over kramdown's reading. */
interface Exception {
  post: string;
  kind: Mismatch["kind"];
  /** Text found in the mismatch line. */
  match: string;
  why: string;
}

const FENCE_AFTER_LIST_ITEM =
  "a fence on the line right after a list item: kramdown swallows it into the item; GitHub shows the code block after the list, as the author laid it out, and so does the engine";

const CORPUS_EXCEPTIONS: Exception[] = [
  { post: "tiepvupsu__tiepvupsu.github.io/2017-05-17-contentbasedrecommendersys.md", kind: "code", match: "«1|Toy Story (1995)", why: FENCE_AFTER_LIST_ITEM },
];

/** kramdown's summary of each file (paths relative to `cwd`), from one ruby process. */
function kramdown(cwd: string, rels: string[]): Record<string, KramdownSummary | { error: string }> {
  return JSON.parse(execFileSync("ruby", [ORACLE, ...rels], { cwd, encoding: "utf8", maxBuffer: 64 << 20 })) as Record<string, KramdownSummary | { error: string }>;
}

/** Every difference not covered by an exception, and every exception that no longer happens. */
function differences(root: string, rels: string[], exceptions: Exception[]): { found: string[]; stale: string[] } {
  const oracle = kramdown(root, rels);
  const found: string[] = [];
  const unused = new Set(exceptions);
  for (const rel of rels) {
    const k = oracle[rel];
    if (!k || "error" in k) {
      found.push(`${rel}: kramdown failed: ${k ? k.error : "no answer"}`);
      continue;
    }
    const problems: Problem[] = [];
    const post = parsePost(rel, readFileSync(join(root, rel), "utf8"), undefined, problems);
    if (!post) {
      found.push(`${rel}: not parsed`);
      continue;
    }
    for (const m of compareWithKramdown(k, post.blocks, post.meta.title)) {
      const ex = exceptions.find((e) => rel.endsWith(e.post) && e.kind === m.kind && m.detail.includes(e.match));
      if (ex) unused.delete(ex);
      else found.push(`${rel}: ${m.detail}`);
    }
  }
  return { found, stale: [...unused].map((e) => `${e.post}: ${e.match} no longer differs (${e.why})`) };
}

const corpusPosts = haveCorpus
  ? readdirSync(CORPUS)
      .filter((d) => statSync(join(CORPUS, d)).isDirectory())
      .sort()
      .flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => /\.(md|markdown)$/i.test(f)).sort().map((f) => `${d}/${f}`))
  : [];

describe.skipIf(!haveRuby)("the engine reads posts as kramdown does", () => {
  it.skipIf(!haveCorpus)("finds in every corpus post each box, heading, code block, formula, table, image and quote kramdown finds", () => {
    expect(corpusPosts.length).toBeGreaterThanOrEqual(79);
    const { found, stale } = differences(CORPUS, corpusPosts, CORPUS_EXCEPTIONS);
    expect(found).toEqual([]);
    expect(stale).toEqual([]);
  }, 60_000);

  it("reads the bundled course as kramdown does (its boxes on the paragraphs they were written for)", () => {
    const posts = readdirSync(BUNDLED).filter((f) => f.endsWith(".md")).sort();
    const { found, stale } = differences(BUNDLED, posts, []);
    expect(found).toEqual([]);
    expect(stale).toEqual([]);
  }, 60_000);

  describe("small cases of kramdown's rules", () => {
    const dir = mkdtempSync(join(tmpdir(), "sau-phut-kramdown-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const CASES: Record<string, string> = {
      "ial-after-blank": "### Chú ý\n\n{: .box-note}\n**Ghi nhớ:** điều này.\n\n### Cảnh báo\n\n{: .box-warning}\nĐừng làm vậy.\n",
      "ial-directly-after": "Đoạn một.\n{: .box-error}\n\n- mục một\n- mục hai\n{: .box-success}\n\n```\nx = 1\n```\n{: .box-note}\n",
      "ial-chains": "Trước.\n\n{: #neo}\n{: .box-tip}\nSau.\n\nCuối.\n{: .box-warning}\n{: #id2}\n\nHết.\n",
      "ial-in-quote": "> Một.\n> {: .box-note}\n> Hai.\n\n> Ba.\n>\n> {: .box-note}\n> Bốn.\n",
      "ial-before-quote-and-image-para": "{: .box-note}\n> Trích dẫn được đóng hộp.\n\n{: .box-warning}\nXem ![sơ đồ](/s.png) bên dưới.\n",
      "ial-on-html-element": "Trước.\n\n{: .box-note}\n<div><p>Một.</p><p>Hai.</p></div>\n\nSau.\n\n<div><p>Ba.</p></div>\n{: .box-warning}\n",
      "html-then-markdown": 'Xem.\n\n<img src="/h1.png" alt="Mạng"/>\n> **Hình 1: Một mạng nhỏ.**\n\n<hr>\nDòng *nhấn mạnh*.\n',
      "table-then-fence": "<table>\n  <tr>\n\n    <td>Tên</td>\n\n    <td>Giá trị</td>\n  </tr>\n  <tr><td>lr</td><td>0.1</td></tr>\n</table>\n```python\nprint(lr)\n```\n",
      "lazy-quote": "> ⭐ **Bộ nhớ**\n<br/>\nMạng hồi quy giữ trạng thái.\n\n> Hai dòng\nnối tiếp lười.\n\nĐoạn thường.\n",
      "layout-table": '<table><tr>\n<td><img src="/trai.png" alt="Trước"></td>\n<td><img src="/phai.png" alt="Sau"></td>\n</tr></table>\n',
      "math": "Công thức $$a^2 + b^2 = c^2$$ trong câu.\n\n$$\n\\sum_{i=1}^n x_i\n$$\n",
      "header-ids": "## Tối ưu {#toi-uu}\n\nMột đoạn.\n",
      "fence-info-with-space": "Mã:\n\n```python có chú thích\nprint(1)\n```\n\nHết.\n",
      "fence-after-list-item": "1. Bước một:\n```python\nx = 2\n```\n2. Bước hai\n",
      "fence-never-closed": "```\nprint(1)\n```\n\nGiữa.\n\n```python\nx = 1\n\n## Kết quả\n\nMột đoạn.\n",
      "fence-backtick-info": "```a`b\nx = 1\n```\n\nSau.\n\n```\ny = 2\n```\n",
      "liquid-blocks": "Trước {% comment %}\n## Ẩn\n{% endcomment %} sau.\n\n{% raw %}\n```liquid\n{{ page.title }}\n```\n{% endraw %}\n",
    };
    const CASE_EXCEPTIONS: Exception[] = [
      {
        post: "fence-info-with-space.md",
        kind: "code",
        match: "«print(1)» is not one to kramdown",
        why: "a fence whose info string has a space (```python có …): kramdown does not open it, so its closing line opens a block that runs on; GitHub opens it, as the author meant, and so does the engine",
      },
      { post: "fence-after-list-item.md", kind: "code", match: "«x = 2»", why: FENCE_AFTER_LIST_ITEM },
    ];
    const rels = Object.keys(CASES).map((name) => `${name}.md`);
    for (const [name, body] of Object.entries(CASES)) writeFileSync(join(dir, `${name}.md`), `---\ntitle: ${name}\n---\n${body}`);

    it("agrees on each case, but for the named exceptions, and boxes nothing kramdown does not", () => {
      const { found, stale } = differences(dir, rels, CASE_EXCEPTIONS);
      expect(found).toEqual([]);
      expect(stale).toEqual([]);
      const oracle = kramdown(dir, rels);
      for (const rel of rels) {
        const post = parsePost(rel, readFileSync(join(dir, rel), "utf8"), undefined, [])!;
        const callouts = [...walkBlocks(post.blocks)].filter((b) => b.t === "callout").length;
        expect(callouts, rel).toBe((oracle[rel] as KramdownSummary).boxes.length);
      }
    });
  });
});
