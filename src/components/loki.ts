import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { imageFor, imageVersion } from "../images.js";
import { JOB } from "../scrape-jobs.js";
import { toYaml } from "../model/serialize.js";
import { LOKI_DATA_DIR, LOKI_GRPC_PORT, lokiConfig } from "./loki-config.js";
import type { ResourceSizes } from "./pod-defaults.js";
import { METRICS_PORT_NAME, servicePort } from "./service-ports.js";
import { SingleBinaryStore } from "./single-binary-store.js";

/** The user and group of the `grafana/loki` image (its Dockerfile's `USER 10001`). */
export const LOKI_UID = 10001;

export const LOKI_RESOURCES: ResourceSizes = { cpuRequestMillis: 250, memoryRequestMiB: 512, memoryLimitMiB: 2048 };

export interface LokiProps {
  readonly environment: Environment;
  /**
   * Requests and limits of the Loki container.
   * @default LOKI_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/** Loki as a single binary: StatefulSet `loki` with its volume, ConfigMap `loki-config` and Service `loki`. */
export class Loki extends Construct {
  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    const { settings } = props.environment;
    const image = imageFor(settings, "loki");
    const configDir = "/etc/loki";
    new SingleBinaryStore(this, "store", {
      environment: props.environment,
      name: JOB.loki,
      image,
      version: imageVersion(image),
      uid: LOKI_UID,
      configFileName: "loki.yaml",
      config: toYaml(lokiConfig(settings)),
      configDir,
      args: [`-config.file=${configDir}/loki.yaml`, "-target=all"],
      ports: [
        { name: METRICS_PORT_NAME, port: servicePort(settings, "loki") },
        { name: "grpc", port: LOKI_GRPC_PORT },
      ],
      readyPath: "/ready",
      dataDir: LOKI_DATA_DIR,
      storageGiB: settings.storage.lokiGiB,
      resources: props.resources ?? LOKI_RESOURCES,
    });
  }
}
