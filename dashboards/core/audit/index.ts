import type { DashboardBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import { AUDIT_EVENT_TYPES } from "../../../src/audit/fields.js";
import type { Environment } from "../../../src/config/environment-schema.js";
import { dashboard, listVariable, lokiDatasourceVariable } from "../../common.js";
import { activityRow } from "./activity.js";
import { changesRow } from "./changes.js";
import { EVENT_VARIABLE } from "./filter.js";
import { loginsRow } from "./logins.js";
import { rawLogRow } from "./raw-log.js";

/** The audit trail in Loki (the original system's `40_audit`). Nothing here depends on the environment. */
export function auditDashboard(_environment: Environment): DashboardBuilder {
  return dashboard({
    uid: "nfops-audit",
    title: "nfops / Audit",
    description: "Audit trail (PROMOTE, PREDICT, REGISTRY, LOGIN) from Loki: events by type, failed logins, recent changes, top actors and the raw log.",
    from: "now-24h",
    variables: [
      lokiDatasourceVariable(),
      listVariable(EVENT_VARIABLE, "Event type", "Audit event types shown by every panel.", AUDIT_EVENT_TYPES),
    ],
    rows: [activityRow(), loginsRow(), changesRow(), rawLogRow()],
  });
}
