import { declaredIndicators } from "../../../rules/core/slo-objectives.js";
import { SLI_BURN_ALERT, SLI_TITLE, sloErrorRatioMetric, SLO_METRIC, type SliKind } from "../../../src/catalog/slo-metrics.js";
import type { EnvironmentSettings } from "../../../src/config/environment-schema.js";
import { prometheusQuery, series, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { SELECTED } from "./selection.js";

/** The indicators of LLM serving: each measured in its own events (vLLM counts inter-token gaps, not requests). */
const TOKEN_INDICATORS = ["ttft", "interTokenLatency"] as const satisfies readonly SliKind[];

/**
 * Time to first token and inter-token latency against their objectives, one panel per indicator
 * the SLOs declare; no row when none does. Their events (gaps between tokens) are not requests, so
 * they get the share within the threshold rather than a request rate.
 */
export function tokenLatencyRow(settings: EnvironmentSettings): DashboardRow | undefined {
  const declared = declaredIndicators(settings);
  const indicators = TOKEN_INDICATORS.filter((sli) => declared.has(sli));
  if (indicators.length === 0) return undefined;
  return {
    title: "Time to first token and inter-token latency",
    panels: indicators.map((sli) => {
      const matchers = [SELECTED, `sli="${sli}"`];
      return timeseries({
        title: `Within the threshold: ${SLI_TITLE[sli]}`,
        description: `Share of ${sli === "ttft" ? "requests whose first token came" : "inter-token observations (vLLM: gaps between tokens; TGI: requests' mean time per token)"} within the SLO's threshold, over 5 minutes and 1 hour, against the objective. ${SLI_BURN_ALERT[sli]} fires when the shortfall burns the budget.`,
        unit: UNIT.ratio,
        targets: [
          prometheusQuery(`1 - ${series(sloErrorRatioMetric("5m"), ...matchers)}`, "{{slo}} 5m"),
          prometheusQuery(`1 - ${series(sloErrorRatioMetric("1h"), ...matchers)}`, "{{slo}} 1h"),
          prometheusQuery(series(SLO_METRIC.objective, ...matchers), "{{slo}} objective"),
        ],
        max: 1,
        width: 24 / indicators.length,
        height: 8,
      });
    }),
  };
}
