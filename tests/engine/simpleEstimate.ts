/**
 * An independent, deliberately simple estimate of how long a lesson takes to study, to check
 * the engine's reading model from outside: 250 Vietnamese syllables or 200 English words a
 * minute, 5 s per line of code shown (blank ones within it too), 10 s per image (a drawn formula
 * is an image). It counts from the lesson tree with its own rules and shares nothing with
 * src/course/reading.ts.
 */
import type { Block, Inline } from "../../src/course/blocks.js";
import type { Lesson } from "../../src/course/split.js";

const PER_MINUTE = { vi: 250, other: 200 };
const SECONDS_PER_CODE_LINE = 5;
const SECONDS_PER_IMAGE = 10;

interface Tally {
  words: number;
  codeLines: number;
  images: number;
}

function tokens(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

function countInlines(c: Inline[], t: Tally): void {
  for (const i of c) {
    if (i.t === "text" || i.t === "code") t.words += tokens(i.v);
    else if (i.t === "image") t.images++;
    // An inline formula is read like a word; one drawn on its own is looked at like an image.
    else if (i.t === "math") i.display ? t.images++ : t.words++;
    else if ("c" in i) countInlines(i.c, t);
  }
}

function countBlocks(bs: Block[], t: Tally): void {
  for (const b of bs) {
    switch (b.t) {
      case "heading":
      case "para":
        countInlines(b.c, t);
        break;
      case "code":
        // Every line up to the last one with text: a blank line in code is read past too.
        if (b.code.trim()) t.codeLines += b.code.trimEnd().split("\n").length;
        break;
      case "math":
      case "image":
        t.images++;
        break;
      case "list":
        for (const item of b.items) countBlocks(item, t);
        break;
      case "quote":
      case "footnote":
        countBlocks(b.c, t);
        break;
      case "callout":
        countInlines(b.title, t);
        countBlocks(b.c, t);
        break;
      case "details":
        countInlines(b.summary, t);
        countBlocks(b.c, t);
        break;
      case "table":
        for (const row of b.rows) for (const cell of row) countInlines(cell, t);
        break;
      case "hr":
        break;
    }
  }
}

/** Minutes to study a lesson by the simple estimate: its title, blocks and footnotes. */
export function simpleMinutes(lesson: Lesson): number {
  const t: Tally = { words: tokens(lesson.title), codeLines: 0, images: 0 };
  countBlocks(lesson.blocks, t);
  countBlocks(lesson.footnotes, t);
  const perMinute = lesson.language.startsWith("vi") ? PER_MINUTE.vi : PER_MINUTE.other;
  return t.words / perMinute + (t.codeLines * SECONDS_PER_CODE_LINE + t.images * SECONDS_PER_IMAGE) / 60;
}
