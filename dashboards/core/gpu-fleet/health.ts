import { CLOCK_EVENT_REASONS } from "../../../src/catalog/dcgm-exporter.js";
import type { PackContext } from "../../../src/model/stack-model.js";
import { METRIC } from "../../../rules/core/catalog.js";
import { GPU_IDENTITY } from "../../../rules/core/selectors.js";
import { prometheusQuery, series, table, timeseries, UNIT, upperLimit, type DashboardRow } from "../../common.js";
import { PER_GPU_LEGEND } from "../gpu-panels.js";
import { selectedDcgm } from "./selection.js";

/** Power, temperature and hardware errors of each GPU. */
export function healthRow({ environment, stack }: PackContext): DashboardRow {
  const { gpu } = environment.settings;
  const dcgm = selectedDcgm(stack);
  // Device-level series repeat per MIG instance and per sharing pod: one line per physical GPU.
  const perGpu = (metric: string) => `max by (${GPU_IDENTITY}) (${series(metric, ...dcgm)})`;
  const increase = (metric: string) => `max by (${GPU_IDENTITY}) (increase(${series(metric, ...dcgm)}[$__rate_interval]))`;
  return {
    title: "Power and health",
    panels: [
      timeseries({
        title: "Power draw",
        description: `Board power draw per GPU (\`${METRIC.dcgmPowerUsage}\`). Energy, and so cost and CO2, follow this curve.`,
        unit: UNIT.watts,
        targets: [prometheusQuery(perGpu(METRIC.dcgmPowerUsage), PER_GPU_LEGEND)],
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Temperature",
        description: `GPU die temperature (\`${METRIC.dcgmGpuTemp}\`). The dashed line is the GPUTemperatureHigh threshold; above it the GPU throttles.`,
        unit: UNIT.celsius,
        targets: [prometheusQuery(perGpu(METRIC.dcgmGpuTemp), PER_GPU_LEGEND)],
        thresholds: upperLimit(gpu.temperatureCelsius),
        width: 8,
        height: 8,
      }),
      table({
        title: "XID errors",
        description: `XID errors per GPU and code in the exporter's counting window, highest over the time range (\`${METRIC.dcgmXidCount}\`). Application XIDs (${gpu.applicationXids.join(", ")}) fail a job, not the GPU; hardware XIDs (${gpu.hardwareXids.join(", ")}) need a drain or a reset.`,
        unit: UNIT.count,
        targets: [
          prometheusQuery(`max by (${GPU_IDENTITY}, xid) (max_over_time(${series(METRIC.dcgmXidCount, ...dcgm)}[$__range])) > 0`, PER_GPU_LEGEND, { instant: true, table: true }),
        ],
        hiddenColumns: ["Time"],
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Hardware errors",
        description: `Uncorrectable ECC errors (\`${METRIC.dcgmEccDbeVolatile}\`) and NVLink CRC errors (\`${METRIC.dcgmNvlinkCrcErrors}\`) per GPU, and failed row remaps (\`${METRIC.dcgmRowRemapFailure}\`, 1 once a GPU is out of spare rows). Empty is good.`,
        unit: UNIT.count,
        targets: [
          prometheusQuery(`${increase(METRIC.dcgmEccDbeVolatile)} > 0`, `${PER_GPU_LEGEND} ECC uncorrectable`),
          prometheusQuery(`${increase(METRIC.dcgmNvlinkCrcErrors)} > 0`, `${PER_GPU_LEGEND} NVLink CRC`),
          prometheusQuery(`${perGpu(METRIC.dcgmRowRemapFailure)} > 0`, `${PER_GPU_LEGEND} row remap failed`),
        ],
        stackedBars: true,
        min: 0,
        width: 8,
        height: 8,
      }),
      timeseries({
        title: "Clocks held down",
        description: `GPUs whose clocks are held down by hardware slowdown, thermal limits or the power brake (\`${METRIC.dcgmClockEventReasons}\`, bits ${Object.entries(CLOCK_EVENT_REASONS).map(([name, bit]) => `0x${bit.toString(16)} ${name}`).join(", ")}): 1 while any of them is set. GPUClockThrottled fires after 15 minutes.`,
        unit: UNIT.count,
        targets: [
          prometheusQuery(
            Object.values(CLOCK_EVENT_REASONS)
              .map((bit) => `floor(${perGpu(METRIC.dcgmClockEventReasons)} / ${bit}) % 2`)
              .join(" + ") + " > bool 0",
            PER_GPU_LEGEND,
          ),
        ],
        min: 0,
        max: 1,
        width: 8,
        height: 8,
      }),
    ],
  };
}
