import type { RuleGroup } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { formatNumber } from "../../src/promql/expressions.js";
import { alert } from "../../src/promql/rule-builders.js";
import { KUBE_METRIC as M } from "./catalog.js";
import { kubeJobs } from "./selectors.js";

const DASHBOARD = "nfops-kubernetes-namespace";
/** History the fill-up trend is fitted on: long enough that one checkpoint write is not a trend. */
const TREND_WINDOW = "6h";
const CLAIM = "PersistentVolumeClaim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }}";

/** PersistentVolumes that are full, filling up, or broken. */
export function storageAlerts({ environment, stack }: PackContext): RuleGroup {
  const { settings } = environment;
  const k = settings.kubernetes;
  const jobs = kubeJobs(stack);
  const available = `${M.volumeAvailable}{${jobs.kubelet}}`;
  const usedPercent = `100 * (1 - ${available} / ${M.volumeCapacity}{${jobs.kubelet}})`;
  const full = formatNumber(k.volumeFullPercent);
  const rules = [
    alert(settings, {
      name: "KubePersistentVolumeFillingUp",
      expr: `${usedPercent} > ${full}`,
      for: "5m",
      severity: "critical",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A PersistentVolume is nearly full.",
      description: `${CLAIM} is {{ $value | printf "%.1f" }} % full (threshold ${full} %).`,
    }),
    alert(settings, {
      name: "KubePersistentVolumeFillingUp",
      expr: `${usedPercent}\nand\npredict_linear(${available}[${TREND_WINDOW}], ${formatNumber(k.volumeFullWithinHours * 3600)}) < 0`,
      for: "1h",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A PersistentVolume will be full soon at its current rate.",
      description: `${CLAIM} is {{ $value | printf "%.1f" }} % full and, at the trend of the last ${TREND_WINDOW}, fills up within ${formatNumber(k.volumeFullWithinHours)} hours.`,
    }),
    alert(settings, {
      name: "KubePersistentVolumeErrors",
      expr: `${M.pvPhase}{${jobs.ksm}, phase=~"Failed|Pending"} == 1\nor\n${M.pvcPhase}{${jobs.ksm}, phase="Lost"} == 1`,
      for: "5m",
      severity: "warning",
      category: "platform",
      dashboard: DASHBOARD,
      summary: "A PersistentVolume failed or a claim lost its volume.",
      description:
        "{{ with $labels.persistentvolume }}PersistentVolume {{ . }}{{ else }}PersistentVolumeClaim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }}{{ end }} has been in phase {{ $labels.phase }} for 5 minutes (value {{ $value }}).",
    }),
  ];
  return { name: "nfops-kubernetes-storage", rules };
}
