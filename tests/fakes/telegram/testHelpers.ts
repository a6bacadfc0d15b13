/** Shared pieces of the fake's own tests: PNG files of a chosen size, and the error grammY throws. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { GrammyError } from "grammy";

/** A real PNG of width × height pixels, drawn by resvg. */
export function pngBytes(width: number, height: number, colour = "#3a7"): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="${colour}"/></svg>`;
  return Buffer.from(new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng());
}

/** Writes a PNG into a fresh temporary folder and returns its path. */
export function pngFile(width: number, height: number, colour?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tgfake-"));
  const file = join(dir, `${width}x${height}.png`);
  writeFileSync(file, pngBytes(width, height, colour));
  return file;
}

/** The GrammyError a call rejected with (fails the test when it resolved or failed otherwise). */
export async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (e) {
    if (e instanceof GrammyError) return e;
    throw e;
  }
  throw new Error("the call succeeded; an error was expected");
}
