/**
 * The splitter's reasoning about one lesson, for an author who asks "why is this lesson 5.8 minutes,
 * and why does it start here?": why the cut before it fell where it did, and what each of its blocks
 * costs to read by the model. The splitter fills it in as it cuts; the author preview shows it. Pure.
 */
import { inlineText, type Block } from "./blocks.js";

/**
 * Why a lesson starts where it does:
 * - `post`: it is the post's first lesson;
 * - `heading`: the cut fell before a heading (the splitter's first choice);
 * - `rule`: beside a horizontal rule;
 * - `paragraph`: between two blocks of prose, where no heading was close enough;
 * - `piece`: inside one block too long for a lesson (code, a list, a table), cut into pieces.
 */
export type CutReason = "post" | "heading" | "rule" | "paragraph" | "piece";

export interface BlockTiming {
  kind: Block["t"];
  /** The block's line in the post file. */
  line: number;
  /** Reading time by the model, in seconds. */
  seconds: number;
  /** The block's first words, so the author can tell it apart. */
  excerpt: string;
  /** A later piece of a block cut into pieces. */
  continued?: true;
}

export interface LessonLayout {
  cut: CutReason;
  /** The timed blocks of the lesson, in order; their seconds add up to the lesson's. */
  blocks: BlockTiming[];
}

export function lessonLayout(blocks: readonly Block[], seconds: readonly number[], before: Block | undefined): LessonLayout {
  return {
    cut: cutReason(before, blocks[0]),
    blocks: blocks.map((b, i) => ({
      kind: b.t,
      line: b.line,
      seconds: Math.round(seconds[i]! * 10) / 10,
      excerpt: excerpt(b),
      ...("continued" in b && b.continued ? { continued: true as const } : {}),
    })),
  };
}

/** The reason for a cut between `before` and `first`, by the same block kinds chooseCuts weighs. */
function cutReason(before: Block | undefined, first: Block | undefined): CutReason {
  if (!before || !first) return "post";
  if ("continued" in first && first.continued) return "piece";
  if (first.t === "heading") return "heading";
  if (first.t === "hr" || before.t === "hr") return "rule";
  return "paragraph";
}

const EXCERPT_LENGTH = 60;

function excerpt(b: Block): string {
  const text = ((): string => {
    switch (b.t) {
      case "heading":
      case "para":
        return inlineText(b.c);
      case "code":
        return b.code.split("\n").find((l) => l.trim()) ?? "";
      case "math":
        return b.tex;
      case "image":
        return b.alt || b.src;
      case "list":
        return b.items[0]?.[0] ? excerpt(b.items[0][0]) : "";
      case "quote":
      case "footnote":
        return b.c[0] ? excerpt(b.c[0]) : "";
      case "callout":
        return inlineText(b.title) || (b.c[0] ? excerpt(b.c[0]) : "");
      case "details":
        return inlineText(b.summary);
      case "table":
        return (b.rows[0] ?? []).map(inlineText).join(" | ");
      case "hr":
        return "";
      default:
        return b satisfies never;
    }
  })().replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > EXCERPT_LENGTH ? chars.slice(0, EXCERPT_LENGTH - 1).join("").trimEnd() + "…" : text;
}
