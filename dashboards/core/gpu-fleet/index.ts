import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PackContext } from "../../../src/model/stack-model.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { dashboard, labelVariable, prometheusDatasourceVariable, series, variableMatcher } from "../../common.js";
import { allocationRow } from "./allocation.js";
import { healthRow } from "./health.js";
import { utilisationRow } from "./utilisation.js";

/** Every GPU of the fleet: utilisation, memory, power, temperature, XID errors and allocation. */
export function gpuFleetDashboard(context: PackContext): DashboardBuilder {
  return dashboard({
    uid: "nfops-gpu-fleet",
    title: "nfops / GPU fleet",
    description: "Per-GPU utilisation, memory, power, temperature and XID errors; GPUs held versus idle, underused GPUs and zombie candidates.",
    from: "now-6h",
    variables: [
      prometheusDatasourceVariable(),
      labelVariable({
        name: "node",
        label: "Node",
        series: METRIC.gpuUtil,
        labelName: "node",
        description: "GPU nodes shown.",
      }),
      labelVariable({
        name: "gpu_model",
        label: "GPU model",
        series: series(METRIC.gpuUtil, variableMatcher("node")),
        labelName: "modelName",
        description: "GPU models shown (DCGM's modelName).",
      }),
    ],
    rows: [utilisationRow(context), healthRow(context), allocationRow(context)],
  });
}
