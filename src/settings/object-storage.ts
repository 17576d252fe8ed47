import { optionalDnsSubdomain, secretKey } from "./schema-shapes.js";

/** TCP port of an object storage endpoint, opened in the egress policies of the pods that use the bucket. */
export const objectStoragePort = {
  type: "integer",
  minimum: 1,
  maximum: 65535,
  default: 443,
  description:
    "TCP port of the object storage endpoint, opened (to any address) in the egress NetworkPolicy of every pod that reads or writes the bucket: 443 for S3, GCS and Azure; e.g. 9000 for a MinIO.",
} as const;
/** Where Loki or Tempo find their bucket: a backend type and one key of a Secret the user creates. */
const storeObjectStorage = (store: string, block: string) =>
  ({
    type: "object",
    additionalProperties: false,
    required: ["type", "secretName"],
    description: `Keep ${store}'s data in a bucket instead of on its volume (docs/scaling.md "Loki and Tempo on object storage"); left out, the filesystem. The bucket and credentials stay in a Secret the user creates and reach ${store} as an environment variable expanded into its configuration, never rendered.`,
    properties: {
      type: { type: "string", enum: ["s3", "gcs", "azure"], description: "Backend: S3 or S3-compatible, Google Cloud Storage, or Azure Blob Storage." },
      secretName: { ...optionalDnsSubdomain, minLength: 1, description: "Secret (created by the user) holding the backend's settings." },
      key: {
        ...secretKey,
        default: "object-storage.json",
        description: `Key of the Secret holding ${block} for the chosen type as one line of JSON, e.g. \`{"bucketnames":"logs","endpoint":"s3.eu-central-1.amazonaws.com","region":"eu-central-1","access_key_id":"…","secret_access_key":"…"}\` (docs/scaling.md "Loki and Tempo on object storage" has S3, GCS and Azure examples).`,
      },
      port: objectStoragePort,
    },
  }) as const;

/** Loki and Tempo on object storage (`loki`, `tempo`), and the port every bucket user opens. Composed into the environment schema. */
export const objectStorageSettingsSchema = {
  loki: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Loki settings beyond retention and storage size.",
    properties: {
      objectStorage: storeObjectStorage("Loki", "the `common.storage.<type>` block of Loki's configuration"),
    },
  },
  tempo: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Tempo settings beyond retention and storage size.",
    properties: {
      objectStorage: storeObjectStorage("Tempo", "the `storage.trace.<type>` block of Tempo's configuration"),
    },
  },
} as const;
