import { readFile } from "node:fs/promises";
import type { Logger } from "./logger.js";

/** RFC 6750 `b64token`: what a bearer token may contain. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of a mounted Secret, without its trailing newline. A token with other characters
 * (a newline inside, a NUL, a space) would be refused deep in the HTTP client with an error that
 * quotes the header, token included; it is refused here with a message that never holds it.
 */
async function readToken(file: string): Promise<string> {
  const token = (await readFile(file, "utf8")).replace(/\r?\n$/, "");
  if (!BEARER_TOKEN.test(token)) {
    throw new Error(`the file ${file} does not hold a valid bearer token (RFC 6750 characters only; whitespace or control characters found); the token is not shown`);
  }
  return token;
}

export interface LiveCarbonIntensityOptions {
  /** Provider URL; `{region}` is replaced by the region key. */
  readonly url: string;
  /** File holding the bearer token (a mounted Secret), re-read on every request so rotation needs no restart. */
  readonly tokenFile?: string;
  readonly timeoutMs: number;
  readonly cacheTtlSeconds: number;
}

interface CacheEntry {
  /** Last good provider answer, g CO2e/kWh; cleared when a refresh fails so the static figure applies. */
  value?: number;
  /** When the last request started, ms since the epoch. */
  attemptedAtMs: number;
  inFlight?: Promise<void>;
}

/**
 * Live grid carbon intensity from an HTTP provider answering JSON `{ "carbonIntensity": number }`.
 * A scrape never waits for the provider: `valueFor` answers from the cache at once and starts a
 * background refresh (bounded by `timeoutMs`) when the cached answer is older than the TTL. While
 * the provider is down, slow or wrong, `valueFor` returns undefined and the caller publishes the
 * static figure; each failed request counts in `errors`.
 */
export class LiveCarbonIntensity {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #abort = new AbortController();
  #errors = 0;

  constructor(
    private readonly options: LiveCarbonIntensityOptions,
    private readonly log: Logger,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Failed provider requests since start. */
  get errors(): number {
    return this.#errors;
  }

  /** The cached live value of `region`, or undefined (use the static figure). Starts a refresh when due. */
  valueFor(region: string): number | undefined {
    const entry = this.#cache.get(region);
    const due = !entry || this.nowMs() - entry.attemptedAtMs >= this.options.cacheTtlSeconds * 1000;
    if (due && !entry?.inFlight) void this.refresh(region);
    return entry?.value;
  }

  /** Asks the provider now (one request per region at a time); resolves when the answer or failure is recorded. */
  refresh(region: string): Promise<void> {
    const entry = this.#cache.get(region) ?? { attemptedAtMs: 0 };
    this.#cache.set(region, entry);
    if (entry.inFlight) return entry.inFlight;
    entry.attemptedAtMs = this.nowMs();
    entry.inFlight = this.request(region)
      .then((value) => {
        entry.value = value;
      })
      .catch((error: unknown) => {
        entry.value = undefined;
        if (this.#abort.signal.aborted) return;
        this.#errors += 1;
        this.log.warn(
          { region, url: this.urlFor(region), err: error instanceof Error ? error.message : String(error) },
          "live carbon intensity unavailable; publishing the static figure",
        );
      })
      .finally(() => {
        entry.inFlight = undefined;
      });
    return entry.inFlight;
  }

  /** Aborts requests in flight (shutdown). */
  close(): void {
    this.#abort.abort();
  }

  private urlFor(region: string): string {
    return this.options.url.replaceAll("{region}", encodeURIComponent(region));
  }

  private async request(region: string): Promise<number> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.options.tokenFile) headers.authorization = `Bearer ${await readToken(this.options.tokenFile)}`;
    const signal = AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.options.timeoutMs)]);
    const response = await fetch(this.urlFor(region), { headers, signal });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`provider answered HTTP ${response.status}`);
    }
    const body: unknown = await response.json();
    const value = (body as { carbonIntensity?: unknown } | null)?.carbonIntensity;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new Error(`response has no non-negative number "carbonIntensity" (value: ${JSON.stringify(value)})`);
    }
    return value;
  }
}
