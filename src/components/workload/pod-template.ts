import { k8s } from "cdk8s-plus-28";
import type { ComponentIdentity } from "../component-identity.js";
import {
  CONFIG_CHECKSUM_ANNOTATION,
  IMAGE_PULL_POLICY,
  configChecksum,
  resourceRequirements,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  type ResourceSizes,
} from "./pod-defaults.js";

/** A named TCP port of the container; each is also a port of the component's Service. */
export interface NamedPort {
  /** Port name; probes, Services, scrape configs and ServiceMonitors refer to ports by name. */
  readonly name: string;
  readonly port: number;
}

/**
 * Who the pod runs as: a fixed numeric non-root user (Pod Security `restricted`), or root, which
 * only a documented exception may ask for (node files or sockets that only root can read).
 */
export type RunAs =
  | { readonly uid: number; readonly gid?: number }
  | {
      /** Why root is needed; every capability is still dropped, escalation off, root filesystem read-only. */
      readonly rootBecause: string;
      /**
       * Capabilities added back (DCGM profiling needs SYS_ADMIN).
       * @default none
       */
      readonly addCapabilities?: readonly string[];
    };

/** The component's one container. Name and image come from its identity; pull policy and security context are the baseline's. */
export interface ComponentContainerProps {
  /** @default the image's own command line */
  readonly args?: readonly string[];
  /** @default none */
  readonly env?: readonly k8s.EnvVar[];
  /** Container ports, in the order the Service lists them. */
  readonly ports: readonly [NamedPort, ...NamedPort[]];
  readonly readinessProbe: k8s.Probe;
  readonly livenessProbe: k8s.Probe;
  /** @default none */
  readonly startupProbe?: k8s.Probe;
  readonly resources: ResourceSizes;
  /** @default none */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

/** A further container in the component's pod (the Thanos sidecar beside Prometheus), under the same baselines; its ports are not the Service's. */
export interface ComponentSidecarProps extends ComponentContainerProps {
  readonly name: string;
  /** Pinned image reference. */
  readonly image: string;
}

/** Everything a component's pod template is built from; the baselines of DESIGN.md §8 are applied here, once. */
export interface ComponentPodProps {
  readonly identity: ComponentIdentity;
  /**
   * CPU limit as a multiple of the CPU request (`workloads.cpuLimitFactor`); 0 sets none.
   * @default 0
   */
  readonly cpuLimitFactor?: number;
  readonly runAs: RunAs;
  readonly container: ComponentContainerProps;
  /** @default none */
  readonly sidecars?: readonly ComponentSidecarProps[];
  /** @default none */
  readonly volumes?: readonly k8s.Volume[];
  /**
   * ServiceAccount whose token the pod mounts (API discovery, RBAC).
   * @default none: no token is mounted
   */
  readonly serviceAccountName?: string;
  /**
   * Contents of the configuration the pod reads: a change to any of them changes the
   * `checksum/config` annotation and rolls the pod.
   * @default none: no annotation (nothing mounted that a restart would pick up)
   */
  readonly configContents?: readonly string[];
  /** @default the Kubernetes default (30 s) */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Share the node's network namespace (the component definition's `hostNetwork`); DNS then resolves as on a cluster pod.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Share the node's PID namespace (node-level process metrics are the host's).
   * @default false
   */
  readonly hostPid?: boolean;
  /** @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none */
  readonly tolerations?: readonly k8s.Toleration[];
}

/** The pod template of a component: labels, checksum, security context, its container, volumes. */
export function componentPodTemplate(props: ComponentPodProps): k8s.PodTemplateSpec {
  const { identity, runAs, container } = props;
  const root = "rootBecause" in runAs;
  const restricted = restrictedContainerSecurityContext();
  const securityContext: k8s.SecurityContext = root
    ? {
        ...restricted,
        runAsNonRoot: false,
        capabilities: { ...restricted.capabilities, ...(runAs.addCapabilities?.length ? { add: [...runAs.addCapabilities] } : {}) },
      }
    : restricted;
  return {
    metadata: {
      labels: identity.labels,
      ...(props.configContents !== undefined
        ? { annotations: { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(...props.configContents) } }
        : {}),
    },
    spec: {
      ...(props.serviceAccountName !== undefined
        ? { serviceAccountName: props.serviceAccountName, automountServiceAccountToken: true }
        : { automountServiceAccountToken: false }),
      ...(props.hostNetwork === true ? { hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" } : {}),
      ...(props.hostPid === true ? { hostPid: true } : {}),
      ...(props.nodeSelector !== undefined ? { nodeSelector: { ...props.nodeSelector } } : {}),
      ...(props.tolerations !== undefined ? { tolerations: [...props.tolerations] } : {}),
      securityContext: root
        ? { runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, seccompProfile: { type: "RuntimeDefault" } }
        : restrictedPodSecurityContext(runAs.uid, runAs.gid),
      ...(props.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: props.terminationGracePeriodSeconds } : {}),
      containers: [
        containerSpec({ ...container, name: identity.name, image: identity.image }, securityContext, props.cpuLimitFactor ?? 0),
        ...(props.sidecars ?? []).map((sidecar) => containerSpec(sidecar, securityContext, props.cpuLimitFactor ?? 0)),
      ],
      ...(props.volumes !== undefined ? { volumes: [...props.volumes] } : {}),
    },
  };
}

/** One container with the pod's security context, the baseline pull policy and its resources. */
function containerSpec(container: ComponentSidecarProps, securityContext: k8s.SecurityContext, cpuLimitFactor: number): k8s.Container {
  return {
    name: container.name,
    image: container.image,
    imagePullPolicy: IMAGE_PULL_POLICY,
    ...(container.args !== undefined ? { args: [...container.args] } : {}),
    ...(container.env !== undefined ? { env: [...container.env] } : {}),
    ports: container.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
    readinessProbe: container.readinessProbe,
    livenessProbe: container.livenessProbe,
    ...(container.startupProbe !== undefined ? { startupProbe: container.startupProbe } : {}),
    resources: resourceRequirements(withCpuLimit(container.resources, cpuLimitFactor)),
    securityContext,
    ...(container.volumeMounts !== undefined ? { volumeMounts: [...container.volumeMounts] } : {}),
  };
}

/** The container's sizes with a CPU limit of `factor` × its request, when a factor is set and it has no limit of its own. */
function withCpuLimit(sizes: ResourceSizes, factor: number): ResourceSizes {
  if (factor === 0 || sizes.cpuLimitMillis !== undefined) return sizes;
  return { ...sizes, cpuLimitMillis: Math.ceil(sizes.cpuRequestMillis * factor) };
}
