import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { METRIC as M } from "./catalog.js";
import { jobSelector, REAL_FILESYSTEMS, withNodeLabel } from "./selectors.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-overview";

/** Nodes (the original monitoring guide's SystemDown, HighCPUUsage, HighMemoryUsage, DiskFull) and the stack itself. */
export function platformRules({ environment, stack }: PackContext): RuleFile {
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
      name: "HighCPUUsage",
      expr: `${M.cpuPercent} > ${formatNumber(n.cpuPercent)}`,
      for: "10m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A node's CPU is busy most of the time.",
      description: `Node {{ $labels.node }} CPU is {{ $value | printf "%.1f" }} % busy (threshold ${formatNumber(n.cpuPercent)} % for 10 minutes).`,
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
    alert(settings, {
      name: "PrometheusRuleEvaluationFailures",
      expr: `increase(${M.ruleEvaluationFailures}[5m]) > 0`,
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "Prometheus fails to evaluate rules: alerts may be silently missing.",
      description: "{{ $labels.instance }} failed {{ $value | printf \"%.0f\" }} evaluations of group {{ $labels.rule_group }} in 5 minutes.",
    }),
  ];
  if (stack.isDeployed("nodeExporter")) {
    rules.push(
      alert(settings, {
        name: "SystemDown",
        expr: `up{${jobSelector(stack, "nodeExporter")}} == 0`,
        for: "1m",
        severity: "critical",
        category: "platform",
        dashboard: DASHBOARD,
        summary: "A node stopped answering.",
        description: "node-exporter on {{ $labels.node }} ({{ $labels.instance }}) has not answered for 1 minute: the node is down or unreachable.",
      }),
    );
  }
  if (stack.isDeployed("alertmanager")) {
    rules.push(
      alert(settings, {
        name: "AlertmanagerNotificationsFailing",
        expr: `sum by (integration) (rate(${M.notificationsFailed}[5m])) > 0`,
        for: "10m",
        severity: "warning",
        category: "platform",
        dashboard: DASHBOARD,
        summary: "Alertmanager cannot deliver notifications.",
        description: "Notifications through {{ $labels.integration }} fail ({{ $value | printf \"%.2f\" }}/s); check the receiver Secret and the endpoint.",
      }),
    );
  }
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
  return { name: "platform", groups: [{ name: "nfops-platform", rules }] };
}
