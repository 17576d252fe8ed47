import { describe, expect, it } from "vitest";
import { ingressFlows } from "../../src/components/network-policies.js";
import { OPT_IN_FEATURES } from "../../src/docs/every-pack-environment.js";
import type { ComponentKey, IngressPeer, StackPlan } from "../../src/model/stack-model.js";
import { componentObjects, loadTestStack } from "../helpers/component-objects.js";

/** Whether a flow from `peer` admits the pods of `sender`. */
function admits(peer: IngressPeer, sender: ComponentKey, namespace: string): boolean {
  if (typeof peer === "string") return true;
  if ("component" in peer) return peer.component === sender;
  return peer.namespaces.includes(namespace);
}

interface Connection {
  readonly from: ComponentKey;
  readonly to: ComponentKey;
  readonly port: number;
  readonly where: string;
}

/**
 * Every connection a component's objects configure to another component's Service: its
 * `<service>[-suffix].<namespace>.svc[.cluster.local][:port]` in ConfigMaps, arguments and
 * environment. The port defaults to the receiver's HTTP port; a DNS SRV name
 * (`_<port name>._tcp.<service>…`) means the receiver Service's port of that name.
 */
function configuredConnections(yaml: string): { stack: StackPlan; connections: Connection[] } {
  const context = loadTestStack(yaml);
  const { stack } = context;
  const namespace = stack.settings.namespace;
  const objects = new Map(stack.deployed.map((component) => [component.key, componentObjects(context, component.key)]));
  const namedPort = (key: ComponentKey, name: string): number =>
    objects.get(key)!.filter((o) => o.kind === "Service").flatMap((o) => o.spec.ports as { name?: string; port: number }[]).find((p) => p.name === name)?.port ?? Number.NaN;
  const connections = stack.deployed.flatMap((sender) => {
    const text = JSON.stringify(objects.get(sender.key));
    return stack.deployed
      .filter((receiver) => receiver.key !== sender.key)
      .flatMap((receiver) => {
        const host = new URL(stack.serviceUrl(receiver.key)).hostname.split(".")[0]!;
        const pattern = new RegExp(`(?:_([a-z-]+)\\._tcp\\.)?\\b${host}(?:-[a-z]+)?\\.${namespace}\\.svc(?:\\.cluster\\.local)?(?::(\\d+))?`, "g");
        return [...text.matchAll(pattern)].map((m): Connection => {
          const port = m[2] !== undefined ? Number(m[2]) : m[1] !== undefined ? namedPort(receiver.key, m[1]) : stack.port(receiver.key);
          return { from: sender.key, to: receiver.key, port, where: m[0] };
        });
      });
  });
  return { stack, connections };
}

describe("flows: every Service a construct configures is reachable through the NetworkPolicies", () => {
  it.each(["", ...OPT_IN_FEATURES, "packs: [core, benchmark]\n"].map((yaml) => [yaml.split("\n")[0] || "(defaults)", yaml]))(
    "GIVEN %s WHEN each component's objects name another component's Service THEN an ingress flow admits that component on that port",
    (_name, yaml) => {
      const { stack, connections } = configuredConnections(yaml);
      const flows = ingressFlows(stack);
      const blocked = connections
        .filter((c) => !flows.some((f) => f.to === c.to && admits(f.from, c.from, stack.settings.namespace) && f.ports.includes(c.port)))
        .map((c) => `${c.from} → ${c.to}:${c.port} (${c.where})`);
      expect(blocked).toEqual([]);
      // The scan finds the stack's wiring (Grafana's datasources, the collector's exporters, Prometheus' Alertmanager…).
      expect(new Set(connections.map((c) => `${c.from}→${c.to}`)).size).toBeGreaterThanOrEqual(5);
    },
  );
});
