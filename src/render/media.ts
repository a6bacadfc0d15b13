/**
 * The images a rendered course sends, under OUT/media: formula PNGs hard-linked from the math cache,
 * and the author's figures made fit for a chat — SVG drawn to PNG, transparent figures laid on an
 * opaque light background (black axes on a transparent PNG vanish in a dark theme), pictures outside
 * Telegram's photo limits padded into them. The author's own files are never written: a figure that
 * needs no change is linked, any other is a new file.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { createHash } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { PHOTO_LIMITS, withinPhotoLimits } from "./math.js";

export const FIGURE_BACKGROUND = "#ffffff";

export interface ImageInfo {
  format: "png" | "jpeg" | "gif" | "webp" | "svg" | "other";
  width: number;
  height: number;
  /** The file can show transparent pixels. */
  alpha: boolean;
}

/** Format, size and transparency from the file's header (no decoding). */
export function imageInfo(buf: Buffer, name = ""): ImageInfo {
  const none: ImageInfo = { format: "other", width: 0, height: 0, alpha: false };
  if (buf.length >= 33 && buf.readUInt32BE(0) === 0x89504e47) {
    const colorType = buf[25]!;
    // Colour types 4 and 6 carry alpha; a tRNS chunk gives other types a transparent colour.
    const trns = buf.indexOf("tRNS", 12, "latin1");
    const alpha = colorType === 4 || colorType === 6 || (trns > 0 && trns < buf.indexOf("IDAT", 12, "latin1"));
    return { format: "png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), alpha };
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length && buf[i] === 0xff) {
      const marker = buf[i + 1]!;
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: "jpeg", width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5), alpha: false };
      }
      i += 2 + len;
    }
    return { ...none, format: "jpeg" };
  }
  if (buf.length >= 10 && buf.toString("latin1", 0, 3) === "GIF") {
    // A Graphic Control Extension with its transparency flag set.
    let alpha = false;
    for (let i = buf.indexOf(Buffer.from([0x21, 0xf9, 0x04])); i >= 0 && i + 4 < buf.length; i = buf.indexOf(Buffer.from([0x21, 0xf9, 0x04]), i + 1)) {
      if ((buf[i + 3]! & 1) === 1) alpha = true;
    }
    return { format: "gif", width: buf.readUInt16LE(6), height: buf.readUInt16LE(8), alpha };
  }
  if (buf.length >= 30 && buf.toString("latin1", 0, 4) === "RIFF" && buf.toString("latin1", 8, 12) === "WEBP") {
    return { ...none, format: "webp" };
  }
  if (/\.svg$/i.test(name)) return { ...none, format: "svg", alpha: true };
  return none;
}

/** Copies images under OUT/media, each once; returns paths relative to OUT. */
export class MediaWriter {
  private readonly done = new Map<string, string>();
  /** Figures that were given a background or padded (a new file, not a link). */
  readonly prepared: string[] = [];

  constructor(private readonly outDir: string) {}

  add(file: string, kind: "img" | "math"): string {
    const known = this.done.get(file);
    if (known) return known;
    const rel = kind === "math" ? this.link(file, join("media", "math", basename(file))) : this.figure(file);
    this.done.set(file, rel);
    return rel;
  }

  private figure(file: string): string {
    const raw = readFileSync(file);
    // Named by path and bytes: an edited figure gets a new file, the old one stays for what still uses it.
    const hash = createHash("sha1").update(file).update("\0").update(raw).digest("hex").slice(0, 10);
    const stem = `${basename(file, extname(file))}-${hash}`;
    const isSvg = extname(file).toLowerCase() === ".svg";
    if (isSvg) {
      return this.write(join("media", "img", `${stem}.png`), () =>
        new Resvg(raw, { fitTo: { mode: "zoom", value: 2 }, background: FIGURE_BACKGROUND }).render().asPng(),
      );
    }
    const info = imageInfo(raw, file);
    const drawable = info.format === "png" || info.format === "gif" || info.format === "jpeg";
    const fits = info.width === 0 || withinPhotoLimits(info.width, info.height);
    if (drawable && info.width > 0 && (info.alpha || !fits)) {
      return this.write(join("media", "img", `${stem}.png`), () => opaqueFigure(raw, info));
    }
    return this.link(file, join("media", "img", `${stem}${extname(file)}`));
  }

  private link(file: string, rel: string): string {
    const dest = join(this.outDir, rel);
    if (!existsSync(dest)) {
      mkdirSync(dirname(dest), { recursive: true });
      // A hard link costs nothing when the source and the output share a file system.
      try {
        linkSync(file, dest);
      } catch {
        copyFileSync(file, dest);
      }
    }
    return rel.split(sep).join("/");
  }

  private write(rel: string, make: () => Buffer): string {
    const dest = join(this.outDir, rel);
    if (!existsSync(dest)) {
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, make());
      this.prepared.push(rel);
    }
    return relative(this.outDir, dest).split(sep).join("/");
  }
}

/**
 * The picture on an opaque light background, centred on a canvas padded to Telegram's photo limits
 * (aspect ≤ 20, width + height ≤ 10000; scaled down only when padding cannot reach them).
 */
function opaqueFigure(raw: Buffer, info: ImageInfo): Buffer {
  let { width: w, height: h } = info;
  let scale = 1;
  if (w + h > PHOTO_LIMITS.maxSum * 0.95) scale = (PHOTO_LIMITS.maxSum * 0.95) / (w + h) / 1.05;
  const iw = Math.max(1, Math.round(w * scale));
  const ih = Math.max(1, Math.round(h * scale));
  let W = iw;
  let H = ih;
  if (W > PHOTO_LIMITS.maxAspect * H) H = Math.ceil(W / PHOTO_LIMITS.maxAspect);
  if (H > PHOTO_LIMITS.maxAspect * W) W = Math.ceil(H / PHOTO_LIMITS.maxAspect);
  w = iw;
  h = ih;
  const mime = info.format === "jpeg" ? "image/jpeg" : `image/${info.format}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}">` +
    `<rect width="${W}" height="${H}" fill="${FIGURE_BACKGROUND}"/>` +
    `<image x="${(W - w) / 2}" y="${(H - h) / 2}" width="${w}" height="${h}" preserveAspectRatio="none" xlink:href="data:${mime};base64,${raw.toString("base64")}"/></svg>`;
  return new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng();
}
