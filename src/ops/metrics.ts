/**
 * The bot's Prometheus metrics (prom-client): what the delivery service reports as it goes, what the
 * scheduler and the renderer measured, and what is read from the database and the adapters when
 * /metrics is scraped. Plus Node's default process metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { PlatformAdapter } from "../learning/adapter.js";
import type { DeliveryObserver } from "../learning/delivery.js";
import type { LessonFormat, Platform } from "../contract/lessons.js";
import type { Store } from "../store/store.js";
import type { Role } from "./election.js";

export class BotMetrics implements DeliveryObserver {
  readonly registry = new Registry();
  private readonly sent: Counter<"platform" | "format">;
  private readonly retries: Counter<"platform" | "reason">;
  private readonly rateLimited: Counter<"platform">;
  private readonly lessons: Counter<"platform" | "outcome" | "course">;
  private readonly lag: Histogram<"platform">;
  private readonly tickSeconds: Histogram;
  private readonly mathHits: Counter;
  private readonly mathMisses: Counter;

  /** `role`: the process's part when several share one database (default: active, the only one). */
  constructor(deps: { store: Store; adapters: () => readonly PlatformAdapter[]; role?: () => Role }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.sent = new Counter({ name: "sauphut_messages_sent_total", help: "Messages the platforms accepted, by platform and lesson format", labelNames: ["platform", "format"], registers });
    this.retries = new Counter({ name: "sauphut_send_retries_total", help: "Sends tried again, by reason (rate_limited is a 429)", labelNames: ["platform", "reason"], registers });
    this.rateLimited = new Counter({ name: "sauphut_rate_limited_total", help: "429 answers received", labelNames: ["platform"], registers });
    this.lessons = new Counter({
      name: "sauphut_deliveries_total",
      help: "Deliveries finished, by outcome (done or failed) and course (\"\" for announcements)",
      labelNames: ["platform", "outcome", "course"],
      registers,
    });
    this.lag = new Histogram({
      name: "sauphut_delivery_lag_seconds",
      help: "From a daily lesson's due time to its last message sent",
      labelNames: ["platform"],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
    this.tickSeconds = new Histogram({ name: "sauphut_scheduler_tick_seconds", help: "Duration of the minute tick (claiming due lessons)", buckets: [0.005, 0.02, 0.1, 0.5, 1, 2, 5], registers });
    this.mathHits = new Counter({ name: "sauphut_math_cache_hits_total", help: "Formula images found in the math cache", registers });
    this.mathMisses = new Counter({ name: "sauphut_math_cache_misses_total", help: "Formula images drawn because the cache lacked them", registers });
    new Gauge({
      name: "sauphut_subscribers",
      help: "Subscribers by platform and status",
      labelNames: ["platform", "status"],
      registers,
      collect() {
        this.reset();
        for (const row of deps.store.subscriberCounts()) this.set({ platform: row.platform, status: row.status }, row.n);
      },
    });
    new Gauge({
      name: "sauphut_role",
      help: "1 for the process's role (active: holds the lock and delivers; standby: waits for it), 0 for the other",
      labelNames: ["role"],
      registers,
      collect() {
        const role = deps.role?.() ?? "active";
        for (const r of ["active", "standby"] as const) this.set({ role: r }, r === role ? 1 : 0);
      },
    });
    new Gauge({
      name: "sauphut_images",
      help: "Images uploaded, and uploads saved by reusing a platform file id",
      labelNames: ["platform", "kind"],
      registers,
      collect() {
        this.reset();
        for (const a of deps.adapters()) {
          const c = a.uploadCounts?.();
          if (!c) continue;
          this.set({ platform: a.platform, kind: "uploaded" }, c.uploaded);
          this.set({ platform: a.platform, kind: "reused" }, c.reused);
        }
      },
    });
  }

  messageSent(platform: Platform, format: LessonFormat): void {
    this.sent.inc({ platform, format });
  }

  retried(platform: Platform, reason: "rate_limited" | "transient" | "chat_moved"): void {
    this.retries.inc({ platform, reason });
    if (reason === "rate_limited") this.rateLimited.inc({ platform });
  }

  finished(platform: Platform, outcome: "done" | "failed", lagMs: number | null, course: string): void {
    this.lessons.inc({ platform, outcome, course });
    if (lagMs !== null) this.lag.observe({ platform }, Math.max(0, lagMs) / 1000);
  }

  tick(ms: number): void {
    this.tickSeconds.observe(ms / 1000);
  }

  mathCache(hits: number, misses: number): void {
    this.mathHits.inc(hits);
    this.mathMisses.inc(misses);
  }
}
