import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { kubeJobs } from "./selectors.js";

const DASHBOARD = "nfops-kubernetes-cluster";

/** Nodes as the control plane sees them (conditions from kube-state-metrics) and their kubelets as Prometheus scrapes them. */
export function nodeAlerts({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const k = settings.kubernetes;
  const jobs = kubeJobs(stack);
  const ready = (status: string) => `${M.nodeCondition}{${jobs.ksm}, condition="Ready", status="${status}"} == 1`;
  const rules = [
    alert(settings, {
      name: "KubeNodeNotReady",
      // Ready=False: the kubelet reports itself unhealthy (runtime, network plugin, pressure).
      expr: ready("false"),
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node reports that it is not ready.",
      description: "Node {{ $labels.node }} has reported Ready=False for 15 minutes (value {{ $value }}): no new pods are scheduled on it.",
    }),
    alert(settings, {
      name: "KubeNodeUnreachable",
      // Ready=Unknown: the node controller stopped hearing from the kubelet; pods are evicted after their toleration (5 minutes by default).
      expr: ready("unknown"),
      for: "5m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "The control plane has lost contact with a node.",
      description: "Node {{ $labels.node }} has not reported its status for 5 minutes (Ready=Unknown, value {{ $value }}): its pods are being evicted.",
    }),
    alert(settings, {
      name: "KubeNodePressure",
      expr: `${M.nodeCondition}{${jobs.ksm}, condition=~"MemoryPressure|DiskPressure|PIDPressure", status="true"} == 1`,
      for: "5m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node is short of memory, disk or process IDs and evicts pods.",
      description: "Node {{ $labels.node }} has reported {{ $labels.condition }} for 5 minutes (value {{ $value }}): the kubelet evicts pods and no new ones are scheduled there.",
    }),
    alert(settings, {
      name: "KubeletDown",
      expr: `up{${jobs.kubelet}} == 0\nor\nabsent(up{${jobs.kubelet}})`,
      for: "15m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "Prometheus cannot scrape a kubelet.",
      description: "The kubelet of node {{ with $labels.node }}{{ . }}{{ else }}(none found){{ end }} has not been scraped for 15 minutes (value {{ $value }}): its volume, pod and cAdvisor metrics are missing.",
    }),
    alert(settings, {
      name: "KubeletTooManyPods",
      expr: `100 * max by (node) (${M.kubeletRunningPods}{${jobs.kubelet}})\n/ on (node)\nmax by (node) (${M.nodeCapacity}{${jobs.ksm}, resource="pods"})\n> ${formatNumber(k.kubeletPodsPercent)}`,
      for: "15m",
      severity: "info",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node runs close to its maximum number of pods.",
      description: `Node {{ $labels.node }} runs {{ $value | printf "%.0f" }} % of the pods its kubelet accepts (threshold ${formatNumber(k.kubeletPodsPercent)} %).`,
    }),
  ];
  return { name: "nfops-kubernetes-nodes", rules };
}
