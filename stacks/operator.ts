import { ApiObject, type App, Chart } from "cdk8s";
import { DashboardConfigMaps } from "../src/components/dashboard-config-maps.js";
import { componentLabels } from "../src/components/labels.js";
import { CLUSTER_JOB, NODE_FROM_POD, inferenceRelabelConfigs } from "../src/components/prometheus-config.js";
import { METRICS_PORT_NAME } from "../src/components/service-ports.js";
import type { StackContext } from "../src/model/stack-model.js";
import type { Relabel } from "../src/model/scrape-config.js";

const MONITORING_API = "monitoring.coreos.com/v1";

/**
 * The operator profile: what a cluster that already runs prometheus-operator (e.g.
 * kube-prometheus-stack) needs from this stack — PrometheusRules, a ServiceMonitor for each
 * deployed component (the exporters its stack lacks), a PodMonitor for annotated inference pods,
 * and dashboards for the Grafana sidecar. The components themselves are composed in `compose.ts`.
 */
export function composeOperatorCharts(app: App, context: StackContext): void {
  const { environment, artifacts, stack } = context;
  const settings = environment.settings;
  const namespace = settings.namespace;
  const selectorLabels = settings.operator.selectorLabels as Record<string, string>;
  const labels = (component: string) => ({ ...componentLabels(environment, component), ...selectorLabels });

  const rules = new Chart(app, "prometheus-rules", { disableResourceNameHashes: true });
  for (const file of artifacts.ruleFiles) {
    new ApiObject(rules, file.name, {
      apiVersion: MONITORING_API,
      kind: "PrometheusRule",
      metadata: { name: `nfops-${file.name}`, namespace, labels: labels("prometheus-rules") },
      spec: { groups: file.groups },
    });
  }

  new DashboardConfigMaps(new Chart(app, "grafana-dashboards", { disableResourceNameHashes: true }), "dashboards", {
    environment,
    dashboards: artifacts.dashboards,
    sidecar: true,
  });

  const monitors = new Chart(app, "monitors", { disableResourceNameHashes: true });
  for (const component of stack.deployed) {
    const relabelings: readonly Relabel[] = [
      ...(component.scrape.nodeLevel ? [NODE_FROM_POD] : []),
      ...(component.scrape.describesOtherObjects === true ? [DROP_DESCRIBED_TARGET_LABELS] : []),
    ];
    new ApiObject(monitors, component.name, {
      apiVersion: MONITORING_API,
      kind: "ServiceMonitor",
      // The job label defaults to the Service name, which is the job name the rules select on.
      metadata: { name: component.name, namespace, labels: labels(component.name) },
      spec: {
        selector: { matchLabels: { "app.kubernetes.io/name": component.name, "app.kubernetes.io/instance": environment.name } },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [
          {
            port: METRICS_PORT_NAME,
            ...(relabelings.length > 0 ? { relabelings: relabelings.map(operatorRelabel) } : {}),
          },
        ],
      },
    });
  }

  new ApiObject(monitors, CLUSTER_JOB.inference, {
    apiVersion: MONITORING_API,
    kind: "PodMonitor",
    metadata: { name: CLUSTER_JOB.inference, namespace, labels: labels(CLUSTER_JOB.inference) },
    spec: {
      // Every pod in every namespace; the `prometheus.io/scrape` annotation decides, as in the standalone profile.
      selector: {},
      namespaceSelector: { any: true },
      podMetricsEndpoints: [
        {
          relabelings: [
            ...inferenceRelabelConfigs().map(operatorRelabel),
            { targetLabel: "job", replacement: CLUSTER_JOB.inference, action: "replace" },
          ],
        },
      ],
    },
  });
}

/**
 * Target labels prometheus-operator adds to every ServiceMonitor target, from the endpoint's pod and
 * Service (v0.80.0 pkg/prometheus/promcfg.go, generateServiceMonitorConfig), which exporters that
 * describe other objects write themselves (dcgm-exporter: the pod holding a GPU, none for a GPU no
 * pod holds).
 */
const DESCRIBED_TARGET_LABELS = ["namespace", "pod", "container", "service"] as const;

/**
 * Drops those target labels, so the exporter's own values stand, and none where it wrote none. The
 * endpoint's `relabelings` run after the operator's own (same file: `ep.RelabelConfigs` are appended
 * last). `honorLabels` is not enough: it keeps an exposed label only where the exporter wrote one, so
 * a GPU no pod holds took the exporter pod's `namespace` and `pod`, and ZombieGPUProcess,
 * GPUPodMappingBroken and the `unallocated` bill never saw it (Prometheus v2.42 scrape/scrape.go
 * mutateSampleLabels). docs/cost.md ("GPU Operator") gives the same relabelings for the GPU Operator's ServiceMonitor.
 */
export const DROP_DESCRIBED_TARGET_LABELS: Relabel = { regex: DESCRIBED_TARGET_LABELS.join("|"), action: "labeldrop" };

/** A Prometheus `relabel_configs` entry in the operator's camelCase `RelabelConfig` form. */
function operatorRelabel(relabel: Relabel): Record<string, unknown> {
  const names: Record<string, string> = { source_labels: "sourceLabels", target_label: "targetLabel" };
  return Object.fromEntries(Object.entries(relabel).map(([key, value]) => [names[key] ?? key, value]));
}
