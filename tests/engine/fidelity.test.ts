/**
 * Fidelity to what Jekyll (kramdown) shows, one class of fault at a time, on small posts
 * written for these tests. Each case reads the lesson tree (parsePost / splitPost), which every
 * format renders from.
 */
import { describe, it, expect } from "vitest";
import { parsePost } from "../../src/course/load.js";
import { splitPost } from "../../src/course/split.js";
import type { Block } from "../../src/course/blocks.js";
import { inlineText } from "../../src/course/blocks.js";
import type { Problem } from "../../src/model.js";

function tree(body: string, problems: Problem[] = []): Block[] {
  return parsePost("2026-02-01-test.md", `---\ntitle: Thử\n---\n${body}`, undefined, problems)!.blocks;
}

/** A compact picture of a lesson tree: `callout(note)[para «Hai»]`, one top-level block per entry. */
function shape(bs: Block[]): string[] {
  return bs.map(shapeOf);
}

function shapeOf(b: Block): string {
  switch (b.t) {
    case "para":
    case "heading":
      return `${b.t} «${inlineText(b.c)}»`;
    case "code":
      return `code «${b.code}»`;
    case "math":
      return `math «${b.tex}»`;
    case "image":
      return `image ${b.src} «${b.alt}»`;
    case "list":
      return `${b.ordered ? `ol${b.start}` : "ul"}[${b.items.map((i) => i.map(shapeOf).join(", ")).join(" | ")}]`;
    case "quote":
      return `quote[${b.c.map(shapeOf).join(", ")}]`;
    case "callout":
      return `callout(${b.kind})[${b.c.map(shapeOf).join(", ")}]`;
    case "table":
      return `table[${b.rows.map((r) => r.map((c) => inlineText(c)).join("|")).join(" / ")}]`;
    default:
      return b.t;
  }
}

describe("1. a block attribute line styles the block kramdown gives it", () => {
  it("GIVEN {: .box-note} after a blank line THEN it boxes the FOLLOWING paragraph, not the heading before", () => {
    expect(shape(tree("### Chú ý\n\n{: .box-note}\n**Ghi nhớ:** thông tin bổ ích.\n\nĐoạn sau.\n"))).toEqual([
      "heading «Chú ý»",
      "callout(note)[para «Ghi nhớ: thông tin bổ ích.»]",
      "para «Đoạn sau.»",
    ]);
  });

  it("GIVEN {: .box-warning} right under a paragraph THEN it boxes that paragraph", () => {
    expect(shape(tree("Đoạn một.\n\nĐoạn hai.\n{: .box-warning}\n\nĐoạn ba.\n"))).toEqual([
      "para «Đoạn một.»",
      "callout(warning)[para «Đoạn hai.»]",
      "para «Đoạn ba.»",
    ]);
  });

  it("GIVEN box lines between paragraphs with blank lines on both sides THEN each boxes the paragraph after it", () => {
    expect(shape(tree("Mở đầu.\n\n{: .box-error}\n\nLỗi hay gặp.\n\n{: .box-note}\nGhi chú cuối.\n"))).toEqual([
      "para «Mở đầu.»",
      "callout(error)[para «Lỗi hay gặp.»]",
      "callout(note)[para «Ghi chú cuối.»]",
    ]);
  });

  it("GIVEN a box line on a list, a code block and a quote THEN the whole block is boxed", () => {
    expect(shape(tree("- một\n- hai\n{: .box-note}\n\n```\nx = 1\n```\n{: .box-warning}\n\n{: .box-success}\n> trích dẫn\n"))).toEqual([
      "callout(note)[ul[para «một» | para «hai»]]",
      "callout(warning)[code «x = 1»]",
      "callout(success)[quote[para «trích dẫn»]]",
    ]);
  });

  it("GIVEN several attribute lines in a row THEN they style one block together", () => {
    expect(shape(tree("Trước.\n\n{: #neo}\n{: .box-tip}\nSau.\n\nCuối.\n{: .box-error}\n{: #id2}\n\nHết.\n"))).toEqual([
      "para «Trước.»",
      "callout(tip)[para «Sau.»]",
      "callout(error)[para «Cuối.»]",
      "para «Hết.»",
    ]);
  });

  it("GIVEN an attribute line that is not a box THEN it still ends the paragraph, as in kramdown", () => {
    expect(shape(tree("![hình](/a.png)\n{: style=\"width: 50%\"}\n*Hình 1. Chú thích.*\n"))).toEqual([
      "image /a.png «hình»",
      "para «Hình 1. Chú thích.»",
    ]);
  });

  it("GIVEN a box line inside a block quote THEN it boxes a paragraph of that quote", () => {
    expect(shape(tree("> Một.\n> {: .box-note}\n> Hai.\n\n> Ba.\n>\n> {: .box-tip}\n> Bốn.\n"))).toEqual([
      "quote[callout(note)[para «Một.»], para «Hai.»]",
      "quote[para «Ba.», callout(tip)[para «Bốn.»]]",
    ]);
  });

  it("GIVEN a paragraph holding an image THEN a box before it boxes the whole paragraph", () => {
    expect(shape(tree("{: .box-note}\nXem ![sơ đồ](/s.png) bên dưới.\n"))).toEqual([
      "callout(note)[para «Xem», image /s.png «sơ đồ», para «bên dưới.»]",
    ]);
  });

  it("GIVEN a box line with nothing after it THEN nothing is boxed and nothing is lost", () => {
    expect(shape(tree("Chỉ một đoạn.\n\n{: .box-note}\n"))).toEqual(["para «Chỉ một đoạn.»"]);
  });
});

void splitPost;
