import { AUDIT_LOKI_LABELS, auditQueries, type AuditQueries } from "../../../src/audit/fields.js";
import { variableMatcher } from "../../common.js";

/** Name of the dashboard variable that selects event types. */
export const EVENT_VARIABLE = "event";

/** The Audit dashboard's LogQL, narrowed to the event types selected in `$event`. */
export function selectedAuditQueries(): AuditQueries {
  return auditQueries(variableMatcher(AUDIT_LOKI_LABELS.event, EVENT_VARIABLE));
}
