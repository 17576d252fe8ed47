import { lowerLimit, prometheusQuery, timeseries, UNIT } from "../common.js";

/** "Configuration reload successful" of a server that reloads its configuration in place (Prometheus, Alertmanager). */
export function reloadSuccessfulPanel(server: string, alert: string, selector: string) {
  return timeseries({
    title: "Configuration reload successful",
    description: `1 when each ${server} applied its last configuration; 0 means it rejected the new one and runs the old (${alert}).`,
    unit: UNIT.count,
    targets: [prometheusQuery(selector, "{{instance}}")],
    thresholds: lowerLimit(1),
    min: 0,
    max: 1,
    width: 6,
    height: 8,
  });
}
