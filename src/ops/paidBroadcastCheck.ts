import { estimatePaidMessages, starsOf, utcDay } from "../learning/paidBroadcasts.js";
import { readDailyOutlook } from "../store/paidBroadcasts.js";

/**
 * `doctor`'s line on paid broadcasts: the bot's Star balance, and what the next 24 hours of lessons to
 * the current subscribers cost past the free rate (each minute's lessons leave together: all but the
 * first `free` messages of a minute are paid, 0.1 Star each, up to the daily cap). `warn`: the balance
 * does not cover it, so lessons would fall back to the free rate.
 */
export function paidBroadcastCheck(opts: {
  stars: number;
  /** The free messages of a window (Telegram: 30 a second). */
  free: number;
  maxStars: number | undefined;
  databaseFile: string;
  now: number;
}): { ok: boolean; warn: boolean; detail: string } {
  const balance = `balance ${formatStars(opts.stars)} Stars`;
  let outlook;
  try {
    outlook = readDailyOutlook(opts.databaseFile, "telegram", opts.now, utcDay(opts.now));
  } catch (err) {
    return { ok: true, warn: true, detail: `${balance}; cannot estimate the day's cost from ${opts.databaseFile}: ${(err as Error).message}` };
  }
  const { messages, paid } = estimatePaidMessages(outlook.lessonsByMinute, outlook.messagesPerLesson ?? 1, opts.free);
  const cost = paid / 10;
  const spend = opts.maxStars === undefined ? cost : Math.min(cost, opts.maxStars);
  const lessons = outlook.lessonsByMinute.reduce((a, b) => a + b, 0);
  const weight = outlook.messagesPerLesson === undefined ? "1 message a lesson assumed" : `${outlook.messagesPerLesson.toFixed(1)} messages a lesson over the last week`;
  const short = opts.stars < spend;
  return {
    ok: true,
    warn: short,
    detail:
      `${balance}; the next 24 h: ${lessons} lesson(s) to ${outlook.chats} chat(s), ${messages} message(s) (${weight}), ` +
      `${paid} past the free ${opts.free}/s ≈ ${formatStars(cost)} Stars` +
      (opts.maxStars === undefined ? ", no daily cap" : `, capped at ${formatStars(opts.maxStars)} Stars a day`) +
      `; spent today (UTC) ${starsOf(outlook.paidToday)} Stars` +
      (short ? "; the balance does not cover it: past it, lessons go at the free rate" : ""),
  };
}

/** 1234.5 → "1,234.5"; whole numbers without decimals. */
function formatStars(stars: number): string {
  return stars.toLocaleString("en-US", { maximumFractionDigits: 1 });
}
