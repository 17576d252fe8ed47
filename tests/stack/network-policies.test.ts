import { describe, expect, it } from "vitest";
import { ingressFlows, NetworkPolicies } from "../../src/components/network-policies.js";
import { loadTestStack, only, synthObjects } from "../helpers/component-objects.js";

describe("NetworkPolicies", () => {
  const { environment, stack } = loadTestStack("");
  const objects = synthObjects((scope) => new NetworkPolicies(scope, "netpol", { environment, stack }));

  it("GIVEN any environment WHEN synthesized THEN a default-deny policy selects every pod for ingress", () => {
    expect(only(objects, "NetworkPolicy", "default-deny-ingress").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
  });

  it("GIVEN the standalone stack WHEN flows are listed THEN Loki accepts Prometheus, Grafana and Alloy on 3100, each from its own pods", () => {
    const loki = only(objects, "NetworkPolicy", "loki-ingress").spec;
    const sources = loki.ingress.map((r: any) => r.from[0].podSelector.matchLabels["app.kubernetes.io/name"]);
    // Senders beyond these are held to their configuration by tests/stack/flows.test.ts.
    expect(sources).toEqual(expect.arrayContaining(["alloy", "grafana", "prometheus"]));
    expect(new Set(sources).size).toBe(sources.length);
    expect(loki.ingress.every((r: any) => r.ports.length === 1 && r.ports[0].port === 3100)).toBe(true);
  });

  it("GIVEN OTLP senders in other namespaces WHEN read THEN Alloy's OTLP ports accept any namespace", () => {
    const alloy = only(objects, "NetworkPolicy", "alloy-ingress").spec.ingress;
    expect(alloy).toContainEqual({ from: [{ namespaceSelector: {} }], ports: [{ protocol: "TCP", port: 4317 }, { protocol: "TCP", port: 4318 }] });
  });

  it("GIVEN Grafana's users WHEN its ingress is read THEN only the stack's namespace and the ingress controller's namespaces may reach it, never anyone", () => {
    const grafana = only(objects, "NetworkPolicy", "grafana-ingress").spec.ingress;
    expect(grafana).toContainEqual({ from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 3000 }] });
    expect(grafana).toContainEqual({
      from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["ingress-nginx"] }] } }],
      ports: [{ protocol: "TCP", port: 3000 }],
    });
    expect(grafana.every((rule: any) => rule.from !== undefined)).toBe(true);
    const own = loadTestStack("grafana:\n  ingressNamespaces: [traefik, gateway]\n");
    const custom = only(synthObjects((scope) => new NetworkPolicies(scope, "netpol", own)), "NetworkPolicy", "grafana-ingress").spec.ingress;
    expect(custom.at(-1).from[0].namespaceSelector.matchExpressions[0].values).toEqual(["traefik", "gateway"]);
  });

  it("GIVEN every pod WHEN egress is read THEN all is denied but DNS and each component's own flows", () => {
    expect(only(objects, "NetworkPolicy", "default-deny-egress").spec).toEqual({ podSelector: {}, policyTypes: ["Egress"] });
    expect(only(objects, "NetworkPolicy", "allow-dns-egress").spec.egress).toEqual([
      { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
    ]);
    // Loki, Tempo and dcgm-exporter open no connection of their own: no policy beyond DNS.
    const names = objects.map((o) => o.metadata.name);
    for (const silent of ["loki-egress", "tempo-egress", "dcgm-exporter-egress"]) expect(names).not.toContain(silent);
    expect(only(objects, "NetworkPolicy", "kube-state-metrics-egress").spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }] }]);
    expect(only(objects, "NetworkPolicy", "prometheus-egress").spec.egress).toEqual([{}]);
    expect(only(objects, "NetworkPolicy", "alertmanager-egress").spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 587 }] }]);
  });

  it("GIVEN a live carbon provider WHEN egress is read THEN the cost exporter may reach its port, and nothing without one", () => {
    expect(objects.map((o) => o.metadata.name)).not.toContain("nfops-cost-exporter-egress");
    const live = loadTestStack("costExporter:\n  liveCarbonIntensity:\n    enabled: true\n    url: https://carbon.example:8443/v1/{region}\n");
    const policy = only(synthObjects((scope) => new NetworkPolicies(scope, "netpol", live)), "NetworkPolicy", "nfops-cost-exporter-egress");
    expect(policy.spec.egress).toEqual([{ ports: [{ protocol: "TCP", port: 8443 }] }]);
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
