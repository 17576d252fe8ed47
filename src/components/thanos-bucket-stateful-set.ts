import { Construct } from "constructs";
import type { ComponentContext } from "../model/stack-model.js";
import { componentIdentity, type ComponentIdentity } from "./component-identity.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { THANOS_UID, objstoreMount, thanosOf, type LongTermStorage } from "./thanos-settings.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import type { ComponentContainerProps } from "./workload/pod-template.js";

export interface ThanosBucketStatefulSetProps extends ComponentContext {
  /** Mount point of the volume (`--data-dir`). */
  readonly dataDir: string;
  /** Volume size from the Thanos settings. */
  readonly sizeGiB: (thanos: LongTermStorage) => number;
  /** The container; the objstore flag is appended to its arguments and its file and volume mounted. */
  readonly container: (identity: ComponentIdentity, thanos: LongTermStorage) => Omit<ComponentContainerProps, "volumeMounts">;
  /** @default the Kubernetes default (30 s) */
  readonly terminationGracePeriodSeconds?: number;
}

/**
 * A Thanos component that works on the bucket (Store Gateway, Compactor): one replica, a volume at
 * `dataDir`, the user's objstore Secret key mounted as the file `--objstore.config-file` reads.
 */
export class ThanosBucketStatefulSet extends Construct {
  constructor(scope: Construct, id: string, props: ThanosBucketStatefulSetProps) {
    super(scope, id);
    const { environment } = props;
    const thanos = thanosOf(environment.settings) as LongTermStorage;
    const identity = componentIdentity(environment, props.definition);
    const objstore = objstoreMount(thanos);
    const container = props.container(identity, thanos);
    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      replicas: 1,
      runAs: { uid: THANOS_UID },
      ...(props.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: props.terminationGracePeriodSeconds } : {}),
      container: {
        ...container,
        args: [...(container.args ?? []), objstore.flag],
        volumeMounts: [{ name: "data", mountPath: props.dataDir }, objstore.mount],
      },
      volumes: [objstore.volume],
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(environment.settings, { name: "data", sizeGiB: props.sizeGiB(thanos), labels: componentLabels(environment, identity.name) }),
      ],
    });
  }
}
