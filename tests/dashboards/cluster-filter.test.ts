import { describe, expect, it } from "vitest";
import { CLUSTER_MATCHER, filterByCluster } from "../../dashboards/cluster-filter.js";
import { nodesNamed, parsePromQL } from "../helpers/query-syntax.js";
import { defaultEnvironment, everyPackEnvironment, queriesOf, renderedDashboards, withSettings } from "./dashboard-model.js";

const C = CLUSTER_MATCHER;

describe("cluster filter", () => {
  it.each([
    ["up", `up{${C}}`],
    ['nf_cost_usd{namespace=~"$namespace"}', `nf_cost_usd{namespace=~"$namespace", ${C}}`],
    ["foo{}", `foo{${C}}`],
    ['foo{a="1",}', `foo{a="1",${C}}`],
    ["sum by (le) (rate(x_bucket[$__rate_interval]))", `sum by (le) (rate(x_bucket{${C}}[$__rate_interval]))`],
    ["sum_over_time(slo:nf_objective:ratio[$__range:1h])", `sum_over_time(slo:nf_objective:ratio{${C}}[$__range:1h])`],
    ['a / on (slo) (1 - b{s="x"}) or vector(0)', `a{${C}} / on (slo) (1 - b{s="x", ${C}}) or vector(0)`],
    ['{__name__="up"}', `{__name__="up", ${C}}`],
  ])("GIVEN %s THEN every vector selector gets the $cluster matcher: %s", (expr, expected) => {
    expect(filterByCluster(expr)).toBe(expected);
  });

  it("GIVEN a query that is not PromQL THEN it is refused with the query in the message", () => {
    expect(() => filterByCluster("sum(rate(x[5m])")).toThrow(/does not parse as PromQL.*sum\(rate/);
  });

  const dashboards = renderedDashboards(withSettings(everyPackEnvironment(), { grafana: { clusterVariable: true } })).map((d) => d.model);

  it("GIVEN an environment that reads no global view THEN its dashboards have no cluster variable and no cluster matcher (opt-in)", () => {
    for (const { model } of renderedDashboards(defaultEnvironment())) {
      expect(model.templating.list.map((v) => v.name)).not.toContain("cluster");
      expect(JSON.stringify(model)).not.toContain("$cluster");
    }
  });

  it.each(dashboards.map((d) => [d.uid, d] as const))("GIVEN %s THEN it has a cluster variable after its datasources, and every selector of every PromQL query filters on it", (_uid, model) => {
    const names = model.templating.list.map((v) => v.name);
    const datasources = model.templating.list.filter((v) => v.type === "datasource").length;
    expect(names.indexOf("cluster")).toBe(datasources);
    const unfiltered = queriesOf(model)
      .filter((q) => q.language === "promql" && q.panel !== "$cluster")
      .flatMap((q) => {
        const parsed = parsePromQL(q.expr);
        return nodesNamed(parsed, "VectorSelector")
          .map((node) => parsed.text(node))
          .filter((selector) => !selector.includes('cluster=~"var_cluster"'))
          .map((selector) => `${q.panel}: ${selector}`);
      });
    expect(unfiltered).toEqual([]);
  });
});
