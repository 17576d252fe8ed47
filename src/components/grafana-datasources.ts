import type { StackPlan } from "../model/stack-model.js";

/**
 * Fixed uids of the provisioned datasources. Correlations (exemplars, derived fields, trace to
 * logs) refer to each other by these; dashboards use datasource variables and never hard-code them.
 */
export const DATASOURCE_UID = {
  prometheus: "nfops-prometheus",
  loki: "nfops-loki",
  tempo: "nfops-tempo",
  alertmanager: "nfops-alertmanager",
} as const;

/** OpenTelemetry resource attributes on spans, mapped to the Loki stream labels the collector sets. */
const SPAN_TO_LOG_LABELS = [
  { key: "k8s.namespace.name", value: "namespace" },
  { key: "k8s.pod.name", value: "pod" },
] as const;

/** Grafana's provisioning expands `$VAR` in these files, so Grafana's own `${__value.raw}` must be written `$$`. */
const TRACE_ID_LINK = "$${__value.raw}";

/**
 * The datasource provisioning file of an environment (`apiVersion: 1`), with only the datasources
 * whose component is deployed and only the correlations whose both ends exist.
 */
export function grafanaDatasources(stack: StackPlan): Record<string, unknown> {
  const { settings } = stack;
  const on = (key: "prometheus" | "loki" | "tempo" | "alertmanager") => stack.isDeployed(key);
  const datasources: Record<string, unknown>[] = [];
  if (on("prometheus")) {
    datasources.push({
      name: "Prometheus",
      type: "prometheus",
      uid: DATASOURCE_UID.prometheus,
      access: "proxy",
      // Thanos Query, when deployed: the replicas deduplicated, and the bucket's history behind them.
      url: stack.isDeployed("thanosQuery") ? stack.serviceUrl("thanosQuery") : stack.serviceUrl("prometheus"),
      isDefault: true,
      editable: false,
      jsonData: {
        // Lets $__rate_interval never drop below four scrapes.
        timeInterval: settings.scrapeInterval,
        httpMethod: "POST",
        ...(on("tempo") ? { exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: DATASOURCE_UID.tempo }] } : {}),
      },
    });
  }
  if (on("loki")) {
    datasources.push({
      name: "Loki",
      type: "loki",
      uid: DATASOURCE_UID.loki,
      access: "proxy",
      url: stack.serviceUrl("loki"),
      editable: false,
      jsonData: {
        maxLines: 1000,
        ...(on("tempo")
          ? {
              derivedFields: [
                // JSON (`"trace_id":"…"`) and logfmt (`trace_id=…`) log lines.
                { name: "trace_id", matcherRegex: 'trace_id"?[:=]\\s*"?([0-9a-fA-F]+)', url: TRACE_ID_LINK, datasourceUid: DATASOURCE_UID.tempo },
              ],
            }
          : {}),
      },
    });
  }
  if (on("tempo")) {
    datasources.push({
      name: "Tempo",
      type: "tempo",
      uid: DATASOURCE_UID.tempo,
      access: "proxy",
      url: stack.serviceUrl("tempo"),
      editable: false,
      jsonData: {
        nodeGraph: { enabled: true },
        ...(on("prometheus") ? { serviceMap: { datasourceUid: DATASOURCE_UID.prometheus } } : {}),
        ...(on("loki")
          ? {
              tracesToLogsV2: {
                datasourceUid: DATASOURCE_UID.loki,
                // Log lines of a span are rarely exactly inside it: widen the window a little.
                spanStartTimeShift: "-5m",
                spanEndTimeShift: "5m",
                filterByTraceID: true,
                filterBySpanID: false,
                tags: SPAN_TO_LOG_LABELS,
              },
              lokiSearch: { datasourceUid: DATASOURCE_UID.loki },
            }
          : {}),
      },
    });
  }
  if (on("alertmanager")) {
    datasources.push({
      name: "Alertmanager",
      type: "alertmanager",
      uid: DATASOURCE_UID.alertmanager,
      access: "proxy",
      url: stack.serviceUrl("alertmanager"),
      editable: false,
      jsonData: { implementation: "prometheus", handleGrafanaManagedAlerts: false },
    });
  }
  return { apiVersion: 1, datasources };
}
