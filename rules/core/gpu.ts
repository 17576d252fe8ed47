import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { METRIC as M } from "./catalog.js";
import { GPU_IDENTITY, jobSelector } from "./selectors.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-gpu-fleet";

const WHICH_GPU = "GPU {{ $labels.gpu }} ({{ $labels.modelName }}) on {{ $labels.node }}";
/** A GPU a pod held this recently is not a zombie: its process may still be exiting or starting. */
const RECENTLY_HELD = "10m";

export function gpuRules({ environment, stack }: PackContext): RuleFile {
  const { settings } = environment;
  const g = settings.gpu;
  const rules = [
    alert(settings, {
      name: "ZombieGPUProcess",
      expr: dedent(`
        max by (${GPU_IDENTITY}) (${M.dcgmFbUsed}{pod=""})
        and on (node, UUID)
        (
          max by (node, UUID) (${M.dcgmFbUsed}{pod=""}) > ${g.zombieMemoryMiB}
          or
          max by (node, UUID) (${M.dcgmGpuUtil}{pod=""}) > 0
        )
        unless on (node, UUID)
        max by (node, UUID) (max_over_time(${M.dcgmGpuUtil}{pod!=""}[${RECENTLY_HELD}]))`),
      for: "10m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU is in use but no pod holds it.",
      description: `${WHICH_GPU} has {{ $value | printf "%.0f" }} MiB of memory in use or is busy, but no pod has held it for ${RECENTLY_HELD}: a process outside Kubernetes or a leaked context.`,
    }),
    alert(settings, {
      name: "GPUUtilizationLow",
      expr: `avg_over_time(${M.gpuUtil}{pod!=""}[${g.lowUtilizationWindow}]) < ${formatNumber(g.lowUtilizationPercent)}`,
      for: formatDuration(durationSeconds(g.lowUtilizationWindow) / 2),
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU held by a pod is mostly idle.",
      description: `${WHICH_GPU}, held by {{ $labels.namespace }}/{{ $labels.pod }}, averaged {{ $value | printf "%.1f" }} % utilisation over ${g.lowUtilizationWindow} (threshold ${formatNumber(g.lowUtilizationPercent)} %).`,
    }),
    alert(settings, {
      name: "GPUTemperatureHigh",
      expr: `max by (${GPU_IDENTITY}) (${M.dcgmGpuTemp}) > ${formatNumber(g.temperatureCelsius)}`,
      for: "5m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU is running hot.",
      description: `${WHICH_GPU} is at {{ $value | printf "%.0f" }} °C (threshold ${formatNumber(g.temperatureCelsius)} °C); it will throttle.`,
    }),
    alert(settings, {
      name: "GPUMemoryNearlyFull",
      expr: `100 * ${M.dcgmFbUsed} / (${M.dcgmFbUsed} + ${M.dcgmFbFree}) > ${formatNumber(g.memoryNearlyFullPercent)}`,
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU's memory is nearly full.",
      description: `${WHICH_GPU}, held by {{ $labels.namespace }}/{{ $labels.pod }}, uses {{ $value | printf "%.1f" }} % of its memory (threshold ${formatNumber(g.memoryNearlyFullPercent)} %).`,
    }),
    alert(settings, {
      name: "GPUXidErrors",
      // The gauge holds the code of the last XID; the 15m max keeps one short-lived error visible.
      expr: `max by (${GPU_IDENTITY}) (max_over_time(${M.dcgmXidErrors}[15m])) > 0`,
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU reported an XID error.",
      description: `${WHICH_GPU} reported XID {{ $value | printf "%.0f" }} in the last 15 minutes.`,
    }),
  ];
  if (stack.isDeployed("dcgmExporter")) {
    rules.push(
      alert(settings, {
        name: "GPUExporterDown",
        expr: `up{${jobSelector(stack, "dcgmExporter")}} == 0`,
        for: "5m",
        severity: "warning",
        category: "gpu",
        dashboard: DASHBOARD,
        summary: "dcgm-exporter cannot be scraped.",
        description: "dcgm-exporter on {{ $labels.node }} ({{ $labels.instance }}) has been down for 5 minutes: GPU metrics, GPU cost and CO2 are not being recorded.",
      }),
      alert(settings, {
        name: "GPUMetricsAbsent",
        expr: dedent(`
          sum(${M.kubeNodeAllocatable}{resource="nvidia_com_gpu"}) > 0
          and on ()
          absent(${M.dcgmGpuUtil})`),
        for: "15m",
        severity: "warning",
        category: "gpu",
        dashboard: DASHBOARD,
        summary: "The cluster has GPUs but no GPU metrics.",
        description: "Nodes advertise {{ $value }} GPUs but no DCGM series exist: dcgm-exporter is not running on the GPU nodes or is not scraped.",
      }),
    );
  }
  return { name: "gpu", groups: [{ name: "nfops-gpu", rules }] };
}
