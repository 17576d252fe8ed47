import { presenceSelector, producerScopes, selector, type ProducerScope } from "../../rules/inputs/producer-scope.js";
import { eagerInputs } from "../../rules/inputs/inputs.js";
import type { LabelCheck } from "../catalog/input-contracts.js";
import { durationSeconds } from "../config/duration.js";
import type { DoctorCheck, DoctorContext, DoctorFinding } from "../model/stack-model.js";

/**
 * The built-in checks of `nfops doctor`, one per kind of finding, in the order they are reported.
 * All are derived from the same data as the stack: the input contracts of the packs in effect, the
 * environment's scrape interval, its rule files. Packs add theirs with `doctorChecks`.
 */

/** Producers with a job of their own (the model servers share `inference` and are found by their marker). */
function jobScopes(context: DoctorContext): ProducerScope[] {
  return producerScopes(context.stack, context.packs).filter((scope) => scope.by.includes("job"));
}

function finding(kind: string, subject: string, message: string, fix: string): DoctorFinding {
  return { kind, subject, message, fix };
}

const jobMissing: DoctorCheck = {
  kind: "job-missing",
  description: "each producer job the packs read has at least one target",
  async run(context) {
    // From the targets Prometheus scrapes now: `up` of a job taken out of the configuration lingers for the lookback window.
    const jobs = new Set((await activeTargets(context)).map((target) => target.labels?.job ?? ""));
    return jobScopes(context)
      .filter((scope) => ![...jobs].some((job) => jobMatches(scope.jobMatcher, job)))
      .map((scope) => {
        const producer = scope.definition;
        return finding("job-missing", scope.jobMatcher, `no target of ${producer.displayName}: ${scope.metrics.length} inputs of the packs in effect come from it`, `scrape ${producer.displayName} under ${scope.jobMatcher} (nfops synth writes the job; the operator profile needs its ServiceMonitor picked by serviceMonitorSelector)`);
      });
  },
};

const jobDown: DoctorCheck = {
  kind: "job-down",
  description: "every target of those jobs answers (up == 1)",
  async run(context) {
    const findings: DoctorFinding[] = [];
    for (const scope of jobScopes(context)) {
      for (const down of await context.prometheus.query(`${selector("up", scope.jobMatcher)} == 0`)) {
        findings.push(finding("job-down", `${down.labels.job ?? ""} ${down.labels.instance ?? ""}`, `${scope.definition.displayName} does not answer its scrapes`, "open /targets in Prometheus for the scrape error (connection refused, TLS, 401/403, timeout) and fix the target or its NetworkPolicy"));
      }
    }
    return findings;
  },
};

const metricMissing: DoctorCheck = {
  kind: "metric-missing",
  description: "each eager input metric of the packs in effect has series while its producer is up",
  async run(context) {
    const findings: DoctorFinding[] = [];
    for (const scope of producerScopes(context.stack, context.packs)) {
      const marker = scope.definition.marker;
      const present = await context.prometheus.query(marker ? `count(${selector(marker, scope.jobMatcher)})` : `count(${selector("up", scope.jobMatcher)} == 1)`);
      if (present.length === 0) continue; // nothing answers: job-missing or job-down says so
      for (const entry of eagerInputs(scope)) {
        const series = await context.prometheus.query(`count(${presenceSelector(entry, scope.jobMatcher)})`);
        if (series.length === 0) {
          findings.push(finding("metric-missing", entry.name, `${scope.definition.displayName} answers but writes no ${entry.name} (0 series)`, `turn it on: ${entry.input?.enabledBy ?? ""}`));
        }
      }
    }
    return findings;
  },
};

/** A check of the contracts' label checks of one cause: series that match the broken matcher, counted. */
function labelCheck(kind: string, cause: LabelCheck["cause"], description: string): DoctorCheck {
  return {
    kind,
    description,
    async run(context) {
      const findings: DoctorFinding[] = [];
      for (const scope of producerScopes(context.stack, context.packs)) {
        for (const check of scope.labelChecks.filter((c) => c.cause === cause)) {
          const [count] = await context.prometheus.query(`count(${selector(check.metric, scope.jobMatcher, check.matcher)})`);
          if (count) findings.push(finding(kind, `${check.metric}{${check.matcher}}`, `${count.value} series: ${check.problem}`, check.fix));
        }
      }
      return findings;
    },
  };
}

const labelMissing = labelCheck("label-missing", "unset", "the labels the rules rely on are set on every input series (node, service, probe, region)");
const honorLabelsLeak = labelCheck(
  "honor-labels-leak",
  "target-labels",
  "no target label of the scrape overrides or pushes aside the exporter's own (exported_* labels; the exporter's own pod as a GPU holder under honorLabels)",
);

interface ActiveTarget {
  labels?: Record<string, string>;
  scrapeInterval?: string;
}

async function activeTargets(context: DoctorContext): Promise<ActiveTarget[]> {
  const data = (await context.prometheus.get("targets?state=active")) as { activeTargets?: ActiveTarget[] };
  return data.activeTargets ?? [];
}

const scrapeInterval: DoctorCheck = {
  kind: "scrape-interval",
  description: "producer jobs are scraped at the environment's scrapeInterval (rates and for: durations assume it)",
  async run(context) {
    const expected = context.environment.settings.scrapeInterval;
    const jobs = new Map<string, string>();
    for (const target of await activeTargets(context)) {
      const job = target.labels?.job;
      if (job !== undefined && target.scrapeInterval !== undefined) jobs.set(job, target.scrapeInterval);
    }
    const findings: DoctorFinding[] = [];
    for (const scope of jobScopes(context)) {
      for (const [job, interval] of jobs) {
        if (!jobMatches(scope.jobMatcher, job) || durationSeconds(interval) === durationSeconds(expected)) continue;
        findings.push(finding("scrape-interval", job, `scraped every ${interval}, the environment says ${expected}`, `set the job's scrape_interval (ServiceMonitor endpoints[].interval) to ${expected}, or scrapeInterval in stacks/${context.environment.name}.yaml to ${interval}`));
      }
    }
    return findings;
  },
};

/** Whether a job name is selected by `job="x"` or `job=~"a|b"`. */
function jobMatches(matcher: string, job: string): boolean {
  const match = /^job(=~?)"(.*)"$/.exec(matcher);
  if (!match) return false;
  return match[1] === "=" ? match[2] === job : new RegExp(`^(?:${match[2]})$`).test(job);
}

interface LoadedGroup {
  name?: string;
  file?: string;
  interval?: number;
  evaluationTime?: number;
  lastEvaluation?: string;
  rules?: Array<{ name?: string; health?: string; lastError?: string }>;
}

async function loadedGroups(context: DoctorContext): Promise<LoadedGroup[]> {
  const data = (await context.prometheus.get("rules")) as { groups?: LoadedGroup[] };
  return data.groups ?? [];
}

const ruleGroupMissing: DoctorCheck = {
  kind: "rule-group-missing",
  description: "every rule group the environment generates is loaded",
  async run(context) {
    const loaded = new Set((await loadedGroups(context)).map((group) => group.name));
    const { settings } = context.environment;
    return context.artifacts.ruleFiles.flatMap((file) =>
      file.groups
        .filter((group) => !loaded.has(group.name))
        .map((group) =>
          settings.profile === "operator"
            ? finding("rule-group-missing", group.name, `PrometheusRule nfops-${file.name} is not loaded: the Prometheus resource's ruleSelector (or ruleNamespaceSelector) does not pick it`, `give the PrometheusRule the labels the ruleSelector wants: operator.selectorLabels in stacks/${context.environment.name}.yaml (kube-prometheus-stack: release: <helm release>), then synth and apply`)
            : finding("rule-group-missing", group.name, `rule file ${file.name}.yaml is not loaded`, `apply dist/${context.environment.name}/manifests (the rules ConfigMap) and check rule_files in prometheus.yml`),
        ),
    );
  },
};

const ruleGroupErrors: DoctorCheck = {
  kind: "rule-group-errors",
  description: "the environment's rules evaluate without errors",
  async run(context) {
    const ours = new Set(context.artifacts.ruleFiles.flatMap((file) => file.groups.map((group) => group.name)));
    return (await loadedGroups(context))
      .filter((group) => ours.has(group.name ?? ""))
      .flatMap((group) =>
        (group.rules ?? [])
          .filter((rule) => rule.health === "err")
          .map((rule) => finding("rule-group-errors", `${group.name ?? ""}/${rule.name ?? ""}`, `evaluation fails: ${rule.lastError ?? "(no message)"}`, "a series the rule joins is duplicated (many-to-many) or the Prometheus version lacks a function: read the error, then nfops synth with the fix")),
      );
  },
};

const ruleGroupSlow: DoctorCheck = {
  kind: "rule-group-slow",
  description: "each rule group evaluates faster than its interval and misses no iteration",
  async run(context) {
    const ours = new Set(context.artifacts.ruleFiles.flatMap((file) => file.groups.map((group) => group.name)));
    const findings: DoctorFinding[] = [];
    for (const group of await loadedGroups(context)) {
      if (!ours.has(group.name ?? "") || group.interval === undefined || group.evaluationTime === undefined) continue;
      if (group.evaluationTime > group.interval) {
        findings.push(finding("rule-group-slow", group.name ?? "", `last evaluation took ${group.evaluationTime.toFixed(2)} s, longer than its ${group.interval} s interval`, "give the group a longer interval or read fewer raw series (record a smaller series first)"));
      }
    }
    for (const missed of await context.prometheus.query("prometheus_rule_group_iterations_missed_total > 0")) {
      const group = (missed.labels.rule_group ?? "").split(";").pop() ?? "";
      if (ours.has(group)) findings.push(finding("rule-group-slow", group, `${missed.value} evaluations were skipped because the previous one was still running`, "give the group a longer interval or read fewer raw series (record a smaller series first)"));
    }
    return findings;
  },
};

const alertmanagersMissing: DoctorCheck = {
  kind: "alertmanagers-missing",
  description: "Prometheus has discovered at least one Alertmanager to send alerts to",
  async run(context) {
    const data = (await context.prometheus.get("alertmanagers")) as { activeAlertmanagers?: unknown[] };
    if ((data.activeAlertmanagers ?? []).length > 0) return [];
    return [finding("alertmanagers-missing", "alerting", "no Alertmanager discovered: every alert fires into nothing", "check the alerting section of prometheus.yml (the operator profile: the Prometheus resource's spec.alerting) and that the Alertmanager pods are ready")];
  },
};

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  jobMissing,
  jobDown,
  metricMissing,
  labelMissing,
  honorLabelsLeak,
  scrapeInterval,
  ruleGroupMissing,
  ruleGroupErrors,
  ruleGroupSlow,
  alertmanagersMissing,
];
