import { SLO_METRIC } from "../../../src/catalog/slo-metrics.js";
import { labelVariable, series, variableMatcher } from "../../common.js";

/** Matcher of the `$slo` variable. */
export const SELECTED = variableMatcher("slo");

/** One line per SLO and indicator. */
export const PER_INDICATOR_LEGEND = "{{slo}} {{sli}}";

/** The SLOs offered: every SLO that has an objective series (`slos` and the default `inference`). */
export function sloVariable() {
  return labelVariable({
    name: "slo",
    label: "SLO",
    series: SLO_METRIC.objective,
    labelName: "slo",
    description: "SLOs shown: `inference` is the default SLO over nf_infer_*, the others come from `slos` in stacks/<env>.yaml.",
  });
}

/** The namespaces of the selected SLOs (from their selectors), for their logs. */
export function sloNamespaceVariable() {
  return labelVariable({
    name: "namespace",
    label: "Namespace",
    series: series(SLO_METRIC.objective, SELECTED),
    labelName: "namespace",
    description: "Namespaces of the selected SLOs' selectors; the logs row shows their pods.",
  });
}
