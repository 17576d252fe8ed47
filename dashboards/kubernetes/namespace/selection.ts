import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import { variableMatcher } from "../../common.js";

/** Matchers of the `$namespace` and `$workload` variables on the workload-level recordings. */
export const SELECTED_WORKLOADS = [variableMatcher("namespace"), variableMatcher("workload")] as const;

/** The selected pods of the selected workloads, as the right-hand side of a join. */
export const SELECTED_PODS = `${M.podWorkload}{${[...SELECTED_WORKLOADS, variableMatcher("pod")].join(", ")}}`;

/** Keeps per-pod series of the selected pods and adds their `workload` label. */
export function ofSelectedPods(perPod: string): string {
  return `${perPod} * on (namespace, pod) group_left (workload) ${SELECTED_PODS}`;
}
