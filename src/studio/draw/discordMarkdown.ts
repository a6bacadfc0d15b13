/**
 * Discord's Markdown (a classic message's `content`, a Text Display's `content`) drawn as the client
 * shows it. Discord keeps every line break (it never reflows a paragraph); at the start of a line it
 * reads `#`/`##`/`###` headings, `-#` subtext, `>` quotes, `- `/`* `/`1. ` list items and ``` fences;
 * inline it reads bold, italics, underline, strike, spoilers, code, masked links and bare URLs, and a
 * backslash before punctuation makes it plain.
 */
import { escapeAttr, escapeHtml } from "../../text/html.js";

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** Inline content: a run without its own delimiters, escapes included (`\*` is one character). */
const RUN = String.raw`(?:\\[\s\S]|[^\\])+?`;

const link = (text: string, url: string): string =>
  /^https?:\/\//i.test(url) ? `<a href="${escapeAttr(url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;

const INLINE: Rule[] = [
  [/\\([^\p{L}\p{N}\s])/uy, (m) => escapeHtml(m[1]!)],
  [/``\s?([\s\S]*?[^`\s])\s?``(?!`)/y, (m) => `<code>${escapeHtml(m[1]!)}</code>`],
  [/`([^`]+)`/y, (m) => `<code>${escapeHtml(m[1]!)}</code>`],
  [new RegExp(String.raw`\*\*(${RUN})\*\*(?!\*)`, "y"), (m) => `<strong>${inline(m[1]!)}</strong>`],
  [new RegExp(String.raw`__(${RUN})__(?!_)`, "y"), (m) => `<u>${inline(m[1]!)}</u>`],
  [new RegExp(String.raw`\*((?:\\[\s\S]|\*\*${RUN}\*\*|[^\\*])+?)\*(?!\*)`, "y"), (m) => `<em>${inline(m[1]!)}</em>`],
  [/_((?:\\[\s\S]|[^\\_])+?)_(?![\p{L}\p{N}])/uy, (m) => `<em>${inline(m[1]!)}</em>`],
  [new RegExp(String.raw`~~(${RUN})~~`, "y"), (m) => `<s>${inline(m[1]!)}</s>`],
  [new RegExp(String.raw`\|\|(${RUN})\|\|`, "y"), (m) => `<span class="dc-spoiler">${inline(m[1]!)}</span>`],
  [/\[((?:\\[\s\S]|[^\\\]])+)\]\(<([^>\s]+)>\)/y, (m) => link(inline(m[1]!), m[2]!)],
  [/\[((?:\\[\s\S]|[^\\\]])+)\]\(([^)\s]+)\)/y, (m) => link(inline(m[1]!), m[2]!)],
  [/<(https?:\/\/[^>\s]+)>/y, (m) => link(escapeHtml(m[1]!), m[1]!)],
  [/https?:\/\/[^\s<]*[^\s<.,:;"')\]]/y, (m) => link(escapeHtml(m[0]), m[0])],
];

export function inline(s: string): string {
  let out = "";
  let plain = "";
  let i = 0;
  outer: while (i < s.length) {
    for (const [re, draw] of INLINE) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m) {
        out += escapeHtml(plain) + draw(m);
        plain = "";
        i += m[0].length;
        continue outer;
      }
    }
    plain += s[i];
    i++;
  }
  return out + escapeHtml(plain);
}

/** A fence line (```lang); Discord draws a code block only when a closing ``` line follows. */
const FENCE = /^```([\w+#.-]*)\s*$/;
const LIST_ITEM = /^(\s*)([-*]|\d{1,9}\.)\s+(.*)$/;

/** Discord Markdown → HTML. */
export function drawDiscordMarkdown(md: string): string {
  return blocks(md.split("\n"));
}

function blocks(lines: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    const close = fence ? lines.findIndex((l, k) => k > i && l.trimEnd() === "```") : -1;
    if (fence && close > i) {
      const lang = fence[1]!;
      out.push(`<pre class="dc-pre"><code${lang ? ` data-language="${escapeAttr(lang)}"` : ""}>${escapeHtml(lines.slice(i + 1, close).join("\n"))}</code></pre>`);
      i = close + 1;
      continue;
    }
    if (line.startsWith(">>> ")) {
      out.push(`<blockquote class="dc-quote">${blocks([line.slice(4), ...lines.slice(i + 1)])}</blockquote>`);
      break;
    }
    if (/^> |^>$/.test(line)) {
      let j = i;
      const inner: string[] = [];
      while (j < lines.length && /^> |^>$/.test(lines[j]!)) inner.push(lines[j++]!.replace(/^> ?/, ""));
      out.push(`<blockquote class="dc-quote">${blocks(inner)}</blockquote>`);
      i = j;
      continue;
    }
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level} class="dc-h">${inline(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    const subtext = /^-# (.*)$/.exec(line);
    if (subtext) {
      out.push(`<div class="dc-subtext">${inline(subtext[1]!)}</div>`);
      i++;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      let j = i;
      while (j < lines.length && (LIST_ITEM.test(lines[j]!) || (/^\s+\S/.test(lines[j]!) && j > i))) j++;
      out.push(list(lines.slice(i, j)));
      i = j;
      continue;
    }
    out.push(`<div class="dc-line">${line ? inline(line) : "<br>"}</div>`);
    i++;
  }
  return out.join("");
}

/** Consecutive list lines: items by their marker, nested by indentation, other indented lines continue an item. */
function list(lines: string[]): string {
  interface Item { indent: number; ordered: boolean; start: number; html: string }
  const items: Item[] = [];
  for (const line of lines) {
    const m = LIST_ITEM.exec(line);
    if (m) items.push({ indent: m[1]!.length, ordered: /\d/.test(m[2]!), start: parseInt(m[2]!, 10) || 1, html: inline(m[3]!) });
    else if (items.length) items[items.length - 1]!.html += `<br>${inline(line.trim())}`;
  }
  // A list ends where an item of its level changes between numbered and bulleted; a new one begins.
  const render = (from: number, to: number): string => {
    if (from >= to) return "";
    const base = items[from]!;
    const parts: string[] = [];
    let k = from;
    while (k < to && items[k]!.ordered === base.ordered) {
      let end = k + 1;
      while (end < to && items[end]!.indent > base.indent) end++;
      parts.push(`<li>${items[k]!.html}${render(k + 1, end)}</li>`);
      k = end;
    }
    const tag = base.ordered ? "ol" : "ul";
    return `<${tag} class="dc-list"${base.ordered && base.start !== 1 ? ` start="${base.start}"` : ""}>${parts.join("")}</${tag}>${render(k, to)}`;
  };
  return render(0, items.length);
}
