import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { RuleFile } from "../../src/model/artifacts.js";
import { JOB } from "../../src/scrape-jobs.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { METRIC as M } from "./catalog.js";
import { jobSelector, REAL_FILESYSTEMS } from "./selectors.js";
import { deployedComponents } from "../../src/components/deployed-components.js";

/** Nodes (the original monitoring guide's SystemDown, HighCPUUsage, HighMemoryUsage, DiskFull) and the stack itself. */
export function platformRules(settings: EnvironmentSettings): RuleFile {
  const n = settings.nodes;
  // Jobs whose targets this environment deploys and scrapes itself (in the operator profile, the exporters only).
  const owned = deployedComponents(settings);
  // These jobs have alerts of their own (SystemDown, GPUExporterDown, CostPricingAbsent).
  const generic = owned.filter((job) => !["nodeExporter", "dcgmExporter", "costExporter"].includes(job));
  const rules = [
    alert(settings, {
      name: "Watchdog",
      expr: "vector(1)",
      severity: "info",
      category: "platform",
      summary: "Always firing: proves the alerting pipeline works end to end.",
      description: "This alert always fires. If a heartbeat receiver stops getting it, Prometheus, Alertmanager or the route between them is broken.",
    }),
    alert(settings, {
      name: "HighCPUUsage",
      expr: `${M.cpuPercent} > ${formatNumber(n.cpuPercent)}`,
      for: "10m",
      severity: "warning",
      category: "platform",
      summary: "A node's CPU is busy most of the time.",
      description: `Node {{ $labels.node }} CPU is {{ $value | printf "%.1f" }} % busy (threshold ${formatNumber(n.cpuPercent)} % for 10 minutes).`,
    }),
    alert(settings, {
      name: "HighMemoryUsage",
      expr: `100 * (1 - ${M.nodeMemAvailable} / ${M.nodeMemTotal}) > ${formatNumber(n.memoryPercent)}`,
      for: "5m",
      severity: "warning",
      category: "platform",
      summary: "A node is running out of memory.",
      description: `Node {{ $labels.node }} uses {{ $value | printf "%.1f" }} % of its memory (threshold ${formatNumber(n.memoryPercent)} %).`,
    }),
    alert(settings, {
      name: "DiskFull",
      expr: `100 * (1 - ${M.nodeFsAvail}{${REAL_FILESYSTEMS}} / ${M.nodeFsSize}{${REAL_FILESYSTEMS}}) > ${formatNumber(n.diskPercent)}`,
      for: "5m",
      severity: "critical",
      category: "platform",
      summary: "A node filesystem is nearly full.",
      description: `{{ $labels.mountpoint }} on node {{ $labels.node }} is {{ $value | printf "%.1f" }} % full (threshold ${formatNumber(n.diskPercent)} %).`,
    }),
    alert(settings, {
      name: "PrometheusRuleEvaluationFailures",
      expr: `increase(${M.ruleEvaluationFailures}[5m]) > 0`,
      severity: "warning",
      category: "platform",
      summary: "Prometheus fails to evaluate rules: alerts may be silently missing.",
      description: "{{ $labels.instance }} failed {{ $value | printf \"%.0f\" }} evaluations of group {{ $labels.rule_group }} in 5 minutes.",
    }),
  ];
  if (owned.includes("nodeExporter")) {
    rules.push(
      alert(settings, {
        name: "SystemDown",
        expr: `up{${jobSelector("nodeExporter")}} == 0`,
        for: "1m",
        severity: "critical",
        category: "platform",
        summary: "A node stopped answering.",
        description: "node-exporter on {{ $labels.node }} ({{ $labels.instance }}) has not answered for 1 minute: the node is down or unreachable.",
      }),
    );
  }
  if (owned.includes("alertmanager")) {
    rules.push(
      alert(settings, {
        name: "AlertmanagerNotificationsFailing",
        expr: `sum by (integration) (rate(${M.notificationsFailed}[5m])) > 0`,
        for: "10m",
        severity: "warning",
        category: "platform",
        summary: "Alertmanager cannot deliver notifications.",
        description: "Notifications through {{ $labels.integration }} fail ({{ $value | printf \"%.2f\" }}/s); check the receiver Secret and the endpoint.",
      }),
    );
  }
  if (generic.length > 0) {
    rules.push(
      alert(settings, {
        name: "StackComponentDown",
        expr: `up{job=~"${generic.map((job) => JOB[job]).join("|")}"} == 0`,
        for: "5m",
        severity: "warning",
        category: "platform",
        summary: "A component of the monitoring stack cannot be scraped.",
        description: "{{ $labels.job }} ({{ $labels.instance }}) has been down for 5 minutes.",
      }),
    );
  }
  // dcgm-exporter legitimately has no targets on a cluster without GPU nodes; GPUMetricsAbsent covers it.
  const expected = owned.filter((job) => job !== "dcgmExporter");
  if (expected.length > 0) {
    rules.push(
      alert(settings, {
        name: "StackComponentAbsent",
        // absent() can only name the job it was given, hence one absent() per job.
        expr: expected.map((job) => `absent(up{${jobSelector(job)}})`).join("\nor\n"),
        for: "10m",
        severity: "warning",
        category: "platform",
        summary: "A component of the monitoring stack has no scrape target at all.",
        description: "Prometheus has no target for job {{ $labels.job }}: the component is not running or service discovery does not find it.",
      }),
    );
  }
  return { name: "platform", groups: [{ name: "nfops-platform", rules }] };
}
