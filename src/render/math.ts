/**
 * TeX → PNG for chat messages (Telegram photos, Discord attachments), fully offline.
 *
 * Pipeline: NFC-normalized TeX → MathJax 4 (`@mathjax/src`, direct API, TeX input with nearly all
 * packages, SVG output with `fontCache: "none"` and the mathjax-newcm font whose glyph ranges load
 * from node_modules) → our own outer SVG (padding, photo-limit fitting, colours) → @resvg/resvg-js
 * PNG. Results are cached on disk by a sha256 of (TeX, display, style); a cache hit never loads
 * MathJax.
 *
 * Telegram photo limits (Bot API, sendPhoto): aspect ratio ≤ 20 and width + height ≤ 10000. Every
 * image returned here satisfies them: formulas with top-level rows are split into row groups when
 * the whole does not fit, remaining too-wide or too-tall pieces are padded with background, and
 * anything still too large is scaled down.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";

import type { LiteAdaptor } from "@mathjax/src/js/adaptors/liteAdaptor.js";
import type { LiteElement } from "@mathjax/src/js/adaptors/lite/Element.js";
import type { LiteDocument } from "@mathjax/src/js/adaptors/lite/Document.js";
import type { LiteText } from "@mathjax/src/js/adaptors/lite/Text.js";
import type { MathDocument } from "@mathjax/src/js/core/MathDocument.js";
import type { TeX } from "@mathjax/src/js/input/tex.js";
import type { SVG } from "@mathjax/src/js/output/svg.js";
import type { BegingroupStack } from "@mathjax/src/js/input/tex/begingroup/BegingroupStack.js";
import { splitTopLevelRows, stripLabels, stripRequires } from "../tex/index.js";

// ---------------------------------------------------------------------------------------------
// Public API

export interface MathStyle {
  /** Pixel zoom of the PNG (default 2). */
  scale?: number;
  /** Padding around the formula in px at scale 1 (default 8). */
  padding?: number;
  /** Formula colour (default "#000"). */
  foreground?: string;
  /** Background colour (default "#fff"; "transparent" is allowed). */
  background?: string;
}

export interface MathImage {
  /** Absolute path of the PNG in the cache dir. */
  file: string;
  width: number;
  height: number;
}

export type MathResult =
  | { ok: true; images: MathImage[] }
  | { ok: false; error: string /* readable, e.g. "Undefined control sequence \\foo" */ };

export interface MathRenderOptions {
  /**
   * TeX definitions (`\newcommand`, `\DeclareMathOperator`, `\def`, …) to apply before the formula,
   * e.g. the macros a blog post defines once at its top. Part of the cache key. Definitions never
   * leak from one render call to the next.
   */
  preamble?: string;
}

/** Telegram photo limits: aspect ratio ≤ 20, width + height ≤ 10000. */
export const PHOTO_LIMITS = { maxAspect: 20, maxSum: 10000 } as const;

/** True when `width × height` satisfies {@link PHOTO_LIMITS}. */
export function withinPhotoLimits(width: number, height: number): boolean {
  return (
    width >= 1 &&
    height >= 1 &&
    width <= PHOTO_LIMITS.maxAspect * height &&
    height <= PHOTO_LIMITS.maxAspect * width &&
    width + height <= PHOTO_LIMITS.maxSum
  );
}

/** Whether MathJax has been loaded in this process (it loads lazily on the first cache miss). */
export function isMathJaxLoaded(): boolean {
  return engineLoaded;
}

export class MathRenderer {
  readonly cacheDir: string;
  readonly style: Readonly<Required<MathStyle>>;
  /** Counters, handy for tests and logs. `rendered` counts PNGs actually drawn. */
  readonly stats = { hits: 0, misses: 0, rendered: 0 };

  private readonly inflight = new Map<string, Promise<MathResult>>();
  private dirReady: Promise<void> | null = null;

  constructor(opts: { cacheDir: string; style?: MathStyle }) {
    this.cacheDir = path.resolve(opts.cacheDir);
    this.style = resolveStyle(opts.style);
  }

  /** display=true for display math; inline for inline formulas that Unicode cannot write. */
  render(tex: string, display: boolean, opts: MathRenderOptions = {}): Promise<MathResult> {
    const norm = normalizeTex(tex);
    const preamble = normalizeTex(opts.preamble ?? "");
    if (!norm) return Promise.resolve({ ok: false, error: "Empty formula" });
    const key = cacheKey(norm, display, this.style, preamble);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.renderKeyed(key, norm, display, preamble).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** Parse-only validation (no PNG); null when fine, else the error message. */
  async check(tex: string, display = true, opts: MathRenderOptions = {}): Promise<string | null> {
    const norm = normalizeTex(tex);
    if (!norm) return "Empty formula";
    const engine = await getEngine();
    try {
      await engine.compile(withPreamble(normalizeTex(opts.preamble ?? ""), norm), display);
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  }

  // -------------------------------------------------------------------------------------------

  private async renderKeyed(key: string, norm: string, display: boolean, preamble: string): Promise<MathResult> {
    const cached = await this.readCache(key);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const engine = await getEngine();

    let pieces: SvgPiece[];
    try {
      pieces = await layoutPieces(engine, norm, display, preamble, this.style);
    } catch (err) {
      const result: MathResult = { ok: false, error: errorMessage(err) };
      if (engine.isTexError(err)) await this.writeManifest(key, { v: CACHE_VERSION, ok: false, error: result.error });
      return result;
    }

    await this.ensureDir();
    const images: MathImage[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      let png: { data: Buffer; width: number; height: number };
      let width: number;
      let height: number;
      try {
        const composed = composeSvg(piece, this.style);
        ({ width, height } = composed);
        png = await rasterize(composed.svg, this.style.background, piece.hasText);
      } catch (err) {
        return { ok: false, error: `Could not draw the formula: ${errorMessage(err)}` };
      }
      this.stats.rendered++;
      if (png.width !== width || png.height !== height || !withinPhotoLimits(png.width, png.height)) {
        // Should be impossible; never hand out an image that Telegram would refuse.
        return { ok: false, error: `Internal error: rendered ${png.width}×${png.height} outside photo limits` };
      }
      const name = pieces.length === 1 ? `${key}.png` : `${key}-${i + 1}.png`;
      const file = path.join(this.cacheDir, name);
      await writeAtomic(file, png.data);
      images.push({ file, width: png.width, height: png.height });
    }
    await this.writeManifest(key, {
      v: CACHE_VERSION,
      ok: true,
      images: images.map((im) => ({ name: path.basename(im.file), width: im.width, height: im.height })),
    });
    return { ok: true, images };
  }

  private async readCache(key: string): Promise<MathResult | null> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fsp.readFile(path.join(this.cacheDir, `${key}.json`), "utf8")) as Manifest;
    } catch {
      return null;
    }
    if (manifest.v !== CACHE_VERSION) return null;
    if (!manifest.ok) return typeof manifest.error === "string" ? { ok: false, error: manifest.error } : null;
    if (!Array.isArray(manifest.images) || manifest.images.length === 0) return null;
    const images: MathImage[] = [];
    for (const im of manifest.images) {
      const file = path.join(this.cacheDir, path.basename(String(im.name)));
      try {
        const st = await fsp.stat(file);
        if (!st.isFile() || st.size === 0) return null;
      } catch {
        return null;
      }
      images.push({ file, width: im.width, height: im.height });
    }
    return { ok: true, images };
  }

  private async writeManifest(key: string, manifest: Manifest): Promise<void> {
    await this.ensureDir();
    await writeAtomic(path.join(this.cacheDir, `${key}.json`), JSON.stringify(manifest));
  }

  private ensureDir(): Promise<void> {
    if (!this.dirReady) {
      this.dirReady = fsp.mkdir(this.cacheDir, { recursive: true }).then(() => undefined);
      this.dirReady.catch(() => (this.dirReady = null));
    }
    return this.dirReady;
  }
}

// ---------------------------------------------------------------------------------------------
// TeX preparation

/**
 * NFC, trimmed, `\label{…}` and `\require{…}` removed (labels mean nothing in an image and clash
 * across formulas; every package is loaded already).
 */
export function normalizeTex(tex: string): string {
  return stripRequires(stripLabels(tex.normalize("NFC"))).trim();
}

function withPreamble(preamble: string, tex: string): string {
  return preamble ? `${preamble}\n${tex}` : tex;
}

// ---------------------------------------------------------------------------------------------
// Layout: whole formula or row groups, each fitted into the photo limits

/** CSS px per em at scale 1 (MathJax in a browser with 16 px text shows math at about this size). */
const EM_PX = 18;
/** Extra room (px, scale 1) around an equation number when MathJax lays it out at 100 % width. */
const TAG_GAP_PX = 2 * EM_PX;
const CACHE_VERSION = 2; // 2: frames and rules stroked, not filled

interface SvgPiece {
  /** The MathJax `<svg>` element, with width/height set to content size in px at scale 1. */
  markup: string;
  width: number;
  height: number;
  /** Contains `<text>` (characters missing from the math font): needs system fonts in resvg. */
  hasText: boolean;
}

function naturalSize(piece: SvgPiece, style: Required<MathStyle>): { W: number; H: number } {
  return {
    W: Math.ceil((piece.width + 2 * style.padding) * style.scale - 1e-6),
    H: Math.ceil((piece.height + 2 * style.padding) * style.scale - 1e-6),
  };
}

function fitsNaturally(piece: SvgPiece, style: Required<MathStyle>): boolean {
  const { W, H } = naturalSize(piece, style);
  return withinPhotoLimits(W, H);
}

async function layoutPieces(
  engine: Engine,
  norm: string,
  display: boolean,
  preamble: string,
  style: Required<MathStyle>,
): Promise<SvgPiece[]> {
  const whole = await engine.toSvg(withPreamble(preamble, norm), display);
  if (fitsNaturally(whole, style)) return [whole];
  const split = splitTopLevelRows(norm);
  if (!split) return [whole];
  try {
    const rows = split.rows;
    const render = (group: string[]) => engine.toSvg(withPreamble(preamble, split.wrap(group)), display);
    // Rows carrying an equation number stay alone (one \tag per image).
    const tagged = rows.map((r) => /\\tag\b/.test(r));
    const single: SvgPiece[] = [];
    for (const row of rows) single.push(await render([row]));
    const pieces: SvgPiece[] = [];
    let i = 0;
    while (i < rows.length) {
      // Estimate from the single-row sizes how many following rows the group can take while it
      // still fits without padding or scaling, then verify with a real render (shrinking if needed).
      let j = i + 1;
      let w = single[i]!.width;
      let h = single[i]!.height;
      if (fitsNaturally(single[i]!, style) && !tagged[i]) {
        while (j < rows.length && !tagged[j]) {
          const w2 = Math.max(w, single[j]!.width);
          const h2 = h + single[j]!.height;
          if (!fitsNaturally({ markup: "", width: w2, height: h2, hasText: false }, style)) break;
          w = w2;
          h = h2;
          j++;
        }
      }
      let best = single[i]!;
      while (j - i > 1) {
        const candidate = await render(rows.slice(i, j));
        if (fitsNaturally(candidate, style)) {
          best = candidate;
          break;
        }
        j--;
      }
      if (j - i <= 1) j = i + 1;
      pieces.push(best);
      i = j;
    }
    return pieces;
  } catch {
    // A row that does not parse on its own (e.g. \intertext, a brace spanning rows): keep the whole.
    return [whole];
  }
}

/** Fit `w × h` (px at scale 1) plus padding into the photo limits; returns pixel size and zoom. */
export function fitBox(w: number, h: number, padding: number, scale: number): { W: number; H: number; k: number } {
  let k = scale;
  for (let iter = 0; iter < 100; iter++) {
    let W = Math.max(1, Math.ceil((w + 2 * padding) * k - 1e-6));
    let H = Math.max(1, Math.ceil((h + 2 * padding) * k - 1e-6));
    if (W > PHOTO_LIMITS.maxAspect * H) H = Math.ceil(W / PHOTO_LIMITS.maxAspect);
    if (H > PHOTO_LIMITS.maxAspect * W) W = Math.ceil(H / PHOTO_LIMITS.maxAspect);
    if (W + H <= PHOTO_LIMITS.maxSum) return { W, H, k };
    k *= (PHOTO_LIMITS.maxSum / (W + H)) * 0.995;
  }
  throw new Error("Formula too large to fit the photo limits");
}

function composeSvg(piece: SvgPiece, style: Required<MathStyle>): { svg: string; width: number; height: number } {
  const { W, H, k } = fitBox(piece.width, piece.height, style.padding, style.scale);
  const vw = W / k;
  const vh = H / k;
  const x = (vw - piece.width) / 2;
  const y = (vh - piece.height) / 2;
  const fg = style.foreground;
  const inner = piece.markup.replace(/currentColor/g, fg);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${num(vw)} ${num(vh)}">` +
    `<g transform="translate(${num(x)},${num(y)})" color="${fg}">${inner}</g></svg>`;
  return { svg, width: W, height: H };
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

// ---------------------------------------------------------------------------------------------
// PNG

type ResvgModule = typeof import("@resvg/resvg-js");
let resvgModule: Promise<ResvgModule> | null = null;

async function rasterize(svg: string, background: string, hasText: boolean): Promise<{ data: Buffer; width: number; height: number }> {
  resvgModule ??= import("@resvg/resvg-js");
  const { renderAsync } = await resvgModule;
  // Drawn on libuv's thread pool: while one formula is rasterized, MathJax lays out the next.
  const image = await renderAsync(svg, {
    fitTo: { mode: "original" },
    background: background === "transparent" ? undefined : background,
    // All glyphs are paths; system fonts only matter for characters missing from the math font.
    font: { loadSystemFonts: hasText },
    logLevel: "off",
  });
  return { data: image.asPng(), width: image.width, height: image.height };
}

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await fsp.writeFile(tmp, data);
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Cache key and style

type Manifest =
  | { v: number; ok: true; images: Array<{ name: string; width: number; height: number }> }
  | { v: number; ok: false; error: string };

function cacheKey(norm: string, display: boolean, style: Required<MathStyle>, preamble: string): string {
  const h = createHash("sha256");
  h.update(
    JSON.stringify({
      v: CACHE_VERSION,
      tex: norm,
      display,
      preamble,
      style: [style.scale, style.padding, style.foreground, style.background],
    }),
  );
  return h.digest("hex");
}

const COLOR_RE = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\))$/;

function resolveStyle(style: MathStyle = {}): Readonly<Required<MathStyle>> {
  const scale = style.scale ?? 2;
  const padding = style.padding ?? 8;
  const foreground = (style.foreground ?? "#000").trim();
  const background = (style.background ?? "#fff").trim();
  if (!(scale > 0 && scale <= 16)) throw new RangeError(`MathStyle.scale must be in (0, 16], got ${scale}`);
  if (!(padding >= 0 && padding <= 500)) throw new RangeError(`MathStyle.padding must be in [0, 500], got ${padding}`);
  for (const [k, v] of [["foreground", foreground], ["background", background]] as const) {
    if (!COLOR_RE.test(v)) throw new RangeError(`MathStyle.${k} is not a CSS colour: ${JSON.stringify(v)}`);
  }
  return Object.freeze({ scale, padding, foreground, background });
}

function errorMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err && typeof (err as { message: unknown }).message === "string") {
    const msg = (err as { message: string }).message.trim();
    if (msg) return msg;
  }
  return String(err) || "Unknown error";
}

// ---------------------------------------------------------------------------------------------
// MathJax engine: one per process, loaded lazily

/**
 * TeX packages: everything MathJax 4 ships minus
 *  - noundefined, noerrors (they hide errors), autoload, require, setoptions (need the component
 *    loader), colorv2 (conflicts with color), fontsizev3 (v3 compatibility), texhtml (raw HTML);
 *  - physics and bboldx: they redefine standard macros (\div becomes divergence, \Re/\Im become
 *    "Re"/"Im", \mathbb changes glyphs), which would render blog formulas differently from the
 *    default MathJax setup the posts were written against.
 */
const PACKAGES = [
  "base", "action", "ams", "amscd", "bbm", "bbox", "begingroup", "boldsymbol", "braket", "bussproofs",
  "cancel", "cases", "centernot", "color", "colortbl", "configmacros", "dsfont", "empheq", "enclose",
  "extpfeil", "gensymb", "html", "mathtools", "mhchem", "newcommand", "tagformat", "textcomp",
  "textmacros", "unicode", "units", "upgreek", "verb",
];

async function importPackages(): Promise<void> {
  await Promise.all([
    import("@mathjax/src/js/input/tex/base/BaseConfiguration.js"),
    import("@mathjax/src/js/input/tex/action/ActionConfiguration.js"),
    import("@mathjax/src/js/input/tex/ams/AmsConfiguration.js"),
    import("@mathjax/src/js/input/tex/amscd/AmsCdConfiguration.js"),
    import("@mathjax/src/js/input/tex/bbm/BbmConfiguration.js"),
    import("@mathjax/src/js/input/tex/bbox/BboxConfiguration.js"),
    import("@mathjax/src/js/input/tex/begingroup/BegingroupConfiguration.js"),
    import("@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js"),
    import("@mathjax/src/js/input/tex/braket/BraketConfiguration.js"),
    import("@mathjax/src/js/input/tex/bussproofs/BussproofsConfiguration.js"),
    import("@mathjax/src/js/input/tex/cancel/CancelConfiguration.js"),
    import("@mathjax/src/js/input/tex/cases/CasesConfiguration.js"),
    import("@mathjax/src/js/input/tex/centernot/CenternotConfiguration.js"),
    import("@mathjax/src/js/input/tex/color/ColorConfiguration.js"),
    import("@mathjax/src/js/input/tex/colortbl/ColortblConfiguration.js"),
    import("@mathjax/src/js/input/tex/configmacros/ConfigMacrosConfiguration.js"),
    import("@mathjax/src/js/input/tex/dsfont/DsfontConfiguration.js"),
    import("@mathjax/src/js/input/tex/empheq/EmpheqConfiguration.js"),
    import("@mathjax/src/js/input/tex/enclose/EncloseConfiguration.js"),
    import("@mathjax/src/js/input/tex/extpfeil/ExtpfeilConfiguration.js"),
    import("@mathjax/src/js/input/tex/gensymb/GensymbConfiguration.js"),
    import("@mathjax/src/js/input/tex/html/HtmlConfiguration.js"),
    import("@mathjax/src/js/input/tex/mathtools/MathtoolsConfiguration.js"),
    import("@mathjax/src/js/input/tex/mhchem/MhchemConfiguration.js"),
    import("@mathjax/src/js/input/tex/newcommand/NewcommandConfiguration.js"),
    import("@mathjax/src/js/input/tex/tagformat/TagFormatConfiguration.js"),
    import("@mathjax/src/js/input/tex/textcomp/TextcompConfiguration.js"),
    import("@mathjax/src/js/input/tex/textmacros/TextMacrosConfiguration.js"),
    import("@mathjax/src/js/input/tex/unicode/UnicodeConfiguration.js"),
    import("@mathjax/src/js/input/tex/units/UnitsConfiguration.js"),
    import("@mathjax/src/js/input/tex/upgreek/UpgreekConfiguration.js"),
    import("@mathjax/src/js/input/tex/verb/VerbConfiguration.js"),
  ]);
}

type N = LiteElement;
type T = LiteText;
type D = LiteDocument;

class Engine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly exPx: number;

  constructor(
    private readonly adaptor: LiteAdaptor,
    private readonly doc: MathDocument<N, T, D>,
    private readonly tex: TeX<N, T, D>,
    private readonly output: SVG<N, T, D>,
    private readonly compiledState: number,
    private readonly TexErrorClass: new (...args: never[]) => unknown,
  ) {
    this.exPx = EM_PX * this.xHeight;
  }

  private get xHeight(): number {
    return (this.output.font.params as { x_height: number }).x_height;
  }

  isTexError(err: unknown): boolean {
    return err instanceof this.TexErrorClass;
  }

  /** TeX → MathJax SVG element sized in px at scale 1. Throws MathJax's TexError on bad TeX. */
  toSvg(tex: string, display: boolean): Promise<SvgPiece> {
    return this.exclusive(async () => {
      const node = (await this.doc.convertPromise(tex, this.convertOptions(display))) as N;
      return this.extract(node);
    });
  }

  /** Parse only (TeX → MathML), no output. */
  async compile(tex: string, display: boolean): Promise<void> {
    await this.exclusive(() =>
      this.doc.convertPromise(tex, { ...this.convertOptions(display), end: this.compiledState }),
    );
  }

  private convertOptions(display: boolean) {
    return { display, em: EM_PX, ex: this.exPx, containerWidth: 80 * EM_PX };
  }

  /**
   * Run one conversion at a time, inside a fresh \begingroup level so that \newcommand, \def and
   * friends in one formula do not leak into the next (MathJax keeps them document-wide otherwise).
   */
  private exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      const stack = this.begingroup();
      this.tex.reset();
      stack?.push();
      stack?.finish();
      try {
        return await fn();
      } finally {
        stack?.reset();
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private begingroup(): BegingroupStack | undefined {
    const data = this.tex.parseOptions.packageData.get("begingroup") as { stack?: BegingroupStack } | undefined;
    return data?.stack;
  }

  private extract(container: N): SvgPiece {
    const adaptor = this.adaptor;
    const svg = adaptor.childNodes(container).find((n) => adaptor.kind(n) === "svg") as N | undefined;
    if (!svg) throw new Error("MathJax produced no SVG");
    let width: number;
    let height: number;
    const w = adaptor.getAttribute(svg, "width") ?? "";
    if (w.endsWith("%")) {
      // Equation numbers: MathJax lays the equation out at 100 % of the container; give it the
      // minimum width it asks for plus some room, in px.
      const minEx = parseFloat(adaptor.getStyle(svg, "min-width")) || 0;
      const hEx = parseFloat(adaptor.getAttribute(svg, "height")) || 0;
      width = minEx * this.exPx + TAG_GAP_PX;
      height = hEx * this.exPx;
    } else {
      const vb: number[] = String(adaptor.getAttribute(svg, "viewBox") ?? "").trim().split(/[\s,]+/).map(Number);
      if (vb.length !== 4 || vb.some((v) => !Number.isFinite(v))) throw new Error("MathJax SVG has no viewBox");
      width = (vb[2]! / 1000) * EM_PX;
      height = (vb[3]! / 1000) * EM_PX;
    }
    width = Math.max(width, 1);
    height = Math.max(height, 1);
    adaptor.setAttribute(svg, "width", num(width));
    adaptor.setAttribute(svg, "height", num(height));
    adaptor.setAttribute(svg, "overflow", "visible");
    adaptor.removeAttribute(svg, "style");
    adaptor.removeAttribute(svg, "role");
    adaptor.removeAttribute(svg, "focusable");
    // XML serialization escapes "<" in attribute values (resvg's parser is strict); the TeX
    // source copies in data-latex attributes are dead weight for a PNG.
    const markup = adaptor.serializeXML(svg).replace(/ data-latex(?:-item)?="[^"]*"/g, "");
    return { markup: strokeFrames(markup), width, height, hasText: /<text\b[^>]*>[^<]/.test(markup) };
  }
}

let engineLoaded = false;
let enginePromise: Promise<Engine> | null = null;

function getEngine(): Promise<Engine> {
  enginePromise ??= loadEngine().then(
    (e) => {
      engineLoaded = true;
      return e;
    },
    (err: unknown) => {
      enginePromise = null;
      throw err;
    },
  );
  return enginePromise;
}

async function loadEngine(): Promise<Engine> {
  const { mathjax } = await import("@mathjax/src/js/mathjax.js");
  // ESM loader for the font's dynamic glyph ranges (resolved from node_modules, no network).
  await import("@mathjax/src/js/util/asyncLoad/esm.js");
  const [{ TeX }, { SVG }, { liteAdaptor }, { RegisterHTMLHandler }, { MathJaxNewcmFont }, { STATE }, TexErrorMod] =
    await Promise.all([
      import("@mathjax/src/js/input/tex.js"),
      import("@mathjax/src/js/output/svg.js"),
      import("@mathjax/src/js/adaptors/liteAdaptor.js"),
      import("@mathjax/src/js/handlers/html.js"),
      import("@mathjax/mathjax-newcm-font/js/svg.js"),
      import("@mathjax/src/js/core/MathItem.js"),
      import("@mathjax/src/js/input/tex/TexError.js"),
      importPackages(),
    ]);
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX<N, T, D>({
    packages: PACKAGES,
    formatError: (_jax: unknown, err: unknown) => {
      throw err;
    },
  });
  const output = new SVG<N, T, D>({
    fontData: MathJaxNewcmFont,
    fontCache: "none",
    linebreaks: { inline: false },
  });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: output }) as unknown as MathDocument<N, T, D>;
  return new Engine(adaptor, doc, tex, output, STATE.COMPILED as number, TexErrorMod.default as never);
}

/**
 * Array rules and frames (`\\hline`, `|` columns, `\\boxed`) are styled by MathJax's CSS
 * (`.mjx-solid` etc.), which an SVG rasterizer never sees: without it they are filled black boxes.
 * Give them the stroke the CSS would.
 */
function strokeFrames(markup: string): string {
  return markup.replace(/<(rect|line)\b([^>]*?)\sclass="mjx-(solid|dashed|dotted)"/g, (_all, tag: string, attrs: string, kind: string) => {
    const dash = kind === "dashed" ? ' stroke-dasharray="140 140"' : kind === "dotted" ? ' stroke-dasharray="0 140" stroke-linecap="round"' : "";
    return `<${tag}${attrs} fill="none" stroke="currentColor" stroke-width="70"${dash}`;
  });
}
