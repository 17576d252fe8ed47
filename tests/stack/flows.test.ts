import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMPONENTS } from "../../src/components/component-table.js";
import { egressFlows, ingressFlows } from "../../src/components/network-policies.js";
import { OPT_IN_FEATURES } from "../../src/docs/every-pack-environment.js";
import { bySettings, type ComponentDefinition, type ComponentKey, type IngressPeer, type StackPlan } from "../../src/model/stack-model.js";
import { planStack } from "../../src/model/stack-plan.js";
import { componentObjects, loadTestStack } from "../helpers/component-objects.js";

/**
 * Every connection a component's configuration makes to a Service of the stack must be backed by a
 * flow its definition declares (`sendsTo`), or, for Prometheus' scrape of a component's HTTP port,
 * by the scrape every deployed component gets; and the NetworkPolicies must let it through. The
 * connections are read from what the constructs render, not from the definitions.
 */

/** A connection one component's objects configure. `scrape`: a scrape job of Prometheus' configuration. */
interface Connection {
  readonly from: ComponentKey;
  readonly to: ComponentKey;
  readonly port: number;
  readonly where: string;
  readonly scrape: boolean;
}

interface ServiceOf {
  readonly component: ComponentKey;
  readonly ports: readonly { readonly name?: string; readonly port: number }[];
}

const ENVIRONMENTS = ["", ...OPT_IN_FEATURES, "packs: [core, benchmark]\n"].map((yaml) => [yaml.split("\n")[0] || "(defaults)", yaml] as const);

/** The connections an environment's constructs configure, and the URLs outside the stack Prometheus remote-writes to. */
function renderedConnections(yaml: string): { stack: StackPlan; connections: Connection[]; remoteWrite: URL[] } {
  const context = loadTestStack(yaml);
  const { stack } = context;
  const namespace = stack.settings.namespace;
  const objects = new Map(stack.deployed.map((component) => [component.key, componentObjects(context, component.key)]));
  // Every Service of the stack, by name: `loki-memberlist` and `alertmanager-cluster` are Loki's and Alertmanager's.
  const services = new Map<string, ServiceOf>(
    [...objects].flatMap(([component, list]) => list.filter((o) => o.kind === "Service").map((o) => [o.metadata.name, { component, ports: o.spec.ports }] as const)),
  );
  const portNamed = (service: ServiceOf, name: string) => service.ports.find((p) => p.name === name)?.port ?? Number.NaN;
  const connections: Connection[] = [];
  const remoteWrite: URL[] = [];
  const scan = (sender: ComponentKey, text: string, scrape: boolean) => {
    for (const [name, service] of services) {
      const pattern = new RegExp(`(?:_([a-z-]+)\\._tcp\\.)?(?<![a-z0-9-])${name}\\.${namespace}\\.svc(?:\\.cluster\\.local)?(?::(\\d+))?`, "g");
      for (const m of text.matchAll(pattern)) {
        const port = m[2] !== undefined ? Number(m[2]) : m[1] !== undefined ? portNamed(service, m[1]) : Number.NaN;
        connections.push({ from: sender, to: service.component, port, where: m[0], scrape });
      }
    }
  };
  // Prometheus' scrape jobs and Alertmanagers kept by `<service>;<port name>`.
  const kept = (sender: ComponentKey, job: any, scrape: boolean, where: string) => {
    for (const relabel of job.relabel_configs ?? []) {
      if (relabel.action !== "keep" || relabel.source_labels?.[0] !== "__meta_kubernetes_service_name") continue;
      const [name, portName] = String(relabel.regex).split(";");
      const service = services.get(name!);
      if (service !== undefined) connections.push({ from: sender, to: service.component, port: portNamed(service, portName!), where, scrape });
    }
  };
  for (const [sender, list] of objects) {
    for (const object of list) {
      const configs = object.kind === "ConfigMap" ? Object.values<string>(object.data ?? {}).map(parseYaml).filter(isPrometheusConfig) : [];
      if (configs.length === 0) {
        // `[<pod>.]<service>.<namespace>.svc[.cluster.local][:port]` anywhere (ConfigMaps, arguments, environment);
        // a DNS SRV name (`_<port name>._tcp.<service>…`) means that Service's port of that name.
        scan(sender, JSON.stringify(object), false);
        continue;
      }
      for (const { scrape_configs: jobs, ...rest } of configs) {
        // Probe jobs name their exporter's Service in a relabelling: a scrape too.
        scan(sender, JSON.stringify(jobs), true);
        scan(sender, JSON.stringify(rest), false);
        for (const job of jobs) kept(sender, job, true, `scrape job ${job.job_name}`);
        for (const alertmanager of rest.alerting?.alertmanagers ?? []) kept(sender, alertmanager, false, "alerting.alertmanagers");
        for (const target of rest.remote_write ?? []) remoteWrite.push(new URL(target.url));
      }
    }
  }
  return { stack, connections, remoteWrite };
}

interface PrometheusConfig {
  readonly scrape_configs: any[];
  readonly alerting?: { readonly alertmanagers?: unknown[] };
  readonly remote_write?: { readonly url: string }[];
}

function isPrometheusConfig(config: unknown): config is PrometheusConfig {
  return typeof config === "object" && config !== null && "scrape_configs" in config;
}

function parseYaml(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a flow from `peer` admits the pods of `sender`. */
function admits(peer: IngressPeer, sender: ComponentKey, namespace: string): boolean {
  if (typeof peer === "string") return true;
  if ("component" in peer) return peer.component === sender;
  return peer.namespaces.includes(namespace);
}

/** The connections no declared flow backs, or the NetworkPolicies of `stack` block, as `from → to:port (where)`. */
function unbacked(stack: StackPlan, connections: readonly Connection[]): string[] {
  const ingress = ingressFlows(stack);
  const egress = egressFlows(stack);
  const namespace = stack.settings.namespace;
  const declared = (c: Connection) =>
    (c.scrape && c.from === "prometheus" && c.port === stack.port(c.to)) ||
    bySettings(stack.component(c.from).sendsTo ?? [], stack.settings).some((flow) => flow.to === c.to && (flow.ports ?? [stack.port(c.to)]).includes(c.port));
  // Pods on the host's network are outside NetworkPolicy, in both directions.
  const hostNetwork = (key: ComponentKey) => stack.component(key).hostNetwork === true;
  const allowed = (c: Connection) =>
    (hostNetwork(c.to) || ingress.some((f) => f.to === c.to && admits(f.from, c.from, namespace) && f.ports.includes(c.port))) &&
    (hostNetwork(c.from) || egress.some((f) => f.from === c.from && (f.to === "anywhere" || (typeof f.to === "object" && f.to.component === c.to)) && (f.ports.length === 0 || f.ports.includes(c.port))));
  return connections.filter((c) => !declared(c) || !allowed(c)).map((c) => `${c.from} → ${c.to}:${c.port} (${c.where})`);
}

/** The same environment over a component table where `sender` declares every flow but its `removed`-th. */
function without(stack: StackPlan, sender: ComponentKey, removed: number): StackPlan {
  const table = COMPONENTS.map((c): ComponentDefinition => {
    if (c.key !== sender) return c;
    const kept = bySettings(c.sendsTo ?? [], stack.settings).filter((_, index) => index !== removed);
    return { ...c, sendsTo: kept } as ComponentDefinition;
  });
  return planStack(stack.settings, table);
}

describe("flows: every Service URL or job a construct configures is backed by a declared flow", () => {
  const rendered = new Map(ENVIRONMENTS.map(([name, yaml]) => [name, renderedConnections(yaml)]));

  it.each(ENVIRONMENTS)(
    "GIVEN %s WHEN each component's configuration names another component's Service THEN its sendsTo (or the scrape) backs it and the NetworkPolicies let it through",
    (name) => {
      const { stack, connections } = rendered.get(name)!;
      expect(unbacked(stack, connections)).toEqual([]);
      // The scan finds the stack's wiring: Grafana's datasources, the collector's exporters, Prometheus' scrape jobs and Alertmanagers.
      const pairs = new Set(connections.filter((c) => !c.scrape).map((c) => `${c.from}→${c.to}`));
      expect(pairs).toContain("grafana→loki");
      expect(pairs).toContain("collector→tempo");
      expect(pairs).toContain("prometheus→alertmanager");
      expect(connections.filter((c) => c.scrape).map((c) => c.to)).toEqual(expect.arrayContaining(stack.deployed.map((c) => c.key)));
    },
  );

  it.each(ENVIRONMENTS)("GIVEN %s WHEN any one declared flow is removed THEN a connection the constructs configure is left unbacked", (name) => {
    const { stack, connections } = rendered.get(name)!;
    const active = stack.deployed.flatMap((sender) =>
      bySettings(sender.sendsTo ?? [], stack.settings)
        .map((flow, index) => ({ sender: sender.key, flow, index }))
        .filter(({ flow }) => stack.isDeployed(flow.to)),
    );
    expect(active.length).toBeGreaterThan(0);
    const survivors = active
      .filter(({ sender, index }) => unbacked(without(stack, sender, index), connections).length === 0)
      .map(({ sender, flow }) => `${sender} → ${flow.to}`);
    expect(survivors).toEqual([]);
  });

  it("GIVEN a remote-write URL outside the stack WHEN Prometheus' egress is read THEN it may reach that port", () => {
    const [name] = ENVIRONMENTS.find(([, yaml]) => yaml.includes("remoteWriteUrl"))!;
    const { stack, remoteWrite } = rendered.get(name)!;
    expect(remoteWrite.map((url) => url.host)).toEqual(["remote-write.example"]);
    const port = Number(remoteWrite[0]!.port || 443);
    expect(egressFlows(stack).some((f) => f.from === "prometheus" && f.to === "anywhere" && (f.ports.length === 0 || f.ports.includes(port)))).toBe(true);
  });
});
