import { LLM_RECORD } from "../../rules/llm/catalog.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { noLimit, prometheusQuery, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

const S = LLM_RECORD.serving;
/** KV-cache share from which a server starts to preempt or queue instead of batching more. */
const KV_CACHE_NEAR_FULL = 0.9;
const SERVED = "{{namespace}}/{{service}} {{model}}";

/** Inside the model servers: how full the batches and the KV cache are, and what that costs in preemptions. */
export function engineRow(settings: EnvironmentSettings): DashboardRow {
  return {
    title: "Serving engines",
    panels: [
      timeseries({
        title: "KV-cache usage by model",
        description: `Share of the KV cache in use on the fullest pod or engine of each model (vLLM kv_cache_usage_perc, Triton TensorRT-LLM fraction of KV blocks; TGI exposes none). Near ${KV_CACHE_NEAR_FULL * 100} % new requests wait or running ones are preempted.`,
        unit: UNIT.ratio,
        targets: [prometheusQuery(S.kvCacheUsage, SERVED)],
        thresholds: upperLimit(KV_CACHE_NEAR_FULL),
        min: 0,
        max: 1,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Preemptions per second by model",
        description: "Requests vLLM evicted from the running batch to free KV cache, recomputed later: each one adds latency. Only vLLM counts them.",
        unit: UNIT.requestsPerSecond,
        targets: [prometheusQuery(S.preemptions, SERVED)],
        thresholds: noLimit(),
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Running and waiting requests by model",
        description: `Requests in the running batches (vLLM num_requests_running, TGI batch size, Triton TensorRT-LLM active) and queued behind them (InferenceQueueBacklog above ${settings.llm.queueBacklog}).`,
        unit: UNIT.count,
        targets: [prometheusQuery(S.running, `running ${SERVED}`), prometheusQuery(S.waiting, `waiting ${SERVED}`)],
        thresholds: noLimit(),
        min: 0,
        width: 8,
        height: 8,
      }),
    ],
  };
}
