/**
 * Box classes: a call-out is written `{: .box-note}` (kramdown) or `<div class="box-note">`. A
 * class the engine does not know (a typo) is shown as the blog's CSS shows it, plain, and `check`
 * says so at its line, listing the classes it knows.
 */
import { describe, it, expect } from "vitest";
import { formatProblem } from "../../src/build/check.js";
import { allText, post, render } from "./helpers.js";

const FILE = "_posts/2026-03-01-hop.md";
const KNOWN = "box-note, box-info, box-tip, box-warning, box-error, box-success";

describe("an unknown box class", () => {
  it("GIVEN {: .box-unknwon} under a paragraph THEN a warning at that line, and the paragraph stays plain", async () => {
    const r = await render({ [FILE]: post("title: Hộp", "Mở đầu.\n\nĐừng quên lưu lại.\n{: .box-unknwon}\n\nHết.\n") }, "telegram");
    expect(r.problems.map(formatProblem)).toEqual([`${FILE}:7: warning: unknown box class "box-unknwon": shown as plain text; the known classes are ${KNOWN}`]);
    expect(allText(r)).toContain("Mở đầu.\n\nĐừng quên lưu lại.\n\nHết.");
  });

  it("GIVEN <div class=\"box-tipp\"> THEN a warning at its line, and its text is not dressed as a note", async () => {
    const r = await render({ [FILE]: post("title: Hộp", 'Mở đầu.\n\n<div class="box-tipp" markdown="1">\nMẹo nhỏ.\n</div>\n\nHết.\n') }, "telegram");
    expect(r.problems.map(formatProblem)).toEqual([`${FILE}:6: warning: unknown box class "box-tipp": shown as plain text; the known classes are ${KNOWN}`]);
    const text = allText(r);
    expect(text).toContain("Mẹo nhỏ.");
    expect(text).not.toMatch(/Ghi chú|Mẹo<|💡|📝/);
  });

  it("GIVEN a known class THEN a call-out and no warning", async () => {
    const r = await render({ [FILE]: post("title: Hộp", "Đừng quên lưu lại.\n{: .box-warning}\n") }, "telegram");
    expect(r.problems).toEqual([]);
    expect(allText(r)).toContain("Cảnh báo");
  });
});
