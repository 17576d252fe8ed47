import { describe, expect, it } from "vitest";
import { COMPONENT_ALERT_GROUP } from "../../rules/core/component-alerts.js";
import { COMPONENTS } from "../../src/components/component-table.js";
import { loadTestEnvironment } from "../helpers/environments.js";
import { artifactsOf, packContext } from "../helpers/packs.js";

const GROUPS = Object.values(COMPONENT_ALERT_GROUP).map((group) => group.name);

describe("alerts components own", () => {
  it("GIVEN every component THEN each alert it owns names a group the core pack lists (else it would be dropped)", () => {
    for (const component of COMPONENTS) {
      for (const owned of component.alerts ?? []) expect(GROUPS, component.key).toContain(owned.group);
    }
  });

  it("GIVEN the default environment THEN each watched component's alerts are in that group, and a component with alerts has promtool cases", () => {
    const { environment } = loadTestEnvironment("", "default");
    const context = packContext(environment);
    const groups = artifactsOf(environment).ruleFiles.flatMap((file) => file.groups);
    for (const component of context.stack.watched) {
      for (const owned of component.alerts ?? []) {
        const name = owned.rule(context).alert;
        // A group may be split into `<group>-sustained` for alerts that wait 10 minutes or more.
        const holding = groups.filter((group) => group.rules.some((rule) => rule.alert === name)).map((group) => group.name.replace(/-sustained$/, ""));
        expect(holding, `${component.key}: ${name}`).toEqual([owned.group]);
      }
      if ((component.alerts ?? []).length > 0) expect(component.ruleTests, component.key).toMatch(/^src\/components\/tests\/.+\.test\.yaml$/);
    }
  });

  it("GIVEN the operator profile with the GPU Operator's exporter THEN Prometheus' and dcgm-exporter's alerts apply though neither is deployed; node-exporter's do not", () => {
    const { environment } = loadTestEnvironment("profile: operator\ngpu: { exporter: existing }\n", "operator");
    const alerts = artifactsOf(environment).ruleFiles.flatMap((file) => file.groups.flatMap((group) => group.rules.map((rule) => rule.alert)));
    expect(alerts).toEqual(expect.arrayContaining(["PrometheusRuleEvaluationFailures", "GPUExporterDown", "GPUMetricsAbsent"]));
    expect(alerts).not.toContain("SystemDown");
    expect(alerts).not.toContain("AlertmanagerNotificationsFailing");
  });
});
