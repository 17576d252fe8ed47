import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import type { KubeJobs } from "../../../rules/kubernetes/selectors.js";
import { noLimit, prometheusQuery, stat, table, UNIT, upperLimit, type DashboardRow } from "../../common.js";

/** How many nodes the control plane considers ready, and which report a problem. */
export function nodesRow(jobs: KubeJobs): DashboardRow {
  const ready = (status: string) => `${M.nodeCondition}{${jobs.ksm}, condition="Ready", status="${status}"}`;
  return {
    title: "Nodes",
    panels: [
      stat({
        title: "Nodes ready",
        description: "Nodes whose Ready condition is True.",
        unit: UNIT.count,
        targets: [prometheusQuery(`sum(${ready("true")})`, "ready")],
        thresholds: noLimit(),
        width: 6,
        height: 5,
      }),
      stat({
        title: "Nodes not ready or unreachable",
        description: "Nodes reporting Ready=False (KubeNodeNotReady) or not reporting at all, Ready=Unknown (KubeNodeUnreachable).",
        unit: UNIT.count,
        targets: [prometheusQuery(`sum(${ready("false")}) + sum(${ready("unknown")})`, "not ready")],
        thresholds: upperLimit(1),
        width: 6,
        height: 5,
      }),
      stat({
        title: "Cordoned nodes",
        description: "Nodes marked unschedulable (kubectl cordon or drain): their capacity is left out of the overcommit alerts.",
        unit: UNIT.count,
        targets: [prometheusQuery(`sum(${M.nodeUnschedulable}{${jobs.ksm}})`, "cordoned")],
        thresholds: noLimit(),
        width: 6,
        height: 5,
      }),
      table({
        title: "Node problems",
        description: "Conditions that are bad right now: Ready other than True, or memory, disk or PID pressure (KubeNodePressure).",
        unit: UNIT.text,
        targets: [
          prometheusQuery(
            `${M.nodeCondition}{${jobs.ksm}, condition="Ready", status!="true"} == 1 or ${M.nodeCondition}{${jobs.ksm}, condition=~"MemoryPressure|DiskPressure|PIDPressure", status="true"} == 1`,
            "{{node}} {{condition}}",
            { instant: true, table: true },
          ),
        ],
        hiddenColumns: ["Time", "Value", "__name__", "job", "instance"],
        width: 6,
        height: 5,
      }),
    ],
  };
}
