import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { record } from "../../src/promql/rule-builders.js";
import { aggregationInterval, rateWindow, rollupInterval } from "../../src/promql/windows.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { finishedPods, kubeJobs, REAL_CONTAINERS, unscheduledGpuPods } from "./selectors.js";

const WORKLOAD = "namespace, workload, workload_type";

/**
 * The aggregations the kubernetes alerts and dashboards share. Each per-pod series of
 * kube-state-metrics and cAdvisor is read here, once per evaluation: the alerts then read totals
 * per workload and namespace, the pods that are not ready, or only the containers that restarted.
 * Rules of a group run in order: the pod-to-workload map comes first, and the namespace totals are
 * summed from the workload totals.
 */
export function kubernetesRecordingRules({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const jobs = kubeJobs(stack);
  const w = rateWindow(settings);
  const toWorkload = `on (namespace, pod) group_left (workload, workload_type) ${M.podWorkload}`;
  const owner = (matchers: string) => `${M.podOwner}{${jobs.ksm}, ${matchers}}`;
  /** `series` labelled with its workload, the value of `nameLabel`, of kind `type` (`$1`: the owner's kind), one per pod. */
  const asWorkload = (series: string, nameLabel: string, type: string) =>
    `max by (${WORKLOAD}, pod) (label_replace(label_replace(${series}, "workload", "$1", "${nameLabel}", "(.+)"), "workload_type", "${type}", "owner_kind", "(.*)"))`;
  const replicaSetPods = `label_replace(${owner('owner_kind="ReplicaSet", owner_is_controller="true"')}, "replicaset", "$1", "owner_name", "(.+)")`;
  const deploymentPods = `${replicaSetPods} * on (namespace, replicaset) group_left (owner_kind, owner_name) ${M.replicaSetOwner}{${jobs.ksm}, owner_kind="Deployment", owner_is_controller="true"}`;
  return {
    name: "nfops-kubernetes-aggregation.rules",
    interval: aggregationInterval(settings),
    rules: [
      // Active pods (not finished: Pending, Running or Unknown) and their workload. Deployments own
      // pods through ReplicaSets whose names change each rollout: resolve them to the Deployment. Any
      // other controller is the workload: a StatefulSet, DaemonSet, Job, bare ReplicaSet, a training
      // operator's resource, a Node for static pods. A pod without a controller is its own workload,
      // of type Pod, so that every pod counts in its namespace.
      record(
        M.podWorkload,
        [
          "(",
          `  ${asWorkload(deploymentPods, "owner_name", "$1")}`,
          "  or on (namespace, pod)",
          `  ${asWorkload(owner('owner_is_controller="true"'), "owner_name", "$1")}`,
          "  or on (namespace, pod)",
          `  ${asWorkload(owner('owner_is_controller!="true"'), "pod", "Pod")}`,
          ")",
          "unless on (namespace, pod)",
          finishedPods(jobs),
        ].join("\n"),
      ),
      // Every active pod whose Ready condition is not true (a pending pod has none until it is
      // scheduled), but pods waiting to be scheduled on GPUs: waiting for a GPU is a queue, not a
      // fault (GPUPodPendingTooLong's). Written for those pods only: KubePodNotReady reads a few series.
      record(
        M.unreadyPods,
        [M.podWorkload, `unless on (namespace, pod) ${M.podReady}{${jobs.ksm}, condition="true"} == 1`, `unless on (namespace, pod) ${unscheduledGpuPods(jobs)}`].join("\n"),
      ),
      // Each container's series joins its pod's workload directly: a per-pod sum first would be one
      // more aggregation into as many groups as there are pods, the most expensive step here.
      record(M.workloadRequests, `sum by (${WORKLOAD}, resource) (${M.podRequests}{${jobs.ksm}} * ${toWorkload})`),
      record(M.namespaceRequests, `sum by (namespace, resource) (${M.workloadRequests})`),
      record(M.workloadCpu, `sum by (${WORKLOAD}) (rate(${M.cpuUsage}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}]) * ${toWorkload})`),
      record(M.namespaceCpu, `sum by (namespace) (${M.workloadCpu})`),
      record(M.workloadMemory, `sum by (${WORKLOAD}) (${M.memoryWorkingSet}{${jobs.cadvisor}, ${REAL_CONTAINERS}} * ${toWorkload})`),
      record(M.namespaceMemory, `sum by (namespace) (${M.workloadMemory})`),
      // cAdvisor exports CFS counters only for containers with a CPU limit; no periods, no ratio. Both
      // counters of a container carry the same labels: divided series by series, then aggregated once.
      record(
        M.throttledRatio,
        `max by (namespace, pod, container) (rate(${M.cfsThrottledPeriods}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}]) / (rate(${M.cfsPeriods}{${jobs.cadvisor}, ${REAL_CONTAINERS}}[${w}]) > 0))`,
      ),
    ],
  };
}

/**
 * Restarts per roll-up interval, in a group of their own at that interval: the restart alerts fire
 * without their 5 or more minutes' wait, so their input keeps the minute it had.
 */
export function kubernetesRestartRules({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const jobs = kubeJobs(stack);
  const interval = rollupInterval(settings);
  // Two interval-aligned points in every window: Prometheus 2 ranges include their left edge, 3 exclude it.
  const twoIntervals = formatDuration(2 * durationSeconds(interval));
  const restarts = `${M.podRestarts}{${jobs.ksm}}`;
  return {
    name: "nfops-kubernetes-restarts.rules",
    interval,
    rules: [
      // Restarts in the last whole interval: the counter at the last instant that is a multiple of
      // the interval, less its value one interval before (a two-point subquery: the counter is
      // selected once, where `x - x offset 1m` selects it twice and matches every container's pair).
      // The evaluations of a group are one interval apart, so the intervals they count follow each
      // other without gap or overlap, up to one interval after the restarts; the counts add up
      // without extrapolation (restart counts are small integers), and only containers that
      // restarted are written, so the restart alerts read a handful of series instead of every
      // container. A container's restarts in its first interval, before it has a value one interval
      // back, and in an evaluation Prometheus skipped, are not counted.
      record(M.containerRestarts, `max by (namespace, pod, container) (idelta(${restarts}[${twoIntervals}:${interval}]) > 0)`),
    ],
  };
}
