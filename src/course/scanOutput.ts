/**
 * The bookkeeping of the pre-scanner: the source, the position in it, the Markdown written so
 * far and, for every line written, the line of the author's file it came from; problems found
 * on the way are reported at that line.
 */
import type { Problem } from "../contract/lessons.js";
import { LineIndex } from "../text/lineIndex.js";
import { lineEnd } from "../text/lines.js";

export abstract class ScanOutput {
  protected out = "";
  /** lineMap[i] is the original 1-based line of output line i (0-based). */
  protected lineMap: number[];
  protected pos = 0;
  protected problems: Problem[] = [];
  protected readonly src: string;
  private readonly lines: LineIndex;

  constructor(
    text: string,
    protected readonly file: string,
    /** 1-based line of the first character of `text` in the original file. */
    protected readonly firstLine: number,
    /** Line i of `text` comes from line lineOrigin[i] of the file's text (an earlier pass removed lines). */
    private readonly lineOrigin?: readonly number[],
  ) {
    this.src = text.replace(/\r\n?/g, "\n");
    this.lines = new LineIndex(this.src);
    this.lineMap = [firstLine + (lineOrigin?.[0] ?? 0)];
  }

  /** The author's 1-based line of `offset`. */
  protected lineOf(offset: number): number {
    const i = this.lines.lineAt(offset);
    return (this.lineOrigin?.[i] ?? i) + this.firstLine;
  }

  /** Start offset of the input line holding `offset`. */
  protected lineStartOf(offset: number): number {
    return this.lines.start(this.lines.lineAt(offset));
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
