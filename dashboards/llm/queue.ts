import { LLM_RECORD } from "../../rules/llm/catalog.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { noLimit, prometheusQuery, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;

/** Where requests wait: model servers' queues, and calls held back by the application. */
export function queueRow(settings: EnvironmentSettings): DashboardRow {
  const { queueBacklog } = settings.llm;
  return {
    title: "Queues",
    panels: [
      timeseries({
        title: "Waiting requests by model",
        description: `Requests queued in each model server and not yet running (vLLM num_requests_waiting, TGI queue size, Triton pending requests). InferenceQueueBacklog fires above ${queueBacklog} for 5 minutes.`,
        unit: UNIT.count,
        targets: [prometheusQuery(S.waiting, "{{namespace}}/{{service}} {{model}}")],
        thresholds: upperLimit(queueBacklog),
        min: 0,
        width: 12,
        height: 8,
      }),
      timeseries({
        title: "Provider calls: time queued p95",
        description: "p95 of the time calls to providers waited in the application (rate limiter, worker pool) before they were sent (nf_llm_queue_duration_seconds).",
        unit: UNIT.seconds,
        targets: [prometheusQuery(P.queueDuration.quantiles[0.95], "{{provider}} {{model}} ({{namespace}})")],
        thresholds: noLimit(),
        min: 0,
        width: 12,
        height: 8,
      }),
    ],
  };
}
