import { LLM_METRIC, LLM_RECORD } from "../../rules/llm/catalog.js";
import type { EnvironmentSettings } from "../../src/config/environment-schema.js";
import { hourlyRollupTotal } from "../../src/promql/windows.js";
import { columnsTable, hourlyBars, prometheusQuery, rangeTotal, stat, timeseries, UNIT, upperLimit, type DashboardRow } from "../common.js";

const S = LLM_RECORD.serving;
const P = LLM_RECORD.provider;

/** What LLMs cost: provider spend per day, cost per million tokens, and who spends. */
export function costRow(settings: EnvironmentSettings): DashboardRow {
  const { dailyCostUsd } = settings.llm;
  const spendColumns = [
    { name: "Provider spend", expr: `sum by (namespace) (${rangeTotal(LLM_METRIC.costUsd)})` },
    { name: "Self-hosted GPU cost", expr: `sum by (namespace) (${rangeTotal(S.gpuCostUsd1h)})` },
  ];
  return {
    title: "Cost",
    panels: [
      stat({
        title: "Provider spend, rolling 24 h",
        description: `Provider cost of the last 24 hours, every namespace, provider and model (24 hourly steps of \`${LLM_METRIC.costUsd}\`). LLMDailyCostHigh fires above ${dailyCostUsd} USD.`,
        unit: UNIT.usd,
        targets: [prometheusQuery(`sum(${hourlyRollupTotal(LLM_METRIC.costUsd, 1)})`, "last 24 h")],
        thresholds: upperLimit(dailyCostUsd),
        decimals: 2,
        width: 4,
        height: 8,
      }),
      timeseries({
        title: "Daily provider cost by provider and model",
        description: `Cost of the 24 hours before each point, per provider and model (sums of the hourly \`${LLM_METRIC.costUsd}\`).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(`sum by (provider, model) (${hourlyRollupTotal(LLM_METRIC.costUsd, 1)})`, "{{provider}} {{model}}")],
        minInterval: "1h",
        min: 0,
        width: 10,
        height: 8,
      }),
      timeseries({
        title: "Cost per million tokens: provider vs self-hosted",
        description:
          "USD per million tokens (prompt and completion) over the last hour: provider list prices as billed, and for self-hosted models the serving namespace's GPU cost (GPU-hours and GPU energy) split by token share. Every model of a namespace shows the namespace's blended rate.",
        unit: UNIT.usd,
        targets: [
          prometheusQuery(`sum by (provider, model) (${LLM_METRIC.costUsd}) / (sum by (provider, model) (${P.tokens1h}) > 0) * 1e6`, "{{provider}} {{model}}"),
          prometheusQuery(`sum by (model, server) (${S.gpuCostUsd1h}) / (sum by (model, server) (${S.tokens1h}) > 0) * 1e6`, "{{model}} (self-hosted, {{server}})"),
        ],
        minInterval: "1h",
        min: 0,
        width: 10,
        height: 8,
      }),
      hourlyBars({
        title: "Provider cost per hour by namespace",
        description: `Provider cost of the last hour at each point, per calling namespace (\`${LLM_METRIC.costUsd}\`).`,
        unit: UNIT.usd,
        targets: [prometheusQuery(`sum by (namespace) (${LLM_METRIC.costUsd})`, "{{namespace}}")],
      }),
      topNamespaces(spendColumns),
    ],
  };
}

/** Top spenders over the dashboard's range: provider spend and self-hosted GPU cost per namespace. */
function topNamespaces(columns: readonly { name: string; expr: string }[]) {
  return columnsTable({
    title: "Top namespaces by LLM spend",
    description: "Provider spend and self-hosted GPU cost of each namespace over the dashboard's time range (sums of the hourly roll-ups), largest provider spend first.",
    unit: UNIT.usd,
    columns,
    width: 16,
    height: 8,
  });
}
