import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { componentIdentity } from "./component-identity.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { THANOS_GRPC_PORT, THANOS_HTTP_PORT, THANOS_IMAGE, THANOS_UID, objstoreMount, thanosOf, type LongTermStorage } from "./thanos-settings.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import { httpProbe } from "./workload/pod-defaults.js";

/** Thanos Store Gateway: the StoreAPI over the blocks in the bucket, for Query. */
export const thanosStoreComponent: ComponentDefinition<"thanosStore"> = {
  key: "thanosStore",
  name: "thanos-store",
  chart: "thanos-store",
  image: THANOS_IMAGE,
  profiles: ["standalone"],
  deployedWhen: (settings) => thanosOf(settings) !== undefined,
  port: THANOS_HTTP_PORT,
  scrape: { nodeLevel: false },
  ingress: [{ from: { component: "thanosQuery" }, ports: [THANOS_GRPC_PORT] }],
  // The bucket (HTTPS to any address: object storage endpoints have no fixed addresses).
  egress: (settings) => [{ to: "anywhere", ports: [thanosOf(settings)?.objectStorage.port ?? 443] }],
  watch: { down: true, absent: true },
  construct: (scope, context) => new ThanosStore(scope, "thanos-store", context),
};

export type ThanosStoreProps = ComponentContext;

const DATA_DIR = "/var/thanos/store";

/**
 * The Store Gateway as a one-replica StatefulSet whose volume holds the index headers and caches
 * of the bucket's blocks (rebuilt from the bucket when lost); it reads the bucket through the
 * user's objstore Secret, mounted as a file.
 */
export class ThanosStore extends Construct {
  constructor(scope: Construct, id: string, props: ThanosStoreProps) {
    super(scope, id);
    const { environment } = props;
    const settings = environment.settings;
    const thanos = thanosOf(settings) as LongTermStorage;
    const identity = componentIdentity(environment, props.definition);
    const objstore = objstoreMount(thanos);
    const ready = httpProbe("/-/ready");
    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      runAs: { uid: THANOS_UID },
      container: {
        args: [
          "store",
          `--data-dir=${DATA_DIR}`,
          objstore.flag,
          `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`,
          `--http-address=0.0.0.0:${identity.port}`,
        ],
        ports: [
          { name: METRICS_PORT_NAME, port: identity.port },
          // Named `grpc`: Query finds it by the `_grpc._tcp` SRV record of its Service.
          { name: "grpc", port: THANOS_GRPC_PORT },
        ],
        readinessProbe: { ...ready, periodSeconds: 10, timeoutSeconds: 3 },
        // The first start reads every block's index header from the bucket.
        startupProbe: { ...ready, periodSeconds: 10, failureThreshold: 60 },
        livenessProbe: { ...httpProbe("/-/healthy"), periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: { cpuRequestMillis: 200, memoryRequestMiB: 512, memoryLimitMiB: 2048 },
        volumeMounts: [{ name: "data", mountPath: DATA_DIR }, objstore.mount],
      },
      volumes: [objstore.volume],
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(settings, { name: "data", sizeGiB: thanos.storeGiB, labels: componentLabels(environment, identity.name) }),
      ],
    });
  }
}
