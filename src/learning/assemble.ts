import type { Logger } from "pino";
import type { Platform } from "../contract/lessons.js";
import type { Clock } from "../schedule/clock.js";
import { Scheduler } from "./scheduler.js";
import type { Store } from "../store/store.js";
import type { Defaults } from "./context.js";
import { LearningCore } from "./core.js";
import type { Courses } from "./courses.js";
import { DeliveryService, type DeliveryObserver, type RetryOptions } from "./delivery.js";
import { rateLimited } from "./limitedSender.js";
import { PaidBroadcasts, type PaidBroadcastSettings } from "./paidBroadcasts.js";
import type { RateLimits } from "./rateLimiter.js";
import type { Sender } from "./sender.js";

export interface Learning {
  core: LearningCore;
  delivery: DeliveryService;
  scheduler: Scheduler;
  /** The adapters' senders behind their rate limiters: send replies through these. */
  senders: ReadonlyMap<Platform, Sender>;
}

/** Wires the learning core: rate-limited senders → delivery → use cases and the scheduler. */
export function assembleLearning(opts: {
  store: Store;
  courses: Courses;
  senders: Sender[];
  limits: Partial<Record<Platform, RateLimits | undefined>>;
  clock: Clock;
  log: Logger;
  defaults: Defaults;
  retry?: Partial<RetryOptions>;
  batchSize?: number;
  observer?: DeliveryObserver;
  /** ADMIN_IDS: "platform:userId" of the operators. */
  operators?: readonly string[];
  /** Paid broadcasts (TELEGRAM_PAID_BROADCAST=on): that platform's limits need a `free` rate. */
  paidBroadcasts?: PaidBroadcastSettings;
}): Learning {
  const { store, courses, clock, log } = opts;
  const paid = opts.paidBroadcasts
    ? new PaidBroadcasts({ repo: store.paidBroadcasts, clock, log: log.child({ module: "paid-broadcasts" }), settings: opts.paidBroadcasts })
    : undefined;
  const senders = new Map<Platform, Sender>(
    opts.senders.map((s) => [s.platform, rateLimited(s, opts.limits[s.platform], clock, s.platform === paid?.platform ? paid : undefined)]),
  );
  const reviewPerDay = opts.defaults.reviewPerDay ?? 3;
  const deliveryDeps = { store, courses, senders, clock, log: log.child({ module: "delivery" }), reviewPerDay, ...(opts.observer ? { observer: opts.observer } : {}) };
  const delivery = new DeliveryService(opts.retry ? { ...deliveryDeps, retry: opts.retry } : deliveryDeps);
  const core = new LearningCore({
    store,
    courses,
    delivery,
    clock,
    log: log.child({ module: "learning" }),
    defaults: opts.defaults,
    operators: new Set(opts.operators ?? []),
    ...(paid ? { paidBroadcasts: paid } : {}),
  });
  const schedulerDeps = { store, courses, delivery, clock, log: log.child({ module: "scheduler" }), reviewPerDay };
  const scheduler = new Scheduler(opts.batchSize ? { ...schedulerDeps, batchSize: opts.batchSize } : schedulerDeps);
  return { core, delivery, scheduler, senders };
}
