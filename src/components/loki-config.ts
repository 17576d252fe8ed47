import type { EnvironmentSettings } from "../config/environment-schema.js";
import { replicasOf } from "./high-availability.js";
import { MEMBERLIST_PORT, OBJECT_STORAGE_PLACEHOLDER, POD_IP_ENV, memberlistServiceName } from "./object-storage.js";

export const LOKI_GRPC_PORT = 9095;
/** Path of Loki's push API, for the collector. */
export const LOKI_PUSH_PATH = "/loki/api/v1/push";
/** Mount point of Loki's persistent volume. */
export const LOKI_DATA_DIR = "/var/loki";

/**
 * First day of the tsdb/v13 schema period. Fixed, never "today": the output must be reproducible,
 * and moving it on an existing store would hide the chunks written before it. A later schema is
 * added as a new period after this one.
 */
export const LOKI_SCHEMA_FROM = "2024-04-01";

// Loki's compactor deletes by whole index periods (24 h) and rejects a shorter retention at start:
// the schema's lower bound on `retention.loki` is that period.

/**
 * Loki's configuration, single binary: one tenant without authentication (Grafana and the collector
 * are the only clients, both inside the namespace behind NetworkPolicies), replication 1, chunks and
 * tsdb index on the local volume, and the compactor deleting data older than `retention.loki`.
 * With `loki.objectStorage`, chunks and the tsdb index (shipped by the tsdb shipper) live in the
 * bucket, whose block is expanded from the Secret at start; under `ha` the replicas then form a
 * memberlist ring with replication factor 3 (the compactor's own ring keeps one of them compacting
 * and deleting).
 */
export function lokiConfig(settings: EnvironmentSettings, httpPort: number): Record<string, unknown> {
  const retention = settings.retention.loki;
  const objectStorage = settings.loki.objectStorage;
  const store = objectStorage?.type ?? "filesystem";
  const replicas = replicasOf(settings, "loki");
  const ring = replicas > 1;
  return {
    auth_enabled: false,
    server: { http_listen_port: httpPort, grpc_listen_port: LOKI_GRPC_PORT, log_level: "info" },
    common: {
      path_prefix: LOKI_DATA_DIR,
      replication_factor: replicas,
      instance_addr: ring ? `\${${POD_IP_ENV}}` : "127.0.0.1",
      ring: { kvstore: { store: ring ? "memberlist" : "inmemory" } },
      storage:
        objectStorage !== undefined
          ? { [objectStorage.type]: OBJECT_STORAGE_PLACEHOLDER }
          : { filesystem: { chunks_directory: `${LOKI_DATA_DIR}/chunks`, rules_directory: `${LOKI_DATA_DIR}/rules` } },
    },
    ...(ring
      ? { memberlist: { bind_port: MEMBERLIST_PORT, join_members: [`dns+${memberlistServiceName("loki")}.${settings.namespace}.svc:${MEMBERLIST_PORT}`] } }
      : {}),
    schema_config: {
      configs: [
        {
          from: LOKI_SCHEMA_FROM,
          store: "tsdb",
          object_store: store,
          schema: "v13",
          index: { prefix: "index_", period: "24h" },
        },
      ],
    },
    compactor: {
      working_directory: `${LOKI_DATA_DIR}/compactor`,
      compaction_interval: "10m",
      retention_enabled: true,
      retention_delete_delay: "2h",
      delete_request_store: store,
    },
    limits_config: {
      retention_period: retention,
      allow_structured_metadata: true,
      volume_enabled: true,
    },
    analytics: { reporting_enabled: false },
  };
}
