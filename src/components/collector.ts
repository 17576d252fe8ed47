import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { ALLOY_NODE_NAME_ENV, POD_LOGS_DIR, alloyConfig } from "./alloy-config.js";
import { componentIdentity } from "./component-identity.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./otlp-ports.js";
import { ComponentDaemonSet } from "./workload/component-daemon-set.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import { ServiceAccountRbac } from "./service-account-rbac.js";
import { METRICS_PORT_NAME } from "./service-ports.js";

export const COLLECTOR_RESOURCES: ResourceSizes = { cpuRequestMillis: 100, memoryRequestMiB: 256, memoryLimitMiB: 1024 };

/**
 * Why the collector is not `restricted`: container log files under `/var/log/pods` belong to root
 * with mode 0640, so only uid 0 can read them. It runs as root with every capability dropped, no
 * privilege escalation, a read-only root filesystem and the log directory mounted read-only.
 */
export const COLLECTOR_SECURITY_EXCEPTION =
  "runs as uid 0 (all capabilities dropped, read-only root and hostPath) to read the root-owned 0640 container logs in /var/log/pods";

/** Grafana Alloy: ships pod logs and audit events to Loki, forwards OTLP traces to Tempo and OTLP metrics to Prometheus. */
export const collectorComponent: ComponentDefinition<"collector"> = {
  key: "collector",
  name: "alloy",
  chart: "collector",
  image: "docker.io/grafana/alloy:v1.10.1",
  profiles: ["standalone"],
  port: 12345,
  scrape: { nodeLevel: false },
  // Applications in every namespace send traces and metrics.
  ingress: [{ from: "any-namespace", ports: [OTLP_GRPC_PORT, OTLP_HTTP_PORT] }],
  // Pod discovery for log files.
  egress: [{ to: "kube-apiserver" }],
  // Logs to Loki's push API, OTLP traces to Tempo's receivers, OTLP metrics to Prometheus' OTLP endpoint.
  sendsTo: [{ to: "loki" }, { to: "tempo", ports: [OTLP_GRPC_PORT, OTLP_HTTP_PORT] }, { to: "prometheus" }],
  watch: { down: true, absent: true },
  construct: (scope, context) => new Collector(scope, "collector", context),
};

export interface CollectorProps extends ComponentContext {
  /**
   * Requests and limits of the Alloy container.
   * @default COLLECTOR_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * Grafana Alloy on every node (DaemonSet `alloy`): ships the node's pod logs to Loki (audit lines
 * labelled per `src/audit/fields.ts`), forwards OTLP traces to Tempo and OTLP metrics to
 * Prometheus's OTLP endpoint. Applications send OTLP
 * to Service `alloy` on 4317 (gRPC) or 4318 (HTTP).
 */
export class Collector extends Construct {
  constructor(scope: Construct, id: string, props: CollectorProps) {
    super(scope, id);
    const { environment } = props;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, version, labels, port: httpPort } = identity;
    const config = alloyConfig(environment, props.stack);
    const configDir = "/etc/alloy";
    const configMapName = `${name}-config`;

    const rbac = new ServiceAccountRbac(this, "rbac", {
      environment,
      component: name,
      version,
      // Pod discovery only; namespace and node metadata are not attached, so not readable.
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
    });

    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: configMapName, namespace, labels },
      data: { "config.alloy": config },
    });

    const ready = httpProbe("/-/ready");
    new ComponentDaemonSet(this, "workload", {
      environment,
      identity,
      maxUnavailable: "10%",
      runAs: { rootBecause: COLLECTOR_SECURITY_EXCEPTION },
      serviceAccountName: rbac.serviceAccountName,
      configContents: [config],
      // Logs of every node, tainted GPU nodes included.
      tolerations: [{ operator: "Exists" }],
      container: {
        args: [
          "run",
          `${configDir}/config.alloy`,
          `--server.http.listen-addr=0.0.0.0:${httpPort}`,
          "--storage.path=/var/lib/alloy/data",
          "--stability.level=generally-available",
          "--disable-reporting",
        ],
        env: [{ name: ALLOY_NODE_NAME_ENV, valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
        ports: [
          { name: "otlp-grpc", port: OTLP_GRPC_PORT },
          { name: "otlp-http", port: OTLP_HTTP_PORT },
          { name: METRICS_PORT_NAME, port: httpPort },
        ],
        readinessProbe: { ...ready, initialDelaySeconds: 5, periodSeconds: 10 },
        livenessProbe: { ...ready, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 5 },
        resources: props.resources ?? COLLECTOR_RESOURCES,
        volumeMounts: [
          { name: "config", mountPath: configDir, readOnly: true },
          { name: "pod-logs", mountPath: POD_LOGS_DIR, readOnly: true },
          // Read positions; lost on pod replacement, after which recent lines are re-sent and Loki drops the exact duplicates.
          { name: "storage", mountPath: "/var/lib/alloy" },
          { name: "tmp", mountPath: "/tmp" },
        ],
      },
      volumes: [
        { name: "config", configMap: { name: configMapName } },
        { name: "pod-logs", hostPath: { path: POD_LOGS_DIR, type: "Directory" } },
        { name: "storage", emptyDir: { sizeLimit: k8s.Quantity.fromString("1Gi") } },
        { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
      ],
    });
  }
}
