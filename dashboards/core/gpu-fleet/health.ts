import type { Environment } from "../../../src/config/environment-schema.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { GPU_IDENTITY } from "../../../rules/core/selectors.js";
import { prometheusQuery, series, table, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { PER_GPU_LEGEND } from "../gpu-panels.js";
import { SELECTED_GPUS } from "./selection.js";

/** Power, temperature and hardware errors of each GPU. */
export function healthRow(environment: Environment): DashboardRow {
  const { gpu } = environment.settings;
  const xid = series(METRIC.dcgmXidErrors, ...SELECTED_GPUS);
  return {
    title: "Power and health",
    panels: [
      timeseries({
        title: "Power draw",
        description: `Board power draw per GPU (\`${METRIC.dcgmPowerUsage}\`). Energy, and so cost and CO2, follow this curve.`,
        unit: UNIT.watts,
        targets: [prometheusQuery(series(METRIC.dcgmPowerUsage, ...SELECTED_GPUS), PER_GPU_LEGEND)],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Temperature",
        description: `GPU die temperature (\`${METRIC.dcgmGpuTemp}\`). The dashed line is the GPUTemperatureHigh threshold; above it the GPU throttles.`,
        unit: UNIT.celsius,
        targets: [prometheusQuery(series(METRIC.dcgmGpuTemp, ...SELECTED_GPUS), PER_GPU_LEGEND)],
        thresholds: upperLimit(gpu.temperatureCelsius),
        width: 8,
        height: 8,
      }),
      table({
        title: "XID errors",
        description: `GPUs that reported an XID error during the time range, with the highest XID code seen (\`${METRIC.dcgmXidErrors}\`; 0 means none). Look codes up in NVIDIA's XID catalogue; 48, 63, 64, 74, 79 and 94/95 usually need a drain or a reset.`,
        unit: UNIT.count,
        targets: [prometheusQuery(`max by (${GPU_IDENTITY}) (max_over_time(${xid}[$__range])) > 0`, PER_GPU_LEGEND, { instant: true, table: true })],
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
    ],
  };
}
