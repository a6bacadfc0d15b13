/**
 * The bookkeeping of the pre-scanner: the source, the position in it, the Markdown written so
 * far and, for every line written, the line of the author's file it came from; problems found
 * on the way are reported at that line.
 */
import type { Problem } from "../contract/lessons.js";
import { lineEnd } from "../text/lines.js";

export abstract class ScanOutput {
  protected out = "";
  /** lineMap[i] is the original 1-based line of output line i (0-based). */
  protected lineMap: number[];
  protected pos = 0;
  protected problems: Problem[] = [];
  protected readonly src: string;
  /** Start offset of each input line. */
  private readonly lineStarts: number[] = [0];

  constructor(
    text: string,
    protected readonly file: string,
    /** 1-based line of the first character of `text` in the original file. */
    protected readonly firstLine: number,
  ) {
    this.src = text.replace(/\r\n?/g, "\n");
    for (let i = 0; i < this.src.length; i++) if (this.src[i] === "\n") this.lineStarts.push(i + 1);
    this.lineMap = [firstLine];
  }

  protected lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + this.firstLine;
  }

  /** Start offset of the input line holding `offset`. */
  protected lineStartOf(offset: number): number {
    return this.lineStarts[this.lineOf(offset) - this.firstLine]!;
  }

  /** Append output; every newline written maps the next output line to the input line at `pos`. */
  protected emit(s: string): void {
    for (const ch of s) {
      this.out += ch;
      if (ch === "\n") this.lineMap.push(this.lineOf(Math.min(this.pos, this.src.length - 1)));
    }
  }

  protected report(offset: number, severity: Problem["severity"], message: string): void {
    this.problems.push({ file: this.file, line: this.lineOf(offset), severity, message });
  }

  protected atLineStart(): boolean {
    return this.pos === 0 || this.src[this.pos - 1] === "\n";
  }

  protected lineEnd(from: number): number {
    return lineEnd(this.src, from);
  }

  /** Consume through the end of the current line (including the newline). */
  protected skipLine(): void {
    const e = this.lineEnd(this.pos);
    this.pos = Math.min(e + 1, this.src.length);
  }

  /** Drop the text up to `stop` but keep its newlines, so lines do not shift. */
  protected blankOut(stop: number): void {
    const n = (this.src.slice(this.pos, stop).match(/\n/g) ?? []).length;
    this.pos = stop;
    for (let i = 0; i < n; i++) this.emit("\n");
  }
}
