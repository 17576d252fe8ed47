import { literal, optionalDnsSubdomain } from "./schema-shapes.js";

/** Prometheus' settings beyond retention and storage size. Composed into the environment schema. */
export const prometheusSettingsSchema = {
  prometheus: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Prometheus server settings beyond retention and storage.",
    properties: {
      remoteWriteUrl: {
        type: "string",
        pattern: "^(https?://[^\\s/]+[^\\s]*)?$",
        maxLength: 2048,
        default: "",
        description: "Optional `remote_write` endpoint (long-term storage). Empty disables remote write.",
      },
      remoteWriteSecretName: {
        ...optionalDnsSubdomain,
        default: "",
        description: "Secret (created by the user) with a `password` key for remote-write basic auth; empty for none.",
      },
      remoteWriteUsername: {
        ...literal(256),
        default: "prometheus",
        description:
          "Remote-write basic-auth user name (not a secret; the password is). Plain rather than a file so the configuration also loads in Prometheus 2.42, which has no `username_file`.",
      },
    },
  },
} as const;
