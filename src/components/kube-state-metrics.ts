import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { ComponentService } from "./component-service.js";
import { componentIdentity } from "./component-identity.js";
import { selectorLabels } from "./labels.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { IMAGE_PULL_POLICY, resourceRequirements, restrictedContainerSecurityContext, restrictedPodSecurityContext, type ResourceSizes } from "./pod-defaults.js";
import { ServiceAccountRbac } from "./service-account-rbac.js";

/** kube-state-metrics' own metrics and `/readyz`. */
export const KUBE_STATE_METRICS_TELEMETRY_PORT = 8081;
/** The image's distroless `nonroot`-style user. */
export const KUBE_STATE_METRICS_UID = 65534;

export const KUBE_STATE_METRICS_RESOURCES: ResourceSizes = { cpuRequestMillis: 50, memoryRequestMiB: 128, memoryLimitMiB: 512 };

/**
 * The resources kube-state-metrics exports (its `--resources` names), by API group. The ClusterRole
 * grants list/watch on exactly these: no Secrets, no ConfigMaps.
 */
export const KUBE_STATE_METRICS_EXPORTED_KINDS: Readonly<Record<string, readonly string[]>> = {
  "": ["namespaces", "nodes", "persistentvolumeclaims", "persistentvolumes", "pods", "resourcequotas", "services"],
  apps: ["daemonsets", "deployments", "replicasets", "statefulsets"],
  autoscaling: ["horizontalpodautoscalers"],
  batch: ["cronjobs", "jobs"],
  policy: ["poddisruptionbudgets"],
};

/** kube-state-metrics: the state of Kubernetes objects (GPUs allocatable per node among them). */
export const kubeStateMetricsComponent: ComponentDefinition<"kubeStateMetrics"> = {
  key: "kubeStateMetrics",
  name: "kube-state-metrics",
  chart: "kube-state-metrics",
  image: "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0",
  profiles: ["standalone"],
  port: 8080,
  scrape: { nodeLevel: false },
  ingress: [],
  watch: { down: true, absent: true },
  construct: (scope, context) => new KubeStateMetrics(scope, "kube-state-metrics", context),
};

export interface KubeStateMetricsProps extends ComponentContext {
  /**
   * Requests and limits of the kube-state-metrics container.
   * @default KUBE_STATE_METRICS_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/** kube-state-metrics (Deployment and Service `kube-state-metrics`) with a list/watch-only ClusterRole. */
export class KubeStateMetrics extends Construct {
  constructor(scope: Construct, id: string, props: KubeStateMetricsProps) {
    super(scope, id);
    const { environment } = props;
    const { namespace, name, image, version, labels, port } = componentIdentity(environment, props.definition);
    const groups = Object.entries(KUBE_STATE_METRICS_EXPORTED_KINDS);
    const exported = groups.flatMap(([, resources]) => resources).sort();

    const rbac = new ServiceAccountRbac(this, "rbac", {
      environment,
      component: name,
      version,
      rules: groups.map(([apiGroup, resources]) => ({ apiGroups: [apiGroup], resources: [...resources], verbs: ["list", "watch"] })),
    });

    new ComponentService(this, "service", {
      environment,
      component: name,
      name,
      version,
      ports: [
        { name: METRICS_PORT_NAME, port },
        { name: "telemetry", port: KUBE_STATE_METRICS_TELEMETRY_PORT },
      ],
    });

    new k8s.KubeDeployment(this, "deployment", {
      metadata: { name, namespace, labels },
      spec: {
        // One replica: two would export every series twice.
        replicas: 1,
        selector: { matchLabels: selectorLabels(environment, name) },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: rbac.serviceAccountName,
            automountServiceAccountToken: true,
            securityContext: restrictedPodSecurityContext(KUBE_STATE_METRICS_UID),
            containers: [
              {
                name,
                image,
                imagePullPolicy: IMAGE_PULL_POLICY,
                args: [
                  `--port=${port}`,
                  `--telemetry-port=${KUBE_STATE_METRICS_TELEMETRY_PORT}`,
                  `--resources=${exported.join(",")}`,
                ],
                ports: [
                  { name: METRICS_PORT_NAME, containerPort: port, protocol: "TCP" },
                  { name: "telemetry", containerPort: KUBE_STATE_METRICS_TELEMETRY_PORT, protocol: "TCP" },
                ],
                livenessProbe: {
                  httpGet: { path: "/livez", port: k8s.IntOrString.fromString(METRICS_PORT_NAME) },
                  initialDelaySeconds: 5,
                  periodSeconds: 30,
                  failureThreshold: 5,
                },
                readinessProbe: {
                  httpGet: { path: "/readyz", port: k8s.IntOrString.fromString("telemetry") },
                  initialDelaySeconds: 5,
                  periodSeconds: 10,
                },
                resources: resourceRequirements(props.resources ?? KUBE_STATE_METRICS_RESOURCES),
                securityContext: restrictedContainerSecurityContext(),
              },
            ],
          },
        },
      },
    });
  }
}
