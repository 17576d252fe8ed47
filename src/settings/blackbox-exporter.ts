/** The blackbox exporter's settings: what it probes (`probes`) and how (`blackboxExporter`). Composed into the environment schema. */
export const blackboxExporterSettingsSchema = {
  probes: {
    type: "array",
    default: [],
    description:
      "Endpoints the blackbox exporter probes from inside the cluster (`EndpointDown`, `EndpointSlow`). Services annotated `nfops.io/probe: \"true\"` are probed too (see docs/stack.md \"Endpoint probes\").",
    items: {
      type: "object",
      additionalProperties: false,
      required: ["name", "url"],
      properties: {
        name: {
          type: "string",
          pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
          maxLength: 63,
          description: "Unique name, the `probe` label of its series and alerts.",
        },
        url: {
          type: "string",
          minLength: 1,
          maxLength: 2048,
          description: "What to probe: an `http(s)://` URL for `http_2xx`, `host:port` for `tcp_connect`.",
        },
        module: {
          type: "string",
          enum: ["http_2xx", "tcp_connect"],
          default: "http_2xx",
          description: "`http_2xx`: a GET must answer 2xx (redirects followed); `tcp_connect`: a TCP connection must open.",
        },
        critical: {
          type: "boolean",
          default: false,
          description: "`EndpointDown` pages (critical) instead of warning.",
        },
      },
    },
  },
  blackboxExporter: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "The blackbox exporter's alert thresholds.",
    properties: {
      slowProbeSeconds: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 60,
        default: 1,
        description: "A successful probe that takes longer than this for 5 minutes is reported (`EndpointSlow`).",
      },
    },
  },
} as const;
