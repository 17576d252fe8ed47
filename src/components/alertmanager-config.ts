import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { Inhibition } from "../model/artifacts.js";

/**
 * The Alertmanager configuration of an environment, as a plain object (pure; the Alertmanager
 * construct serialises it and tests feed it to amtool). Credentials are never in it: receivers
 * read them through `*_file` fields from the user's Secret, mounted at `ALERTMANAGER_SECRET_DIR`.
 * `routing_key_file`, `api_url_file` and `auth_password_file` are all understood by amtool 0.25
 * and by the deployed Alertmanager.
 */

/** Where the user's receiver Secret (`alerting.secretName`) is mounted. */
export const ALERTMANAGER_SECRET_DIR = "/etc/alertmanager/secrets";
/** Template directory, relative to the configuration file (Alertmanager resolves it against the file's directory). */
export const ALERTMANAGER_TEMPLATES_DIR = "templates";

/** Receiver names: `amtool config routes test` and the runbooks refer to them. */
export const RECEIVER = {
  pager: "pager",
  chat: "chat",
  finops: "finops-email",
  /** Watchdog's dead man's switch (`alerting.heartbeatUrlKey`); without one Watchdog goes to `silent`. */
  heartbeat: "heartbeat",
  /** Info alerts: visible in Alertmanager and Grafana, never pushed to people. */
  silent: "null",
} as const;

/**
 * Watchdog's route: one POST to the dead man's switch every `group_interval`. Alertmanager flushes
 * a group every `group_interval` (the timer is reset as the flush starts) and sends an unchanged
 * group again only when its last notification is older than `repeat_interval`; the notification log
 * stamps that entry after the send, a moment after the flush (Alertmanager v0.25.0
 * dispatch/dispatch.go aggrGroup.run; notify/notify.go DedupStage.needsUpdate,
 * `entry.Timestamp.Before(now - repeat)`). With both at 1m every other flush found the entry
 * younger than 1m and skipped: POSTs every 2 minutes. A repeat interval below the group interval
 * sends at every flush; above the last HA peer's wait (position 2 × the 15 s peer timeout), a peer
 * still skips what another has just sent.
 */
export const HEARTBEAT_ROUTE = { group_wait: "0s", group_interval: "1m", repeat_interval: "50s" } as const;

/** Receivers of a team (`alerting.teams`): its chat and e-mail, and its pager. */
export function teamReceivers(team: string): { readonly notify: string; readonly pager: string } {
  return { notify: `team-${team}`, pager: `team-${team}-pager` };
}

/** Ports Alertmanager's receivers are reached on: HTTPS (PagerDuty, Slack, webhooks) and the SMTP smarthost's. */
export function receiverPorts(settings: EnvironmentSettings): number[] {
  return [443, Number(settings.alerting.smtpSmarthost.split(":").pop())];
}

/** Alert categories (`category` label set by the rules) that FinOps is told about. */
const FINOPS_CATEGORIES = ["cost", "co2"] as const;
/** Node-level alerts that a down node makes meaningless (they carry the same `node` label). */
const NODE_DOWN_ALERT = "SystemDown";

export function alertmanagerConfig(settings: EnvironmentSettings, inhibitions: readonly Inhibition[] = []): Record<string, unknown> {
  const a = settings.alerting;
  const secret = (key: string) => `${ALERTMANAGER_SECRET_DIR}/${key}`;
  const heartbeat = a.heartbeatUrlKey !== "";
  const slack = (channel: string) => ({
    api_url_file: secret(a.chatWebhookUrlKey),
    channel,
    title: '{{ template "nfops.slack.title" . }}',
    text: '{{ template "nfops.slack.text" . }}',
    color: '{{ template "nfops.slack.color" . }}',
    send_resolved: true,
  });
  const pagerduty = (routingKeyKey: string) => ({
    routing_key_file: secret(routingKeyKey),
    description: '{{ template "nfops.pagerduty.description" . }}',
    severity: "critical",
    send_resolved: true,
  });
  const email = (to: string) => ({
    to,
    auth_password_file: secret(a.smtpPasswordKey),
    headers: { Subject: '{{ template "nfops.email.subject" . }}' },
    html: '{{ template "nfops.email.html" . }}',
    send_resolved: true,
  });
  return {
    global: {
      smtp_smarthost: a.smtpSmarthost,
      smtp_from: a.smtpFrom,
      smtp_auth_username: a.smtpUsername,
      smtp_auth_password_file: secret(a.smtpPasswordKey),
      smtp_require_tls: true,
      resolve_timeout: "5m",
    },
    templates: [`${ALERTMANAGER_TEMPLATES_DIR}/*.tmpl`],
    route: {
      // Anything no child route claims (an unexpected severity) still reaches people.
      receiver: RECEIVER.chat,
      group_by: ["alertname", "namespace", "service"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        // The dead man's switch hears from Watchdog every minute, and alarms when it stops.
        { receiver: heartbeat ? RECEIVER.heartbeat : RECEIVER.silent, matchers: ['alertname="Watchdog"'], ...HEARTBEAT_ROUTE },
        // FinOps first, then `continue` so the same alert also follows the severity routes below.
        {
          receiver: RECEIVER.finops,
          matchers: [`category=~"${FINOPS_CATEGORIES.join("|")}"`],
          continue: true,
          // Budgets move slowly: one e-mail a day while over budget is enough.
          repeat_interval: "24h",
        },
        // Teams own their namespaces: their alerts stop at their receivers, not the defaults below.
        ...a.teams.map((team) => {
          const receivers = teamReceivers(team.name);
          const notify = team.slackChannel !== undefined || team.email !== undefined;
          return {
            receiver: notify ? receivers.notify : RECEIVER.chat,
            matchers: [`namespace=~"${team.namespaces.length === 1 ? team.namespaces[0] : `(${team.namespaces.join("|")})`}"`],
            routes: [
              ...(team.pagerRoutingKeyKey !== undefined ? [{ receiver: receivers.pager, matchers: ['severity="critical"'], continue: true, repeat_interval: "1h" }] : []),
              ...(notify ? [{ receiver: receivers.notify, matchers: ['severity=~"critical|warning"'] }] : []),
              { receiver: RECEIVER.silent, matchers: ['severity="info"'] },
            ],
          };
        }),
        { receiver: RECEIVER.pager, matchers: ['severity="critical"'], continue: true, repeat_interval: "1h" },
        { receiver: RECEIVER.chat, matchers: ['severity=~"critical|warning"'] },
        { receiver: RECEIVER.silent, matchers: ['severity="info"'] },
      ],
    },
    inhibit_rules: [
      // The critical alert says it all; a warning or info of the same alert and service is noise.
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity=~"warning|info"'],
        equal: ["alertname", "namespace", "service"],
      },
      {
        source_matchers: ['severity="warning"'],
        target_matchers: ['severity="info"'],
        equal: ["alertname", "namespace", "service"],
      },
      // A node that is down cannot report CPU, memory or disk: mute its node-level alerts.
      {
        source_matchers: [`alertname="${NODE_DOWN_ALERT}"`],
        target_matchers: ['severity=~"warning|info"', 'node=~".+"'],
        equal: ["node"],
      },
      ...inhibitions.map((inhibition) => ({
        source_matchers: [`alertname="${inhibition.source}"`],
        target_matchers: [`alertname="${inhibition.target}"`],
        equal: [...inhibition.equal],
      })),
    ],
    receivers: [
      { name: RECEIVER.pager, pagerduty_configs: [pagerduty(a.pagerRoutingKeyKey)] },
      { name: RECEIVER.chat, slack_configs: [slack(a.chatChannel)] },
      { name: RECEIVER.finops, email_configs: [email(a.finopsEmail)] },
      // A plain POST every minute; the URL (it carries the check's secret id) is read from the Secret.
      ...(heartbeat ? [{ name: RECEIVER.heartbeat, webhook_configs: [{ url_file: secret(a.heartbeatUrlKey), send_resolved: false }] }] : []),
      ...a.teams.flatMap((team) => {
        const receivers = teamReceivers(team.name);
        return [
          ...(team.slackChannel !== undefined || team.email !== undefined
            ? [
                {
                  name: receivers.notify,
                  ...(team.slackChannel !== undefined ? { slack_configs: [slack(team.slackChannel)] } : {}),
                  ...(team.email !== undefined ? { email_configs: [email(team.email)] } : {}),
                },
              ]
            : []),
          ...(team.pagerRoutingKeyKey !== undefined ? [{ name: receivers.pager, pagerduty_configs: [pagerduty(team.pagerRoutingKeyKey)] }] : []),
        ];
      }),
      { name: RECEIVER.silent },
    ],
  };
}

/**
 * Notification templates (Go templates), adapted from the original monitoring guide's Slack and
 * e-mail layouts: severity banner, one block per alert with time, location, description and the
 * runbook, and a link back to Alertmanager.
 */
export const ALERTMANAGER_TEMPLATES: Readonly<Record<string, string>> = {
  "slack.tmpl": `{{ define "nfops.slack.title" -}}
[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.severity | toUpper }} {{ .GroupLabels.alertname }}{{ with .CommonLabels.cluster }} ({{ . }}){{ end }}
{{- end }}

{{ define "nfops.slack.color" -}}
{{ if eq .Status "resolved" }}good{{ else if eq .CommonLabels.severity "critical" }}danger{{ else }}warning{{ end }}
{{- end }}

{{ define "nfops.slack.text" -}}
{{ range .Alerts -}}
*Alert:* {{ .Labels.alertname }} ({{ .Labels.severity }})
*Summary:* {{ .Annotations.summary }}
*Description:* {{ .Annotations.description }}
{{ with .Labels.namespace }}*Namespace:* {{ . }}
{{ end }}{{ with .Labels.service }}*Service:* {{ . }}
{{ end }}{{ with .Labels.node }}*Node:* {{ . }}
{{ end }}*Started:* {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}
{{ with .Annotations.runbook_url }}*Runbook:* <{{ . }}|open>
{{ end }}{{ with .Annotations.dashboard_url }}*Dashboard:* <{{ . }}|open>
{{ end }}*Source:* <{{ .GeneratorURL }}|Prometheus>
---
{{ end -}}
{{- end }}

{{ define "nfops.pagerduty.description" -}}
[{{ .CommonLabels.cluster }}] {{ .GroupLabels.alertname }}
{{- with .CommonLabels.namespace }} {{ . }}{{ end }}{{ with .CommonLabels.service }}/{{ . }}{{ end }}
{{- with .CommonLabels.node }} on {{ . }}{{ end }}{{ with .CommonLabels.probe }} probe {{ . }}{{ end }}
{{- if gt (len .Alerts.Firing) 1 }} ({{ len .Alerts.Firing }} firing){{ end }}: {{ .CommonAnnotations.summary }}
{{- end }}
`,
  "email.tmpl": `{{ define "nfops.email.subject" -}}
[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }}{{ with .CommonLabels.cluster }} on {{ . }}{{ end }}
{{- end }}

{{ define "nfops.email.html" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{{ .GroupLabels.alertname }}</title>
<style>
  body { font-family: Arial, sans-serif; line-height: 1.6; color: #333; }
  .banner { color: white; padding: 15px; border-radius: 5px; }
  .critical { background-color: #d32f2f; }
  .warning { background-color: #f57c00; }
  .info, .resolved { background-color: #388e3c; }
  .details { margin-top: 20px; padding: 15px; background-color: #f5f5f5; border-radius: 5px; }
  .actions { margin-top: 20px; padding: 15px; background-color: #e3f2fd; border-radius: 5px; }
</style>
</head>
<body>
<div class="banner {{ if eq .Status "resolved" }}resolved{{ else }}{{ .CommonLabels.severity }}{{ end }}">
  <h2>[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }}</h2>
  <p>{{ .CommonAnnotations.summary }}</p>
</div>
<div class="details">
  <h3>Details</h3>
  {{ range .Alerts }}
  <p>
    <strong>Started:</strong> {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}<br>
    <strong>Severity:</strong> {{ .Labels.severity }}{{ with .Labels.category }} ({{ . }}){{ end }}<br>
    {{ with .Labels.cluster }}<strong>Cluster:</strong> {{ . }}<br>{{ end }}
    {{ with .Labels.namespace }}<strong>Namespace:</strong> {{ . }}<br>{{ end }}
    <strong>Description:</strong> {{ .Annotations.description }}<br>
    <a href="{{ .GeneratorURL }}">Source in Prometheus</a>{{ with .Annotations.dashboard_url }} · <a href="{{ . }}">Dashboard</a>{{ end }}
  </p>
  {{ end }}
</div>
<div class="actions">
  <h3>What to do</h3>
  <ol>
    {{ with .CommonAnnotations.action }}<li>{{ . }}</li>{{ end }}
    {{ with .CommonAnnotations.runbook_url }}<li>Follow the runbook: <a href="{{ . }}">{{ . }}</a></li>{{ end }}
  </ol>
</div>
<p><small>Sent by Alertmanager: <a href="{{ .ExternalURL }}">{{ .ExternalURL }}</a></small></p>
</body>
</html>
{{- end }}
`,
};
