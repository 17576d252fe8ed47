import { AUDIT_FIELDS } from "../../../src/audit/fields.js";
import { logs, lokiQuery, timeseries, UNIT, type DashboardRow } from "../../common.js";
import { selectedAuditQueries } from "./filter.js";

/** Failed logins: who keeps failing, and the lines themselves. */
export function loginsRow(): DashboardRow {
  const queries = selectedAuditQueries();
  return {
    title: "Logins",
    panels: [
      timeseries({
        title: "Failed logins by actor",
        description: "LOGIN events with outcome failure per interval, per actor. A steady stream from one actor is a guessing attempt or a broken credential.",
        unit: UNIT.eventsPerInterval,
        targets: [lokiQuery(queries.failedLoginsByActor, `{{${AUDIT_FIELDS.actor}}}`)],
        stackedBars: true,
        min: 0,
        width: 12,
        height: 8,
      }),
      logs({
        title: "Failed logins",
        description: "The failed LOGIN records, newest first.",
        unit: UNIT.text,
        targets: [lokiQuery(queries.failedLogins)],
        width: 12,
        height: 8,
      }),
    ],
  };
}
