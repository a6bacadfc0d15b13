import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { inflateSync } from "node:zlib";
import { MathRenderer, fitBox, withinPhotoLimits, type MathImage, type MathResult } from "../../src/render/math.js";
import { splitTopLevelRows } from "../../src/tex/index.js";

// ---------------------------------------------------------------------------------------------
// A tiny PNG reader (8-bit, non-interlaced) to look at the pixels resvg wrote.

interface Png {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decodePng(buf: Buffer): Png {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("ascii", off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // no interlace
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      expect(channels).toBeGreaterThan(0);
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Luminance of the pixel (alpha-composited on white). */
function lum(png: Png, x: number, y: number): number {
  const i = (y * png.width + x) * png.channels;
  const p = png.pixels;
  const gray = png.channels >= 3 ? (p[i]! * 299 + p[i + 1]! * 587 + p[i + 2]! * 114) / 1000 : p[i]!;
  const alpha = png.channels === 4 ? p[i + 3]! / 255 : png.channels === 2 ? p[i + 1]! / 255 : 1;
  return gray * alpha + 255 * (1 - alpha);
}

/** Bounding box of "ink" pixels (luminance below `threshold`). */
function inkBox(png: Png, threshold = 128, dark = true) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  let count = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const l = lum(png, x, y);
      if (dark ? l < threshold : l > threshold) {
        count++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return { minX, minY, maxX, maxY, count };
}

function expectGoodImage(im: MathImage, cacheDir: string): Png {
  expect(path.isAbsolute(im.file)).toBe(true);
  expect(path.dirname(im.file)).toBe(cacheDir);
  expect(im.file.endsWith(".png")).toBe(true);
  const png = decodePng(readFileSync(im.file));
  expect(png.width).toBe(im.width);
  expect(png.height).toBe(im.height);
  expect(withinPhotoLimits(png.width, png.height)).toBe(true);
  expect(png.width / png.height).toBeLessThanOrEqual(20);
  expect(png.height / png.width).toBeLessThanOrEqual(20);
  expect(png.width + png.height).toBeLessThanOrEqual(10000);
  return png;
}

function images(res: MathResult): MathImage[] {
  if (!res.ok) throw new Error(`render failed: ${res.error}`);
  return res.images;
}

// ---------------------------------------------------------------------------------------------

let cacheDir: string;
let renderer: MathRenderer;

beforeAll(() => {
  cacheDir = mkdtempSync(path.join(tmpdir(), "math-test-"));
  renderer = new MathRenderer({ cacheDir });
});

afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("MathRenderer: rendering", () => {
  it("renders a display formula to a crisp black-on-white PNG with padding", async () => {
    const res = await renderer.render("\\mathcal{L}(\\theta) = -\\sum_{i=1}^{N} y_i \\log \\hat{y}_i", true);
    const [im] = images(res);
    expect(images(res)).toHaveLength(1);
    const png = expectGoodImage(im!, cacheDir);
    // Plausible size at 2x: a one-line formula, a few hundred px wide, under 200 px tall.
    expect(png.width).toBeGreaterThan(150);
    expect(png.width).toBeLessThan(1200);
    expect(png.height).toBeGreaterThan(50);
    expect(png.height).toBeLessThan(250);
    // Background is white, ink is (near) black, and nothing touches the padding (8 px × 2).
    expect(lum(png, 0, 0)).toBeGreaterThan(250);
    expect(lum(png, png.width - 1, png.height - 1)).toBeGreaterThan(250);
    const ink = inkBox(png, 128);
    expect(ink.count).toBeGreaterThan(200);
    const darkest = inkBox(png, 20);
    expect(darkest.count).toBeGreaterThan(50); // solid black strokes, not grey blur
    const pad = 8 * 2 - 2; // allow antialiasing / glyph overshoot of a couple of px
    expect(ink.minX).toBeGreaterThanOrEqual(pad);
    expect(ink.minY).toBeGreaterThanOrEqual(pad);
    expect(png.width - 1 - ink.maxX).toBeGreaterThanOrEqual(pad);
    expect(png.height - 1 - ink.maxY).toBeGreaterThanOrEqual(pad);
  }, 60_000);

  it("renders Vietnamese \\text as glyph paths (NFD input shares the NFC cache entry)", async () => {
    const tex = "P(A \\mid B) = \\text{Xác suất có điều kiện}";
    const a = images(await renderer.render(tex, true));
    const png = expectGoodImage(a[0]!, cacheDir);
    const plain = images(await renderer.render("P(A \\mid B) = \\text{Xac suat co dieu kien}", true));
    const plainPng = decodePng(readFileSync(plain[0]!.file));
    // Diacritics add ink (and height) over the same letters without them.
    expect(inkBox(png).count).toBeGreaterThan(inkBox(plainPng).count);
    expect(png.height).toBeGreaterThanOrEqual(plainPng.height);
    const b = images(await renderer.render(tex.normalize("NFD"), true));
    expect(b[0]!.file).toBe(a[0]!.file);
  }, 30_000);

  it("renders inline formulas", async () => {
    const [im] = images(await renderer.render("\\hat{y} = \\sigma(\\mathbf{w}^T \\mathbf{x} + b)", false));
    expectGoodImage(im!, cacheDir);
  });

  const supported: Array<[string, string]> = [
    ["align", "\\begin{align} a &= b + c \\label{eq:one} \\\\ &= d \\end{align}"],
    ["align*", "\\begin{align*} f(x) &= x^2 \\\\ f'(x) &= 2x \\end{align*}"],
    ["aligned", "\\begin{aligned} x &= 1 \\\\ y &= 2 \\end{aligned}"],
    ["eqnarray", "\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}"],
    ["equation + label", "\\begin{equation} \\label{eq:e} E = mc^2 \\end{equation}"],
    ["equation + tag", "E = mc^2 \\tag{1.2}"],
    ["gather", "\\begin{gather} a = b \\\\ c = d \\end{gather}"],
    ["cases", "f(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{ngược lại} \\end{cases}"],
    ["matrices", "\\begin{matrix} a & b \\end{matrix} \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{bmatrix} a \\\\ b \\end{bmatrix}"],
    ["fonts", "\\mathbf{W} \\boldsymbol{\\theta} \\mathbb{R}^n \\mathcal{L} \\operatorname{softmax}(z)"],
    ["left/right", "\\left( \\frac{a}{b} \\right)^2 \\left\\| x \\right\\|"],
    ["under/over", "\\underset{w}{\\arg\\min} \\; f(w) \\overset{\\text{def}}{=} g \\xrightarrow{n \\to \\infty} 0"],
    ["newcommand", "\\newcommand{\\norm}[1]{\\left\\lVert #1 \\right\\rVert} \\norm{x}_2"],
    ["DeclareMathOperator", "\\DeclareMathOperator*{\\argmax}{arg\\,max} \\argmax_{x} f(x)"],
    ["mathtools", "a \\coloneqq b"],
    ["cancel/color", "\\cancel{x} + \\color{red}{y}"],
    ["XML-special characters", "a < b > c \\text{\"q\" \\& <tag>}"],
  ];
  it.each(supported)("supports %s", async (_name, tex) => {
    const res = await renderer.render(tex, true);
    expect(res).toMatchObject({ ok: true });
    for (const im of images(res)) expectGoodImage(im, cacheDir);
  });
});

describe("MathRenderer: errors", () => {
  it("returns a readable error for a missing brace", async () => {
    const res = await renderer.render("\\frac{a", true);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/close brace/i);
  });

  it("names an undefined control sequence", async () => {
    const res = await renderer.render("x + \\undefinedmacro", true);
    expect(res).toEqual({ ok: false, error: "Undefined control sequence \\undefinedmacro" });
  });

  it("reports mismatched environments and empty input", async () => {
    const res = await renderer.render("\\begin{align} x \\end{aligned}", true);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain("\\begin{align}");
    expect(await renderer.render("   ", true)).toEqual({ ok: false, error: "Empty formula" });
  });

  it("keeps working after errors", async () => {
    await renderer.render("\\frac{", true);
    const res = await renderer.render("a^2 + b^2 = c^2", true);
    expect(res.ok).toBe(true);
  });

  it("check() validates without drawing", async () => {
    const before = renderer.stats.rendered;
    expect(await renderer.check("\\sum_{i=1}^n i = \\frac{n(n+1)}{2}")).toBeNull();
    expect(await renderer.check("\\frac{a")).toMatch(/close brace/i);
    expect(await renderer.check("\\foo")).toBe("Undefined control sequence \\foo");
    expect(renderer.stats.rendered).toBe(before);
  });
});

describe("MathRenderer: macros", () => {
  it("does not leak \\newcommand from one formula into the next", async () => {
    expect((await renderer.render("\\newcommand{\\vx}{\\mathbf{x}} \\vx", true)).ok).toBe(true);
    const res = await renderer.render("\\vx + 1", true);
    expect(res).toEqual({ ok: false, error: "Undefined control sequence \\vx" });
  });

  it("applies a preamble (part of the cache key)", async () => {
    const preamble = "\\newcommand{\\R}{\\mathbb{R}} \\DeclareMathOperator{\\tr}{tr}";
    const a = await renderer.render("x \\in \\R^n, \\tr(A)", true, { preamble });
    expect(a.ok).toBe(true);
    expect(await renderer.check("\\R", true, { preamble })).toBeNull();
    expect(await renderer.check("\\R")).toBe("Undefined control sequence \\R");
  });
});

describe("MathRenderer: cache", () => {
  it("a cache hit returns the same file without re-rendering", async () => {
    const tex = "\\nabla_\\theta J(\\theta) = \\mathbb{E}[\\nabla_\\theta \\log \\pi_\\theta(a \\mid s)]";
    const first = images(await renderer.render(tex, true));
    const mtime = statSync(first[0]!.file).mtimeMs;
    // A fresh renderer on the same directory: served from disk.
    const again = new MathRenderer({ cacheDir });
    const second = await again.render(tex, true);
    expect(second).toEqual({ ok: true, images: first });
    expect(again.stats).toEqual({ hits: 1, misses: 0, rendered: 0 });
    expect(statSync(first[0]!.file).mtimeMs).toBe(mtime);
    // Display vs inline and a different style are different entries.
    const inline = images(await again.render(tex, false));
    expect(inline[0]!.file).not.toBe(first[0]!.file);
    const dark = new MathRenderer({ cacheDir, style: { foreground: "#fff", background: "#000" } });
    const darkIm = images(await dark.render(tex, true));
    expect(darkIm[0]!.file).not.toBe(first[0]!.file);
    const png = decodePng(readFileSync(darkIm[0]!.file));
    expect(lum(png, 0, 0)).toBeLessThan(5);
    expect(inkBox(png, 200, false).count).toBeGreaterThan(100); // white ink
  });

  it("deduplicates concurrent renders of the same formula", async () => {
    const r = new MathRenderer({ cacheDir: mkdtempSync(path.join(tmpdir(), "math-test-dedupe-")) });
    const tex = "\\int_0^1 x^2 \\, dx = \\tfrac13";
    const results = await Promise.all([r.render(tex, true), r.render(tex, true), r.render(tex, true)]);
    expect(results[1]).toEqual(results[0]);
    expect(r.stats.rendered).toBe(1);
    rmSync(r.cacheDir, { recursive: true, force: true });
  });

  it("a cache hit does not load MathJax (fresh process)", async () => {
    const tex = "a^2 + b^2 = c^2";
    expect((await renderer.render(tex, true)).ok).toBe(true);
    const here = path.dirname(new URL(import.meta.url).pathname);
    const mod = path.resolve(here, "../../src/render/math.ts");
    const script = path.join(cacheDir, "probe.mts");
    writeFileSync(
      script,
      `import { MathRenderer, isMathJaxLoaded } from ${JSON.stringify(mod)};\n` +
        `const r = new MathRenderer({ cacheDir: ${JSON.stringify(cacheDir)} });\n` +
        `const res = await r.render(${JSON.stringify(tex)}, true);\n` +
        `console.log(JSON.stringify({ ok: res.ok, loaded: isMathJaxLoaded(), stats: r.stats }));\n`,
    );
    const out = execFileSync(process.execPath, ["--import", "tsx", script], {
      cwd: path.resolve(here, "../.."),
      encoding: "utf8",
    });
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({
      ok: true,
      loaded: false,
      stats: { hits: 1, misses: 0, rendered: 0 },
    });
  }, 30_000);
});

describe("MathRenderer: Telegram photo limits", () => {
  const terms = (n: number, v: string) => Array.from({ length: n }, (_, i) => `${v}_{${i + 1}}`).join(" + ");

  it("splits an over-wide aligned formula into rows, every image within limits", async () => {
    const tex = `\\begin{aligned} L &= ${terms(45, "a")} \\\\ &= ${terms(45, "b")} \\\\ &= ${terms(45, "c")} \\end{aligned}`;
    const ims = images(await renderer.render(tex, true));
    expect(ims).toHaveLength(3);
    for (const im of ims) {
      const png = expectGoodImage(im, cacheDir);
      expect(inkBox(png).count).toBeGreaterThan(1000);
    }
    expect(new Set(ims.map((i) => i.file)).size).toBe(3);
  }, 30_000);

  it("splits an over-wide align with \\label/\\tag rows", async () => {
    const tex = `\\begin{align} L &= ${terms(45, "a")} \\label{eq:long} \\\\ &= ${terms(45, "b")} \\tag{2} \\\\ &= 0 \\nonumber \\end{align}`;
    const ims = images(await renderer.render(tex, true));
    expect(ims.length).toBeGreaterThanOrEqual(2);
    for (const im of ims) expectGoodImage(im, cacheDir);
  }, 30_000);

  it("pads a very long one-line formula to aspect ratio 20", async () => {
    const ims = images(await renderer.render(`f(x) = ${terms(80, "x")}`, true));
    expect(ims).toHaveLength(1);
    const png = expectGoodImage(ims[0]!, cacheDir);
    expect(png.width / png.height).toBeGreaterThan(19.5);
    expect(inkBox(png).count).toBeGreaterThan(1000);
  }, 30_000);

  it("scales down a formula that would exceed width + height 10000", async () => {
    const ims = images(await renderer.render(`f(x) = ${terms(400, "x")}`, true));
    expect(ims).toHaveLength(1);
    const png = expectGoodImage(ims[0]!, cacheDir);
    expect(png.width + png.height).toBeGreaterThan(9000);
  }, 60_000);

  it("groups the rows of a very tall aligned formula", async () => {
    const rows = Array.from({ length: 90 }, (_, i) => `x_{${i}} &= ${i}`).join(" \\\\ ");
    const ims = images(await renderer.render(`\\begin{aligned} ${rows} \\end{aligned}`, true));
    expect(ims.length).toBeGreaterThanOrEqual(2);
    expect(ims.length).toBeLessThan(10);
    for (const im of ims) expectGoodImage(im, cacheDir);
  }, 60_000);

  it("fitBox always lands inside the limits", () => {
    for (const [w, h] of [[10, 10], [5000, 20], [20, 5000], [100000, 30], [30, 100000], [6000, 6000], [1, 1]] as const) {
      for (const scale of [1, 2, 3]) {
        const { W, H } = fitBox(w, h, 8, scale);
        expect(withinPhotoLimits(W, H)).toBe(true);
      }
    }
  });

  it("finds top-level rows", () => {
    expect(splitTopLevelRows("\\begin{align*} a &= b \\\\ c &= d \\end{align*}")?.rows).toEqual(["a &= b", "c &= d"]);
    expect(splitTopLevelRows("\\begin{equation}\\begin{split} a &= b \\\\[2pt] &= c \\end{split}\\end{equation}")?.rows).toEqual([
      "a &= b",
      "&= c",
    ]);
    expect(splitTopLevelRows("a = b \\\\ c = d")?.rows).toEqual(["a = b", "c = d"]);
    expect(splitTopLevelRows("\\begin{aligned} \\begin{cases} 1 \\\\ 2 \\end{cases} \\end{aligned}")).toBeNull();
    expect(splitTopLevelRows("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}")).toBeNull();
    expect(splitTopLevelRows("x = \\begin{aligned} a \\\\ b \\end{aligned}")).toBeNull();
    expect(splitTopLevelRows("\\text{a \\\\ b}")).toBeNull();
    const split = splitTopLevelRows("\\begin{alignat}{2} a &= b &\\quad c &= d \\\\ e &= f & g &= h \\end{alignat}");
    expect(split?.wrap(["a &= b"])).toBe("\\begin{alignedat}{2}a &= b\\end{alignedat}");
  });
});
