import { durationSeconds } from "../config/duration.js";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { StackPlan } from "../model/stack-model.js";
import { OBJECT_STORAGE_PLACEHOLDER } from "./object-storage.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./otlp-ports.js";

export const TEMPO_GRPC_PORT = 9095;
/** Mount point of Tempo's persistent volume (the image's own data directory). */
export const TEMPO_DATA_DIR = "/var/tempo";

/**
 * Tempo's configuration, single binary: OTLP gRPC and HTTP receivers, the WAL and blocks on the
 * local volume, and the compactor deleting blocks older than `retention.tempo`. With
 * `tempo.objectStorage` the blocks go to the bucket (the WAL stays on the volume), whose block is
 * expanded from the Secret at start.
 */
export function tempoConfig(settings: EnvironmentSettings, httpPort: number): Record<string, unknown> {
  const objectStorage = settings.tempo.objectStorage;
  return {
    // Lets Grafana stream search results instead of waiting for the whole answer.
    stream_over_http_enabled: true,
    server: { http_listen_port: httpPort, grpc_listen_port: TEMPO_GRPC_PORT, log_level: "info" },
    distributor: {
      receivers: {
        otlp: {
          protocols: {
            grpc: { endpoint: `0.0.0.0:${OTLP_GRPC_PORT}` },
            http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` },
          },
        },
      },
    },
    ingester: { max_block_duration: "5m" },
    compactor: { compaction: { block_retention: goDuration(settings.retention.tempo) } },
    storage: {
      trace: {
        backend: objectStorage?.type ?? "local",
        wal: { path: `${TEMPO_DATA_DIR}/wal` },
        ...(objectStorage !== undefined ? { [objectStorage.type]: OBJECT_STORAGE_PLACEHOLDER } : { local: { path: `${TEMPO_DATA_DIR}/blocks` } }),
      },
    },
    usage_report: { reporting_enabled: false },
  };
}

/**
 * Tempo parses durations with Go's `time.ParseDuration`, which has no `d`, `w` or `y`: `7d` becomes
 * `168h`.
 */
export function goDuration(duration: string): string {
  const seconds = durationSeconds(duration);
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (Number.isInteger(seconds)) return `${seconds}s`;
  return `${Math.round(seconds * 1000)}ms`;
}

/** In-cluster OTLP gRPC endpoint (`host:port`) of Tempo, for the collector's exporter. */
export function tempoOtlpGrpcEndpoint(stack: StackPlan): string {
  return `${stack.job("tempo")}.${stack.settings.namespace}.svc:${OTLP_GRPC_PORT}`;
}
