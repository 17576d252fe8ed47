import type { k8s } from "cdk8s-plus-28";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { EgressRule } from "../model/stack-model.js";

/**
 * Loki and Tempo on object storage (pure; their configurations and constructs read it). The
 * backend's block (bucket, endpoint, credentials) stays in the user's Secret: the pod gets it as
 * an environment variable from the Secret, and the store expands it into its configuration at
 * start (`-config.expand-env=true`), so `dist/` holds only the placeholder.
 */

export type StoreObjectStorage = NonNullable<NonNullable<EnvironmentSettings["loki"]>["objectStorage"]>;

/** Variable holding the Secret key's one line of JSON. */
export const OBJECT_STORAGE_ENV = "NFOPS_OBJECT_STORAGE";
/** Where the configuration takes the backend's block: a flow mapping once expanded, which is why the JSON must be one line. */
export const OBJECT_STORAGE_PLACEHOLDER = `\${${OBJECT_STORAGE_ENV}}`;
export const EXPAND_ENV_ARG = "-config.expand-env=true";
/** Memberlist gossip of Loki's ring (dskit: TCP only). */
export const MEMBERLIST_PORT = 7946;
/** Variable holding the pod's IP (downward API), the address a replica registers in the ring. */
export const POD_IP_ENV = "POD_IP";

/** The headless Service replicas find each other through: `<name>-memberlist`. */
export function memberlistServiceName(name: string): string {
  return `${name}-memberlist`;
}

/** Environment of a store on object storage: the backend's block from the Secret, and the pod IP when it joins a ring. */
export function objectStorageEnv(objectStorage: StoreObjectStorage, inRing: boolean): k8s.EnvVar[] {
  return [
    { name: OBJECT_STORAGE_ENV, valueFrom: { secretKeyRef: { name: objectStorage.secretName, key: objectStorage.key } } },
    ...(inRing ? [{ name: POD_IP_ENV, valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }] : []),
  ];
}

/** The bucket's endpoint: its port to any address (buckets have no fixed addresses a policy could name). */
export function objectStorageEgress(objectStorage: StoreObjectStorage | undefined): EgressRule[] {
  return objectStorage === undefined ? [] : [{ to: "anywhere", ports: [objectStorage.port] }];
}
