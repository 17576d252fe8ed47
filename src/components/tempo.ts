import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { toYaml } from "../model/serialize.js";
import { componentIdentity } from "./component-identity.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./otlp-ports.js";
import type { ResourceSizes } from "./workload/pod-defaults.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { SingleBinaryStore } from "./single-binary-store.js";
import { EXPAND_ENV_ARG, objectStorageEgress, objectStorageEnv } from "./object-storage.js";
import { TEMPO_DATA_DIR, TEMPO_GRPC_PORT, tempoConfig } from "./tempo-config.js";

/** The user and group of the `grafana/tempo` image (non-root `tempo`, 10001, since grafana/tempo#2265). */
export const TEMPO_UID = 10001;

export const TEMPO_RESOURCES: ResourceSizes = { cpuRequestMillis: 250, memoryRequestMiB: 512, memoryLimitMiB: 2048 };

/** Tempo: trace store, fed OTLP by the collector. */
export const tempoComponent: ComponentDefinition<"tempo"> = {
  key: "tempo",
  name: "tempo",
  chart: "tempo",
  image: "docker.io/grafana/tempo:2.8.2",
  profiles: ["standalone"],
  port: 3200,
  scrape: { nodeLevel: false },
  egress: (settings) => objectStorageEgress(settings.tempo.objectStorage),
  watch: { down: true, absent: true },
  construct: (scope, context) => new Tempo(scope, "tempo", context),
};

export interface TempoProps extends ComponentContext {
  /**
   * Requests and limits of the Tempo container.
   * @default TEMPO_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * Tempo as a single binary: StatefulSet `tempo` with its volume, ConfigMap `tempo-config` and Service
 * `tempo`; on object storage the backend block comes from the user's Secret. Always one replica:
 * the `all` target cannot scale out (Tempo's scalable monolithic mode is another target,
 * `scalable-single-binary`, with its own ring and ingester replication, not generated here), and
 * with blocks in the bucket a restart loses nothing but waits for the WAL on its volume.
 */
export class Tempo extends Construct {
  constructor(scope: Construct, id: string, props: TempoProps) {
    super(scope, id);
    const { settings } = props.environment;
    const identity = componentIdentity(props.environment, props.definition);
    const { port } = identity;
    const configDir = "/etc/tempo";
    const objectStorage = settings.tempo.objectStorage;
    new SingleBinaryStore(this, "store", {
      environment: props.environment,
      identity,
      uid: TEMPO_UID,
      configFileName: "tempo.yaml",
      config: toYaml(tempoConfig(settings, port)),
      configDir,
      args: [`-config.file=${configDir}/tempo.yaml`, "-target=all", ...(objectStorage !== undefined ? [EXPAND_ENV_ARG] : [])],
      ...(objectStorage !== undefined ? { env: objectStorageEnv(objectStorage, false) } : {}),
      ports: [
        { name: METRICS_PORT_NAME, port },
        { name: "grpc", port: TEMPO_GRPC_PORT },
        { name: "otlp-grpc", port: OTLP_GRPC_PORT },
        { name: "otlp-http", port: OTLP_HTTP_PORT },
      ],
      readyPath: "/ready",
      dataDir: TEMPO_DATA_DIR,
      storageGiB: settings.storage.tempoGiB,
      resources: props.resources ?? TEMPO_RESOURCES,
    });
  }
}
