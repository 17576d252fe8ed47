import type { RuleFile } from "../../src/model/artifacts.js";
import type { PackContext } from "../../src/model/stack-model.js";
import { alert } from "../../src/promql/rule-builders.js";
import { dedent, formatNumber } from "../../src/promql/expressions.js";
import { hourlyRollupTotal } from "../../src/promql/windows.js";
import { METRIC as M } from "./catalog.js";
import { jobSelector, regionSelector } from "./selectors.js";

const SECONDS_PER_DAY = 86_400;

/** The dashboard these alerts link to (`dashboard_url`, when Grafana has an external URL). */
const DASHBOARD = "nfops-cost-carbon";

/**
 * Weekly budgets. The recording layer holds hourly roll-ups (each sample = the last hour), so a
 * week is the sum of 168 hourly steps of a subquery — cheap, and never a 7-day range over raw
 * per-GPU series.
 */
export function co2Rules({ environment, stack }: PackContext): RuleFile {
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
      // unpriced, and CostPricingAbsent already says what is wrong.
      expr: dedent(`
        (
          sum by (gpu_model) (${M.gpuShare})
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
  if (stack.isDeployed("costExporter")) {
    rules.push(
      alert(settings, {
        name: "CostPricingAbsent",
        expr: `absent(${M.electricityPrice}{${regionSelector(settings)}})`,
        for: "15m",
        severity: "warning",
        category: "cost",
        dashboard: DASHBOARD,
        summary: "No electricity price for this cluster's region.",
        description: `${M.electricityPrice}{region="{{ $labels.region }}"} has been absent for 15 minutes: the cost exporter is down or not scraped. The hourly roll-ups keep using the last prices for up to an hour after they were last seen; after that, energy cost and CO2 stop being recorded, and GPU cost once the GPU prices are an hour old too.`,
        action: "Check the nfops-cost-exporter pod (events, log, readiness) and its scrape target in Prometheus; cost and CO2 recorded while it is gone beyond the first hour are not recovered.",
      }),
      alert(settings, {
        name: "PricingOutdated",
        expr: `time() - max by (file, item) (${M.exporterPriceDate}{${jobSelector(stack, "costExporter")}}) > ${settings.costExporter.priceMaxAgeDays * SECONDS_PER_DAY}`,
        for: "1h",
        severity: "info",
        category: "cost",
        dashboard: DASHBOARD,
        summary: "A price in pricing/*.yaml is older than the allowed age.",
        description: `The {{ $labels.file }} price of {{ $labels.item }} was read {{ $value | humanizeDuration }} ago, more than the ${settings.costExporter.priceMaxAgeDays} days of costExporter.priceMaxAgeDays: cost may be off by whatever changed since.`,
        action: "Check the source of the entry, update its price and date in pricing/*.yaml (or only the date if the price still holds), then synth and apply; the exporter reloads the file by itself.",
      }),
      alert(settings, {
        name: "CostExporterReloadFailing",
        expr: `increase(${M.exporterReloadErrors}{${jobSelector(stack, "costExporter")}}[15m]) > 0`,
        severity: "warning",
        category: "cost",
        dashboard: DASHBOARD,
        summary: "The cost exporter rejected new pricing files.",
        description: "{{ $labels.instance }} rejected {{ $value | printf \"%.0f\" }} pricing reloads in 15 minutes and keeps serving the last valid pricing; its log names the file, path and value.",
        action: "Read the exporter's log for the rejected file, path and value, fix pricing/*.yaml in the repository, synth and apply; prices stay at the last valid version meanwhile.",
      }),
    );
  }
  return { name: "co2", groups: [{ name: "nfops-co2", rules }] };
}
