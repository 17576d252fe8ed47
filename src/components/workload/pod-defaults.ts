import { createHash } from "node:crypto";
import { k8s } from "cdk8s-plus-28";
import { METRICS_PORT_NAME } from "../service-ports.js";

/**
 * Pod and container baselines shared by every component (DESIGN.md §8): Pod Security
 * `restricted`, pinned images pulled only when missing, and a checksum annotation that rolls
 * pods when their configuration changes. `pod-template.ts` applies them to every component; an
 * exception (root for a root-owned host file or socket) is stated there with its reason.
 */

/** Container security context of the `restricted` Pod Security Standard. */
export function restrictedContainerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Pod security context: fixed numeric non-root user and group; `fsGroup` makes volumes writable. */
export function restrictedPodSecurityContext(uid: number, gid: number = uid): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export const IMAGE_PULL_POLICY = "IfNotPresent";

export interface ResourceSizes {
  /** CPU request in millicores. */
  readonly cpuRequestMillis: number;
  /** CPU limit in millicores; omitted means no CPU limit (throttling hurts latency more than it protects). */
  readonly cpuLimitMillis?: number;
  readonly memoryRequestMiB: number;
  readonly memoryLimitMiB: number;
}

export function resourceRequirements(sizes: ResourceSizes): k8s.ResourceRequirements {
  return {
    requests: {
      cpu: k8s.Quantity.fromString(`${sizes.cpuRequestMillis}m`),
      memory: k8s.Quantity.fromString(`${sizes.memoryRequestMiB}Mi`),
    },
    limits: {
      ...(sizes.cpuLimitMillis !== undefined ? { cpu: k8s.Quantity.fromString(`${sizes.cpuLimitMillis}m`) } : {}),
      memory: k8s.Quantity.fromString(`${sizes.memoryLimitMiB}Mi`),
    },
  };
}

/** Annotation key whose value changes whenever a pod's mounted configuration changes. */
export const CONFIG_CHECKSUM_ANNOTATION = "checksum/config";

/** SHA-256 over configuration contents, in order; put it on the pod template to roll pods on change. */
export function configChecksum(...contents: readonly string[]): string {
  const hash = createHash("sha256");
  for (const content of contents) hash.update(content).update("\0");
  return hash.digest("hex");
}

/** An HTTP GET probe on a named container port (the metrics port unless said otherwise). */
export function httpProbe(path: string, portName: string = METRICS_PORT_NAME): k8s.Probe {
  return { httpGet: { path, port: k8s.IntOrString.fromString(portName) } };
}
