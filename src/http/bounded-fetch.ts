/**
 * fetch() for the commands that talk to servers they do not control (`nfops report`, `nfops bench
 * push`): the body read is capped after decompression (an endless body or a gzip bomb ends in a
 * clear error, not in gigabytes of memory), redirects are followed only within the origin asked
 * (a redirect elsewhere would send the query, or the pushed results, to another server), and the
 * URL is shown without credentials.
 */

export interface BoundedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
}

export interface BoundedFetchOptions {
  readonly maxBodyBytes: number;
  /** Same-origin redirects followed at most. */
  readonly maxRedirects?: number;
}

/** Thrown for a body over the cap or a redirect to another origin; the message says which. */
export class BoundedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BoundedFetchError";
  }
}

export async function boundedFetch(url: URL, init: RequestInit, options: BoundedFetchOptions): Promise<BoundedResponse> {
  // fetch() refuses a URL with credentials and quotes it whole in its error: they go in a header instead.
  const headers = new Headers(init.headers);
  let current = new URL(url);
  if (current.username !== "" || current.password !== "") {
    headers.set("authorization", `Basic ${Buffer.from(`${decodeURIComponent(current.username)}:${decodeURIComponent(current.password)}`).toString("base64")}`);
    current.username = "";
    current.password = "";
  }
  const origin = current.origin;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(current, { ...init, headers, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, current);
      if (next.origin !== origin) throw new BoundedFetchError(`redirected to another origin (${withoutCredentials(next.origin)}); not followed`);
      if (redirects >= (options.maxRedirects ?? 5)) throw new BoundedFetchError(`redirected more than ${options.maxRedirects ?? 5} times`);
      current = next;
      continue;
    }
    return { status: response.status, statusText: response.statusText, text: await readCapped(response, options.maxBodyBytes) };
  }
}

/** The body as text, refused once more than `maxBytes` have arrived (counted after decompression). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new BoundedFetchError(`answered more than ${maxBytes} bytes (decompressed); not read further`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A URL for messages: `user:password@` removed. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
}

/** The largest delay Node's timers accept (2^31 − 1 ms); a larger one fires at once, with a warning. */
export const MAX_TIMER_MS = 2_147_483_647;
