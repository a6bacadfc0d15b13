/**
 * Tables and code as every format shows them when it cannot use the platform's own: a table as
 * aligned plain text or drawn as a TeX array (with its words kept to describe the image), a code
 * block's text with its line numbers, and the pictures a table's cells name.
 */
import type { Block, Inline } from "../course/blocks.js";
import { inlineText, shownCode } from "../course/blocks.js";
import { texToUnicode } from "../tex/index.js";
import type { ImageTarget } from "./core.js";

type Table = Extract<Block, { t: "table" }>;

/** The local pictures named inside a table's cells, in order (they are sent after the table). */
export function cellPictures(b: Table, resolveImage: (src: string) => ImageTarget): { file: string; alt: string }[] {
  const out: { file: string; alt: string }[] = [];
  for (const i of b.rows.flat(2)) {
    if (i.t !== "image") continue;
    const target = resolveImage(i.src);
    if ("file" in target) out.push({ file: target.file, alt: i.alt });
  }
  return out;
}

/** A code block's text as shown: trailing blank lines dropped, lines numbered when the author asked. */
export function codeText(b: Extract<Block, { t: "code" }>): string {
  const code = shownCode(b.code);
  if (!b.linenos) return code;
  const lines = code.split("\n");
  const first = b.firstLineNumber ?? 1;
  const w = String(first + lines.length - 1).length;
  return lines.map((l, i) => `${String(first + i).padStart(w)} ${l}`).join("\n");
}

/** A table as a TeX array to draw, and its words (row by row) to describe the image. */
export function tableAsTex(b: Table): { tex: string; alt: string } {
  const cols = Math.max(0, ...b.rows.map((r) => r.length));
  const texRows = b.rows.map((row, r) => Array.from({ length: cols }, (_, c) => cellTex(row[c] ?? [], r === 0)).join(" & "));
  const align = Array.from({ length: cols }, (_, c) => (b.align[c] === "right" ? "r" : b.align[c] === "center" ? "c" : "l")).join("|");
  const tex = `\\begin{array}{|${align}|}\\hline ${texRows.join(" \\\\ \\hline ")} \\\\ \\hline\\end{array}`;
  const alt = b.rows.map((row) => row.map((cell) => plainCell(cell)).join(" | ")).join("\n");
  return { tex, alt };
}

export function plainCell(c: Inline[]): string {
  return c
    .map((i) => {
      if (i.t === "math") return texToUnicode(i.tex) ?? i.tex;
      if (i.t === "br") return " ";
      return inlineText([i]);
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** Characters `\\text{}` cannot hold: they are written in math mode between text runs. */
const TEX_SPECIALS: Record<string, string> = {
  "\\": "\\backslash ",
  "{": "\\{",
  "}": "\\}",
  "#": "\\#",
  $: "\\$",
  "%": "\\%",
  "&": "\\&",
  _: "\\_",
  "^": "\\hat{}",
  "~": "\\sim ",
};

function cellTex(c: Inline[], bold: boolean): string {
  let out = "";
  let text = "";
  const flushText = (): void => {
    for (const part of text.split(/([\\{}#$%&_^~])/)) {
      if (!part) continue;
      out += TEX_SPECIALS[part] ?? `\\${bold ? "textbf" : "text"}{${part}}`;
    }
    text = "";
  };
  for (const i of c) {
    if (i.t === "math") {
      flushText();
      out += `{${i.tex}}`;
    } else text += i.t === "br" ? " " : inlineText([i]).replace(/\s+/g, " ");
  }
  flushText();
  return out || "\\text{}";
}

function width(s: string): number {
  return [...s.normalize("NFC")].length;
}

function pad(s: string, w: number, align: "left" | "right" | "center" | null): string {
  const gap = w - width(s);
  if (gap <= 0) return s;
  if (align === "right") return " ".repeat(gap) + s;
  if (align === "center") return " ".repeat(gap >> 1) + s + " ".repeat(gap - (gap >> 1));
  return s + " ".repeat(gap);
}

/** A table as aligned lines of plain text, when it fits `maxWidth` characters; null when it does not. */
export function tableAsText(b: Table, maxWidth: number): string | null {
  const plain = b.rows.map((row) => row.map((cell) => plainCell(cell)));
  const cols = Math.max(0, ...plain.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) => Math.max(1, ...plain.map((r) => width(r[c] ?? ""))));
  const total = widths.reduce((a, w) => a + w, 0) + 3 * Math.max(0, cols - 1);
  const hasComplexMath = b.rows.flat(2).some((i) => i.t === "math" && texToUnicode(i.tex) === null);
  if (total > maxWidth || hasComplexMath) return null;
  const lines = plain.map((r) => Array.from({ length: cols }, (_, c) => pad(r[c] ?? "", widths[c]!, b.align[c] ?? null)).join(" │ ").trimEnd());
  if (lines.length > 1) lines.splice(1, 0, widths.map((w) => "─".repeat(w)).join("─┼─"));
  return lines.join("\n");
}
