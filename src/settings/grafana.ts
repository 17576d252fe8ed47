import { dnsLabel, literal, optionalDnsSubdomain, secretKey } from "./schema-shapes.js";

/** Grafana's settings. Composed into the environment schema. */
export const grafanaSettingsSchema = {
  grafana: {
    type: "object",
    additionalProperties: false,
    default: {},
    description: "Grafana settings.",
    properties: {
      adminSecretName: {
        ...dnsLabel,
        default: "nfops-grafana-admin",
        description: "Secret (created by the user) with `admin-user` and `admin-password` keys.",
      },
      ingressNamespaces: {
        type: "array",
        items: dnsLabel,
        uniqueItems: true,
        default: ["ingress-nginx"],
        description:
          "Namespaces whose pods may reach Grafana (the ingress controller's); pods of the stack's own namespace always may, and `kubectl port-forward` needs no rule. Empty allows the namespace only.",
      },
      dashboardFolder: { ...literal(128), minLength: 1, default: "nfops", description: "Grafana folder the provisioned dashboards are placed in." },
      clusterVariable: {
        type: "boolean",
        description:
          "Give every dashboard a `cluster` variable and filter every PromQL selector on it (`cluster=~\"$cluster\"`), for a Grafana that reads several clusters through Thanos Query or a remote-write store. Left out: on exactly when `longTermStorage` is set (Grafana then reads Thanos Query).",
      },
      // Opt-in: no object default, since a database has a required Secret.
      database: {
        type: "object",
        additionalProperties: false,
        required: ["secretName"],
        description:
          "External PostgreSQL or MySQL database instead of SQLite on the Grafana volume; left out, SQLite. Needed for two Grafana replicas under `ha` (they must share users, sessions and preferences). The URL, password included, stays in a Secret the user creates and is read as a file.",
        properties: {
          secretName: {
            ...optionalDnsSubdomain,
            minLength: 1,
            description: "Secret (created by the user) holding the database URL.",
          },
          urlKey: {
            ...secretKey,
            default: "database-url",
            description:
              "Key of the Secret holding Grafana's `[database] url`, e.g. `postgres://grafana:<password>@pg.db.svc:5432/grafana?sslmode=require` or `mysql://grafana:<password>@mysql.db.svc:3306/grafana`.",
          },
          port: {
            type: "integer",
            minimum: 1,
            maximum: 65535,
            default: 5432,
            description: "TCP port of the database server, opened in Grafana's egress NetworkPolicy (PostgreSQL 5432, MySQL 3306).",
          },
        },
      },
    },
  },
} as const;
