import { MAX_TIMER_MS, withoutCredentials } from "../http/bounded-fetch.js";
import { UsageError } from "./usage-error.js";

/** `--prometheus`: an http(s) base URL, without trailing slashes. */
export function prometheusUrl(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError("--prometheus is required");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--prometheus must be an http(s) URL (value: ${JSON.stringify(withoutCredentials(raw))})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--prometheus must be an http(s) URL (value: ${JSON.stringify(withoutCredentials(raw))})`);
  return raw.replace(/\/+$/, "");
}

/**
 * `--timeout` (or another flag, e.g. `--timeout-seconds`): a positive number of seconds that a timer
 * can wait, `fallback` when left out. A flag that names its unit is not told "seconds" again.
 */
export function timeoutSeconds(raw: string | undefined, fallback: number, flag = "--timeout"): number {
  if (raw === undefined) return fallback;
  const unit = flag.endsWith("-seconds") ? "" : " seconds";
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number${unit && " of seconds"} (value: ${JSON.stringify(raw)})`);
  if (value * 1000 > MAX_TIMER_MS) throw new UsageError(`${flag} must be at most ${Math.floor(MAX_TIMER_MS / 1000)}${unit}, the longest a timer waits (value: ${JSON.stringify(raw)})`);
  return value;
}
