import { durationSeconds, formatDuration } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";

/** Windows and ranges every pack uses, so that all of them count the same samples. */

/**
 * Rate window of the 5-minute family: at least four scrapes, so that one missed scrape never
 * empties a rate (the usual rule of thumb behind `$__rate_interval`).
 */
export function rateWindow(settings: EnvironmentSettings): string {
  return formatDuration(Math.max(300, 4 * durationSeconds(settings.scrapeInterval)));
}

/**
 * One second short of an hour / a week: Prometheus 2 ranges include their left edge and
 * Prometheus 3 ranges exclude it, so on sample-aligned evaluations a full `[1h]` counts one sample
 * more on 2.x. Shaving a second makes both count the same samples.
 */
export const HOUR_RANGE = "59m59s";
export const WEEK_OF_HOURS_SUBQUERY = "167h59m59s:1h";
