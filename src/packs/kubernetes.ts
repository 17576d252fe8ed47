import { kubernetesDashboards } from "../../dashboards/kubernetes/index.js";
import { kubernetesMetrics } from "../../rules/kubernetes/catalog.js";
import { kubernetesRuleFiles } from "../../rules/kubernetes/index.js";
import type { PackDefinition } from "../model/stack-model.js";

/**
 * The Kubernetes baseline teams lose when they leave kube-prometheus-stack: workload, resource,
 * storage and node alerts over kube-state-metrics, the kubelet and cAdvisor. It comes with this
 * stack's kube-state-metrics, so it is in effect in the standalone profile (whose scrape jobs it
 * reads) and not in the operator profile, where kube-prometheus-stack ships its own.
 */
export const kubernetesPack: PackDefinition = {
  name: "kubernetes",
  description:
    "workload, resource, storage and node alerts (crash loops, restarts, rollouts, Jobs, HPAs, throttling, overcommit, quotas, GPU pods pending, PersistentVolumes, kubelets), their recording rules, and the Kubernetes cluster and namespace dashboards; `kubernetes.enabled: false` leaves it out",
  metrics: kubernetesMetrics,
  ruleFiles: kubernetesRuleFiles,
  dashboards: kubernetesDashboards,
  inEffectWhen: (settings) => settings.kubernetes.enabled,
  // An unreachable node's kubelet cannot be scraped either: one page for the node.
  inhibitions: [{ source: "KubeNodeUnreachable", target: "KubeletDown", equal: ["node"] }],
  ruleTestsDir: "rules/kubernetes/tests",
};
