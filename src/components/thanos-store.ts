import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ThanosBucketStatefulSet } from "./thanos-bucket-stateful-set.js";
import { THANOS_GRPC_PORT, THANOS_HTTP_PORT, THANOS_IMAGE, thanosOf } from "./thanos-settings.js";
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
    const ready = httpProbe("/-/ready");
    new ThanosBucketStatefulSet(this, "bucket", {
      ...props,
      dataDir: DATA_DIR,
      sizeGiB: (thanos) => thanos.storeGiB,
      container: (identity) => ({
        args: ["store", `--data-dir=${DATA_DIR}`, `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`, `--http-address=0.0.0.0:${identity.port}`],
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
      }),
    });
  }
}
