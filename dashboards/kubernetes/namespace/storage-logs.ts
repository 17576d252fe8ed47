import { KUBE_METRIC as M } from "../../../rules/kubernetes/catalog.js";
import type { KubeJobs } from "../../../rules/kubernetes/selectors.js";
import type { POD_LOG_LABELS } from "../../../src/catalog/pod-log-labels.js";
import { logs, lokiQuery, prometheusQuery, timeseries, UNIT, upperLimit, variableMatcher, type DashboardRow } from "../../common.js";

/** Loki stream labels of pod logs (the keys of POD_LOG_LABELS) that the logs panel selects on. */
const LOG_NAMESPACE: keyof typeof POD_LOG_LABELS = "namespace";
const LOG_POD: keyof typeof POD_LOG_LABELS = "pod";

/** PersistentVolumeClaims of the namespace, and the selected pods' logs from Loki. */
export function storageLogsRow(jobs: KubeJobs, volumeFullPercent: number): DashboardRow {
  const ofNamespace = `${jobs.kubelet}, ${variableMatcher("namespace")}`;
  return {
    title: "Volumes and logs",
    panels: [
      timeseries({
        title: "PersistentVolumeClaims in use",
        description: `Space in use on each mounted claim of the selected namespaces, as the kubelet measures it. KubePersistentVolumeFillingUp is critical above ${volumeFullPercent} %.`,
        unit: UNIT.percent,
        targets: [prometheusQuery(`100 * (1 - ${M.volumeAvailable}{${ofNamespace}} / ${M.volumeCapacity}{${ofNamespace}})`, "{{namespace}}/{{persistentvolumeclaim}}")],
        thresholds: upperLimit(volumeFullPercent),
        min: 0,
        max: 100,
        width: 8,
        height: 10,
      }),
      logs({
        title: "Pod logs",
        description: "Log lines of the selected pods (pick a pod in the `Pod` variable), newest first, from Loki as the collector ships them.",
        unit: UNIT.text,
        targets: [lokiQuery(`{${LOG_NAMESPACE}=~"$namespace", ${LOG_POD}=~"$pod"}`)],
        width: 16,
        height: 10,
      }),
    ],
  };
}
