/**
 * How kramdown (Jekyll, what the blog's readers see) and CommonMark (GitHub, remark) read a code
 * fence, where they differ. Both close a fence at the first line with a run of the same character
 * at least as long and nothing after it. They differ on what opens one:
 * - kramdown opens a fence only when a closing line follows, and only with at most one word after
 *   the run (its regular expression `\s*?((\S+?)(?:\?\S*)?)?\s*?\n`); otherwise the line is text.
 * - CommonMark opens one whatever follows, up to the end of the document when nothing closes it,
 *   but not a backtick fence whose info string holds a backtick.
 * Pure; lines are given without their container prefix (`> `, indentation).
 */

export interface Fence {
  /** "`" or "~". */
  char: string;
  length: number;
  /** What follows the run on the opening line. */
  info: string;
}

/** The fence a line opens, read loosely (either reading may still refuse it). */
export function fenceAt(rest: string): Fence | null {
  const m = /^(`{3,}|~{3,})(.*)$/.exec(rest);
  return m ? { char: m[1]![0]!, length: m[1]!.length, info: m[2]! } : null;
}

/** A line that closes `fence`: container prefix, the same character at least as often, blanks. */
export function closesFence(line: string, fence: Fence): boolean {
  return new RegExp(`^[ \\t>]*${fence.char === "`" ? "`" : "~"}{${fence.length},}\\s*$`).test(line);
}

/** kramdown takes at most one word after the run. */
export function kramdownTakesInfo(fence: Fence): boolean {
  return /^\s*\S*\s*$/.test(fence.info);
}

/** CommonMark refuses a backtick in a backtick fence's info string. */
export function commonMarkTakesInfo(fence: Fence): boolean {
  return fence.char !== "`" || !fence.info.includes("`");
}

/** The info string as CommonMark must see it to open the fence kramdown opens: its one word, without backticks. */
export function infoForCommonMark(fence: Fence): string {
  return fence.info.trim().replaceAll("`", "");
}

/** "```python" as the author wrote it, for messages. */
export function fenceLabel(fence: Fence): string {
  return `${fence.char.repeat(fence.length)}${fence.info.trim() ? fence.info.trim() : ""}`;
}
