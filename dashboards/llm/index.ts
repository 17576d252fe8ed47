import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { LLM_DASHBOARD } from "../../rules/llm/alerts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { dashboard, prometheusDatasourceVariable } from "../common.js";
import { costRow } from "./cost.js";
import { engineRow } from "./engine.js";
import { latencyRow } from "./latency.js";
import { queueRow } from "./queue.js";
import { trafficRow } from "./traffic.js";

/** The llm pack's one dashboard: traffic and tokens, latency, queues and cost of self-hosted and provider models. */
export function llmDashboards({ environment }: PackContext): DashboardBuilder[] {
  const { settings } = environment;
  return [
    dashboard({
      uid: LLM_DASHBOARD,
      title: "nfops / LLM serving",
      description:
        "Self-hosted models (vLLM, TGI, Triton) per namespace, service and model, and provider API calls (nf_llm_*) per provider and model: tokens, success rate, time to first token, inter-token and end-to-end latency, KV cache, preemptions, running and queued requests, provider spend and cost per million tokens.",
      from: "now-24h",
      variables: [prometheusDatasourceVariable()],
      rows: [trafficRow(settings), latencyRow(settings), engineRow(settings), queueRow(settings), costRow(settings)],
    }),
  ];
}
