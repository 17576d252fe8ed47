import { BoundedFetchError, boundedFetch, withoutCredentials } from "../http/bounded-fetch.js";

/**
 * A small client of the Prometheus HTTP API for instant queries (`/api/v1/query`). Every failure is a
 * `PrometheusError` whose message names the server and the cause, so that the CLI can print it as is.
 */

export interface PrometheusClientProps {
  /** Base URL of Prometheus, e.g. `http://prometheus:9090` or `https://host/prometheus` behind a path prefix. */
  readonly baseUrl: string;
  /** How long one query may take, connection included, before it fails. */
  readonly timeoutMs: number;
  /**
   * Largest answer read, after decompression; a larger one fails instead of filling memory.
   * @default MAX_ANSWER_BYTES
   */
  readonly maxAnswerBytes?: number;
}

/** 64 MiB: a report's queries sum per namespace and model, so a fleet's answer is far smaller. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** One series of an instant vector: its labels (without `__name__`) and its value. */
export interface VectorSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export class PrometheusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrometheusError";
  }
}

/** The JSON envelope of every `/api/v1` answer, success or error. */
interface ApiResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: Array<{ metric?: Record<string, string>; value?: [number, string] }> };
}

export class PrometheusClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;

  constructor(props: PrometheusClientProps) {
    this.baseUrl = props.baseUrl;
    this.timeoutMs = props.timeoutMs;
    this.maxAnswerBytes = props.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  }

  /** `data` of a GET of `/api/v1/<path>` (targets, rules, alertmanagers), bounded like a query. */
  async getData(path: string): Promise<unknown> {
    const url = new URL(`api/v1/${path}`, this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
    const { status, statusText, text } = await this.fetchText(url);
    const body = parseJson(text) as { status?: string; data?: unknown; errorType?: string; error?: string } | undefined;
    if (body?.status === "error") throw this.error(`rejected /api/v1/${path}: ${body.errorType ?? "error"}: ${body.error ?? "(no message)"}`);
    if (status < 200 || status > 299 || body?.status !== "success") throw this.error(`answered HTTP ${status} ${statusText} to /api/v1/${path}: ${snippet(text)}`);
    return body.data;
  }

  /** A GET that fails on timeout, network errors, redirects elsewhere and answers over the size cap. */
  private async fetchText(url: URL, cancel?: AbortSignal): Promise<{ status: number; statusText: string; text: string }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
    try {
      return await boundedFetch(url, { signal, headers: { accept: "application/json" } }, { maxBodyBytes: this.maxAnswerBytes });
    } catch (error) {
      if (error instanceof BoundedFetchError) throw this.error(error.message);
      if (timeout.aborted) throw this.error(`did not answer within ${this.timeoutMs / 1000} s`);
      throw this.error(`is unreachable: ${networkCause(error)}`);
    }
  }

  /**
   * Runs the queries side by side, all at the same instant so that the answers agree with each
   * other; resolves to their vectors in the same order. The first failure cancels the others rather
   * than leaving them to run to their timeout.
   */
  async instantQueries(exprs: readonly string[], time: Date): Promise<VectorSample[][]> {
    const cancel = new AbortController();
    try {
      return await Promise.all(
        exprs.map((expr) =>
          this.instantQuery(expr, time, cancel.signal).catch((error: unknown) => {
            cancel.abort();
            throw error;
          }),
        ),
      );
    } finally {
      cancel.abort(); // nothing is left running once the answers (or the first error) are in
    }
  }

  /** One instant query at `time`; resolves to the series of the resulting vector. */
  async instantQuery(expr: string, time: Date, cancel?: AbortSignal): Promise<VectorSample[]> {
    const url = new URL("api/v1/query", this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
    url.search = new URLSearchParams({ query: expr, time: (time.getTime() / 1000).toString() }).toString();
    const { status, statusText, text } = await this.fetchText(url, cancel);
    const body = parseJson(text);
    // Prometheus answers errors with a 4xx/5xx status and the same JSON envelope: its errorType and
    // error say more than the status line, so they are preferred when present.
    if (body?.status === "error") throw this.error(`rejected the query: ${snippet(String(body.errorType ?? "error"))}: ${snippet(String(body.error ?? "(no message)"))} (query: ${expr})`);
    if (status < 200 || status > 299) throw this.error(`answered HTTP ${status} ${statusText}: ${snippet(text)}`);
    if (body?.status !== "success" || body.data?.resultType !== "vector" || !Array.isArray(body.data.result)) {
      throw this.error(`answered something that is not an instant vector: ${snippet(text)} (query: ${expr})`);
    }
    return body.data.result.map(({ metric = {}, value }) => {
      const { __name__: _name, ...labels } = metric;
      return { labels, value: parseSampleValue(value?.[1]) };
    });
  }

  private error(cause: string): PrometheusError {
    return new PrometheusError(`Prometheus at ${withoutCredentials(this.baseUrl)} ${cause}`);
  }
}

/** Prometheus writes sample values as strings, infinities as `+Inf` / `-Inf`. */
function parseSampleValue(raw: string | undefined): number {
  if (raw === "+Inf") return Number.POSITIVE_INFINITY;
  if (raw === "-Inf") return Number.NEGATIVE_INFINITY;
  return raw === undefined ? Number.NaN : Number(raw);
}

function parseJson(text: string): ApiResponse | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as ApiResponse) : undefined;
  } catch {
    return undefined;
  }
}

/** fetch() reports network failures as "fetch failed"; the system error behind it (ECONNREFUSED, ENOTFOUND) is the cause. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The start of a body for an error message: enough to recognise a proxy's HTML page or a stack trace. */
function snippet(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine === "") return "(empty body)";
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
