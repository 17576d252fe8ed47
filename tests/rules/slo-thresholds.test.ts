import { describe, expect, it } from "vitest";
import { matchBound } from "../../src/catalog/histogram-bounds.js";
import { resolvedSlos, sloThresholdNotices } from "../../rules/core/slo-objectives.js";
import { SLO_SOURCES } from "../../rules/core/slo-sources.js";
import { loadTestEnvironment } from "../helpers/environments.js";

const TGI_ITL = SLO_SOURCES.tgi.histograms.interTokenLatency!;
const VLLM_TTFT = SLO_SOURCES.vllm.histograms.ttft!;

describe("SLO thresholds people can type", () => {
  it("GIVEN TGI's 1.5^n bounds WHEN a value within 0.5 % of one is typed THEN it names that bound, not exactly", () => {
    // 0.0001 s × 1.5^15 = 43.7893890381 ms; 43.8 is 0.024 % above it, 43.5 is 0.66 % below.
    expect(matchBound(TGI_ITL, 43.8)).toEqual({ found: true, bound: 0.043789389038085935, boundMs: 43.7893890381, exact: false });
    expect(matchBound(TGI_ITL, 43.7893890381)).toEqual({ found: true, bound: 0.043789389038085935, boundMs: 43.7893890381, exact: true });
    expect(matchBound(TGI_ITL, 43.5)).toEqual({ found: false, below: 29.1929260254, above: 43.7893890381 });
  });

  it("GIVEN vLLM's bounds, typed exactly by people WHEN a value is off by a little THEN no tolerance applies", () => {
    expect(matchBound(VLLM_TTFT, 500)).toMatchObject({ found: true, bound: 0.5, exact: true });
    expect(matchBound(VLLM_TTFT, 500.5)).toEqual({ found: false, below: 500, above: 750 });
    expect(matchBound(VLLM_TTFT, 0.5)).toEqual({ found: false, below: undefined, above: 1 });
    expect(matchBound(VLLM_TTFT, 3_000_000)).toEqual({ found: false, below: 2_560_000, above: undefined });
  });

  it("GIVEN a TGI SLO typed near a bound WHEN loaded THEN the rules use the exact bound and synth notes it", () => {
    const { environment } = loadTestEnvironment("slos:\n  - { name: summarize, source: tgi, interTokenLatency: { thresholdMs: 43.8 } }\n");
    const slo = resolvedSlos(environment.settings).find((s) => s.name === "summarize")!;
    expect(slo.objectives).toEqual([
      { sli: "availability", target: 0.995 },
      { sli: "interTokenLatency", target: 0.95, threshold: 0.043789389038085935, thresholdMs: 43.7893890381 },
    ]);
    expect(sloThresholdNotices(environment.settings)).toEqual([
      'slos[0] (summarize): interTokenLatency.thresholdMs 43.8 is taken as 43.7893890381 ms, the bucket bound of tgi_request_mean_time_per_token_duration within 0.5 % of it (le="0.043789389038085935"); write 43.7893890381 to silence this note.',
    ]);
  });

  it("GIVEN the default llm.ttftP95Seconds THEN it is a bound of vLLM's histogram and loads", () => {
    expect(() => loadTestEnvironment("packs: [core, llm]\n")).not.toThrow();
    expect(() => loadTestEnvironment("packs: [core, llm]\nllm: { ttftP95Seconds: 0.75 }\n")).not.toThrow();
  });
});
