import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { imageFor, imageVersion } from "../images.js";
import { JOB } from "../scrape-jobs.js";
import { toYaml } from "../model/serialize.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./otlp-ports.js";
import type { ResourceSizes } from "./pod-defaults.js";
import { METRICS_PORT_NAME, servicePort } from "./service-ports.js";
import { SingleBinaryStore } from "./single-binary-store.js";
import { TEMPO_DATA_DIR, TEMPO_GRPC_PORT, tempoConfig } from "./tempo-config.js";

/** The user and group of the `grafana/tempo` image (non-root `tempo`, 10001, since grafana/tempo#2265). */
export const TEMPO_UID = 10001;

export const TEMPO_RESOURCES: ResourceSizes = { cpuRequestMillis: 250, memoryRequestMiB: 512, memoryLimitMiB: 2048 };

export interface TempoProps {
  readonly environment: Environment;
  /**
   * Requests and limits of the Tempo container.
   * @default TEMPO_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/** Tempo as a single binary: StatefulSet `tempo` with its volume, ConfigMap `tempo-config` and Service `tempo`. */
export class Tempo extends Construct {
  constructor(scope: Construct, id: string, props: TempoProps) {
    super(scope, id);
    const { settings } = props.environment;
    const image = imageFor(settings, "tempo");
    const configDir = "/etc/tempo";
    new SingleBinaryStore(this, "store", {
      environment: props.environment,
      name: JOB.tempo,
      image,
      version: imageVersion(image),
      uid: TEMPO_UID,
      configFileName: "tempo.yaml",
      config: toYaml(tempoConfig(settings)),
      configDir,
      args: [`-config.file=${configDir}/tempo.yaml`, "-target=all"],
      ports: [
        { name: METRICS_PORT_NAME, port: servicePort(settings, "tempo") },
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
