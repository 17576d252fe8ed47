import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { hourlyRollupTotal } from "../../src/promql/windows.js";
import { METRIC as M } from "./catalog.js";
import { COMPONENT_ALERT_GROUP, componentAlerts } from "./component-alerts.js";

const GROUP = COMPONENT_ALERT_GROUP.cost;
const DASHBOARD = GROUP.dashboard;

/**
 * Weekly budgets. The recording layer holds hourly roll-ups (each sample = the last hour), so a
 * week is the sum of 168 hourly steps of a subquery — cheap, and never a 7-day range over raw
 * per-GPU series.
 */
export function co2Rules(context: PackContext): RuleFile {
  const { environment } = context;
  const { settings } = environment;
  const { weeklyCostUsd, weeklyCo2Kg } = settings.budgets;
  const weekly = (metric: string) => `sum(${hourlyRollupTotal(metric, 7)})`;
  const rules = [
    alert(settings, {
      name: "CO2BudgetExceeded",
      expr: `${weekly(M.co2Kg)} > ${formatNumber(weeklyCo2Kg)}`,
      for: "30m",
      severity: "warning",
      category: "co2",
      dashboard: DASHBOARD,
      summary: "Emissions over the last 7 days exceed the weekly CO2 budget.",
      description: `The cluster emitted {{ $value | printf "%.1f" }} kg CO2e over the last 7 days, above the weekly budget of ${formatNumber(weeklyCo2Kg)} kg.`,
      action: "Open the Cost & Carbon dashboard to find the namespaces and GPU models that emit most; agree with their owners on moving or shrinking work, or on raising budgets.weeklyCo2Kg.",
    }),
    alert(settings, {
      name: "CostBudgetExceeded",
      expr: `${weekly(M.costUsd)} > ${formatNumber(weeklyCostUsd)}`,
      for: "30m",
      severity: "warning",
      category: "cost",
      dashboard: DASHBOARD,
      summary: "Cost over the last 7 days exceeds the weekly budget.",
      description: `The cluster cost {{ $value | printf "%.2f" }} USD over the last 7 days, above the weekly budget of ${formatNumber(weeklyCostUsd)} USD.`,
      action: "Open the Cost & Carbon dashboard to find the namespaces that drive spend (idle GPUs show under unallocated); agree with their owners on scaling down, or on raising budgets.weeklyCostUsd.",
    }),
    alert(settings, {
      name: "GPUModelUnpriced",
      // Only while prices are published at all: with no cost exporter every model would look
      // unpriced, and CostPricingAbsent already says what is wrong. The GPUs of a model from the few
      // per-namespace sums of the shares, not from every holder's share.
      expr: dedent(`
        (
          sum by (gpu_model) (${M.gpuShareByNamespace})
          unless on (gpu_model)
          ${M.gpuPrice}
        )
        and on ()
        count(${M.gpuPrice}) > 0`),
      for: "1h",
      severity: "warning",
      category: "cost",
      dashboard: DASHBOARD,
      summary: "GPUs of a model that pricing/gpu.yaml does not price.",
      description: `{{ $value }} GPUs report modelName "{{ $labels.gpu_model }}", which no entry of pricing/gpu.yaml lists under dcgmModelNames: their hours are missing from nf_cost_usd.`,
      action: "Add the modelName to the dcgmModelNames of its GPU type in pricing/gpu.yaml (or add the type with its price), then synth and apply; the exporter reloads the file by itself.",
    }),
  ];
  // The cost exporter's own alerts (CostPricingAbsent, PricingOutdated, CostExporterReloadFailing).
  rules.push(...componentAlerts(context, GROUP.name));
  return { name: "co2", groups: [{ name: GROUP.name, rules }] };
}
