import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { toYaml } from "../model/serialize.js";
import { componentIdentity } from "./component-identity.js";
import { LOKI_DATA_DIR, LOKI_GRPC_PORT, lokiConfig } from "./loki-config.js";
import type { ResourceSizes } from "./workload/pod-defaults.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { SingleBinaryStore } from "./single-binary-store.js";
import { replicasOf } from "./high-availability.js";
import { EXPAND_ENV_ARG, MEMBERLIST_PORT, objectStorageEgress, objectStorageEnv } from "./object-storage.js";

/** The user and group of the `grafana/loki` image (its Dockerfile's `USER 10001`). */
export const LOKI_UID = 10001;

export const LOKI_RESOURCES: ResourceSizes = { cpuRequestMillis: 250, memoryRequestMiB: 512, memoryLimitMiB: 2048 };

/** Loki: log store of pod logs and audit events. */
export const lokiComponent: ComponentDefinition<"loki"> = {
  key: "loki",
  name: "loki",
  chart: "loki",
  image: "docker.io/grafana/loki:3.5.3",
  profiles: ["standalone"],
  port: 3100,
  scrape: { nodeLevel: false },
  // Replicas in a ring push to and query each other over gRPC and gossip over memberlist.
  sendsTo: (settings) => (replicasOf(settings, "loki") > 1 ? [{ to: "loki", ports: [LOKI_GRPC_PORT, MEMBERLIST_PORT] }] : []),
  egress: (settings) => objectStorageEgress(settings.loki.objectStorage),
  watch: { down: true, absent: true },
  construct: (scope, context) => new Loki(scope, "loki", context),
};

export interface LokiProps extends ComponentContext {
  /**
   * Requests and limits of the Loki container.
   * @default LOKI_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * Loki as a single binary: StatefulSet `loki` with its volume, ConfigMap `loki-config` and Service
 * `loki`; on object storage the backend block comes from the user's Secret, and under `ha` three
 * replicas form a ring (`loki-memberlist`).
 */
export class Loki extends Construct {
  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    const { settings } = props.environment;
    const identity = componentIdentity(props.environment, props.definition);
    const { port } = identity;
    const configDir = "/etc/loki";
    const objectStorage = settings.loki.objectStorage;
    const replicas = replicasOf(settings, "loki");
    new SingleBinaryStore(this, "store", {
      environment: props.environment,
      identity,
      uid: LOKI_UID,
      configFileName: "loki.yaml",
      config: toYaml(lokiConfig(settings, port)),
      configDir,
      args: [`-config.file=${configDir}/loki.yaml`, "-target=all", ...(objectStorage !== undefined ? [EXPAND_ENV_ARG] : [])],
      ...(objectStorage !== undefined ? { env: objectStorageEnv(objectStorage, replicas > 1) } : {}),
      replicas,
      ports: [
        { name: METRICS_PORT_NAME, port },
        { name: "grpc", port: LOKI_GRPC_PORT },
      ],
      readyPath: "/ready",
      dataDir: LOKI_DATA_DIR,
      storageGiB: settings.storage.lokiGiB,
      resources: props.resources ?? LOKI_RESOURCES,
    });
  }
}
