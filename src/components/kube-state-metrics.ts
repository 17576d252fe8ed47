import { Construct } from "constructs";
import { kubeStateMetricsCollectors } from "../catalog/kube-state-metrics-resources.js";
import { EXPORTED_NODE_LABELS } from "../catalog/node-labels.js";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { kubernetesPack } from "../packs/kubernetes.js";
import { componentIdentity } from "./component-identity.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentDeployment } from "./workload/component-deployment.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import { ServiceAccountRbac } from "./service-account-rbac.js";

/** kube-state-metrics' own metrics and `/readyz`. */
export const KUBE_STATE_METRICS_TELEMETRY_PORT = 8081;
/** The image's distroless `nonroot`-style user. */
export const KUBE_STATE_METRICS_UID = 65534;

export const KUBE_STATE_METRICS_RESOURCES: ResourceSizes = { cpuRequestMillis: 50, memoryRequestMiB: 128, memoryLimitMiB: 512 };

/** kube-state-metrics: the state of Kubernetes objects (GPUs allocatable per node among them). */
export const kubeStateMetricsComponent: ComponentDefinition<"kubeStateMetrics"> = {
  key: "kubeStateMetrics",
  name: "kube-state-metrics",
  chart: "kube-state-metrics",
  image: "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0",
  profiles: ["standalone"],
  port: 8080,
  scrape: { nodeLevel: false, describesOtherObjects: true },
  egress: [{ to: "kube-apiserver" }],
  watch: { down: true, absent: true },
  pack: kubernetesPack,
  construct: (scope, context) => new KubeStateMetrics(scope, "kube-state-metrics", context),
};

export interface KubeStateMetricsProps extends ComponentContext {
  /**
   * Requests and limits of the kube-state-metrics container.
   * @default KUBE_STATE_METRICS_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * kube-state-metrics (Deployment and Service `kube-state-metrics`) with a list/watch-only ClusterRole
 * over exactly the objects the catalogued series of the packs in effect describe: no Secrets, no ConfigMaps.
 */
export class KubeStateMetrics extends Construct {
  constructor(scope: Construct, id: string, props: KubeStateMetricsProps) {
    super(scope, id);
    const { environment } = props;
    const identity = componentIdentity(environment, props.definition);
    const { name, version, port } = identity;
    const groups = Object.entries(kubeStateMetricsCollectors(props.artifacts.metrics));
    const exported = groups.flatMap(([, resources]) => resources).sort();

    const rbac = new ServiceAccountRbac(this, "rbac", {
      environment,
      component: name,
      version,
      rules: groups.map(([apiGroup, resources]) => ({ apiGroups: [apiGroup], resources: [...resources], verbs: ["list", "watch"] })),
    });

    new ComponentDeployment(this, "workload", {
      environment,
      identity,
      runAs: { uid: KUBE_STATE_METRICS_UID },
      serviceAccountName: rbac.serviceAccountName,
      container: {
        args: [
          `--port=${port}`,
          `--telemetry-port=${KUBE_STATE_METRICS_TELEMETRY_PORT}`,
          `--resources=${exported.join(",")}`,
          `--metric-labels-allowlist=nodes=[${EXPORTED_NODE_LABELS.join(",")}]`,
        ],
        ports: [
          { name: METRICS_PORT_NAME, port },
          { name: "telemetry", port: KUBE_STATE_METRICS_TELEMETRY_PORT },
        ],
        livenessProbe: { ...httpProbe("/livez"), initialDelaySeconds: 5, periodSeconds: 30, failureThreshold: 5 },
        readinessProbe: { ...httpProbe("/readyz", "telemetry"), initialDelaySeconds: 5, periodSeconds: 10 },
        resources: props.resources ?? KUBE_STATE_METRICS_RESOURCES,
      },
    });
  }
}
