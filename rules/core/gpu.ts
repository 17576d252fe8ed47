import { dcgmCountersCsv } from "../../src/catalog/dcgm-counters.js";
import { CLOCK_EVENT_REASONS, dcgmFields, GPU_OPERATOR_DEFAULT_FIELDS, GPU_OPERATOR_METRICS_CONFIG_KEY, XID_COUNT_WINDOW_MINUTES, XID_COUNT_WINDOW_MS } from "../../src/catalog/dcgm-exporter.js";
import { durationSeconds, formatDuration } from "../../src/config/duration.js";
import { DCGM_EXTRA_RESOURCE_NAMES, GPU_RESOURCE, kubeStateMetricsResource } from "../../src/catalog/gpu-resources.js";
import { GPU_SHARING_NODE_LABEL, nodeLabelMetricLabel } from "../../src/catalog/node-labels.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { SettingsProblem } from "../../src/config/load-environments.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert, record } from "../../src/promql/rule-builders.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { metricsReadNow } from "../../src/promql/metrics-read-now.js";
import { accountingInterval, holdInterval, isPromptAlert, promptInterval, rateWindow } from "../../src/promql/windows.js";
import { METRIC as M } from "./catalog.js";
import { COMPONENT_ALERT_GROUP, componentAlerts } from "./component-alerts.js";
import { dcgmJob, dcgmSeries, GPU_HOLDER, GPU_IDENTITY, GPU_INSTANCE, GPU_RESOURCES, PHYSICAL_GPU, withLabel } from "./selectors.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const GROUP = COMPONENT_ALERT_GROUP.gpu;
const DASHBOARD = GROUP.dashboard;

const WHICH_GPU = "GPU {{ $labels.gpu }} ({{ $labels.modelName }}) on {{ $labels.node }}";
const WHICH_INSTANCE = `${WHICH_GPU}{{ with $labels.GPU_I_ID }}, MIG instance {{ . }} ({{ $labels.GPU_I_PROFILE }}){{ end }}`;
/** A GPU a pod held this recently is not a zombie: its process may still be exiting or starting. */
const RECENTLY_HELD = "10m";
/** Label of GPUUtilizationLow's result that carries the idle cost to its description; the rule's labels drop it. */
const IDLE_COST_LABEL = "idle_cost_usd";

/**
 * An hourly cost per namespace and model as a label in USD with two decimals (`1.25`), on a series of
 * value 1 with `modelName` for joins with DCGM labels: cents rounded half up, and the decimal point
 * put in by label_replace (PromQL writes a value into a label only as `count_values` formats it).
 */
function idleCostLabels(costMetric: string): string {
  const cents = `count_values by (namespace, gpu_model) ("${IDLE_COST_LABEL}", round(100 * sum by (namespace, gpu_model) (${costMetric})))`;
  const padded = `label_replace(label_replace(${cents}, "${IDLE_COST_LABEL}", "00$1", "${IDLE_COST_LABEL}", "([0-9])"), "${IDLE_COST_LABEL}", "0$1", "${IDLE_COST_LABEL}", "([0-9][0-9])")`;
  const withPoint = `label_replace(${padded}, "${IDLE_COST_LABEL}", "$1.$2", "${IDLE_COST_LABEL}", "([0-9]+)([0-9][0-9])")`;
  return `label_replace(${withPoint}, "modelName", "$1", "gpu_model", "(.+)")`;
}

/** Labels of one GPU or MIG instance, for joins (absent labels match absent labels). */
const INSTANCE_KEY = `${PHYSICAL_GPU}, GPU_I_ID`;

/**
 * How much an error count, recorded per GPU only where it is above 0, grew over `window`: its value
 * now less its value then; all of it where it was not recorded then while DCGM reported the node's
 * GPUs (it was 0; a count first seen is a baseline, as for increase()); its value now where it is
 * lower than then (the driver reloaded, resetting it, and counted new errors since). So every GPU's
 * counter is read once per evaluation of its recording, as an instant, and over the window only GPUs with errors.
 */
function errorsSince(recorded: string, window: string): string {
  return [
    `(${recorded} - ${recorded} offset ${window} > 0)`,
    `((${recorded} unless ${recorded} offset ${window}) and on (node) ${M.nodeGpuInstances} offset ${window})`,
    `(${recorded} < ${recorded} offset ${window})`,
  ].join("\nor\n");
}

export function gpuRules(context: PackContext): RuleFile {
  const { environment, stack } = context;
  const { settings } = environment;
  const g = settings.gpu;
  const dcgm = (metric: string, ...matchers: string[]) => dcgmSeries(stack, metric, ...matchers);
  // Per GPU, of the series that pass a filter: filtered first, so only the few that do (hot, throttled,
  // with errors) are grouped, not every GPU's series (max of those above a bound = max above it).
  const perGpuWhere = (metric: string, filter: string) => `max by (${GPU_IDENTITY}) (${dcgm(metric)} ${filter})`;
  const xidWindow = formatDuration(XID_COUNT_WINDOW_MINUTES * 60);
  const rateSeconds = durationSeconds(rateWindow(settings));

  const rules: Rule[] = [
    // Each raw series once an evaluation, into the few series the alerts below read (DESIGN §12):
    // the clock reasons only of GPUs that may have one GPUClockThrottled reports, per node the GPUs and
    // MIG instances DCGM reports and its series that name a pod, and the NVLink error counts above 0
    // (the alerts compare them with their own earlier values instead of reading every GPU's counter over a window).
    record(M.gpuClockEventReasons, perGpuWhere(M.dcgmClockEventReasons, `>= ${Math.min(...Object.values(CLOCK_EVENT_REASONS))}`)),
    record(M.nodeGpuInstances, `count by (node) (group by (node, UUID, GPU_I_ID) (${dcgm(M.dcgmGpuTemp)}))`),
    // The utilisation series, not the device-level ones: with --kubernetes-virtual-gpus dcgm-exporter 4.5.3
    // writes a time-sliced GPU's device series (temperature, clocks) without a pod and names each sharing
    // pod only on its own utilisation and memory series (internal/pkg/transformation/kubernetes.go,
    // process_metrics.go @ 4.5.3), so a time-slicing node's temperature series never name a pod.
    record(M.nodeGpuHeldSeries, `count by (node) (${withLabel(dcgm(M.dcgmGpuUtil), "pod")})`),
    record(M.gpuNvlinkCrcErrors, perGpuWhere(M.dcgmNvlinkCrcErrors, "> 0")),
    record(M.gpuNvlinkReplayErrors, perGpuWhere(M.dcgmNvlinkReplayErrors, "> 0")),
    alert(settings, {
      name: "GPUTemperatureHigh",
      expr: perGpuWhere(M.dcgmGpuTemp, `> ${formatNumber(g.temperatureCelsius)}`),
      for: "5m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU is running hot.",
      description: `${WHICH_GPU} is at {{ $value | printf "%.0f" }} °C (threshold ${formatNumber(g.temperatureCelsius)} °C); it will throttle.`,
    }),
    alert(settings, {
      name: "GPUMemoryNearlyFull",
      // used / (used + free), with each series read once: free and used of one holder carry the same
      // labels, so the ratio is taken series by series. 100 / (1 + free / used) > t exactly where
      // free / used < 100 / t - 1: that bound, a millionth wider, filters first, so that only the
      // nearly full holders are turned into percentages, compared with t itself and grouped.
      expr: `max by (${GPU_HOLDER}) (100 / (1 + (${dcgm(M.dcgmFbFree)} / ${dcgm(M.dcgmFbUsed)} < ${formatNumber((100 / g.memoryNearlyFullPercent - 1) * 1.000001)})) > ${formatNumber(g.memoryNearlyFullPercent)})`,
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU's memory is nearly full.",
      description: `${WHICH_INSTANCE}, held by {{ $labels.namespace }}/{{ $labels.pod }}, uses {{ $value | printf "%.1f" }} % of its memory (threshold ${formatNumber(g.memoryNearlyFullPercent)} %).`,
    }),
    alert(settings, {
      name: "GPUXidErrors",
      // Occurrences per XID code in the exporter's counting window, not the sticky last-XID gauge; application XIDs fail the job, not the GPU.
      expr: dedent(`
        label_replace(
          label_replace(
            max by (${GPU_IDENTITY}, xid) (${dcgm(M.dcgmXidCount, `xid!~"${g.applicationXids.join("|")}"`)} > 0),
            "xid_class", "unclassified", "", ""
          ),
          "xid_class", "hardware", "xid", "${g.hardwareXids.join("|")}"
        )`),
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU reported XID errors.",
      description: `${WHICH_GPU} reported XID {{ $labels.xid }} ({{ $labels.xid_class }}) {{ $value | printf "%.0f" }} times in the exporter's counting window (${xidWindow} for the stack's own dcgm-exporter).`,
    }),
    alert(settings, {
      name: "GPUClockThrottled",
      expr: Object.entries(CLOCK_EVENT_REASONS)
        .map(([reason, bit]) => `label_replace(floor(${M.gpuClockEventReasons} / ${bit}) % 2 == 1, "reason", "${reason}", "", "")`)
        .join("\nor\n"),
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU's clocks are held down by power or temperature.",
      description: `${WHICH_GPU} has had its clocks held down for 15 minutes ({{ $labels.reason }}): its work runs slower than it should.`,
    }),
    alert(settings, {
      name: "GPUNVLinkErrors",
      // Errors per second over the rate window: the growth of each count between two roll-ups that far apart.
      expr: [M.gpuNvlinkCrcErrors, M.gpuNvlinkReplayErrors].map((count) => `(\n${errorsSince(count, rateWindow(settings))}\n) / ${rateSeconds}`).join(`\nor on (${PHYSICAL_GPU})\n`),
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU's NVLinks keep reporting errors.",
      description: `${WHICH_GPU} has reported NVLink CRC or replay errors for 15 minutes ({{ $value | printf "%.2f" }}/s): multi-GPU jobs on it slow down or fail.`,
    }),
    alert(settings, {
      name: "GPUPodMappingBroken",
      // Pods running with GPUs on the node, DCGM series there, but none with a pod: the kubelet pod-resources lookup failed.
      // `and` keeps the requests of running pods without grouping every pod's phase first.
      expr: dedent(`
        sum by (node) (
          ${M.kubePodResourceRequests}{${GPU_RESOURCES}}
          and on (namespace, pod)
          ${M.kubePodPhase}{phase="Running"} == 1
        ) > 0
        unless on (node)
        ${M.nodeGpuHeldSeries}
        and on (node)
        ${M.nodeGpuInstances}`),
      for: "15m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "dcgm-exporter cannot tell which pod holds which GPU.",
      description: "Pods on {{ $labels.node }} request {{ $value }} GPUs, but none of the node's DCGM series names a pod: the exporter cannot read the kubelet's pod-resources socket. GPU cost counts as unallocated and ZombieGPUProcess is muted on this node until it is fixed.",
    }),
    record(M.gpuEccDbeErrors, perGpuWhere(M.dcgmEccDbeVolatile, "> 0")),
    alert(settings, {
      name: "GPUEccUncorrectableErrors",
      expr: errorsSince(M.gpuEccDbeErrors, "15m"),
      severity: "critical",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU had uncorrectable memory errors.",
      description: `${WHICH_GPU} had {{ $value | printf "%.0f" }} uncorrectable (double-bit) ECC errors in 15 minutes: the processes using it got corrupted data or were killed.`,
    }),
    alert(settings, {
      name: "GPURowRemapFailure",
      expr: perGpuWhere(M.dcgmRowRemapFailure, "> 0"),
      severity: "critical",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU could not remap a failing memory row.",
      description: `${WHICH_GPU} ran out of spare memory rows to remap a failing one: it needs a reset and, if it fails again, replacement.`,
    }),
  ];
  // dcgm-exporter's own alerts of this group (GPUExporterDown), where it is watched.
  rules.push(...componentAlerts(context, GROUP.name));
  if (stack.watched.includes(stack.component("dcgmExporter"))) {
    const up = `up{job="${dcgmJob(stack)}"}`;
    rules.push(
      alert(settings, {
        name: "GPUFellOffBus",
        // Capacity, not allocatable: the device plugin takes a failed GPU out of allocatable, which would hide the loss.
        // Time-slicing and MPS advertise each GPU several times, so their nodes' capacity says nothing about lost GPUs.
        expr: dedent(`
          max by (node) (${M.kubeNodeCapacity}{resource="${kubeStateMetricsResource(GPU_RESOURCE)}"})
          >
          (
            ${M.nodeGpuInstances}
            or on (node)
            0 * max by (node) (${up} == 1)
          )
          unless on (node)
          ${M.kubeNodeLabels}{${nodeLabelMetricLabel(GPU_SHARING_NODE_LABEL)}=~"time-slicing|mps"}`),
        for: "5m",
        severity: "critical",
        category: "gpu",
        dashboard: DASHBOARD,
        summary: "A node reports fewer GPUs than Kubernetes registered.",
        description: "{{ $labels.node }} has {{ $value }} GPUs registered with Kubernetes but dcgm-exporter sees fewer: a GPU fell off the bus (XID 79) or its driver lost it.",
      }),
    );
  }
  // Idle GPUs are an accounting matter, evaluated with the accounting chain whose idle cost they
  // quote: one instance per idle holder (thousands on a large fleet, each templated at every
  // evaluation) and an hour of every holder's utilisation, read a quarter as often. GPUUtilizationLow
  // waits half its window, so firing up to one accounting interval later changes little.
  const idleRules: Rule[] = [
    // The holders below the threshold, once; the alert reads them with the namespace's idle cost on each.
    record(M.lowUtilizationHolders, `avg_over_time(${M.gpuUtil}{pod!=""}[${g.lowUtilizationWindow}]) < ${formatNumber(g.lowUtilizationPercent)}`),
    alert(settings, {
      name: "GPUUtilizationLow",
      // The idle cost rides in as a label, which the rule's own labels drop again: a `query` in the
      // description ran one query per held idle GPU at every evaluation, most of the alert's cost on a large fleet.
      expr: dedent(`
        ${M.lowUtilizationHolders}
        * on (namespace, modelName) group_left (${IDLE_COST_LABEL})
        ${idleCostLabels(M.gpuIdleCostUsd1h)}
        or on (${GPU_INSTANCE}, namespace, pod, container)
        ${M.lowUtilizationHolders}`),
      for: formatDuration(durationSeconds(g.lowUtilizationWindow) / 2),
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      labels: { [IDLE_COST_LABEL]: "" },
      summary: "A GPU held by a pod is mostly idle.",
      // The namespace's idle spend on this model comes from the idle-cost roll-up, looked up when the alert is evaluated.
      description: `${WHICH_INSTANCE}, held by {{ $labels.namespace }}/{{ $labels.pod }}, averaged {{ $value | printf "%.1f" }} % utilisation over ${g.lowUtilizationWindow} (threshold ${formatNumber(g.lowUtilizationPercent)} %).{{ with $labels.${IDLE_COST_LABEL} }} Idle {{ $labels.modelName }} GPUs cost {{ $labels.namespace }} {{ . }} USD in the last hour.{{ end }}`,
    }),
  ];
  // Each group as seldom as its alerts' holds allow, and each alert in the group of the recordings it
  // reads: in another group it would wait for the recording's next evaluation and then for its own. The
  // alerts that wait less than PROMPT_HOLD_BELOW or not at all, the recordings they read, and the alerts
  // that read those (GPUPodMappingBroken, with its own recording) run within one roll-up interval of the
  // scrape interval (`promptInterval`, 75 s by default); the other sustained ones within one roll-up
  // interval of the roll-up interval (`holdInterval`: 100 s for holds of 15 minutes).
  const promptRules = withRecordingsAndReaders(
    rules,
    rules.filter((rule) => isPromptAlert(settings, rule)),
  );
  const sustainedRules = rules.filter((rule) => !promptRules.includes(rule));
  return {
    name: "gpu",
    groups: [
      { name: GROUP.name, interval: promptInterval(settings, promptRules), rules: promptRules },
      { name: `${GROUP.name}-sustained`, interval: holdInterval(settings, sustainedRules), rules: sustainedRules },
      { name: `${GROUP.name}-idle`, interval: accountingInterval(settings), rules: idleRules },
    ],
  };
}

/**
 * `seeds` with the recordings of `rules` they read, the alerts that read those, and so on, in the
 * order of `rules`: a group that holds them all has no alert waiting for a recording of another group.
 * Reads shifted by `offset` do not count: those samples are old by the time they are read.
 */
function withRecordingsAndReaders(rules: readonly Rule[], seeds: readonly Rule[]): Rule[] {
  const readNow = new Map(rules.map((rule) => [rule, metricsReadNow(rule.expr)]));
  const reads = (reader: Rule, rule: Rule) => rule.record !== undefined && (readNow.get(reader)?.has(rule.record) ?? false);
  const chosen = new Set(seeds);
  let grown = true;
  while (grown) {
    grown = false;
    for (const rule of rules) {
      if (chosen.has(rule)) continue;
      const linked = [...chosen].some((member) => reads(member, rule) || (rule.alert !== undefined && reads(rule, member)));
      if (linked) {
        chosen.add(rule);
        grown = true;
      }
    }
  }
  return rules.filter((rule) => chosen.has(rule));
}

/**
 * The GPU alerts that read only the utilisation recording (`nf_gpu_util`), with what else they record:
 * they run right after it in its group (rules/core/semantic.ts), every roll-up interval, so that they
 * see each reading as it is recorded. ZombieGPUProcess, and dcgm-exporter's GPUMetricsAbsent where it is watched.
 */
export function gpuReadingAlerts(context: PackContext): Rule[] {
  const { environment, stack } = context;
  const { settings } = environment;
  const g = settings.gpu;
  return [
    record(M.unheldGpuMemoryMiB, `max by (${GPU_INSTANCE}) (${dcgmSeries(stack, M.dcgmFbUsed, 'pod=""')})`),
    alert(settings, {
      name: "ZombieGPUProcess",
      // Set operations only: they match on the instance without grouping every holder's series first.
      expr: dedent(`
        ${M.unheldGpuMemoryMiB}
        and on (${INSTANCE_KEY})
        (
          ${M.unheldGpuMemoryMiB} > ${g.zombieMemoryMiB}
          or
          ${M.gpuUtil}{pod=""} > 0
        )
        unless on (${INSTANCE_KEY})
        max_over_time(${M.gpuUtil}{pod!=""}[${RECENTLY_HELD}])`),
      for: "10m",
      severity: "warning",
      category: "gpu",
      dashboard: DASHBOARD,
      summary: "A GPU is in use but no pod holds it.",
      description: `${WHICH_INSTANCE} has {{ $value | printf "%.0f" }} MiB of memory in use or is busy, but no pod has held it for ${RECENTLY_HELD}: a process outside Kubernetes or a leaked context.`,
    }),
    ...componentAlerts(context, COMPONENT_ALERT_GROUP.gpuReadings.name),
  ];
}

/** Rules over the GPU settings that the schema cannot state. */
export function checkGpuSettings(settings: EnvironmentSettings): SettingsProblem[] {
  const { applicationXids, hardwareXids } = settings.gpu;
  const both = applicationXids.filter((xid) => hardwareXids.includes(xid));
  if (both.length === 0) return [];
  return [
    {
      path: "/gpu/hardwareXids",
      message: `lists XIDs that gpu.applicationXids also lists (${both.join(", ")}): an XID is either the application's fault, and GPUXidErrors ignores it, or the hardware's`,
      value: hardwareXids,
    },
  ];
}

/**
 * With the GPU Operator's exporter the stack cannot configure it: say which job the rules read, which
 * of their fields the operator's default list lacks, and exactly what to give it instead.
 */
export function gpuExporterNotices({ environment, stack, packs }: PackContext): string[] {
  if (environment.settings.gpu.exporter !== "existing") return [];
  const fields = dcgmFields(packs.flatMap((pack) => pack.metrics));
  const lacking = fields.map((field) => field.name).filter((name) => !GPU_OPERATOR_DEFAULT_FIELDS.includes(name));
  return [
    [
      `gpu.exporter is existing: no dcgm-exporter is deployed and every GPU rule reads job "${dcgmJob(stack)}".`,
      `The GPU Operator's default field list lacks ${lacking.join(", ")}: the alerts over them stay silent until its exporter watches this stack's list.`,
      `Create a ConfigMap in the GPU Operator's namespace with key ${GPU_OPERATOR_METRICS_CONFIG_KEY} holding the lines below, name it in the ClusterPolicy's dcgmExporter.config.name,`,
      `and set dcgmExporter.env KUBERNETES_VIRTUAL_GPUS=true, NVIDIA_RESOURCE_NAMES=${DCGM_EXTRA_RESOURCE_NAMES.join(",")}, DCGM_EXPORTER_XID_COUNT_WINDOW_SIZE=${XID_COUNT_WINDOW_MS} (the XID alerts' window, in ms) and dcgmExporter.hostPID: true (shared GPUs; docs/cost.md "GPU Operator", also for its ServiceMonitor's relabelings):`,
      dcgmCountersCsv(fields).trimEnd(),
    ].join("\n"),
  ];
}
