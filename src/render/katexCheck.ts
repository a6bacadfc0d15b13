/**
 * Whether a formula is within the common web subset of LaTeX that chat clients draw natively
 * (Telegram's `<tg-math>`): KaTeX parses it with `throwOnError`. Verdicts are remembered in a small
 * JSON file beside the math cache, so a warm render never loads KaTeX.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

type KatexModule = { renderToString(tex: string, options: Record<string, unknown>): string };

const VERSION = 1;

/** How formulas are judged here, and typeset by the author preview: the same verdict both ways. */
export const KATEX_OPTIONS = { throwOnError: true, strict: "ignore", trust: false, maxExpand: 1000 } as const;
let katex: KatexModule | undefined;

export class KatexCheck {
  private verdicts = new Map<string, boolean>();
  private dirty = false;
  private loaded = false;

  /** `cacheFile`: where verdicts persist (none: in memory only). */
  constructor(private readonly cacheFile?: string) {}

  accepts(tex: string, display: boolean): boolean {
    this.load();
    const key = createHash("sha1").update(`${display ? "D" : "I"}${tex}`).digest("base64url").slice(0, 20);
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    katex ??= createRequire(import.meta.url)("katex") as KatexModule;
    let ok = true;
    try {
      katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
    } catch {
      ok = false;
    }
    this.verdicts.set(key, ok);
    this.dirty = true;
    return ok;
  }

  /** Writes new verdicts to the cache file (atomically; a cache that cannot be written only costs time). */
  save(): void {
    if (!this.cacheFile || !this.dirty) return;
    try {
      mkdirSync(dirname(this.cacheFile), { recursive: true });
      const tmp = `${this.cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ v: VERSION, verdicts: Object.fromEntries(this.verdicts) }));
      renameSync(tmp, this.cacheFile);
      this.dirty = false;
    } catch {
      // ignored on purpose
    }
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.cacheFile) return;
    try {
      const doc = JSON.parse(readFileSync(this.cacheFile, "utf8")) as { v?: number; verdicts?: Record<string, boolean> };
      if (doc.v === VERSION && doc.verdicts) this.verdicts = new Map(Object.entries(doc.verdicts));
    } catch {
      // no cache yet
    }
  }
}
