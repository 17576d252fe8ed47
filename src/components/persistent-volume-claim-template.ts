import { k8s } from "cdk8s-plus-28";
import type { EnvironmentSettings } from "../config/environment-schema.js";

export interface PersistentVolumeClaimTemplateProps {
  /** Claim name; also the name of the volumeMount that uses it. Renaming it orphans the data. */
  readonly name: string;
  /** Requested size in GiB (from `storage.<component>GiB`). */
  readonly sizeGiB: number;
  /** Labels of the claim (the component's labels). */
  readonly labels: Record<string, string>;
}

/**
 * A ReadWriteOnce claim of `sizeGiB` on the environment's StorageClass, usable both as a
 * StatefulSet `volumeClaimTemplates` entry and as the spec of a standalone `KubePersistentVolumeClaim`.
 * An empty `storage.storageClassName` omits the field so the cluster's default class applies.
 */
export function persistentVolumeClaimTemplate(
  settings: EnvironmentSettings,
  props: PersistentVolumeClaimTemplateProps,
): k8s.KubePersistentVolumeClaimProps {
  const storageClassName = settings.storage.storageClassName;
  return {
    metadata: { name: props.name, labels: props.labels },
    spec: {
      accessModes: ["ReadWriteOnce"],
      ...(storageClassName !== "" ? { storageClassName } : {}),
      resources: { requests: { storage: k8s.Quantity.fromString(`${props.sizeGiB}Gi`) } },
    },
  };
}
