import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { REAL_FILESYSTEMS } from "../../../rules/core/selectors.js";
import { prometheusQuery, series, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";

/** System resources per node: CPU, memory and disk, against the node alert thresholds. */
export function systemRow(environment: Environment): DashboardRow {
  const { nodes } = environment.settings;
  const memoryUsedPercent = `100 * (1 - ${METRIC.nodeMemAvailable} / ${METRIC.nodeMemTotal})`;
  const fsAvail = series(METRIC.nodeFsAvail, REAL_FILESYSTEMS);
  const fsSize = series(METRIC.nodeFsSize, REAL_FILESYSTEMS);
  return {
    title: "System resources",
    panels: [
      timeseries({
        title: "CPU busy",
        description: `Share of CPU time not idle, all cores of a node (\`${METRIC.cpuPercent}\`). The dashed line is the HighCPUUsage threshold.`,
        unit: UNIT.percent,
        targets: [prometheusQuery(METRIC.cpuPercent, "{{node}}")],
        thresholds: upperLimit(nodes.cpuPercent),
        min: 0,
        max: 100,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Memory in use",
        description: `Memory in use per node, total minus available, in GB (\`${METRIC.ramUsedGb}\`).`,
        unit: UNIT.gigabytes,
        targets: [prometheusQuery(METRIC.ramUsedGb, "{{node}}")],
        min: 0,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Memory in use (% of total)",
        description: "Memory in use as a share of each node's physical memory. The dashed line is the HighMemoryUsage threshold.",
        unit: UNIT.percent,
        targets: [prometheusQuery(memoryUsedPercent, "{{node}}")],
        thresholds: upperLimit(nodes.memoryPercent),
        min: 0,
        max: 100,
        width: 6,
        height: 8,
      }),
      timeseries({
        title: "Fullest filesystem",
        description: "Space in use on the fullest data filesystem of each node (pseudo and overlay filesystems excluded). The dashed line is the DiskFull threshold.",
        unit: UNIT.percent,
        targets: [prometheusQuery(`max by (node) (100 * (1 - ${fsAvail} / ${fsSize}))`, "{{node}}")],
        thresholds: upperLimit(nodes.diskPercent),
        min: 0,
        max: 100,
        width: 6,
        height: 8,
      }),
    ],
  };
}
