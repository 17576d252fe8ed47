import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import { ruleFileYaml } from "../model/artifacts.js";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { toYaml } from "../model/serialize.js";
import { componentIdentity } from "./component-identity.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { ServiceAccountRbac } from "./service-account-rbac.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import { httpProbe } from "./workload/pod-defaults.js";
import { replicasOf } from "./high-availability.js";
import { PROMETHEUS_OTLP_RECEIVER_FLAG, prometheusReceivesOtlp } from "./prometheus-otlp.js";
import { POD_NAME_ENV, PROMETHEUS_RULES_DIR, REMOTE_WRITE_PASSWORD_KEY, REMOTE_WRITE_SECRET_DIR, namespaceServiceJob, prometheusConfig } from "./prometheus-config.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentService } from "./component-service.js";
import { stackPack } from "../packs/stack.js";
import { THANOS_BLOCK_DURATION, THANOS_GRPC_PORT, THANOS_HTTP_PORT, THANOS_SIDECAR_SERVICE, THANOS_SIDECAR_CONTAINER, objstoreMount, thanosOf } from "./thanos-settings.js";
import type { ComponentSidecarProps } from "./workload/pod-template.js";
import { PROMETHEUS_ALERT_METRICS, PROMETHEUS_ALERTS } from "./prometheus-alerts.js";

/** Prometheus: scrapes every deployed component, evaluates the packs' rules, sends alerts to Alertmanager. */
export const prometheusComponent: ComponentDefinition<"prometheus"> = {
  key: "prometheus",
  name: "prometheus",
  chart: "prometheus",
  image: "quay.io/prometheus/prometheus:v3.5.0",
  profiles: ["standalone"],
  port: 9090,
  // With Thanos, every replica also scrapes the sidecars (their own Service and job).
  scrape: { nodeLevel: false, extraJobs: (stack) => (thanosOf(stack.settings) !== undefined ? [namespaceServiceJob(stack.settings, THANOS_SIDECAR_SERVICE)] : []) },
  // Grafana (or Thanos Query, reading the sidecars' StoreAPI) and the collector's OTLP metrics reach it through their `sendsTo`.
  // Alerts to every Alertmanager replica; with Thanos, every replica scrapes the sidecars' HTTP port.
  sendsTo: (settings) => [{ to: "alertmanager" }, ...(thanosOf(settings) !== undefined ? [{ to: "prometheus" as const, ports: [THANOS_HTTP_PORT] }] : [])],
  // It scrapes pods of every namespace on their own ports and kubelets on the nodes, asks the API
  // server for targets and may remote-write anywhere: no narrower rule would hold.
  egress: [{ to: "anywhere" }],
  watch: { down: true, absent: true },
  alerts: PROMETHEUS_ALERTS,
  metrics: PROMETHEUS_ALERT_METRICS,
  ruleTests: "src/components/tests/prometheus.test.yaml",
  // kube-prometheus-stack's Prometheus evaluates the same rules under the operator profile.
  watchedWhen: () => true,
  // The stack's own failure modes, evaluated by the Prometheus that watches the stack.
  pack: stackPack,
  construct: (scope, context) => new Prometheus(scope, "prometheus", context),
};

/** The stack it scrapes, and the rule files of the packs in effect (`artifacts.ruleFiles`), one ConfigMap key each. */
export type PrometheusProps = ComponentContext;

/** Directory of `prometheus.yml`; rule files sit in `rules/` below it (relative paths in the configuration). */
export const PROMETHEUS_CONFIG_DIR = "/etc/prometheus";
export const PROMETHEUS_CONFIG_FILE = "prometheus.yml";
const DATA_DIR = "/prometheus";
/** `nobody`, the user of the upstream image. */
const UID = 65534;
/** Share of the volume the TSDB may fill before size-based retention deletes blocks: headroom for the WAL and compaction. */
const RETENTION_SIZE_SHARE = 0.85;

/**
 * Prometheus as a StatefulSet with its TSDB on a persistent volume, configuration and rule files
 * from two ConfigMaps projected into one directory, read-only RBAC for discovery, and a Service.
 * A configuration or rule change changes the checksum annotation and rolls the pod. Under `ha`,
 * identical replicas scrape the same targets and evaluate the same rules, each with its own
 * volume, told apart by the `prometheus_replica` external label (its pod name). With
 * `longTermStorage`, each pod also runs a Thanos sidecar that uploads its blocks to the bucket and
 * serves the StoreAPI to Thanos Query through a headless Service.
 */
export class Prometheus extends Construct {
  constructor(scope: Construct, id: string, props: PrometheusProps) {
    super(scope, id);
    const { environment } = props;
    const settings = environment.settings;
    const ruleFiles = props.artifacts.ruleFiles;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, version, labels, port } = identity;

    const config = toYaml(prometheusConfig(props.stack));
    const rules = Object.fromEntries(ruleFiles.map((file) => [`${file.name}.yaml`, ruleFileYaml(file)]));
    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: `${name}-config`, namespace, labels },
      data: { [PROMETHEUS_CONFIG_FILE]: config },
    });
    new k8s.KubeConfigMap(this, "rules", {
      metadata: { name: `${name}-rules`, namespace, labels },
      data: rules,
    });

    // Discovery (nodes, EndpointSlices with their Services and Pods) and kubelet/cAdvisor scrapes.
    const rbac = new ServiceAccountRbac(this, "rbac", {
      environment,
      component: name,
      version,
      rules: [
        { apiGroups: [""], resources: ["nodes", "nodes/metrics", "services", "pods"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
        { nonResourceUrLs: ["/metrics"], verbs: ["get"] },
      ],
    });

    const remoteWriteSecret = settings.prometheus.remoteWriteUrl !== "" ? settings.prometheus.remoteWriteSecretName : "";
    const retentionSizeMiB = Math.floor(settings.storage.prometheusGiB * 1024 * RETENTION_SIZE_SHARE);
    const ready = httpProbe("/-/ready");
    const replicas = replicasOf(settings, "prometheus");
    const thanos = thanosOf(settings);
    const sidecar = thanos !== undefined ? thanosSidecar(props, thanos, port) : undefined;
    if (sidecar !== undefined) {
      // Headless: Query must hold a connection to every replica, not to one behind a ClusterIP.
      new ComponentService(this, "thanos-sidecar", {
        environment,
        component: name,
        name: THANOS_SIDECAR_SERVICE,
        version,
        headless: true,
        ports: [
          { name: "grpc", port: THANOS_GRPC_PORT },
          { name: METRICS_PORT_NAME, port: THANOS_HTTP_PORT, targetPort: SIDECAR_HTTP_PORT_NAME },
        ],
      });
    }

    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      replicas,
      runAs: { uid: UID },
      serviceAccountName: rbac.serviceAccountName,
      configContents: [config, ...Object.values(rules)],
      // Lets the head block be written out cleanly instead of replaying the WAL on start.
      terminationGracePeriodSeconds: 600,
      container: {
        args: [
          `--config.file=${PROMETHEUS_CONFIG_DIR}/${PROMETHEUS_CONFIG_FILE}`,
          `--storage.tsdb.path=${DATA_DIR}`,
          `--storage.tsdb.retention.time=${settings.retention.prometheus}`,
          // Prometheus size units are powers of 1024, so MB here is MiB.
          `--storage.tsdb.retention.size=${retentionSizeMiB}MB`,
          `--web.listen-address=:${port}`,
          // Equal block durations turn local compaction off, so that the sidecar uploads every block as Prometheus cut it.
          ...(thanos !== undefined
            ? [`--storage.tsdb.min-block-duration=${THANOS_BLOCK_DURATION}`, `--storage.tsdb.max-block-duration=${THANOS_BLOCK_DURATION}`]
            : []),
          // Each alert's generatorURL (the "source" link) points here instead of at the pod.
          ...(settings.externalUrls.prometheus !== "" ? [`--web.external-url=${settings.externalUrls.prometheus}`] : []),
          "--web.console.templates=/dev/null",
          "--web.console.libraries=/dev/null",
          // Applications' OTLP metrics (OTel GenAI among them), forwarded by the collector.
          ...(prometheusReceivesOtlp(props.stack) ? [PROMETHEUS_OTLP_RECEIVER_FLAG] : []),
        ],
        ...(replicas > 1 ? { env: [{ name: POD_NAME_ENV, valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] } : {}),
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...ready, periodSeconds: 10, timeoutSeconds: 3 },
        // WAL replay after a crash can take many minutes on a large head block.
        startupProbe: { ...ready, periodSeconds: 15, failureThreshold: 80 },
        livenessProbe: { ...httpProbe("/-/healthy"), periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: { cpuRequestMillis: 500, memoryRequestMiB: 2048, memoryLimitMiB: 4096 },
        volumeMounts: [
          { name: "config", mountPath: PROMETHEUS_CONFIG_DIR, readOnly: true },
          { name: "data", mountPath: DATA_DIR },
          ...(remoteWriteSecret !== "" ? [{ name: "remote-write", mountPath: REMOTE_WRITE_SECRET_DIR, readOnly: true }] : []),
        ],
      },
      volumes: [
        {
          name: "config",
          projected: {
            sources: [
              { configMap: { name: `${name}-config`, items: [{ key: PROMETHEUS_CONFIG_FILE, path: PROMETHEUS_CONFIG_FILE }] } },
              // Listed key by key: an empty item list would project the ConfigMap's keys at the top level.
              ...(ruleFiles.length > 0
                ? [{ configMap: { name: `${name}-rules`, items: Object.keys(rules).map((key) => ({ key, path: `${PROMETHEUS_RULES_DIR}/${key}` })) } }]
                : []),
            ],
          },
        },
        ...(remoteWriteSecret !== ""
          ? [{ name: "remote-write", secret: { secretName: remoteWriteSecret, items: [{ key: REMOTE_WRITE_PASSWORD_KEY, path: REMOTE_WRITE_PASSWORD_KEY }] } }]
          : []),
        ...(sidecar !== undefined ? [sidecar.volume] : []),
      ],
      ...(sidecar !== undefined ? { sidecars: [sidecar.container] } : {}),
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(settings, { name: "data", sizeGiB: settings.storage.prometheusGiB, labels: componentLabels(environment, name) }),
      ],
    });
  }
}

/** Container port name of the sidecar's HTTP port (the Prometheus container has `http-metrics`). */
const SIDECAR_HTTP_PORT_NAME = "http-sidecar";

/**
 * The Thanos sidecar of a Prometheus pod: it reads the TSDB on the shared volume, uploads each
 * finished 2 h block to the bucket (objstore configuration from the user's Secret, mounted as a
 * file), and answers Query's StoreAPI for the recent data still in Prometheus.
 */
function thanosSidecar(props: PrometheusProps, thanos: NonNullable<ReturnType<typeof thanosOf>>, prometheusPort: number): { container: ComponentSidecarProps; volume: k8s.Volume } {
  const objstore = objstoreMount(thanos);
  // Query's image (override and digest included): one Thanos version for the whole stack.
  const image = componentIdentity(props.environment, props.stack.component("thanosQuery")).image;
  return {
    container: {
      name: THANOS_SIDECAR_CONTAINER,
      image,
      args: [
        "sidecar",
        `--tsdb.path=${DATA_DIR}`,
        `--prometheus.url=http://localhost:${prometheusPort}`,
        `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`,
        `--http-address=0.0.0.0:${THANOS_HTTP_PORT}`,
        objstore.flag,
      ],
      ports: [
        { name: "grpc", port: THANOS_GRPC_PORT },
        { name: SIDECAR_HTTP_PORT_NAME, port: THANOS_HTTP_PORT },
      ],
      readinessProbe: { ...httpProbe("/-/ready", SIDECAR_HTTP_PORT_NAME), periodSeconds: 10, timeoutSeconds: 3 },
      livenessProbe: { ...httpProbe("/-/healthy", SIDECAR_HTTP_PORT_NAME), periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
      resources: { cpuRequestMillis: 100, memoryRequestMiB: 128, memoryLimitMiB: 512 },
      // It writes its upload record (thanos.shipper.json) into the TSDB directory.
      volumeMounts: [{ name: "data", mountPath: DATA_DIR }, objstore.mount],
    },
    volume: objstore.volume,
  };
}
