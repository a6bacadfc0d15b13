/**
 * HTML → Markdown with turndown (+ GFM tables), keeping what matters to a lesson: boxes,
 * details blocks, images, tables. Math has already been replaced by placeholders, which turndown
 * passes through untouched.
 */
import TurndownService from "turndown";
import { gfm } from "@joplin/turndown-plugin-gfm";
import { MARK, mathPlaceholder } from "./markers.js";
import { isLayoutTable } from "./layoutTable.js";
import type { MathSpan } from "./preprocess.js";
import { decodeEntities } from "../text/entities.js";

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
    strongDelimiter: "**",
  });
  td.use(gfm);
  td.remove(["script", "style", "noscript"]);
  td.addRule("box", {
    filter: (node) =>
      node.nodeName === "DIV" && /\bbox-(note|warning|error|success|info|tip)\b/.test(node.getAttribute("class") ?? ""),
    replacement: (content, node) => {
      const kind = /\bbox-(\w+)/.exec((node as HTMLElement).getAttribute("class") ?? "")![1];
      return `\n\n${MARK.boxOpen}${kind}\n\n${content}\n\n${MARK.boxClose}\n\n`;
    },
  });
  td.addRule("details", {
    filter: ["details"],
    replacement: (content) => `\n\n${MARK.detailsOpen}\n\n${content}\n\n${MARK.detailsClose}\n\n`,
  });
  td.addRule("summary", {
    filter: ["summary"],
    replacement: (content) => `\n\n${MARK.summary}${content.replace(/\s+/g, " ").trim()}\n\n`,
  });
  // Figures set side by side in a table: the images in order, each caption after its image.
  td.addRule("layoutTable", {
    filter: (node) => node.nodeName === "TABLE" && isLayoutTable(tableCells(node).map(cellContent)),
    replacement: (_content, node) =>
      tableCells(node as HTMLElement)
        .map((cell) => {
          const imgs = elements(cell, "img");
          const images = imgs.map((img) => `![${escapeAlt(img.getAttribute("alt") ?? "")}](<${img.getAttribute("src") ?? ""}>)`);
          for (const img of imgs) img.parentNode?.removeChild(img);
          const caption = td.turndown(cell.innerHTML).trim();
          return [...images, caption].filter(Boolean).join("\n\n");
        })
        .filter(Boolean)
        .map((s) => `\n\n${s}\n\n`)
        .join(""),
  });
  // An anchor without href (`<a name="x">`) is only a jump target.
  td.addRule("anchorTarget", {
    filter: (node) => node.nodeName === "A" && !node.getAttribute("href"),
    replacement: (content) => content,
  });
  service = td;
  return td;
}

/** Elements under `node` by tag name, as an array (turndown's DOM gives array-like lists). */
function elements(node: Node, ...tags: string[]): HTMLElement[] {
  return Array.from((node as HTMLElement).querySelectorAll(tags.join(", "))) as HTMLElement[];
}

function tableCells(node: Node): HTMLElement[] {
  return elements(node, "td", "th");
}

function cellContent(cell: HTMLElement): { images: number; text: boolean } {
  return { images: elements(cell, "img").length, text: !!(cell.textContent ?? "").trim() };
}

function escapeAlt(alt: string): string {
  return alt.replace(/[[\]\\]/g, "\\$&");
}

/** A fragment of HTML found inside a Markdown post. */
export function htmlToMarkdown(html: string): string {
  // `<details markdown="1">` and its `</details>` often stand in separate HTML blocks, with
  // Markdown between them: turn the lone tags into markers before the DOM parser closes them.
  const opens = (html.match(/<details\b/gi) ?? []).length;
  const closes = (html.match(/<\/details>/gi) ?? []).length;
  let h = html;
  if (opens !== closes) {
    h = h
      .replace(/<details\b[^>]*>/gi, `<p>${MARK.detailsOpen}</p>`)
      .replace(/<\/details>/gi, `<p>${MARK.detailsClose}</p>`)
      .replace(/<summary\b[^>]*>([\s\S]*?)<\/summary>/gi, (_, s: string) => `<p>${MARK.summary}${s}</p>`);
  }
  if (/^\s*<div\b[^>]*\bbox-[\w-]+[^>]*>\s*$/i.test(h)) {
    return `${MARK.boxOpen}${/\bbox-([\w-]+)/.exec(h)![1]}`;
  }
  if (/^\s*<\/div>\s*$/i.test(h)) return `${MARK.boxClose}`;
  return turndown().turndown(h);
}

/**
 * A whole HTML post. MathJax in HTML is written with single backslashes (`\(…\)`, `\[…\]`) or
 * dollars; it is taken out first so turndown cannot escape it.
 */
export function htmlPostToMarkdown(html: string, firstLine: number): { markdown: string; math: MathSpan[] } {
  const math: MathSpan[] = [];
  const protectedHtml = protectHtmlMath(html, math, firstLine, true);
  return { markdown: turndown().turndown(protectedHtml), math };
}

/**
 * Take MathJax out of HTML before turndown sees it: in HTML nothing unescapes backslashes, so
 * authors write `\(…\)` and `\[…\]` with single backslashes. Appends to `math`.
 */
export function protectHtmlMath(html: string, math: MathSpan[], firstLine: number, dollars = false): string {
  const lineAt = (offset: number): number => firstLine + (html.slice(0, offset).match(/\n/g) ?? []).length;
  const re = dollars
    ? /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)/g
    : /()\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)()/g;
  return html.replace(re, (_all, dd?: string, br?: string, pa?: string, sd?: string, offset?: number) => {
    const tex = (dd || br || pa || sd || "").trim();
    const display = !!dd || br !== undefined;
    math.push({ tex: decodeEntities(tex), display, line: lineAt(typeof offset === "number" ? offset : 0) });
    const ph = mathPlaceholder(math.length - 1);
    return display ? `<p>${ph}</p>` : ph;
  });
}
