import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { kubernetesRuleFiles } from "../../../rules/kubernetes/index.js";
import { kubeJobs } from "../../../rules/kubernetes/selectors.js";
import type { PackContext } from "../../../src/model/stack-model.js";
import { dashboard, prometheusDatasourceVariable } from "../../common.js";
import { kubernetesAlertsRow } from "./alerts.js";
import { capacityRow } from "./capacity.js";
import { nodesRow } from "./nodes.js";
import { podsRow } from "./pods.js";

/** The whole cluster: nodes, capacity against requests and usage, pods, and the pack's firing alerts. */
export function kubernetesClusterDashboard(context: PackContext): DashboardBuilder {
  const jobs = kubeJobs(context.stack);
  const alertNames = [
    ...new Set(kubernetesRuleFiles(context).flatMap((file) => file.groups.flatMap((group) => group.rules.flatMap((rule) => rule.alert ?? [])))),
  ];
  return dashboard({
    uid: "nfops-kubernetes-cluster",
    title: "nfops / Kubernetes cluster",
    description: "Nodes, allocatable CPU, memory and GPUs against what pods request and use, pods by phase, the GPU queue, and firing Kubernetes alerts.",
    from: "now-6h",
    variables: [prometheusDatasourceVariable()],
    rows: [nodesRow(jobs), capacityRow(jobs, context.stack), podsRow(jobs), kubernetesAlertsRow(alertNames)],
  });
}
