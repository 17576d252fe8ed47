import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { dashboard, labelVariable, prometheusDatasourceVariable, series, variableMatcher } from "../../common.js";
import { inferenceNamespaceVariable } from "../inference-queries.js";
import { errorBudgetRow } from "./error-budget.js";
import { latencyRow } from "./latency.js";
import { slisRow } from "./slis.js";
import { trafficRow } from "./traffic.js";

/** The inference objectives: SLIs, error budget left, burn rates and the latency distribution. */
export function inferenceSloDashboard(environment: Environment): DashboardBuilder {
  return dashboard({
    uid: "nfops-inference-slo",
    title: "nfops / Inference SLO",
    description: "Inference service level indicators against the objectives (p95 latency, error ratio), error budget remaining, burn rates and latency distribution.",
    from: "now-24h",
    variables: [
      prometheusDatasourceVariable(),
      inferenceNamespaceVariable("Namespaces of the inference services shown."),
      labelVariable({
        name: "service",
        label: "Service",
        series: series(METRIC.requestRate5m, variableMatcher("namespace")),
        labelName: "service",
        description: "Inference services shown.",
      }),
    ],
    rows: [slisRow(environment), errorBudgetRow(environment), latencyRow(environment), trafficRow()],
  });
}
