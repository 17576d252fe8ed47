import { endpointsRow } from "../../dashboards/probes/endpoints-row.js";
import { probesMetrics } from "../../rules/probes/catalog.js";
import { probeRules } from "../../rules/probes/probes.js";
import type { PackDefinition } from "../model/stack-model.js";

/** Endpoint probes: the blackbox exporter's pack, in effect wherever it is deployed. */
export const probesPack: PackDefinition = {
  name: "probes",
  description: "endpoint probes of the blackbox exporter: EndpointDown (critical for critical probes), EndpointSlow, an Endpoints row on the Overview",
  metrics: probesMetrics,
  ruleFiles: (context) => [probeRules(context)],
  dashboards: () => [],
  overviewRows: (context) => [endpointsRow(context)],
  ruleTestsDir: "rules/probes/tests",
};
