/**
 * The reading-time model: one function that says how long a block takes to study.
 *
 * Learners read a lesson to study it, not to skim it, so prose is timed at a study pace:
 * - English 200 words/min: Carver's "learning" gear for college readers (≈ 200 wpm, against
 *   ≈ 300 for ordinary reading, "rauding"; Carver 1992, Journal of Reading 36(2)), and below the
 *   238 wpm that Brysbaert's meta-analysis finds for silent reading of English non-fiction
 *   (Brysbaert 2019, Journal of Memory and Language 109, 104047: 190 studies; most adults
 *   175–300 wpm).
 * - Vietnamese 250 syllables/min: Vietnamese writes one syllable per space-separated token, so
 *   its "words" are syllables. The former figure of 300 syllables/min for ordinary reading,
 *   slowed by the same ratio as English from reading to studying (200/238), gives 252. For scale,
 *   IReST measured 370 ± 80 syllables/min read ALOUD over 17 languages (Trauzettel-Klosinski &
 *   Dietz 2012, IOVS 53(9)); Vietnamese is not among them.
 * - Code 5 s a line: a line holds about ten tokens, which take some 3 s as prose; the rest is the
 *   time to trace what the line does. No published rate is known to us. Every line shown counts,
 *   blank lines within the code too: they are read past like the rest, and a budget that skips
 *   them lets a lesson show more code than it promises.
 * Formulas, images and table rows take a few seconds each.
 *
 * Every lesson keeps the promise: it reads in at most `maxLessonMinutes` by this model. A block
 * too long for one lesson is cut by the splitter (split.ts, cutBlocks.ts): a code block at blank
 * lines or else between lines, a list between items (an ordered list keeps its numbering), a
 * table between rows (its header row repeated); every piece after the first is marked
 * `continued`, and no piece is longer than `pieceMinutes`, so a piece can share its lesson with
 * the sentence that introduces it.
 */
import { shownCode, type Block, type Inline } from "./blocks.js";

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
  /** A block longer than a lesson is cut into pieces of at most this long. */
  pieceMinutes: number;
}

export const DEFAULT_READING_MODEL: ReadingModel = {
  wordsPerMinute: { default: 200, en: 200, vi: 250 },
  secondsPerCodeLine: 5,
  secondsPerFormula: 10,
  secondsPerInlineFormula: 1.5,
  secondsPerImage: 12,
  secondsPerTableRow: 4,
  maxLessonMinutes: 6,
  minLessonMinutes: 1.5,
  pieceMinutes: 4.5,
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

/** Lines a reader is shown of a code block: blank lines within the code take reading time too. */
export function codeLines(code: string): number {
  const shown = shownCode(code);
  return shown ? shown.split("\n").length : 0;
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
      return codeLines(b.code) * model.secondsPerCodeLine;
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
