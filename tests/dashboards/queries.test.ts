import { describe, expect, it } from "vitest";
import { POD_LOG_LABELS } from "../../src/catalog/pod-log-labels.js";
import { AUDIT_FIELDS, AUDIT_LOKI_LABELS } from "../../src/audit/fields.js";
import { findMetric as findIn } from "../../src/catalog/find-metric.js";
import { artifactsOf } from "../helpers/packs.js";
import { everyPackEnvironment, queriesOf, renderedDashboards, type QueryRef } from "./dashboard-model.js";
import {
  isCounterRange,
  logqlNames,
  metricsReadDirectly,
  parseLogQL,
  parsePromQL,
  promqlMetrics,
  RATE_INTERVAL_STANDIN,
  rangeSelectors,
} from "../helpers/query-syntax.js";

// Every pack selected, so that opt-in packs' queries are checked against their catalog too.
const queries: QueryRef[] = renderedDashboards(everyPackEnvironment()).flatMap(({ model }) => queriesOf(model));
// The catalog of the packs in effect: a dashboard may read only what those packs catalogue.
const catalog = artifactsOf(everyPackEnvironment()).metrics;
const findMetric = (series: string) => findIn(catalog, series);
const promql = queries.filter((q) => q.language === "promql");
const logql = queries.filter((q) => q.language === "logql");
const where = (q: QueryRef) => `${q.dashboard} / ${q.panel}: ${q.expr}`;

describe("dashboard queries", () => {
  it("GIVEN the dashboards WHEN collecting queries THEN both languages are present (the checks below are not vacuous)", () => {
    expect(promql.length).toBeGreaterThan(40);
    expect(logql.length).toBeGreaterThanOrEqual(6);
  });

  it("GIVEN every PromQL query WHEN parsed with lezer-promql after macro substitution THEN there is no error node", () => {
    const failures = promql.flatMap((q) => parsePromQL(q.expr).errors.map((e) => `${where(q)} -> ${e}`));
    expect(failures).toEqual([]);
  });

  it("GIVEN every LogQL query WHEN parsed with lezer-logql after macro substitution THEN there is no error node", () => {
    const failures = logql.flatMap((q) => parseLogQL(q.expr).errors.map((e) => `${where(q)} -> ${e}`));
    expect(failures).toEqual([]);
  });

  it("GIVEN a query with a syntax error WHEN parsed THEN the parser helpers report it", () => {
    expect(parsePromQL("sum(rate(up[$__rate_interval])").errors).not.toEqual([]);
    expect(parseLogQL('{log_type="audit" | json').errors).not.toEqual([]);
  });

  it("GIVEN every PromQL query WHEN walking its syntax tree THEN every metric it reads is in the catalog", () => {
    const unknown = promql.flatMap((q) => promqlMetrics(parsePromQL(q.expr)).filter((m) => !findMetric(m)).map((m) => `${m} in ${where(q)}`));
    expect(unknown).toEqual([]);
  });

  it("GIVEN a query on a metric outside the catalog WHEN checked THEN the walk finds it, by name or by __name__", () => {
    const metrics = promqlMetrics(parsePromQL('sum(rate(made_up_total[$__rate_interval])) / {__name__="also_made_up"}'));
    expect(metrics).toEqual(["made_up_total", "also_made_up"]);
    expect(metrics.filter((m) => !findMetric(m))).toHaveLength(2);
  });

  it("GIVEN every rate, irate or increase WHEN reading its window THEN it is $__rate_interval", () => {
    const fixed = promql.flatMap((q) =>
      rangeSelectors(parsePromQL(q.expr))
        .filter((r) => isCounterRange(r.fn) && r.window !== RATE_INTERVAL_STANDIN)
        .map((r) => `${r.fn}(${r.metric}[${r.window}]) in ${where(q)}`),
    );
    expect(fixed).toEqual([]);
    const rates = promql.flatMap((q) => rangeSelectors(parsePromQL(q.expr)).filter((r) => isCounterRange(r.fn)));
    expect(rates.length).toBeGreaterThan(5);
  });

  it("GIVEN every counter WHEN it is read THEN it is read through rate or increase, never as a raw total", () => {
    // Counters pushed to the Pushgateway are a run's own count, born whole with each new series (a
    // new commit): rate() and increase() drop a series' first sample, so those are read as values.
    const pushed = (m: string) => findMetric(m)?.producer === "pushgateway";
    const raw = promql.flatMap((q) =>
      metricsReadDirectly(parsePromQL(q.expr))
        .filter((m) => (m.endsWith("_total") || findMetric(m)?.type === "counter") && !pushed(m))
        .map((m) => `${m} in ${where(q)}`),
    );
    expect(raw).toEqual([]);
    expect(metricsReadDirectly(parsePromQL("nf_infer_requests_total"))).toEqual(["nf_infer_requests_total"]);
  });

  it("GIVEN every LogQL query WHEN walking its syntax tree THEN every label and field is one the collector sets or src/audit/fields.ts exports", () => {
    const streamLabels = new Set<string>([AUDIT_LOKI_LABELS.logType.name, AUDIT_LOKI_LABELS.event, ...Object.keys(POD_LOG_LABELS)]);
    // `__error__` is Loki's own parse-error label, not a field.
    const fields = new Set<string>([...Object.values(AUDIT_FIELDS), ...streamLabels, "__error__"]);
    const unknown = logql.flatMap((q) => {
      const names = logqlNames(parseLogQL(q.expr));
      return [
        ...names.streamLabels.filter((l) => !streamLabels.has(l)).map((l) => `stream label ${l} in ${where(q)}`),
        ...names.fields.filter((f) => !fields.has(f)).map((f) => `field ${f} in ${where(q)}`),
      ];
    });
    expect(unknown).toEqual([]);
    expect(logqlNames(parseLogQL('{job="x"} | json user="user"'))).toEqual({ streamLabels: ["job"], fields: ["user", "user"] });
  });
});
