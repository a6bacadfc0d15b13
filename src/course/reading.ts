/**
 * The reading-time model: one function that says how long a block takes to read.
 *
 * Prose is read at `wordsPerMinute` of its language. Vietnamese writes one syllable per
 * space-separated token, so its "words" are syllables: ~300 syllables/min is about 230 English
 * words/min of content (IReST reports 370 ± 80 syllables/min read aloud; tutorial text with code
 * and formulas is read slower than that). Code is read line by line, formulas, images and table
 * rows take a few seconds each.
 */
import type { Block, Inline } from "./blocks.js";

export interface ReadingModel {
  /** Words (Vietnamese: syllables) per minute, by language code; `default` for the rest. */
  wordsPerMinute: { default: number; [language: string]: number };
  secondsPerCodeLine: number;
  secondsPerFormula: number;
  secondsPerInlineFormula: number;
  secondsPerImage: number;
  secondsPerTableRow: number;
  /** A lesson reads in at most this long. */
  maxLessonMinutes: number;
  /** A piece shorter than this joins its neighbour, unless the whole post is that short. */
  minLessonMinutes: number;
}

export const DEFAULT_READING_MODEL: ReadingModel = {
  wordsPerMinute: { default: 230, en: 230, vi: 300 },
  secondsPerCodeLine: 4,
  secondsPerFormula: 10,
  secondsPerInlineFormula: 1.5,
  secondsPerImage: 12,
  secondsPerTableRow: 4,
  maxLessonMinutes: 6,
  minLessonMinutes: 1.5,
};

const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/gi;

/** "vi" when the text carries Vietnamese letters, else the fallback. */
export function detectLanguage(text: string, fallback = "en"): string {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (!letters) return fallback;
  const vi = (text.normalize("NFC").match(VI_LETTERS) ?? []).length;
  return vi / letters > 0.02 ? "vi" : fallback;
}

export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_.-]*/gu) ?? []).length;
}

export function blockSeconds(b: Block, language: string, model: ReadingModel = DEFAULT_READING_MODEL): number {
  const wpm = model.wordsPerMinute[language] ?? model.wordsPerMinute.default;
  const words = (c: Inline[]): number => inlineSeconds(c, wpm, model);
  const all = (bs: Block[]): number => bs.reduce((s, x) => s + blockSeconds(x, language, model), 0);
  switch (b.t) {
    case "heading":
    case "para":
      return words(b.c);
    case "code":
      return b.code.split("\n").filter((l) => l.trim()).length * model.secondsPerCodeLine;
    case "math":
      return model.secondsPerFormula * Math.max(1, Math.ceil(b.tex.split(/\\\\|\\newline/).length / 2));
    case "image":
      return model.secondsPerImage + (countWords(b.alt) * 60) / wpm;
    case "list":
      return b.items.reduce((s, item) => s + all(item), 0);
    case "quote":
    case "footnote":
      return all(b.c);
    case "callout":
      return words(b.title) + all(b.c);
    case "details":
      return words(b.summary) + all(b.c);
    case "table":
      return b.rows.length * model.secondsPerTableRow + b.rows.flat().reduce((s, cell) => s + words(cell), 0);
    case "hr":
      return 0;
    default:
      return b satisfies never;
  }
}

function inlineSeconds(c: Inline[], wpm: number, model: ReadingModel): number {
  let s = 0;
  for (const n of c) {
    switch (n.t) {
      case "text":
      case "code":
        s += (countWords(n.v) * 60) / wpm;
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        s += inlineSeconds(n.c, wpm, model);
        break;
      case "math":
        s += n.display ? model.secondsPerFormula : model.secondsPerInlineFormula;
        break;
      case "image":
        s += model.secondsPerImage;
        break;
      case "br":
      case "fnref":
        break;
      default:
        n satisfies never;
    }
  }
  return s;
}
