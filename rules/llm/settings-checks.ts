import { matchBound, nearestBoundsText } from "../../src/catalog/histogram-bounds.js";
import { SECONDS_PER_UNIT, SERVING_SERVERS } from "../../src/catalog/serving-servers.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { SettingsProblem } from "../../src/config/load-environments.js";
import { formatNumber } from "../../src/promql/expressions.js";

/**
 * `llm.ttftP95Seconds` is held to the buckets like an SLO threshold: vLLM's time-to-first-token
 * histogram is the one written by default, and a p95 between two of its bounds is an interpolation
 * the alert would then compare exactly. (Triton's first-response bounds are set per model.)
 */
export function checkTtftThreshold(settings: EnvironmentSettings): SettingsProblem[] {
  const ttft = SERVING_SERVERS.vllm.timeToFirstToken;
  if (!ttft) return [];
  const histogram = { buckets: ttft.buckets, millisecondsPerUnit: SECONDS_PER_UNIT[ttft.unit] * 1000, tolerance: ttft.thresholdTolerance ?? 0 };
  const seconds = settings.llm.ttftP95Seconds;
  const match = matchBound(histogram, seconds * 1000);
  if (match.found) return [];
  const nearest = nearestBoundsText(match, (ms) => formatNumber(ms / 1000), "s");
  return [
    {
      path: "/llm/ttftP95Seconds",
      message: `is not a bucket bound of ${ttft.name}, so the p95 that LLMTimeToFirstTokenHigh compares would be interpolated between two bounds; ${nearest}`,
      value: seconds,
    },
  ];
}
