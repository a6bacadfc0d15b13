/**
 * Which line of a text an offset falls on, by binary search over the lines' start offsets.
 *
 * @example new LineIndex("a\nbc\n").lineAt(3) // 1 (0-based: "bc")
 */
export class LineIndex {
  /** Start offset of each line. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.starts.push(i + 1);
  }

  /** The 0-based line holding `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Start offset of 0-based line `line`. */
  start(line: number): number {
    return this.starts[line]!;
  }
}
