import { DNS_SUBDOMAIN, dnsLabel, httpUrl, literal, secretKey } from "./schema-shapes.js";

/** Alertmanager's settings: receivers, routing and delivery (`alerting`). Composed into the environment schema. */
export const alertmanagerSettingsSchema = {
  alerting: {
    type: "object",
    additionalProperties: false,
    default: {},
    description:
      "Alert receivers. Credentials and URLs never appear in configuration or `dist/`: they are read from a Secret the user creates, mounted into Alertmanager.",
    properties: {
      secretName: {
        ...dnsLabel,
        default: "nfops-alertmanager-receivers",
        description: "Name of the Secret, in `namespace`, that holds the receiver credentials below.",
      },
      pagerRoutingKeyKey: {
        ...secretKey,
        default: "pagerduty-routing-key",
        description: "Key of the Secret holding the PagerDuty Events v2 routing key (critical alerts).",
      },
      chatWebhookUrlKey: {
        ...secretKey,
        default: "slack-webhook-url",
        description: "Key of the Secret holding the Slack incoming-webhook URL (critical and warning alerts).",
      },
      smtpPasswordKey: {
        ...secretKey,
        default: "smtp-password",
        description: "Key of the Secret holding the SMTP password for the FinOps e-mail receiver.",
      },
      chatChannel: {
        type: "string",
        pattern: "^[#@]?[A-Za-z0-9][-_.A-Za-z0-9]{0,79}$",
        default: "#ml-platform-alerts",
        description: "Slack channel (`#name`), user (`@name`) or channel id for alerts.",
      },
      finopsEmail: {
        type: "string",
        format: "email",
        maxLength: 254,
        default: "finops@example.com",
        description: "Recipient of cost and CO2 budget alerts.",
      },
      smtpSmarthost: {
        type: "string",
        pattern: `^(${DNS_SUBDOMAIN}|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}$`,
        maxLength: 260,
        default: "smtp.example.com:587",
        description: "SMTP server `host:port`.",
      },
      smtpFrom: { type: "string", format: "email", maxLength: 254, default: "alertmanager@example.com", description: "Sender address of alert e-mails." },
      smtpUsername: { ...literal(256), default: "alertmanager", description: "SMTP user name (not a secret; the password is)." },
      heartbeatUrlKey: {
        type: "string",
        pattern: "^((?!\\.\\.)(?!\\.$)[-._a-zA-Z0-9]+)?$",
        maxLength: 253,
        default: "",
        description:
          "Key of the Secret holding the URL of a dead man's switch (a healthchecks.io ping URL, an Opsgenie or PagerDuty heartbeat): Watchdog is posted there every minute, and the switch alarms when the posts stop. Empty sends Watchdog to the `null` receiver (synth says so).",
      },
      teams: {
        type: "array",
        default: [],
        description:
          "Team routes, tried before the default receivers: alerts whose `namespace` matches one of a team's patterns go to its receivers (critical to its pager, critical and warning to its chat channel and e-mail). FinOps still gets cost and CO2 alerts, and inhibitions apply as everywhere.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["name", "namespaces"],
          properties: {
            name: { ...dnsLabel, description: "Team name; its receivers are `team-<name>` and `team-<name>-pager`." },
            namespaces: {
              type: "array",
              minItems: 1,
              items: { type: "string", pattern: "^[-a-z0-9.*+?|()\\[\\]^$]{1,253}$" },
              description: "Namespaces the team owns, as regular expressions anchored at both ends (`ml-.*`).",
            },
            slackChannel: { type: "string", pattern: "^[#@]?[A-Za-z0-9][-_.A-Za-z0-9]{0,79}$", description: "Slack channel of the team (sent through the `chatWebhookUrlKey` webhook)." },
            email: { type: "string", format: "email", maxLength: 254, description: "E-mail address of the team." },
            pagerRoutingKeyKey: { ...secretKey, description: "Key of the receivers Secret holding the team's PagerDuty routing key (its critical alerts)." },
          },
        },
      },
      runbookBaseUrl: {
        ...httpUrl,
        default: "https://github.com/nfops/nfops-observability/blob/main/docs/runbooks",
        description: "Where the runbooks of `docs/runbooks/` are published; every alert's `runbook_url` is `<this>/<AlertName>.md`. Point it at your fork.",
      },
    },
  },
} as const;
