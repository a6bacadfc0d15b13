/**
 * Private-use characters that carry meaning from the pre-scanner (and turndown rules) through
 * the Markdown parser. Neither Markdown, HTML nor turndown treat them specially, and authors'
 * text does not contain them.
 */
export const MARK = {
  mathOpen: "\uE000",
  mathClose: "\uE001",
  /** `{: .box-note}` right after a block: that block is a box of this kind. Followed by the kind. */
  boxAfter: "\uE010",
  /** `{: .box-note}` after a blank line: the next block is a box of this kind. Followed by the kind. */
  boxBefore: "\uE011",
  /** `<div class="box-note">` … `</div>`: boxes the blocks between. Followed by the kind. */
  boxOpen: "\uE012",
  boxClose: "\uE013",
  detailsOpen: "\uE014",
  detailsClose: "\uE015",
  /** The `<summary>` of a details block. Followed by its text. */
  summary: "\uE016",
  /** An HTML element the pre-scanner took out whole, as kramdown reads it. Followed by its number. */
  html: "\uE017",
  /** Put before a line that is only a span-level tag, so that it is paragraph text (removed by the parser). */
  text: "\uE018",
  /** Put after a `{` that a Liquid raw block left as text, so the pre-scanner does not read it as Liquid (removed after it). */
  literal: "\uE019",
} as const;

export function mathPlaceholder(id: number): string {
  return `${MARK.mathOpen}${id}${MARK.mathClose}`;
}

export const MATH_PLACEHOLDER_RE = /\uE000(\d+)\uE001/g;
