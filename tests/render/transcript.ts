/**
 * What a reader takes in from a lesson, read back from each format's messages with this test's own
 * small readers (not the renderer's code): the headings, the prose words, the code blocks and the
 * formulas, in reading order. Formats write formulas differently (Unicode text, native TeX, drawn
 * images with their TeX as alt text, numbered marks with a legend image), so a formula is read as
 * the words Unicode gives it when Unicode can write it inline, else as its TeX.
 */
import { texToUnicode } from "../../src/tex/index.js";
import type { ChatMessage, LessonFormat, Platform } from "../../src/contract/lessons.js";

export type Token = { k: "heading"; text: string } | { k: "word"; w: string } | { k: "code"; text: string } | { k: "formula"; tex: string };

export interface Transcript {
  /** The first lines: the lesson's title and reading time. */
  header: string[];
  tokens: Token[];
}

const wordsOf = (s: string): string[] => s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const unescapeHtml = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const unescapeMarkdown = (s: string): string => s.replace(/\\([\\*_~`|[\]<>#.-])/g, "$1");

/** Collects tokens; ⟨n⟩ marks wait for the legend image that says which formulas they are. */
class Reader {
  readonly tokens: Token[] = [];
  readonly header: string[] = [];
  private marks: number[] = [];

  words(text: string): void {
    for (const part of text.split(/(⟨\d+⟩)/)) {
      if (/^⟨\d+⟩$/.test(part)) {
        this.marks.push(this.tokens.length);
        this.tokens.push({ k: "formula", tex: "?" });
      } else for (const w of wordsOf(part)) this.tokens.push({ k: "word", w });
    }
  }

  heading(text: string): void {
    this.tokens.push({ k: "heading", text: wordsOf(text).join(" ") });
  }

  /** A code block; a table written as aligned text (classic formats) is read as its words. */
  code(text: string): void {
    if (text.includes("│")) this.words(text);
    else this.tokens.push({ k: "code", text: text.replace(/\n+$/, "") });
  }

  /** A formula as a reader meets it: Unicode text when it has one (inline), else its TeX. */
  inlineFormula(tex: string): void {
    const u = texToUnicode(tex);
    if (u !== null) this.words(u);
    else this.tokens.push({ k: "formula", tex: tex.trim() });
  }

  displayFormula(tex: string): void {
    this.tokens.push({ k: "formula", tex: tex.trim() });
  }

  /** An image's words: the legend of the marks before it, or a drawn display formula. */
  image(alt: string): void {
    if (this.marks.length) {
      const texs = alt.split(" ; ");
      this.marks.forEach((at, i) => {
        this.tokens[at] = { k: "formula", tex: (texs[i] ?? "").trim() };
      });
      this.marks = [];
      return;
    }
    this.displayFormula(alt);
  }
}

/** Telegram HTML (classic text and rich messages alike): tags walked in order; bold and links are just text. */
function readHtml(r: Reader, html: string, mediaAlt: (id: string) => string): void {
  const re = /<(\/?)([a-z0-9-]+)([^>]*)>|([^<]+)/gi;
  let heading: string | null = null;
  let code: string | null = null;
  let math: { display: boolean; tex: string } | null = null;
  for (const m of html.matchAll(re)) {
    const [, close, tagName, attrs, text] = m;
    if (text !== undefined) {
      const t = unescapeHtml(text);
      if (math) math.tex += t;
      else if (code !== null) code += t;
      else if (heading !== null) heading += t;
      else r.words(t);
      continue;
    }
    const tag = tagName!.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      if (!close) heading = "";
      else {
        if (tag === "h1" || tag === "h6") r.header.push(heading!.trim());
        else r.heading(heading!);
        heading = null;
      }
    } else if (tag === "pre") {
      if (!close) code = "";
      else {
        r.code(code!);
        code = null;
      }
    } else if (tag === "tg-math" || tag === "tg-math-block") {
      if (!close) math = { display: tag === "tg-math-block", tex: "" };
      else {
        if (heading !== null) heading += texToUnicode(math!.tex) ?? math!.tex;
        else if (math!.display) r.displayFormula(math!.tex);
        else r.inlineFormula(math!.tex);
        math = null;
      }
    } else if (tag === "img") {
      const id = /id=([^"]+)"/.exec(attrs!)?.[1];
      if (id) r.image(mediaAlt(id));
    }
  }
}

/** Classic Telegram text: paragraphs split so an all-bold one reads as a heading. */
function readTelegramText(r: Reader, text: string): void {
  for (const para of text.split("\n\n")) {
    const all = /^<b>([^<]*(?:<(?!\/b>)[^<]*)*)<\/b>$/.exec(para.trim());
    if (all && !r.header.length) r.header.push(unescapeHtml(para.replace(/<[^>]+>/g, "")).trim());
    else if (all) r.heading(unescapeHtml(all[1]!.replace(/<[^>]+>/g, "")));
    else if (!r.header.length) r.header.push(unescapeHtml(para.replace(/<[^>]+>/g, "")).trim());
    else readHtml(r, stripBullets(para), () => "");
  }
}

/** Discord Markdown (classic content or a Components Text Display). */
function readMarkdown(r: Reader, text: string, layout: "classic" | "components"): void {
  const lines = text.split("\n");
  let para: string[] = [];
  const flush = (): void => {
    const p = para.join("\n").trim();
    para = [];
    if (!p) return;
    const bold = /^\*\*([\s\S]*)\*\*$/.exec(p);
    if (!r.header.length) r.header.push(unescapeMarkdown(p.replace(/\*\*|^-# |^# /gm, "")).trim());
    else if (layout === "classic" && bold && !bold[1]!.includes("**")) r.heading(unescapeMarkdown(bold[1]!));
    else r.words(unescapeMarkdown(stripBullets(p.replace(/^> ?/gm, ""))));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(?:> )?```/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !/^(?:> )?```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.replace(/^> /, "").replace(/`\u200b``/g, "```"));
      r.code(body.join("\n"));
      continue;
    }
    if (layout === "components" && /^#{1,3} /.test(line) && r.header.length) {
      flush();
      r.heading(unescapeMarkdown(line.replace(/^#{1,3} /, "")));
      continue;
    }
    if (line.trim() === "") flush();
    else para.push(line);
  }
  flush();
}

const stripBullets = (s: string): string => s.replace(/^(\s*)(?:[•◦]|\d+\\?\.)(?=\s|$)/gm, "$1");

export function transcript(messages: ChatMessage[], platform: Platform, format: LessonFormat): Transcript {
  const r = new Reader();
  for (const msg of messages) {
    if (format === "rich") {
      const media = new Map((msg.rich?.media ?? []).map((m) => [m.id, m.alt ?? ""]));
      readHtml(r, msg.rich?.html ?? "", (id) => media.get(id) ?? "");
    } else if (format === "components") {
      const walk = (cs: unknown[]): void => {
        for (const c of cs as { type: number; content?: string; components?: unknown[]; items?: { description?: string }[] }[]) {
          if (c.type === 10 && c.content !== undefined) readMarkdown(r, c.content, "components");
          if (c.components) walk(c.components);
          for (const it of c.items ?? []) r.image(it.description ?? "");
        }
      };
      walk(msg.components ?? []);
    } else if (platform === "telegram") {
      // A caption shows under its photos.
      for (const alt of msg.alt ?? []) r.image(alt);
      if (msg.text) readTelegramText(r, msg.text);
    } else {
      // Discord shows the content above its attachments.
      if (msg.text) readMarkdown(r, msg.text, "classic");
      for (const alt of msg.alt ?? []) r.image(alt);
    }
  }
  return { header: r.header, tokens: r.tokens };
}
