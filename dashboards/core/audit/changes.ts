import { AUDIT_FIELDS } from "../../../src/audit/fields.js";
import { lokiQuery, table, UNIT, type DashboardRow } from "../../common.js";
import { selectedAuditQueries } from "./filter.js";

/** Columns of the changes table, in order: when, what, who, on what, how it ended. */
const CHANGE_COLUMNS = [
  AUDIT_FIELDS.ts,
  AUDIT_FIELDS.seq,
  AUDIT_FIELDS.event,
  AUDIT_FIELDS.actor,
  AUDIT_FIELDS.resource,
  AUDIT_FIELDS.outcome,
  AUDIT_FIELDS.requestId,
] as const;

/** What changed in the deployment: model promotions and registry operations. */
export function changesRow(): DashboardRow {
  const queries = selectedAuditQueries();
  return {
    title: "Changes",
    panels: [
      table({
        title: "Recent promotions and registry changes",
        description: "PROMOTE and REGISTRY records, newest first: which model or registry entry changed, who changed it and whether it succeeded.",
        unit: UNIT.text,
        targets: [lokiQuery(queries.recentChanges)],
        transformations: [
          // The parsed fields arrive as the lines' labels; make them columns and keep the record's own.
          { id: "extractFields", options: { source: "labels", format: "auto", replace: true, keepTime: false } },
          { id: "filterFieldsByName", options: { include: { names: [...CHANGE_COLUMNS] } } },
          { id: "organize", options: { indexByName: Object.fromEntries(CHANGE_COLUMNS.map((column, index) => [column, index])) } },
          { id: "sortBy", options: { sort: [{ field: AUDIT_FIELDS.seq, desc: true }] } },
        ],
        width: 24,
        height: 10,
      }),
    ],
  };
}
