import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { componentIdentity } from "./component-identity.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentDaemonSet } from "./workload/component-daemon-set.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import { NODE_EXPORTER_ALERTS } from "./node-exporter-alerts.js";

/** `nobody`: node-exporter reads world-readable `/proc` and `/sys` files and needs no privilege. */
export const NODE_EXPORTER_UID = 65534;

export const NODE_EXPORTER_RESOURCES: ResourceSizes = { cpuRequestMillis: 50, memoryRequestMiB: 64, memoryLimitMiB: 256 };

/** Host paths and where they appear in the container, read-only. */
const HOST_MOUNTS = [
  { name: "proc", hostPath: "/proc", mountPath: "/host/proc", flag: "--path.procfs" },
  { name: "sys", hostPath: "/sys", mountPath: "/host/sys", flag: "--path.sysfs" },
  { name: "root", hostPath: "/", mountPath: "/host/root", flag: "--path.rootfs" },
] as const;

/** Pseudo and container filesystems: they would only add series to the disk alerts. */
const FS_TYPES_EXCLUDE =
  "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|mqueue|nsfs|overlay|proc|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tmpfs|tracefs)$";
const MOUNT_POINTS_EXCLUDE = "^/(dev|proc|run|sys|var/lib/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)";
/** Pod network interfaces come and go with pods. */
const NET_DEVICES_EXCLUDE = "^(veth.*|cali.*|cilium.*|lxc.*|flannel.*|cni.*)$";

/** node-exporter: host CPU, memory, filesystems and network of every node. */
export const nodeExporterComponent: ComponentDefinition<"nodeExporter"> = {
  key: "nodeExporter",
  name: "node-exporter",
  chart: "node-exporter",
  image: "quay.io/prometheus/node-exporter:v1.9.1",
  profiles: ["standalone"],
  port: 9100,
  hostNetwork: true,
  scrape: { nodeLevel: true },
  // SystemDown says more than StackComponentDown about a node that stops answering.
  watch: { down: false, absent: true },
  alerts: NODE_EXPORTER_ALERTS,
  ruleTests: "src/components/tests/node-exporter.test.yaml",
  construct: (scope, context) => new NodeExporter(scope, "node-exporter", context),
};

export interface NodeExporterProps extends ComponentContext {
  /**
   * Requests and limits of the node-exporter container.
   * @default NODE_EXPORTER_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * node-exporter on every node (DaemonSet and Service `node-exporter`). Exception to `restricted`,
 * documented here: it shares the host's network and PID namespaces and mounts `/proc`, `/sys` and
 * `/` from the host, read-only, because node metrics are the host's, not the container's. It still
 * runs as `nobody` with every capability dropped and a read-only root filesystem.
 */
export class NodeExporter extends Construct {
  constructor(scope: Construct, id: string, props: NodeExporterProps) {
    super(scope, id);
    const { environment } = props;
    const identity = componentIdentity(environment, props.definition);
    const { port } = identity;

    const probe = httpProbe("/");
    new ComponentDaemonSet(this, "workload", {
      environment,
      identity,
      maxUnavailable: "10%",
      runAs: { uid: NODE_EXPORTER_UID },
      hostNetwork: props.definition.hostNetwork === true,
      hostPid: true,
      // Every node, tainted GPU nodes included.
      tolerations: [{ operator: "Exists" }],
      container: {
        args: [
          ...HOST_MOUNTS.map((m) => `${m.flag}=${m.mountPath}`),
          `--web.listen-address=:${port}`,
          `--collector.filesystem.fs-types-exclude=${FS_TYPES_EXCLUDE}`,
          `--collector.filesystem.mount-points-exclude=${MOUNT_POINTS_EXCLUDE}`,
          `--collector.netdev.device-exclude=${NET_DEVICES_EXCLUDE}`,
          `--collector.netclass.ignored-devices=${NET_DEVICES_EXCLUDE}`,
        ],
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...probe, periodSeconds: 10 },
        livenessProbe: { ...probe, initialDelaySeconds: 10, periodSeconds: 30, failureThreshold: 5 },
        resources: props.resources ?? NODE_EXPORTER_RESOURCES,
        volumeMounts: HOST_MOUNTS.map((m) => ({
          name: m.name,
          mountPath: m.mountPath,
          readOnly: true,
          // Filesystems mounted on the host after the pod started are seen too.
          ...(m.name === "root" ? { mountPropagation: "HostToContainer" } : {}),
        })),
      },
      volumes: HOST_MOUNTS.map((m) => ({ name: m.name, hostPath: { path: m.hostPath } })),
    });
  }
}
