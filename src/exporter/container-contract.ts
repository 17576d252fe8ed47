import { costExporterBlock } from "../config/cost-exporter-settings.js";

/**
 * The contract between the cost-exporter image (built from `Dockerfile`) and the Kubernetes
 * manifests that run it. Both sides import these constants, so a path or port cannot drift.
 * This module is imported by the exporter runtime: it must stay free of cdk8s/synthesis code.
 */

/** Default HTTP port, taken from the exporter's settings schema (the one place defaults live). */
export const EXPORTER_DEFAULT_PORT: number = costExporterBlock.properties.port.default;

/** Name of the container port, for Service `targetPort` and scrape configs. */
export const EXPORTER_PORT_NAME = "http-metrics";

/** Prometheus exposition. */
export const METRICS_PATH = "/metrics";
/** Liveness: the process serves HTTP. */
export const HEALTH_PATH = "/healthz";
/** Readiness: pricing is loaded and metrics can be served. */
export const READY_PATH = "/readyz";

/** Mount point of the pricing ConfigMap (`electricity.yaml`, `gpu.yaml` and, when it exists, `llm.yaml`). */
export const PRICING_MOUNT_DIR = "/etc/nfops/pricing";
/** Mount point of the ConfigMap holding `<env>.yaml`, that environment's settings. */
export const STACKS_MOUNT_DIR = "/etc/nfops/stacks";
/** Mount point of the live-carbon token Secret (only when `costExporter.liveCarbonIntensity.tokenSecretName` is set). */
export const CARBON_TOKEN_MOUNT_DIR = "/etc/nfops/carbon-token";
/** Key of that Secret; the bearer token is read from `CARBON_TOKEN_MOUNT_DIR/<key>`. */
export const CARBON_TOKEN_SECRET_KEY = "token";
/** The token file the exporter reads by default when a token Secret is configured. */
export const CARBON_TOKEN_FILE = `${CARBON_TOKEN_MOUNT_DIR}/${CARBON_TOKEN_SECRET_KEY}`;

/** Numeric non-root user and group the image runs as (distroless "nonroot"); pods set runAsUser/runAsGroup/fsGroup to these. */
export const EXPORTER_UID = 65532;
export const EXPORTER_GID = 65532;

/**
 * The image ENTRYPOINT (set in `Dockerfile`). Manifests should set only `args`, not `command`;
 * this is exported for documentation, for the test that checks the Dockerfile and for the bench,
 * which runs the bundle with the same Node flags.
 */
export const EXPORTER_ENTRYPOINT: readonly string[] = ["node", "--max-semi-space-size=1", "/app/nfops-exporter.mjs"];

/** Container `args` for one environment: the same options as `nfops exporter`, pointed at the mounts. */
export function exporterArgs(envName: string): string[] {
  return ["exporter", "--pricing-dir", PRICING_MOUNT_DIR, "--stacks-dir", STACKS_MOUNT_DIR, "--env", envName];
}
