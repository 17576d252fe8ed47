import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import { durationSeconds } from "../config/duration.js";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { dcgmFields, XID_COUNT_WINDOW_MS } from "../catalog/dcgm-exporter.js";
import { DCGM_EXTRA_RESOURCE_NAMES } from "../catalog/gpu-resources.js";
import { DCGM_PROFILING_FIELD_PREFIX, dcgmCountersCsv } from "../catalog/dcgm-counters.js";
import { componentIdentity } from "./component-identity.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentDaemonSet } from "./workload/component-daemon-set.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import { DCGM_EXPORTER_ALERTS } from "./dcgm-exporter-alerts.js";

/** The kubelet's pod-resources API socket directory: which pod holds which GPU. */
export const POD_RESOURCES_DIR = "/var/lib/kubelet/pod-resources";
/** Node label set by NVIDIA GPU feature discovery (GPU operator) on nodes with a GPU. */
export const GPU_NODE_SELECTOR: Readonly<Record<string, string>> = { "nvidia.com/gpu.present": "true" };

export const DCGM_EXPORTER_RESOURCES: ResourceSizes = { cpuRequestMillis: 100, memoryRequestMiB: 512, memoryLimitMiB: 1024 };

/** NVIDIA dcgm-exporter: per-GPU (and per-MIG-instance) utilisation, memory, power, energy, temperature and hardware errors. */
export const dcgmExporterComponent: ComponentDefinition<"dcgmExporter"> = {
  key: "dcgmExporter",
  name: "dcgm-exporter",
  chart: "dcgm-exporter",
  // The version the NVIDIA GPU Operator (v26.3.3) ships, so a fleet that mixes both runs one exporter version;
  // the first whose --kubernetes-virtual-gpus keeps GPUs no pod holds (4.4.x drops their series once any GPU
  // of the node is held: internal/pkg/transformation/kubernetes.go @ 4.4.2-4.7.0) and writes each sharing pod's own utilisation.
  image: "nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-ubuntu22.04",
  profiles: ["standalone", "operator"],
  // With the GPU Operator's exporter (gpu.exporter: existing) a second one on the same GPUs would only cost DCGM time.
  deployedWhen: (settings) => settings.gpu.exporter === "deploy",
  port: 9400,
  scrape: { nodeLevel: true, describesOtherObjects: true },
  // GPUExporterDown says more when it stops answering; a cluster without GPU nodes has no target at all (GPUMetricsAbsent covers GPUs without metrics).
  watch: { down: false, absent: false },
  alerts: DCGM_EXPORTER_ALERTS,
  ruleTests: "src/components/tests/dcgm-exporter.test.yaml",
  // The GPU Operator's exporter, read under `gpu.exporter: existing`, is watched the same way.
  watchedWhen: (settings) => settings.gpu.exporter === "existing",
  construct: (scope, context) => new DcgmExporter(scope, "dcgm-exporter", context),
};

/** The DCGM fields it watches are the dcgm-exporter metrics of `artifacts.metrics`, the catalog of the packs in effect. */
export interface DcgmExporterProps extends ComponentContext {
  /**
   * Node labels that mark GPU nodes.
   * @default GPU_NODE_SELECTOR
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Requests and limits of the exporter container.
   * @default DCGM_EXPORTER_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * NVIDIA dcgm-exporter on GPU nodes only (DaemonSet and Service `dcgm-exporter`), used by both
 * profiles. Exception to `restricted`, documented here: it runs as uid 0 because DCGM's embedded
 * host engine expects root and the kubelet's pod-resources socket is root-owned; it mounts that
 * socket's directory from the host (read-only) to label each GPU with the pod holding it; it shares
 * the host's PID namespace to find which pod each GPU process belongs to (`/proc/<pid>/cgroup`,
 * internal/pkg/transformation/pidmapper.go @ 4.5.3-4.8.2), which splits a shared GPU by use. Every
 * capability is dropped: the counters are device fields (`DCGM_FI_DEV_*`); only profiling fields
 * (`DCGM_FI_PROF_*`) need CAP_SYS_ADMIN, which is added exactly when the counters contain one.
 */
export class DcgmExporter extends Construct {
  constructor(scope: Construct, id: string, props: DcgmExporterProps) {
    super(scope, id);
    const { environment } = props;
    const { settings } = environment;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, labels, port } = identity;
    const fields = dcgmFields(props.artifacts.metrics);
    const counters = dcgmCountersCsv(fields);
    const configMapName = `${name}-counters`;
    const countersDir = "/etc/dcgm-exporter/nfops";
    const profiling = fields.some((f) => f.name.startsWith(DCGM_PROFILING_FIELD_PREFIX));

    new k8s.KubeConfigMap(this, "counters", {
      metadata: { name: configMapName, namespace, labels },
      data: { "counters.csv": counters },
    });

    const health = httpProbe("/health");
    new ComponentDaemonSet(this, "workload", {
      environment,
      identity,
      runAs: {
        rootBecause: "DCGM's embedded host engine expects root and the kubelet pod-resources socket is root-owned",
        ...(profiling ? { addCapabilities: ["SYS_ADMIN"] } : {}),
      },
      configContents: [counters],
      hostPid: true,
      nodeSelector: props.nodeSelector ?? GPU_NODE_SELECTOR,
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
      container: {
        args: [
          `--collectors=${countersDir}/counters.csv`,
          `--address=:${port}`,
          // Sample as often as Prometheus scrapes: a slower rate would repeat values, a faster one waste DCGM time.
          `--collect-interval=${Math.max(1000, durationSeconds(settings.scrapeInterval) * 1000)}`,
          `--xid-count-window-size=${XID_COUNT_WINDOW_MS}`,
          "--kubernetes=true",
          "--kubernetes-gpu-id-type=uid",
          // Every pod sharing a GPU (time-slicing, MPS) named on series of its own, not only the last one.
          "--kubernetes-virtual-gpus=true",
          ...DCGM_EXTRA_RESOURCE_NAMES.map((resource) => `--nvidia-resource-names=${resource}`),
        ],
        // The NVIDIA container runtime exposes every GPU of the node without the pod requesting one.
        env: [{ name: "NVIDIA_VISIBLE_DEVICES", value: "all" }],
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...health, initialDelaySeconds: 15, periodSeconds: 10 },
        livenessProbe: { ...health, initialDelaySeconds: 60, periodSeconds: 30, failureThreshold: 5 },
        resources: props.resources ?? DCGM_EXPORTER_RESOURCES,
        volumeMounts: [
          { name: "counters", mountPath: countersDir, readOnly: true },
          // A read-only mount still allows connecting to the socket in it.
          { name: "pod-resources", mountPath: POD_RESOURCES_DIR, readOnly: true },
          { name: "tmp", mountPath: "/tmp" },
        ],
      },
      volumes: [
        { name: "counters", configMap: { name: configMapName } },
        { name: "pod-resources", hostPath: { path: POD_RESOURCES_DIR, type: "Directory" } },
        { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("64Mi") } },
      ],
    });
  }
}
