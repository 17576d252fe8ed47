import { describe, expect, it } from "vitest";
import { componentObjects, loadTestStack, only } from "../helpers/component-objects.js";

const URLS = "externalUrls:\n  prometheus: https://prometheus.example.com\n  alertmanager: https://alertmanager.example.com\n  grafana: https://grafana.example.com/\n";

describe("external URLs", () => {
  const stack = loadTestStack(URLS);
  const plain = loadTestStack("");
  const args = (s: typeof stack, key: "prometheus" | "alertmanager") => only(componentObjects(s, key), "StatefulSet").spec.template.spec.containers[0].args as string[];
  const env = (s: typeof stack) =>
    Object.fromEntries((only(componentObjects(s, "grafana"), "Deployment").spec.template.spec.containers[0].env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

  it("GIVEN external URLs WHEN synthesized THEN Prometheus and Alertmanager link there, and Grafana knows its root URL", () => {
    expect(args(stack, "prometheus")).toContain("--web.external-url=https://prometheus.example.com");
    expect(args(stack, "alertmanager")).toContain("--web.external-url=https://alertmanager.example.com");
    expect(env(stack).GF_SERVER_ROOT_URL).toBe("https://grafana.example.com/");
  });

  it("GIVEN no external URLs WHEN synthesized THEN no flag is set and alerts carry no dashboard link", () => {
    expect(args(plain, "prometheus").some((a) => a.startsWith("--web.external-url"))).toBe(false);
    expect(env(plain).GF_SERVER_ROOT_URL).toBeUndefined();
    const rules = plain.artifacts.ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules));
    expect(rules.some((r) => r.annotations?.dashboard_url !== undefined)).toBe(false);
  });

  it("GIVEN Grafana's external URL WHEN the rules are built THEN each alert links its dashboard, once", () => {
    const rules = stack.artifacts.ruleFiles.flatMap((f) => f.groups.flatMap((g) => g.rules)).filter((r) => r.alert);
    expect(rules.find((r) => r.alert === "GPUTemperatureHigh")?.annotations?.dashboard_url).toBe("https://grafana.example.com/d/nfops-gpu-fleet");
    expect(rules.find((r) => r.alert === "CostBudgetExceeded")?.annotations?.dashboard_url).toBe("https://grafana.example.com/d/nfops-cost-carbon");
    const dashboards = new Set(stack.artifacts.dashboards.map((d) => d.uid));
    for (const rule of rules) {
      const url = rule.annotations?.dashboard_url;
      if (url !== undefined) expect(dashboards.has(url.split("/d/")[1] ?? ""), `${rule.alert}: ${url}`).toBe(true);
    }
  });
});
