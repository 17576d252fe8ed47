import { AUDIT_FIELDS, AUDIT_LOKI_LABELS } from "../../../src/audit/fields.js";
import { lokiQuery, table, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { selectedAuditQueries } from "./filter.js";

/** Who does what: audit events over time by type, and the most active actors. */
export function activityRow(): DashboardRow {
  const queries = selectedAuditQueries();
  return {
    title: "Activity",
    panels: [
      timeseries({
        title: "Audit events by type",
        description: "Audit events per interval, stacked by type (PROMOTE, PREDICT, REGISTRY, LOGIN).",
        unit: UNIT.eventsPerInterval,
        targets: [lokiQuery(queries.eventsByType, `{{${AUDIT_LOKI_LABELS.event}}}`)],
        stackedBars: true,
        min: 0,
        width: 16,
        height: 8,
      }),
      table({
        title: "Top actors",
        description: "The ten actors with the most audit events over the dashboard's time range.",
        unit: UNIT.count,
        targets: [lokiQuery(queries.topActors, `{{${AUDIT_FIELDS.actor}}}`, { instant: true })],
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
    ],
  };
}
