import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { dashboard, labelVariable, prometheusDatasourceVariable } from "../../common.js";
import { budgetsRow } from "./budgets.js";
import { byGpuModelRow } from "./by-gpu-model.js";
import { byNamespaceRow } from "./by-namespace.js";
import { energyPricesRow } from "./energy-prices.js";
import { idleAndEstimatesRow } from "./idle-and-estimates.js";

/** Cost and emissions per namespace and GPU model, weekly budget burn, energy and the prices in effect. */
export function costCarbonDashboard(environment: Environment): DashboardBuilder {
  return dashboard({
    uid: "nfops-cost-carbon",
    title: "nfops / Cost & Carbon",
    description: "Cost (USD) and emissions (kg CO2e) per namespace and GPU model from the hourly roll-ups, weekly budget burn, idle GPU spend, energy by method, and the electricity price, carbon intensity and PUE in effect.",
    from: "now-7d",
    variables: [
      prometheusDatasourceVariable(),
      labelVariable({
        name: "namespace",
        label: "Namespace",
        series: METRIC.costUsd,
        labelName: "namespace",
        description: "Namespaces of the breakdown panels (`unallocated`: GPUs no pod holds). Budgets are cluster-wide.",
      }),
      labelVariable({
        name: "gpu_model",
        label: "GPU model",
        series: METRIC.costUsd,
        labelName: "gpu_model",
        description: "GPU models of the breakdown panels.",
      }),
    ],
    rows: [budgetsRow(environment), byNamespaceRow(), byGpuModelRow(), idleAndEstimatesRow(environment), energyPricesRow(environment)],
  });
}
