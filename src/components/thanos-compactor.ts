import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ThanosBucketStatefulSet } from "./thanos-bucket-stateful-set.js";
import { THANOS_HTTP_PORT, THANOS_IMAGE, thanosOf, type LongTermStorage } from "./thanos-settings.js";
import { httpProbe } from "./workload/pod-defaults.js";

/** Thanos Compactor: compaction, downsampling and retention of the blocks in the bucket. */
export const thanosCompactorComponent: ComponentDefinition<"thanosCompactor"> = {
  key: "thanosCompactor",
  name: "thanos-compactor",
  chart: "thanos-compactor",
  image: THANOS_IMAGE,
  profiles: ["standalone"],
  deployedWhen: (settings) => thanosOf(settings) !== undefined,
  port: THANOS_HTTP_PORT,
  scrape: { nodeLevel: false },
  // Nobody calls it; Prometheus scrapes it.
  egress: (settings) => [{ to: "anywhere", ports: [thanosOf(settings)?.objectStorage.port ?? 443] }],
  watch: { down: true, absent: true },
  construct: (scope, context) => new ThanosCompactor(scope, "thanos-compactor", context),
};

export type ThanosCompactorProps = ComponentContext;

const DATA_DIR = "/var/thanos/compact";

/** Compactor flags from `longTermStorage`: retention per resolution, downsampling on or off (pure; tests read it). */
export function compactorArgs(thanos: LongTermStorage): string[] {
  return [
    `--retention.resolution-raw=${thanos.retentionRaw}`,
    `--retention.resolution-5m=${thanos.retentionFiveMinutes}`,
    `--retention.resolution-1h=${thanos.retentionOneHour}`,
    ...(thanos.downsampling ? [] : ["--downsampling.disable"]),
  ];
}

/**
 * The Compactor as a StatefulSet of exactly one replica (`ThanosBucketStatefulSet`), whatever `ha` says: the bucket has no
 * lock, and two compactors would compact and delete the same blocks at once (overlapping or
 * missing data), which Thanos documents as unsupported. A pause while it restarts only delays
 * compaction. Its volume is scratch space; `--wait` keeps it running and compacting every 5 min.
 * Replica copies stay in the bucket (deduplicated by Query at read time).
 */
export class ThanosCompactor extends Construct {
  constructor(scope: Construct, id: string, props: ThanosCompactorProps) {
    super(scope, id);
    new ThanosBucketStatefulSet(this, "bucket", {
      ...props,
      dataDir: DATA_DIR,
      sizeGiB: (thanos) => thanos.compactorGiB,
      // Lets a running compaction or upload of a downsampled block finish.
      terminationGracePeriodSeconds: 120,
      container: (identity, thanos) => ({
        args: ["compact", "--wait", `--data-dir=${DATA_DIR}`, `--http-address=0.0.0.0:${identity.port}`, ...compactorArgs(thanos)],
        ports: [{ name: METRICS_PORT_NAME, port: identity.port }],
        readinessProbe: { ...httpProbe("/-/ready"), periodSeconds: 10, timeoutSeconds: 3 },
        livenessProbe: { ...httpProbe("/-/healthy"), periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: { cpuRequestMillis: 200, memoryRequestMiB: 512, memoryLimitMiB: 2048 },
      }),
    });
  }
}
