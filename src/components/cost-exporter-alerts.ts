import { COMPONENT_ALERT_GROUP, componentAlert } from "../../rules/core/component-alerts.js";
import { EXPORTER_METRIC as M } from "../exporter/metric-catalog.js";
import { jobSelector, regionSelector } from "../../rules/core/selectors.js";
import type { ComponentAlert } from "../model/stack-model.js";

const SECONDS_PER_DAY = 86_400;

/** The cost exporter's own alerts: its prices missing, too old, or rejected on reload. */
export const COST_EXPORTER_ALERTS: readonly ComponentAlert[] = [
  componentAlert(COMPONENT_ALERT_GROUP.cost, ({ environment: { settings } }) => ({
    name: "CostPricingAbsent",
    expr: `absent(${M.electricityPrice}{${regionSelector(settings)}})`,
    for: "15m",
    severity: "warning",
    category: "cost",
    summary: "No electricity price for this cluster's region.",
    description: `${M.electricityPrice}{region="{{ $labels.region }}"} has been absent for 15 minutes: the cost exporter is down or not scraped. The hourly roll-ups keep using the last prices for up to an hour after they were last seen; after that, energy cost and CO2 stop being recorded, and GPU cost once the GPU prices are an hour old too.`,
    action: "Check the nfops-cost-exporter pod (events, log, readiness) and its scrape target in Prometheus; cost and CO2 recorded while it is gone beyond the first hour are not recovered.",
  })),
  componentAlert(COMPONENT_ALERT_GROUP.cost, ({ environment: { settings }, stack }) => ({
    name: "PricingOutdated",
    expr: `time() - max by (file, item) (${M.exporterPriceDate}{${jobSelector(stack, "costExporter")}}) > ${settings.costExporter.priceMaxAgeDays * SECONDS_PER_DAY}`,
    for: "1h",
    severity: "info",
    category: "cost",
    summary: "A price in pricing/*.yaml is older than the allowed age.",
    description: `The {{ $labels.file }} price of {{ $labels.item }} was read {{ $value | humanizeDuration }} ago, more than the ${settings.costExporter.priceMaxAgeDays} days of costExporter.priceMaxAgeDays: cost may be off by whatever changed since.`,
    action: "Check the source of the entry, update its price and date in pricing/*.yaml (or only the date if the price still holds), then synth and apply; the exporter reloads the file by itself.",
  })),
  componentAlert(COMPONENT_ALERT_GROUP.cost, ({ stack }) => ({
    name: "CostExporterReloadFailing",
    expr: `increase(${M.exporterReloadErrors}{${jobSelector(stack, "costExporter")}}[15m]) > 0`,
    severity: "warning",
    category: "cost",
    summary: "The cost exporter rejected new pricing files.",
    description: "{{ $labels.instance }} rejected {{ $value | printf \"%.0f\" }} pricing reloads in 15 minutes and keeps serving the last valid pricing; its log names the file, path and value.",
    action: "Read the exporter's log for the rejected file, path and value, fix pricing/*.yaml in the repository, synth and apply; prices stay at the last valid version meanwhile.",
  })),
];
