import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import {
  BigValueColorMode,
  BigValueGraphMode,
  GraphDrawStyle,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  LogsSortOrder,
  ReduceDataOptionsBuilder,
  StackingConfigBuilder,
  StackingMode,
  VizLegendOptionsBuilder,
  type DataSourceRef,
} from "@grafana/grafana-foundation-sdk/common";
import {
  CustomVariableBuilder,
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
  type DataTransformerConfig,
  type Panel,
  type Threshold,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as HeatmapPanelBuilder } from "@grafana/grafana-foundation-sdk/heatmap";
import { DataqueryBuilder as LokiQueryBuilder } from "@grafana/grafana-foundation-sdk/loki";
import { DataqueryBuilder as TempoQueryBuilder, SearchTableType } from "@grafana/grafana-foundation-sdk/tempo";
import { PanelBuilder as LogsPanelBuilder } from "@grafana/grafana-foundation-sdk/logs";
import { PromQueryFormat, DataqueryBuilder as PrometheusQueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TablePanelBuilder } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import type { DashboardRow } from "../src/model/stack-model.js";
import { refIdOf } from "./render.js";
import { hourlyRollupTotal } from "../src/promql/windows.js";

/**
 * Small factories shared by every dashboard: datasources and variables, queries, panels with a
 * unit, a description and thresholds, rows, and the PromQL fragments the panels have in common.
 * A dashboard module composes these; it never configures the SDK's builders directly.
 */

// ---------------------------------------------------------------------------------------------
// Datasources and variables
// ---------------------------------------------------------------------------------------------

/** Names of the datasource variables; panels refer to the variable, never to a datasource uid. */
export const DATASOURCE_VARIABLE = { prometheus: "datasource", loki: "loki_datasource", tempo: "tempo_datasource" } as const;

export const PROMETHEUS: DataSourceRef = { type: "prometheus", uid: `\${${DATASOURCE_VARIABLE.prometheus}}` };
export const LOKI: DataSourceRef = { type: "loki", uid: `\${${DATASOURCE_VARIABLE.loki}}` };
export const TEMPO: DataSourceRef = { type: "tempo", uid: `\${${DATASOURCE_VARIABLE.tempo}}` };

export function prometheusDatasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE.prometheus).label("Prometheus").type("prometheus");
}

export function lokiDatasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE.loki).label("Loki").type("loki");
}

export function tempoDatasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE.tempo).label("Tempo").type("tempo");
}

export interface LabelVariableSpec {
  /** Variable name, used in queries as `$name`. */
  readonly name: string;
  readonly label: string;
  /** Series selector whose label values are offered, e.g. `nf_cost_usd` or `m{namespace=~"$namespace"}`. */
  readonly series: string;
  /** Label whose values are offered. */
  readonly labelName: string;
  readonly description: string;
}

/**
 * A multi-value variable over the values of one label, with "All" matching every value (`.*`),
 * refreshed when the time range changes so that new namespaces or GPUs appear without a reload.
 */
export function labelVariable(spec: LabelVariableSpec): QueryVariableBuilder {
  const query = `label_values(${spec.series}, ${spec.labelName})`;
  return new QueryVariableBuilder(spec.name)
    .label(spec.label)
    .description(spec.description)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(".*");
}

/** A multi-value variable over a fixed list of values ("All" matches every value). */
export function listVariable(name: string, label: string, description: string, values: readonly string[]): CustomVariableBuilder {
  return new CustomVariableBuilder(name)
    .label(label)
    .description(description)
    .values(values.join(","))
    .multi(true)
    .includeAll(true)
    .allValue(".+");
}

/** `label=~"$variable"`: the matcher of a multi-value variable. */
export function variableMatcher(label: string, variable: string = label): string {
  return `${label}=~"$${variable}"`;
}

// ---------------------------------------------------------------------------------------------
// PromQL fragments
// ---------------------------------------------------------------------------------------------

/** `metric{m1, m2}`, or the bare metric name when there is no matcher. */
export function series(metric: string, ...matchers: readonly (string | undefined)[]): string {
  const present = matchers.filter((m): m is string => Boolean(m));
  return present.length === 0 ? metric : `${metric}{${present.join(", ")}}`;
}

/** Rate of a raw counter over Grafana's `$__rate_interval` (at least four scrapes, follows the zoom). */
export function rateOf(selector: string): string {
  return `rate(${selector}[$__rate_interval])`;
}

/**
 * The hourly roll-ups (`nf_cost_usd`, `nf_co2_kg`, `codecarbon_energy_kwh`) hold the amount of the
 * last hour in each sample, so a total is the sum of one sample per hour: over the last 7 days with
 * the rules' own subquery (exactly 168 samples on Prometheus 2 and 3), or over the panel's range.
 */
export function weekTotal(selector: string): string {
  return hourlyRollupTotal(selector, 7);
}

export function rangeTotal(selector: string): string {
  return `sum_over_time(${selector}[$__range:1h])`;
}

/** Grafana's panel time override for "today so far"; `$__range` then spans midnight to now. */
export const TODAY = "now/d";

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export type Target = cog.Builder<cog.Dataquery>;

export interface QueryOptions {
  /** Evaluate once at the end of the range instead of over it (stats of "now", tables). */
  readonly instant?: boolean;
  /** Return a table frame (one row per series) instead of time series. */
  readonly table?: boolean;
}

/** A PromQL target on the `datasource` variable. `legend` uses `{{label}}` placeholders. */
export function prometheusQuery(expr: string, legend: string, options: QueryOptions = {}): PrometheusQueryBuilder {
  const query = new PrometheusQueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend);
  if (options.instant) query.instant();
  else query.range();
  if (options.table) query.format(PromQueryFormat.Table);
  return query;
}

/** A PromQL target returning a `le`-bucketed frame for heatmaps. */
export function prometheusHeatmapQuery(expr: string): PrometheusQueryBuilder {
  return new PrometheusQueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat("{{le}}").format(PromQueryFormat.Heatmap).range();
}

/** A LogQL target on the `loki_datasource` variable (log lines, or a metric query with `legend`). */
export function lokiQuery(expr: string, legend?: string, options: QueryOptions = {}): LokiQueryBuilder {
  const query = new LokiQueryBuilder().datasource(LOKI).expr(expr);
  if (legend !== undefined) query.legendFormat(legend);
  if (options.instant) query.instant(true).range(false);
  return query;
}

/** A TraceQL search on the `tempo_datasource` variable: one table row per trace, newest first. */
export function tempoTraceSearch(traceql: string, limit: number): TempoQueryBuilder {
  return new TempoQueryBuilder().datasource(TEMPO).queryType("traceql").query(traceql).tableType(SearchTableType.Traces).limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

/** Colour steps of a panel; the first step's value is always `null` (from minus infinity). */
export type Steps = readonly Threshold[];

/** No limit applies: one neutral step, so Grafana does not paint its default 80 % red step. */
export function noLimit(): Steps {
  return [{ value: null, color: "green" }];
}

/** Values at or above `limit` are bad (latency, error ratio, spend, temperature, fill level). */
export function upperLimit(limit: number): Steps {
  return [
    { value: null, color: "green" },
    { value: limit, color: "red" },
  ];
}

/** Values below `limit` are bad (utilisation of a held GPU, availability, budget left). */
export function lowerLimit(limit: number, below = "red"): Steps {
  return [
    { value: null, color: below },
    { value: limit, color: "green" },
  ];
}

function thresholdsOf(steps: Steps): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([...steps]);
}

// ---------------------------------------------------------------------------------------------
// Panels
// ---------------------------------------------------------------------------------------------

/** Grafana unit ids used by the dashboards, named so that a panel reads as what it shows. */
export const UNIT = {
  percent: "percent",
  ratio: "percentunit",
  gigabytes: "decgbytes",
  mebibytes: "mbytes",
  requestsPerSecond: "reqps",
  milliseconds: "ms",
  seconds: "s",
  usd: "currencyUSD",
  kilograms: "masskg",
  kilowattHours: "kwatth",
  watts: "watt",
  celsius: "celsius",
  count: "none",
  text: "string",
  burnRate: "suffix:×",
  gpuHours: "suffix: GPU-h",
  carbonIntensity: "suffix: gCO2e/kWh",
  usdPerKwh: "suffix: USD/kWh",
  eventsPerInterval: "short",
  tokensPerSecond: "suffix: tokens/s",
  bytes: "bytes",
  bytesPerSecond: "Bps",
} as const;

export type Unit = (typeof UNIT)[keyof typeof UNIT];

/** What every panel states: a title, what it shows and how to read it, its unit and its targets. */
export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: Unit;
  readonly targets: readonly Target[];
  /** Grid columns out of 24. */
  readonly width: number;
  /** Grid rows. */
  readonly height: number;
  /** @default noLimit() */
  readonly thresholds?: Steps;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  /** Lower bound of the query step, e.g. `1h` for hourly roll-ups. */
  readonly minInterval?: string;
  /** Panel time override, e.g. `TODAY`. */
  readonly timeFrom?: string;
  readonly transformations?: readonly DataTransformerConfig[];
}

/** The builder methods every panel type shares; lets one function apply a `PanelSpec` to any of them. */
interface CommonPanelBuilder extends cog.Builder<Panel> {
  title(title: string): this;
  description(description: string): this;
  unit(unit: string): this;
  span(width: number): this;
  height(height: number): this;
  datasource(datasource: DataSourceRef): this;
  withTarget(target: Target): this;
  thresholds(thresholds: cog.Builder<import("@grafana/grafana-foundation-sdk/dashboard").ThresholdsConfig>): this;
  min(min: number): this;
  max(max: number): this;
  decimals(decimals: number): this;
  interval(interval: string): this;
  timeFrom(timeFrom: string): this;
  withTransformation(transformation: DataTransformerConfig): this;
}

function applySpec<B extends CommonPanelBuilder>(builder: B, spec: PanelSpec): B {
  const first = spec.targets[0];
  if (!first) throw new Error(`panel "${spec.title}" has no target`);
  builder
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .span(spec.width)
    .height(spec.height)
    .datasource((first.build() as { datasource?: DataSourceRef }).datasource ?? PROMETHEUS)
    .thresholds(thresholdsOf(spec.thresholds ?? noLimit()));
  for (const target of spec.targets) builder.withTarget(target);
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  if (spec.minInterval !== undefined) builder.interval(spec.minInterval);
  if (spec.timeFrom !== undefined) builder.timeFrom(spec.timeFrom);
  for (const transformation of spec.transformations ?? []) builder.withTransformation(transformation);
  return builder;
}

export interface TimeseriesSpec extends PanelSpec {
  /** Bars stacked per interval (counts, hourly amounts) instead of lines. */
  readonly stackedBars?: boolean;
}

/** Lines over time; a dashed line marks each threshold step so the limit is visible on the graph. */
export function timeseries(spec: TimeseriesSpec): TimeseriesPanelBuilder {
  const panel = applySpec(new TimeseriesPanelBuilder(), spec)
    .legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true))
    .fillOpacity(10);
  if (spec.thresholds) panel.thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  if (spec.stackedBars) {
    panel.drawStyle(GraphDrawStyle.Bars).fillOpacity(80).stacking(new StackingConfigBuilder().mode(StackingMode.Normal));
  }
  return panel;
}

/** Hourly roll-ups (one value per hour) as stacked bars, one per hour, in a third of the row. */
export function hourlyBars(spec: Pick<PanelSpec, "title" | "description" | "unit" | "targets">): TimeseriesPanelBuilder {
  return timeseries({ ...spec, stackedBars: true, minInterval: "1h", min: 0, width: 8, height: 8 });
}

/** One big number (the last value), coloured by the thresholds, with a sparkline. */
export function stat(spec: PanelSpec): StatPanelBuilder {
  return applySpec(new StatPanelBuilder(), spec)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .colorMode(BigValueColorMode.Value)
    .graphMode(BigValueGraphMode.Area);
}

export interface TableSpec extends PanelSpec {
  /** Columns to hide (e.g. `Time`, `__name__`). */
  readonly hiddenColumns?: readonly string[];
}

/** A table of an instant query, one row per series; `hiddenColumns` are dropped. */
export function table(spec: TableSpec): TablePanelBuilder {
  const hidden = spec.hiddenColumns ?? [];
  const transformations: DataTransformerConfig[] = [...(spec.transformations ?? [])];
  if (hidden.length > 0) {
    transformations.push({
      id: "organize",
      options: { excludeByName: Object.fromEntries(hidden.map((column) => [column, true])) },
    });
  }
  return applySpec(new TablePanelBuilder(), { ...spec, transformations });
}

export interface ColumnsTableSpec extends Omit<PanelSpec, "targets" | "transformations"> {
  /** One instant query per column, in column order; rows are sorted by the first, largest first. */
  readonly columns: readonly { readonly name: string; readonly expr: string; readonly unit?: Unit }[];
}

/**
 * A table with one row per label set and one column per query: the instant queries are merged on
 * their labels, each value column named after its query. A column's own `unit` overrides the panel's.
 */
export function columnsTable(spec: ColumnsTableSpec): TablePanelBuilder {
  const { columns } = spec;
  const first = columns[0];
  if (!first) throw new Error(`table "${spec.title}" has no column`);
  const panel = table({
    ...spec,
    targets: columns.map(({ name, expr }) => prometheusQuery(expr, name, { instant: true, table: true })),
    transformations: [
      { id: "merge", options: {} },
      {
        id: "organize",
        options: {
          excludeByName: { Time: true },
          renameByName: Object.fromEntries(columns.map(({ name }, index) => [`Value #${refIdOf(index)}`, name])),
        },
      },
      { id: "sortBy", options: { sort: [{ field: first.name, desc: true }] } },
    ],
  });
  for (const { name, unit } of columns) if (unit) panel.overrideByName(name, [{ id: "unit", value: unit }]);
  return panel;
}

/** Log lines, newest first, with their labels and details. */
export function logs(spec: PanelSpec): LogsPanelBuilder {
  return applySpec(new LogsPanelBuilder(), spec)
    .showTime(true)
    .wrapLogMessage(true)
    .enableLogDetails(true)
    .sortOrder(LogsSortOrder.Descending);
}

/** Distribution of a histogram over time (one cell per bucket and interval). */
export function heatmap(spec: PanelSpec): HeatmapPanelBuilder {
  return applySpec(new HeatmapPanelBuilder(), spec).calculate(false);
}

// ---------------------------------------------------------------------------------------------
// Rows and dashboards
// ---------------------------------------------------------------------------------------------

/** One row of a dashboard (the type packs share for the Overview's rows); each row lives in its own module. */
export type { DashboardRow };

export interface DashboardSpec {
  /** Stable identifier (at most 40 characters); part of every link to the dashboard. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Default time range, e.g. `now-6h`. */
  readonly from: string;
  readonly variables: readonly cog.Builder<import("@grafana/grafana-foundation-sdk/dashboard").VariableModel>[];
  readonly rows: readonly DashboardRow[];
  /**
   * Auto-refresh interval; a pack whose environment watches live results sets its own from a setting.
   * @default DEFAULT_REFRESH
   */
  readonly refresh?: string;
}

/** Auto-refresh of every dashboard that sets none: minute-level data needs no faster polling of Prometheus. */
export const DEFAULT_REFRESH = "1m";

/** Tag shared by every dashboard of this project; the dashboard links menu lists them by it. */
export const DASHBOARD_TAG = "nfops";

/**
 * A read-only dashboard: its variables, then each row followed by its panels. Rows stay expanded and
 * hold no nested panels — Grafana only shows panels nested in a row when the row is collapsed.
 */
export function dashboard(spec: DashboardSpec): DashboardBuilder {
  const builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .readonly()
    .timezone("browser")
    .time({ from: spec.from, to: "now" })
    .refresh(spec.refresh ?? DEFAULT_REFRESH)
    .link(new DashboardLinkBuilder("nfops dashboards").type(DashboardLinkType.Dashboards).tags([DASHBOARD_TAG]).asDropdown(true).includeVars(false).keepTime(true));
  for (const variable of spec.variables) builder.withVariable(variable);
  for (const row of spec.rows) {
    builder.withRow(new RowBuilder(row.title).collapsed(false));
    for (const panel of row.panels) builder.withPanel(panel);
  }
  return builder;
}
