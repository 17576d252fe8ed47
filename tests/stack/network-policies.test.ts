import { describe, expect, it } from "vitest";
import { ingressFlows, NetworkPolicies } from "../../src/components/network-policies.js";
import { loadTestStack, only, synthObjects } from "../helpers/component-objects.js";

describe("NetworkPolicies", () => {
  const { environment, stack } = loadTestStack("");
  const objects = synthObjects((scope) => new NetworkPolicies(scope, "netpol", { environment, stack }));

  it("GIVEN any environment WHEN synthesized THEN a default-deny policy selects every pod for ingress", () => {
    expect(only(objects, "NetworkPolicy", "default-deny-ingress").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
  });

  it("GIVEN the standalone stack WHEN flows are listed THEN Loki accepts Prometheus, Grafana and Alloy on 3100 only", () => {
    const loki = only(objects, "NetworkPolicy", "loki-ingress").spec;
    const sources = loki.ingress.map((r: any) => r.from[0].podSelector.matchLabels["app.kubernetes.io/name"]).sort();
    expect(sources).toEqual(["alloy", "grafana", "prometheus"]);
    expect(loki.ingress.every((r: any) => r.ports.length === 1 && r.ports[0].port === 3100)).toBe(true);
  });

  it("GIVEN OTLP senders in other namespaces WHEN read THEN Alloy's OTLP ports accept any namespace and Grafana's port anyone", () => {
    const alloy = only(objects, "NetworkPolicy", "alloy-ingress").spec.ingress;
    expect(alloy).toContainEqual({ from: [{ namespaceSelector: {} }], ports: [{ protocol: "TCP", port: 4317 }, { protocol: "TCP", port: 4318 }] });
    expect(only(objects, "NetworkPolicy", "grafana-ingress").spec.ingress).toContainEqual({ ports: [{ protocol: "TCP", port: 3000 }] });
  });

  it("GIVEN a disabled Loki WHEN flows are listed THEN no flow leads to it and no policy is made for it", () => {
    const noLoki = loadTestStack("components:\n  loki: false\n");
    expect(ingressFlows(noLoki.stack).some((f) => f.to === "loki")).toBe(false);
    const names = synthObjects((scope) => new NetworkPolicies(scope, "netpol", noLoki)).map((o) => o.metadata.name);
    expect(names).not.toContain("loki-ingress");
  });

  it("GIVEN the operator profile WHEN flows are listed THEN only the two exporters are reachable, from any namespace on their metrics ports", () => {
    const operator = loadTestStack("profile: operator\n");
    expect(ingressFlows(operator.stack)).toEqual([
      { to: "dcgmExporter", from: "any-namespace", ports: [9400] },
      { to: "costExporter", from: "any-namespace", ports: [9464] },
    ]);
  });
});
