import type { POD_LOG_LABELS } from "../../../src/components/alloy-config.js";
import { logs, lokiQuery, UNIT, variableMatcher, type DashboardRow } from "../../common.js";

/** Lines that usually explain bad events; trace ids in them link to Tempo (the Loki datasource's derived field). */
const TROUBLE = "(?i)(error|exception|timeout|out of memory)";

/** The error logs of the selected SLOs' namespaces, next to their burn rates. */
export function logsRow(): DashboardRow {
  return {
    title: "Logs",
    panels: [
      logs({
        title: "Errors in the SLOs' namespaces",
        description: "Log lines of the pods in the namespaces of the selected SLOs' selectors that mention errors, exceptions, timeouts or out-of-memory. A trace_id in a line opens its trace in Tempo.",
        unit: UNIT.text,
        targets: [lokiQuery(`{${variableMatcher("namespace" satisfies keyof typeof POD_LOG_LABELS)}} |~ \`${TROUBLE}\``)],
        width: 24,
        height: 10,
      }),
    ],
  };
}
