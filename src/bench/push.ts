import { BENCHMARK_LABELS } from "../catalog/benchmark-metrics.js";
import { BoundedFetchError, boundedFetch, MAX_TIMER_MS, withoutCredentials, type BoundedResponse } from "../http/bounded-fetch.js";

/** A grouping label: a Prometheus label name, neither reserved (`__*`) nor `job` (the URL's first part). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Labels the pushed series carry themselves: grouping on one would clash with the series' own values. */
const CONTRACT_LABELS: ReadonlySet<string> = new Set([...Object.values(BENCHMARK_LABELS).flat(), "le", "quantile"]);

/**
 * Checks `key=value` grouping arguments and returns them in order; each problem names the argument.
 * Order matters to nobody but the URL, which keeps the order given.
 */
export function parseGrouping(args: readonly string[]): [string, string][] {
  return args.map((arg) => {
    const at = arg.indexOf("=");
    const [key, value] = at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
    if (value === undefined) throw new Error(`--grouping ${JSON.stringify(arg)}: expected key=value`);
    if (!LABEL_NAME.test(key) || key.startsWith("__") || key === "job") {
      throw new Error(`--grouping ${JSON.stringify(arg)}: ${JSON.stringify(key)} is not a label name that may group (letters, digits, _; not job, not __*)`);
    }
    if (CONTRACT_LABELS.has(key)) throw new Error(`--grouping ${JSON.stringify(arg)}: ${JSON.stringify(key)} is a label of the pushed series themselves; group by another`);
    return [key, value];
  });
}

/**
 * One path segment pair; values with `/`, empty, `.` or `..` go base64url-encoded, as the
 * Pushgateway's API allows: a `..` segment would be resolved by URL parsing and HTTP routers, so
 * `runner=..` would replace another group.
 */
function segment(name: string, value: string): string {
  if (value === "" || value === "." || value === ".." || value.includes("/")) return `${name}@base64/${Buffer.from(value, "utf8").toString("base64url") || "="}`;
  return `${name}/${encodeURIComponent(value)}`;
}

/** `<gateway>/metrics/job/<job>/<k>/<v>…`: the group the push replaces (PUT) or updates (POST). */
export function groupUrl(gateway: string, job: string, grouping: readonly (readonly [string, string])[]): string {
  if (job === "") throw new Error("--job must not be empty");
  return `${gateway.replace(/\/+$/, "")}/metrics/${[segment("job", job), ...grouping.map(([k, v]) => segment(k, v))].join("/")}`;
}

export interface PushOptions {
  /** `PUT` replaces every series of the group (a run's results replace the last run's); `POST` only those of the same names. */
  readonly method: "PUT" | "POST";
  readonly timeoutMs: number;
}

/**
 * Sends the whole exposition in one request, so the Pushgateway takes all of it or none. A refused
 * push or an unreachable gateway is an error naming the URL, the status and the gateway's answer.
 */
export async function pushExposition(url: string, body: string, options: PushOptions): Promise<void> {
  const shown = withoutCredentials(url);
  let response: BoundedResponse;
  try {
    response = await boundedFetch(
      new URL(url),
      {
        method: options.method,
        headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
        body,
        signal: AbortSignal.timeout(Math.min(options.timeoutMs, MAX_TIMER_MS)),
      },
      { maxBodyBytes: MAX_ANSWER_BYTES },
    );
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      error instanceof BoundedFetchError
        ? error.message
        : (error as Error).name === "TimeoutError"
          ? `no answer within ${options.timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? withoutCredentials((error as Error).message));
    throw new Error(`${options.method} ${shown} failed: ${reason}; nothing was pushed`);
  }
  if (response.status < 200 || response.status > 299) {
    const text = response.text.trim().slice(0, 300);
    throw new Error(`${options.method} ${shown} answered ${response.status} ${response.statusText}${text !== "" ? `: ${text}` : ""}; nothing was pushed`);
  }
}

/** A gateway's answer to a push is a line or two; more is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;
