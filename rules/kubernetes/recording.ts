import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { record } from "../../src/promql/rule-builders.js";
import { rateWindow, rollupInterval } from "../../src/promql/windows.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { activePods, kubeJobs, REAL_CONTAINERS } from "./selectors.js";

const WORKLOAD = "namespace, workload, workload_type";

/**
 * The aggregations the kubernetes alerts and dashboards share, per pod, workload and namespace, so
 * that a dashboard over thousands of pods reads a few hundred recorded series. Rules of one group
 * run in order: the pod-to-workload map comes first. Evaluated once a minute: its joins over every
 * pod are the pack's most expensive rules (`npm run bench -- k8s`), requests change slowly, and the
 * alerts that read these recordings wait 10 minutes or more.
 */
export function kubernetesRecordingRules({ environment, stack }: PackContext): RuleGroup {
  const jobs = kubeJobs(stack);
  const w = rateWindow(environment.settings);
  const active = activePods(jobs);
  const requests = `${M.podRequests}{${jobs.ksm}} * on (namespace, pod) group_left () ${active}`;
  const byWorkload = `on (namespace, pod) group_left (workload, workload_type) ${M.podWorkload}`;
  return {
    name: "nfops-kubernetes-aggregation.rules",
    interval: rollupInterval(environment.settings),
    rules: [
      // Deployments own pods through ReplicaSets whose names change each rollout: resolve them to the
      // Deployment; every other owner (StatefulSet, DaemonSet, Job, a bare ReplicaSet) is the workload.
      record(
        M.podWorkload,
        `
        max by (${WORKLOAD}, pod) (
          label_replace(label_replace(
            max by (namespace, pod, replicaset) (
              label_replace(${M.podOwner}{${jobs.ksm}, owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.+)")
            )
            * on (namespace, replicaset) group_left (owner_kind, owner_name)
            max by (namespace, replicaset, owner_kind, owner_name) (${M.replicaSetOwner}{${jobs.ksm}, owner_kind="Deployment"}),
          "workload", "$1", "owner_name", "(.+)"), "workload_type", "$1", "owner_kind", "(.+)")
        )
        or on (namespace, pod)
        max by (${WORKLOAD}, pod) (
          label_replace(label_replace(
            ${M.podOwner}{${jobs.ksm}, owner_kind=~"ReplicaSet|StatefulSet|DaemonSet|Job"},
          "workload", "$1", "owner_name", "(.+)"), "workload_type", "$1", "owner_kind", "(.+)")
        )`,
      ),
      record(M.namespaceRequests, `sum by (namespace, resource) (${requests})`),
      record(M.workloadRequests, `sum by (${WORKLOAD}, resource) ((${requests}) * ${byWorkload})`),
      record(M.podCpu, `sum by (namespace, pod) (rate(${M.cpuUsage}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}]))`),
      record(M.namespaceCpu, `sum by (namespace) (${M.podCpu})`),
      record(M.workloadCpu, `sum by (${WORKLOAD}) (${M.podCpu} * ${byWorkload})`),
      record(M.podMemory, `sum by (namespace, pod) (${M.memoryWorkingSet}{${jobs.cadvisor}, ${REAL_CONTAINERS}})`),
      record(M.namespaceMemory, `sum by (namespace) (${M.podMemory})`),
      record(M.workloadMemory, `sum by (${WORKLOAD}) (${M.podMemory} * ${byWorkload})`),
      // cAdvisor exports CFS counters only for containers with a CPU limit; no periods, no ratio.
      record(
        M.throttledRatio,
        `
        sum by (namespace, pod, container) (rate(${M.cfsThrottledPeriods}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}]))
        /
        (sum by (namespace, pod, container) (rate(${M.cfsPeriods}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}])) > 0)`,
      ),
    ],
  };
}
