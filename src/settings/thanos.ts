import { duration, gibibytes, optionalDnsSubdomain, secretKey } from "./schema-shapes.js";
import { objectStoragePort } from "./object-storage.js";

/** Long-term storage with Thanos (`longTermStorage`). Composed into the environment schema. */
export const thanosSettingsSchema = {
  // Opt-in: no object default, since a bucket has a required Secret.
  longTermStorage: {
    type: "object",
    additionalProperties: false,
    required: ["kind", "objectStorage"],
    description:
      "Long-term storage and a global view with Thanos (standalone profile; docs/scaling.md \"Long-term storage and a global view\"): a sidecar in each Prometheus replica uploads its 2 h blocks to a bucket, Thanos Query deduplicates the replicas on `prometheus_replica` and serves Grafana, a Store Gateway reads the bucket and a Compactor compacts, downsamples and deletes there. Rules keep evaluating in Prometheus. Excludes `prometheus.remoteWriteUrl`.",
    properties: {
      kind: { type: "string", enum: ["thanos"], description: "The engine; Thanos is the one supported." },
      objectStorage: {
        type: "object",
        additionalProperties: false,
        required: ["secretName"],
        description: "The bucket, as a Thanos objstore configuration in a Secret the user creates; mounted as a file, never rendered.",
        properties: {
          secretName: { ...optionalDnsSubdomain, minLength: 1, description: "Secret (created by the user) holding the objstore configuration." },
          key: {
            ...secretKey,
            default: "objstore.yml",
            description:
              "Key of the Secret holding the Thanos objstore YAML (`type: S3|GCS|AZURE` and its `config`; docs/scaling.md, section Long-term storage and a global view, has an example of each).",
          },
          port: objectStoragePort,
        },
      },
      retentionRaw: {
        ...duration("2d", "10y"),
        default: "30d",
        description: "How long the Compactor keeps raw-resolution blocks in the bucket. With downsampling at least 2d: 5-minute blocks are made from raw blocks 40 h old.",
      },
      retentionFiveMinutes: { ...duration("1d", "10y"), default: "180d", description: "How long the Compactor keeps 5-minute downsampled blocks." },
      retentionOneHour: { ...duration("1d", "10y"), default: "1y", description: "How long the Compactor keeps 1-hour downsampled blocks." },
      downsampling: {
        type: "boolean",
        default: true,
        description: "Let the Compactor write 5-minute (blocks older than 40 h) and 1-hour (older than 10 d) resolutions, which keep long-range queries fast; off, only raw data is kept.",
      },
      storeGiB: { ...gibibytes, default: 20, description: "Store Gateway volume: index headers and caches of the bucket's blocks." },
      compactorGiB: { ...gibibytes, default: 100, description: "Compactor volume: scratch space for the blocks it compacts and downsamples (the largest group of blocks, several times over)." },
    },
  },
} as const;
