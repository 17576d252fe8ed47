import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { kubeJobs } from "../../../rules/kubernetes/selectors.js";
import type { PackContext } from "../../../src/model/stack-model.js";
import { dashboard, labelVariable, lokiDatasourceVariable, prometheusDatasourceVariable, series, variableMatcher } from "../../common.js";
import { computeRow } from "./compute.js";
import { gpuRow } from "./gpu.js";
import { restartsNetworkRow } from "./restarts-network.js";
import { storageLogsRow } from "./storage-logs.js";

/** One namespace at a time, per workload: CPU, memory and GPU use against requests, restarts, throttling, network, volumes and logs. */
export function kubernetesNamespaceDashboard({ environment, stack }: PackContext): DashboardBuilder {
  const k = environment.settings.kubernetes;
  const jobs = kubeJobs(stack);
  return dashboard({
    uid: "nfops-kubernetes-namespace",
    title: "nfops / Kubernetes namespace",
    description: "Per namespace and workload: CPU, memory and GPU usage against requests, restarts, CPU throttling, network, PersistentVolumeClaim usage and pod logs.",
    from: "now-3h",
    variables: [
      prometheusDatasourceVariable(),
      lokiDatasourceVariable(),
      labelVariable({ name: "namespace", label: "Namespace", series: M.podWorkload, labelName: "namespace", description: "Namespaces shown." }),
      labelVariable({
        name: "workload",
        label: "Workload",
        series: series(M.podWorkload, variableMatcher("namespace")),
        labelName: "workload",
        description: "Deployments, StatefulSets, DaemonSets and Jobs of the selected namespaces.",
      }),
      labelVariable({
        name: "pod",
        label: "Pod",
        series: series(M.podWorkload, variableMatcher("namespace"), variableMatcher("workload")),
        labelName: "pod",
        description: "Pods of the selected workloads; the logs panel shows these.",
      }),
    ],
    rows: [computeRow(k.cpuThrottlingPercent), gpuRow(stack), restartsNetworkRow(jobs, k.podRestartsPerHour), storageLogsRow(jobs, k.volumeFullPercent)],
  });
}
