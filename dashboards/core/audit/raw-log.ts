import { logs, lokiQuery, UNIT, type DashboardRow } from "../../common.js";
import { selectedAuditQueries } from "./filter.js";

/** The audit trail itself, line by line. */
export function rawLogRow(): DashboardRow {
  return {
    title: "Audit log",
    panels: [
      logs({
        title: "Audit log",
        description: "Every audit record of the selected types as written (JSONL, hash-chained): expand a line for its fields.",
        unit: UNIT.text,
        targets: [lokiQuery(selectedAuditQueries().rawLog)],
        width: 24,
        height: 12,
      }),
    ],
  };
}
