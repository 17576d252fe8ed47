import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import { JOB, type JobKey } from "../../src/scrape-jobs.js";

/**
 * Selectors, windows and job lists of the core rules, in one place (kubernetes-mixin style): the
 * rule files substitute these into PromQL and never spell a job name or filter themselves.
 */

/** `job="<name>"` of one scrape job. */
export function jobSelector(job: JobKey): string {
  return `job="${JOB[job]}"`;
}

/** The cost exporter publishes every region; rules read the environment's own. */
export function regionSelector(settings: EnvironmentSettings): string {
  return `region="${settings.region}"`;
}

/** Filesystems that fill up for real: no pseudo, overlay or per-pod volumes. */
export const REAL_FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|fuse.lxcfs",mountpoint!~"/(run|var/lib/kubelet/pods)(/.*)?"';

/** Label keys that identify one physical GPU in dcgm-exporter series. */
export const GPU_IDENTITY = "node, gpu, UUID, modelName";

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

/** `le` matcher for a bucket boundary that works on Prometheus 2 (`250`) and 3 (`250.0`). */
export function leMatcher(boundary: number): string {
  const text = formatNumber(boundary).replace(/\./g, "\\\\.");
  return Number.isInteger(boundary) ? `le=~"${text}(\\\\.0)?"` : `le=~"${text}"`;
}

/** A threshold as PromQL shows it: no binary floating-point noise (14.4 * 0.005 -> 0.072). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
