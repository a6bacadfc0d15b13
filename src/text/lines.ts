/** Offset of the newline that ends the line holding `from` (the text's length on the last line). */
export function lineEnd(src: string, from: number): number {
  const e = src.indexOf("\n", from);
  return e < 0 ? src.length : e;
}
