import type { Registry } from "prom-client";

/**
 * Serves one rendering of the registry to every scrape within `maxAgeMs`. Rendering (running every
 * `collect()`) costs about 0.1 ms; without sharing, a burst of concurrent scrapes (several
 * Prometheus replicas, a federation, a dashboard refresh storm) queues those renders one behind the
 * other on the single event loop. Nothing the exporter publishes changes faster than a second:
 * prices and PUE change on reload or at a time-of-use boundary (minutes), live carbon intensity at
 * the provider's cache TTL.
 */
export function cachedExposition(registry: Registry, maxAgeMs: number, nowMs: () => number = Date.now): () => Promise<string> {
  let cached: { text: Promise<string>; renderedAtMs: number } | undefined;
  return () => {
    const now = nowMs();
    if (!cached || now - cached.renderedAtMs >= maxAgeMs) {
      const text = registry.metrics();
      cached = { text, renderedAtMs: now };
      // A failed rendering is not reused: the next scrape renders again.
      text.catch(() => {
        if (cached?.text === text) cached = undefined;
      });
    }
    return cached.text;
  };
}
