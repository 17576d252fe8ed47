import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SERVING_SERVERS, type ServedHistogram } from "../../src/catalog/serving-servers.js";
import { SAMPLE_EXPOSITION } from "../fixtures/serving-expositions.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import type { UnitTestFile } from "../helpers/stack-component-alert-tests.js";

/**
 * The SLO promtool cases feed histograms as each server writes them: every `_bucket` series of a
 * server's histogram carries an `le` that the server's own page (SAMPLE_EXPOSITION, written in its
 * client library's number format) prints, and only the labels the server and the scrape put there.
 */
const FILES = ["rules/core/tests/slos.test.yaml", "rules/core/tests/slo-token-latency.test.yaml"];
const SCRAPE_LABELS = ["namespace", "service", "pod"];

const histograms = Object.values(SERVING_SERVERS).flatMap((server) =>
  [server.latency, server.timeToFirstToken, server.interTokenLatency]
    .filter((h): h is ServedHistogram => h !== undefined)
    .flatMap((h) => [h.name, ...(h.formerName ? [h.formerName] : [])].map((name) => ({ name, current: h.name, server }))),
);

/** `le` values a page prints for one histogram. */
function exposedBounds(page: string, name: string): Set<string> {
  const bounds = [...page.matchAll(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}_bucket\\{[^}]*le="([^"]+)"`, "gm"))].map((m) => m[1]!);
  return new Set(bounds);
}

function parseSeries(text: string): { name: string; labels: Record<string, string> } {
  const [, name = "", body = ""] = /^([^{]+)\{(.*)\}$/.exec(text) ?? [];
  return { name, labels: Object.fromEntries([...body.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])) };
}

const bucketSeries = FILES.flatMap((file) =>
  (parse(readFileSync(join(repositoryRoot, file), "utf8")) as UnitTestFile).tests
    .flatMap((t) => t.input_series ?? [])
    .map((s) => parseSeries(s.series))
    .filter((s) => s.name.endsWith("_bucket"))
    .flatMap((s) => {
      const histogram = histograms.find((h) => `${h.name}_bucket` === s.name);
      return histogram ? [{ ...s, histogram }] : [];
    }),
);

describe("SLO promtool cases in the servers' own expositions", () => {
  it("GIVEN the SLO cases THEN they feed every server histogram an SLO reads", () => {
    const fed = new Set(bucketSeries.map((s) => s.histogram.current));
    expect([...fed].sort()).toEqual(
      ["nv_inference_first_response_histogram_ms", "tgi_request_duration", "tgi_request_mean_time_per_token_duration", "vllm:e2e_request_latency_seconds", "vllm:inter_token_latency_seconds", "vllm:time_to_first_token_seconds"].sort(),
    );
  });

  it.each(bucketSeries.map((s) => [`${s.name}{le="${s.labels.le}"}`, s] as const))("GIVEN %s THEN its le is printed so by the server and its labels are the server's and the scrape's", (_name, s) => {
    const page = SAMPLE_EXPOSITION[s.histogram.server.name];
    expect([...exposedBounds(page, s.histogram.current), "+Inf"]).toContain(s.labels.le);
    const allowed = new Set([...SCRAPE_LABELS, ...s.histogram.server.labels, "le"]);
    expect(Object.keys(s.labels).filter((label) => !allowed.has(label))).toEqual([]);
  });
});
