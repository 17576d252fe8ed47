import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import type { Rule, RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { METRIC as M } from "./catalog.js";
import { COMPONENT_ALERT_GROUP, componentAlerts } from "./component-alerts.js";
import { jobSelector, REAL_FILESYSTEMS, withNodeLabel } from "./selectors.js";

const GROUP = COMPONENT_ALERT_GROUP.platform;
const DASHBOARD = GROUP.dashboard;

/** Nodes (the original monitoring guide's SystemDown, HighMemoryUsage, DiskFull; HighCPUUsage below) and the stack itself. */
export function platformRules(context: PackContext): RuleFile {
  const { environment, stack } = context;
  const { settings } = environment;
  const n = settings.nodes;
  // Components whose targets this environment deploys and scrapes itself (in the operator profile, the exporters only);
  // each definition's `watch` says which of the two generic alerts cover it.
  const down = stack.deployed.filter((component) => component.watch.down);
  const absent = stack.deployed.filter((component) => component.watch.absent);
  const rules = [
    alert(settings, {
      name: "Watchdog",
      expr: "vector(1)",
      severity: "info",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "Always firing: proves the alerting pipeline works end to end.",
      description: "This alert always fires. If a heartbeat receiver stops getting it, Prometheus, Alertmanager or the route between them is broken.",
    }),
    alert(settings, {
      name: "HighMemoryUsage",
      expr: withNodeLabel((node) => `100 * (1 - ${M.nodeMemAvailable}{${node}} / ${M.nodeMemTotal}{${node}}) > ${formatNumber(n.memoryPercent)}`),
      for: "5m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node is running out of memory.",
      description: `Node {{ $labels.node }} uses {{ $value | printf "%.1f" }} % of its memory (threshold ${formatNumber(n.memoryPercent)} %).`,
    }),
    alert(settings, {
      name: "DiskFull",
      expr: withNodeLabel((node) => `100 * (1 - ${M.nodeFsAvail}{${REAL_FILESYSTEMS},${node}} / ${M.nodeFsSize}{${REAL_FILESYSTEMS},${node}}) > ${formatNumber(n.diskPercent)}`),
      for: "5m",
      severity: "critical",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node filesystem is nearly full.",
      description: `{{ $labels.mountpoint }} on node {{ $labels.node }} is {{ $value | printf "%.1f" }} % full (threshold ${formatNumber(n.diskPercent)} %).`,
    }),
  ];
  // Alerts of the components watched here: Prometheus, Alertmanager, node-exporter.
  rules.push(...componentAlerts(context, GROUP.name));
  if (down.length > 0) {
    rules.push(
      alert(settings, {
        name: "StackComponentDown",
        expr: `up{job=~"${down.map((component) => component.name).join("|")}"} == 0`,
        for: "5m",
        severity: "warning",
        category: "platform",
        dashboard: DASHBOARD,
        summary: "A component of the monitoring stack cannot be scraped.",
        description: "{{ $labels.job }} ({{ $labels.instance }}) has been down for 5 minutes.",
      }),
    );
  }
  if (absent.length > 0) {
    rules.push(
      alert(settings, {
        name: "StackComponentAbsent",
        // absent() can only name the job it was given, hence one absent() per job.
        expr: absent.map((component) => `absent(up{${jobSelector(stack, component.key)}})`).join("\nor\n"),
        for: "10m",
        severity: "warning",
        category: "platform",
        dashboard: DASHBOARD,
        summary: "A component of the monitoring stack has no scrape target at all.",
        description: "Prometheus has no target for job {{ $labels.job }}: the component is not running or service discovery does not find it.",
      }),
    );
  }
  return { name: "platform", groups: [{ name: GROUP.name, rules }] };
}

/**
 * HighCPUUsage, over the per-node CPU recording: evaluated in that recording's group, right after it
 * (rules/core/semantic.ts), so that it does not wait for two groups' intervals in turn.
 */
export function highCpuUsageAlert(settings: EnvironmentSettings): Rule {
  const n = settings.nodes;
  return alert(settings, {
    name: "HighCPUUsage",
    expr: `${M.cpuPercent} > ${formatNumber(n.cpuPercent)}`,
    for: "10m",
    severity: "warning",
    category: "platform",
    dashboard: DASHBOARD,
    summary: "A node's CPU is busy most of the time.",
    description: `Node {{ $labels.node }} CPU is {{ $value | printf "%.1f" }} % busy (threshold ${formatNumber(n.cpuPercent)} % for 10 minutes).`,
  });
}
