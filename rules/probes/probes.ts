import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { PROBE_JOB, PROBE_METRIC as M } from "./catalog.js";

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-overview";

const PROBES = `job=~"${PROBE_JOB.listed}|${PROBE_JOB.services}"`;
const WHICH = "{{ $labels.probe }} ({{ $labels.module }} {{ $labels.instance }})";
/** Two failed minutes: one lost probe or a rolling restart of the target does not page. */
const DOWN_FOR = "2m";

/**
 * Endpoint availability and speed as the blackbox exporter sees them from inside the cluster.
 * `EndpointDown` is critical for probes marked critical (`critical: true`, or the Service annotation
 * `nfops.io/probe-critical: "true"`) and a warning for the others.
 */
export function probeRules({ environment }: PackContext): RuleFile {
  const slow = formatNumber(environment.settings.blackboxExporter.slowProbeSeconds);
  const down = (severity: "critical" | "warning", criticalMatcher: string) =>
    alert(environment.settings, {
      name: "EndpointDown",
      expr: `${M.success}{${PROBES},${criticalMatcher}} == 0`,
      for: DOWN_FOR,
      severity,
      category: "slo",
      dashboard: DASHBOARD,
      summary: "An endpoint fails its probe.",
      description: `Probe ${WHICH} has failed for ${DOWN_FOR}: the endpoint does not answer, answers with an error status, or cannot be resolved from the cluster.`,
    });
  return {
    name: "probes",
    groups: [
      {
        name: "nfops-probes",
        rules: [
          down("critical", 'critical="true"'),
          down("warning", 'critical!="true"'),
          alert(environment.settings, {
            name: "EndpointSlow",
            // Slow successes only: a failing probe is EndpointDown, however long it took to fail.
            expr: `${M.durationSeconds}{${PROBES}} > ${slow}\nand\n${M.success}{${PROBES}} == 1`,
            for: "5m",
            severity: "warning",
            category: "slo",
            dashboard: DASHBOARD,
            summary: "An endpoint answers its probe slowly.",
            description: `Probe ${WHICH} took {{ $value | printf "%.2f" }} s (threshold ${slow} s) for 5 minutes.`,
          }),
        ],
      },
    ],
  };
}
