/**
 * An independent, deliberately crude reading of a post's prose, to check that the engine keeps
 * every word: it strips what is not prose (front matter, code, math, tags, Liquid, attribute
 * lines, comments, URLs) with plain regular expressions, not with the engine's own parser.
 */
import type { LessonFormat, Platform, RenderedLesson } from "../../src/contract/lessons.js";
import { readerText } from "./formats.js";
import { isFurtherReadingHeading } from "../../src/course/split.js";

export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.normalize("NFC").toLowerCase().match(/\p{L}+/gu) ?? []) out.add(w);
  return out;
}

export function proseWords(source: string): Set<string> {
  let s = source.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  s = s.replace(/^---\n[\s\S]*?\n---\n/, "");
  s = s.replace(/<!--\s*MarkdownTOC[\s\S]*?<!--\s*\/MarkdownTOC\s*-->/g, " ");
  s = s.replace(/<!--[\s\S]*?-->/g, " ");
  s = s.replace(/^([ \t>]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n[ \t>]*\2[^\n]*$/gm, " ");
  s = s.replace(/\{%-?\s*highlight[\s\S]*?\{%-?\s*endhighlight\s*-?%\}/g, " ");
  s = s.replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, " ");
  s = s.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, "");
  // The further-reading heading is a label: its list becomes /resources under the bot's own heading.
  s = s.replace(/^#{1,6}\s+(.*)$/gm, (line, text: string) => (isFurtherReadingHeading(text.trim()) ? " " : line));
  s = s.replace(/^\s*[*-]\s+TOC\s*\n\s*\{:\s*toc\s*\}/gim, " ");
  s = s.replace(/\{:[^}\n]*\}/g, " ");
  s = s.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ");
  s = s.replace(/`[^`\n]+`/g, " ");
  s = s.replace(/\$\$[\s\S]*?\$\$/g, " ");
  s = s.replace(/\\\\\[[\s\S]*?\\\\\]/g, " ").replace(/\\\\\([\s\S]*?\\\\\)/g, " ");
  // Inside HTML blocks MathJax is written with single backslashes.
  s = s.replace(/\\\[[\s\S]*?\\\]/g, " ").replace(/\\\([\s\S]*?\\\)/g, " ");
  s = s.replace(/\\begin\{(\w+\*?)\}[\s\S]*?\\end\{\1\}/g, " ");
  s = s.replace(/(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$(?!\d)/g, " ");
  s = s.replace(/<[^>\n]+>/g, " ");
  // A link destination, spaces and a line break inside it included (kramdown takes both).
  s = s.replace(/\]\((?:[^()\n]|\n(?![ \t>]*\n)|\([^()\n]*\))*\)/g, "] ");
  s = s.replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, " ");
  s = s.replace(/\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/gi, " ");
  s = s.replace(/\b(?:https?|ftp):\/\/\S+/g, " ");
  s = s.replace(/&nbsp;/g, " ").replace(/&[a-z]+;|&#\d+;/gi, " ");
  return words(s);
}

/** Every word a reader gets from a post's lessons: the text, titles, image descriptions, resources. */
export function lessonWords(lessons: RenderedLesson[], platform: Platform, format: LessonFormat = "classic"): Set<string> {
  const parts: string[] = [];
  for (const l of lessons) {
    parts.push(l.title);
    for (const r of l.resources) parts.push(r.title);
    for (const m of l.messages) parts.push(readerText(m, platform, format));
  }
  return words(parts.join(" "));
}
