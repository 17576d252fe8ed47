import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { kubeJobs } from "./selectors.js";

const DASHBOARD = "nfops-kubernetes-namespace";
const CONTAINER = "{{ $labels.namespace }}/{{ $labels.pod }} container {{ $labels.container }}";

/** Pods, containers and the controllers that should keep them running: Deployments, StatefulSets, DaemonSets, Jobs, HPAs. */
export function workloadAlerts({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const k = settings.kubernetes;
  const jobs = kubeJobs(stack);
  const ksm = (metric: string, ...matchers: string[]) => `${metric}{${[jobs.ksm, ...matchers].join(", ")}}`;
  const byContainer = "namespace, pod, container";
  const notReadyFor = `${k.podNotReadyMinutes}m`;
  const rules = [
    alert(settings, {
      name: "KubePodCrashLooping",
      // Between crashes the container runs and the waiting reason is gone; the back-off grows to
      // 5 minutes, so a 5-minute window sees every crash-looping container at least once.
      expr: `max by (${byContainer}) (max_over_time(${ksm(M.podWaitingReason, 'reason="CrashLoopBackOff"')}[5m])) >= 1`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A container keeps crashing and Kubernetes backs off restarting it.",
      description: `${CONTAINER} has been in CrashLoopBackOff (value {{ $value }}) for 15 minutes.`,
    }),
    alert(settings, {
      name: "PodRestartingFrequently",
      expr: `sum_over_time(${M.containerRestarts}[1h]) > ${formatNumber(k.podRestartsPerHour)}`,
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A container restarted many times in the last hour.",
      description: `${CONTAINER} restarted {{ $value | printf "%.0f" }} times in the last hour (threshold ${k.podRestartsPerHour}).`,
    }),
    alert(settings, {
      name: "KubePodNotReady",
      // The aggregation group records these pods: active, not ready, not waiting to be scheduled on GPUs.
      expr: M.unreadyPods,
      for: notReadyFor,
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A pod has not been ready for a long time.",
      description: `Pod {{ $labels.namespace }}/{{ $labels.pod }} of {{ $labels.workload_type }} {{ $labels.workload }} has been pending, unknown or running but not ready for ${notReadyFor}.`,
    }),
    alert(settings, {
      name: "KubeContainerOOMKilled",
      expr: [
        `sum_over_time(${M.containerRestarts}[10m]) > 0`,
        `and on (${byContainer})`,
        `max by (${byContainer}) (${ksm(M.podLastTerminatedReason, 'reason="OOMKilled"')}) == 1`,
      ].join("\n"),
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A container was killed for using more memory than its limit.",
      description: `${CONTAINER} was OOMKilled and restarted ({{ $value | printf "%.0f" }} restarts in the last 10 minutes).`,
    }),
    alert(settings, {
      name: "KubeDeploymentReplicasMismatch",
      expr: `(${ksm(M.deploymentSpecReplicas)} - ${ksm(M.deploymentAvailable)}) > 0`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A Deployment has fewer available replicas than it asks for.",
      description: "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has been missing {{ $value }} available replicas for 15 minutes.",
    }),
    alert(settings, {
      name: "KubeDeploymentRolloutStuck",
      // The Deployment controller's own verdict: Progressing=False once progressDeadlineSeconds passed without progress.
      expr: `${ksm(M.deploymentCondition, 'condition="Progressing"', 'status="false"')} == 1`,
      for: "1m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A Deployment's rollout exceeded its progress deadline.",
      description: "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} reports Progressing=False (value {{ $value }}): the rollout made no progress within progressDeadlineSeconds.",
    }),
    alert(settings, {
      name: "KubeStatefulSetReplicasMismatch",
      expr: `(${ksm(M.statefulSetReplicas)} - ${ksm(M.statefulSetReady)}) > 0`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A StatefulSet has fewer ready replicas than it asks for.",
      description: "StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has been missing {{ $value }} ready replicas for 15 minutes.",
    }),
    alert(settings, {
      name: "KubeDaemonSetRolloutStuck",
      // Rollouts go node by node; 30 minutes leaves room for large clusters.
      expr: `max by (namespace, daemonset) ((${ksm(M.daemonSetDesired)} - ${ksm(M.daemonSetUpdated)}) > 0 or (${ksm(M.daemonSetDesired)} - ${ksm(M.daemonSetAvailable)}) > 0)`,
      for: "30m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A DaemonSet is not running its current pod on every node it should.",
      description: "DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} has lacked an updated or available pod on {{ $value }} nodes for 30 minutes.",
    }),
    alert(settings, {
      name: "KubeDaemonSetMisScheduled",
      expr: `${ksm(M.daemonSetMisscheduled)} > 0`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A DaemonSet runs pods on nodes where it should not.",
      description: "DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} runs {{ $value }} pods on nodes its selector or tolerations exclude.",
    }),
    alert(settings, {
      name: "KubeJobFailed",
      expr: `${ksm(M.jobFailed, 'condition="true"')} == 1`,
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A Job failed.",
      description: "Job {{ $labels.namespace }}/{{ $labels.job_name }} has the condition Failed (value {{ $value }}): it hit its backoffLimit or activeDeadlineSeconds. Deleting the Job clears the alert.",
    }),
    alert(settings, {
      name: "KubeJobNotCompleted",
      expr: `(time() - ${ksm(M.jobStartTime)}) > ${formatNumber(k.jobMaxRunHours * 3600)}\nand on (namespace, job_name)\n${ksm(M.jobActive)} > 0`,
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A Job has been running longer than expected.",
      description: `Job {{ $labels.namespace }}/{{ $labels.job_name }} started {{ $value | humanizeDuration }} ago and still has active pods (threshold ${formatNumber(k.jobMaxRunHours)} h).`,
    }),
    alert(settings, {
      name: "KubeHpaMaxedOut",
      expr: `${ksm(M.hpaDesiredReplicas)} >= ${ksm(M.hpaMaxReplicas)}\nand\n${ksm(M.hpaMaxReplicas)} > ${ksm(M.hpaMinReplicas)}`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "An autoscaler has been at its maximum replicas for 15 minutes.",
      description: "HorizontalPodAutoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has wanted its maximum of {{ $value }} replicas for 15 minutes: load may exceed what it is allowed to serve.",
    }),
  ];
  return { name: "nfops-kubernetes-workloads", rules };
}
