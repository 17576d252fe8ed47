import type { POD_LOG_LABELS } from "../../../src/catalog/pod-log-labels.js";
import { logs, lokiQuery, table, tempoTraceSearch, UNIT, variableMatcher, type DashboardRow } from "../../common.js";

/** Lines that usually explain bad events; trace ids in them link to Tempo (the Loki datasource's derived field). */
const TROUBLE = "(?i)(error|exception|timeout|out of memory)";

/** Traces listed per search: enough to find a slow or failed one, few enough to load fast. */
const TRACES = 50;

/** The error logs and the traces of the selected SLOs' namespaces, next to their burn rates. */
export function logsRow(): DashboardRow {
  return {
    title: "Logs and traces",
    panels: [
      logs({
        title: "Errors in the SLOs' namespaces",
        description: "Log lines of the pods in the namespaces of the selected SLOs' selectors that mention errors, exceptions, timeouts or out-of-memory. A trace_id in a line opens its trace in Tempo.",
        unit: UNIT.text,
        targets: [lokiQuery(`{${variableMatcher("namespace" satisfies keyof typeof POD_LOG_LABELS)}} |~ \`${TROUBLE}\``)],
        width: 12,
        height: 10,
      }),
      table({
        title: "Recent traces in the SLOs' namespaces",
        description: `The last ${TRACES} traces whose spans come from the selected SLOs' namespaces (resource attribute k8s.namespace.name, set by the collector's Kubernetes attributes); a trace id opens the trace.`,
        unit: UNIT.text,
        targets: [tempoTraceSearch('{resource.k8s.namespace.name=~"$namespace"}', TRACES)],
        width: 12,
        height: 10,
      }),
    ],
  };
}
