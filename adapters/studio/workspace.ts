/**
 * The preview's current version of the content, and its renewal: every edit under a content folder
 * renders all views again in the background (one render at a time; a burst of edits makes one more),
 * then tells whoever listens (the server's open pages). An edit that brings errors is shown all the
 * same, with the errors a running bot would refuse it for (the bot's own rule, course by course:
 * mergeCatalogue); a render that fails outright keeps the last good version on show and says why.
 */
import { join } from "node:path";
import type { Logger } from "pino";
import { Catalogue } from "../../src/learning/catalogue.js";
import { CoalescedRuns } from "../../src/ops/coalescedRuns.js";
import { mergeCatalogue } from "../../src/ops/mergeCatalogue.js";
import { watchContent } from "../../src/ops/watchContent.js";
import { CHECK_VIEW, type Snapshot } from "../../src/studio/model.js";
import { renderViews, type ContentFolder, type RenderPlan } from "./render.js";

/** Quiet time after the last file event before rendering: short, the author is watching the page. */
const QUIET_MS = 100;

export class PreviewWorkspace {
  private snapshot: Snapshot | undefined;
  /** What a running bot would serve now: each course at its last version without errors it refuses. */
  private accepted: Catalogue | undefined;
  private folderList: ContentFolder[] = [];
  private generation = 0;
  private readonly run = Date.now().toString(36);
  private readonly listeners = new Set<(s: Snapshot) => void>();
  private readonly renders = new CoalescedRuns(() => this.render());

  constructor(private readonly plan: RenderPlan, private readonly log: Logger) {}

  /** The first render; it fails (and the preview does not start) when the engine throws. */
  async start(): Promise<Snapshot> {
    await this.renders.request();
    return this.current;
  }

  get current(): Snapshot {
    if (!this.snapshot) throw new Error("the preview has not rendered yet");
    return this.snapshot;
  }

  get folders(): readonly ContentFolder[] {
    return this.folderList;
  }

  /** Render again now (or once more after the render in progress). */
  refresh(): Promise<void> {
    return this.renders.request();
  }

  /** Re-render on every edit under the content folders; returns the function that stops watching. */
  watch(): () => void {
    return watchContent(this.plan.contentDirs, () => void this.refresh().catch(() => undefined), this.log, { quietMs: QUIET_MS });
  }

  onRender(listener: (s: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no render is going or queued. */
  idle(): Promise<void> {
    return this.renders.idle();
  }

  private async render(): Promise<void> {
    const started = performance.now();
    const generation = ++this.generation;
    const version = `${this.run}.${generation}`;
    try {
      const views = await renderViews(this.plan);
      const fresh: Snapshot = { generation, version, catalogues: views.catalogues };
      // Judged on the problems check reports (the view the panels list).
      const read = Catalogue.from([{ catalogue: views.catalogues[CHECK_VIEW], mediaDir: join(this.plan.outRoot, CHECK_VIEW) }]);
      const merged = this.accepted ? mergeCatalogue(this.accepted, read) : undefined;
      if (merged) fresh.edit = { newErrors: merged.newErrors };
      this.accepted = merged?.catalogue ?? read;
      this.snapshot = fresh;
      this.folderList = views.folders;
      this.log.info({ generation, ms: Math.round(performance.now() - started), newErrors: merged?.newErrors.length ?? 0 }, "preview rendered");
    } catch (err) {
      if (!this.snapshot) throw err;
      this.log.error({ err }, "preview render failed; the last version stays on show");
      this.snapshot = { ...this.snapshot, generation, version, failure: (err as Error).message };
    }
    for (const listener of this.listeners) listener(this.snapshot);
  }
}
