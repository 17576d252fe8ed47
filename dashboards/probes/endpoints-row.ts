import { PROBE_JOB, PROBE_METRIC } from "../../rules/probes/catalog.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { prometheusQuery, series, stat, table, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

const PROBES = `job=~"${PROBE_JOB.listed}|${PROBE_JOB.services}"`;

/** The Overview's row of endpoint probes: how many fail now, each probe's state, and probe durations against the EndpointSlow threshold. */
export function endpointsRow({ environment }: PackContext): DashboardRow {
  const success = series(PROBE_METRIC.success, PROBES);
  return {
    title: "Endpoints",
    panels: [
      stat({
        title: "Endpoints failing",
        description: "Probes failing now (listed in `probes`, or Services annotated `nfops.io/probe`). EndpointDown fires after two failed minutes.",
        unit: UNIT.count,
        targets: [prometheusQuery(`count(${success} == 0) or vector(0)`, "failing", { instant: true })],
        thresholds: upperLimit(1),
        width: 6,
        height: 8,
      }),
      table({
        title: "Probes",
        description: "Every probe with its module and target; Value is 1 when its last probe succeeded, 0 when it failed.",
        unit: UNIT.count,
        targets: [prometheusQuery(`sort(${success})`, "{{probe}}", { instant: true, table: true })],
        hiddenColumns: ["Time", "__name__", "job"],
        width: 9,
        height: 8,
      }),
      timeseries({
        title: "Probe duration",
        description: "How long each probe takes, DNS lookup and connection included. The dashed line is the EndpointSlow threshold (`blackboxExporter.slowProbeSeconds`).",
        unit: UNIT.seconds,
        targets: [prometheusQuery(series(PROBE_METRIC.durationSeconds, PROBES), "{{probe}}")],
        thresholds: upperLimit(environment.settings.blackboxExporter.slowProbeSeconds),
        min: 0,
        width: 9,
        height: 8,
      }),
    ],
  };
}
