import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { bySettings, type ComponentKey, type EgressPeer, type IngressPeer, type IngressRule, type Protocol, type StackPlan } from "../model/stack-model.js";
import { componentLabels, selectorLabels } from "./labels.js";

export interface IngressFlow {
  /** The component receiving the connections. */
  readonly to: ComponentKey;
  readonly from: IngressPeer;
  readonly ports: readonly number[];
  /** @default ["TCP"] */
  readonly protocols?: readonly Protocol[];
}

export interface EgressFlow {
  /** The component opening the connections. */
  readonly from: ComponentKey;
  readonly to: { readonly component: ComponentKey } | EgressPeer;
  /** Empty: every port. */
  readonly ports: readonly number[];
  /** @default ["TCP"] */
  readonly protocols?: readonly Protocol[];
}

/** Ports of the API server: 443 is the `kubernetes` Service, 6443 what kube-proxy translates it to on most clusters. */
export const KUBE_APISERVER_PORTS: readonly number[] = [443, 6443];
const DNS_PORT = 53;

const isComponent = (peer: IngressPeer | EgressFlow["to"]): peer is { readonly component: ComponentKey } => typeof peer === "object" && "component" in peer;

/**
 * Every connection the stack accepts, derived from the component table: Prometheus scrapes the HTTP
 * port of each deployed component, then each component's own `ingress` rules (users,
 * applications), then the flows components send to it (`sendsTo`): other components' in table
 * order, its own replicas' last. A flow the same peer already has on the same ports is not
 * repeated (Prometheus' alerts reach Alertmanager on the port it scrapes). Flows whose ends are not
 * deployed are left out; host-network pods are outside NetworkPolicy and get none. In the operator
 * profile the scraping Prometheus runs in another namespace, so the metrics ports accept any namespace.
 */
export function ingressFlows(stack: StackPlan): IngressFlow[] {
  const prometheus: IngressPeer = stack.settings.profile === "operator" ? "any-namespace" : { component: "prometheus" };
  const reachable = (peer: IngressPeer) => !isComponent(peer) || stack.isDeployed(peer.component);
  const senders = (receiver: ComponentKey) => [...stack.deployed.filter((c) => c.key !== receiver), ...stack.deployed.filter((c) => c.key === receiver)];
  const sentTo = (receiver: ComponentKey): IngressFlowRule[] =>
    senders(receiver).flatMap((sender) =>
      bySettings(sender.sendsTo ?? [], stack.settings)
        .filter((flow) => flow.to === receiver)
        .map((flow) => ({ from: { component: sender.key }, ...(flow.ports !== undefined ? { ports: flow.ports } : {}), ...(flow.protocols !== undefined ? { protocols: flow.protocols } : {}) })),
    );
  return governed(stack).flatMap((component) => {
    const port = stack.port(component.key);
    const flows = [{ from: prometheus }, ...bySettings(component.ingress ?? [], stack.settings), ...sentTo(component.key)]
      .filter((rule) => reachable(rule.from))
      .map((rule): IngressFlow => ({ to: component.key, from: rule.from, ports: rule.ports ?? [port], ...(rule.protocols !== undefined ? { protocols: rule.protocols } : {}) }));
    // Keyed by content: a repeated flow keeps the place of its first occurrence.
    return [...new Map(flows.map((flow) => [JSON.stringify(flow), flow])).values()];
  });
}

/** An ingress rule of a receiver, from any peer: its own (`ingress`) or derived from a sender's `sendsTo`. */
type IngressFlowRule = Omit<IngressRule, "from"> & { readonly from: IngressPeer };

/**
 * Every connection the stack opens: each component's declared `egress` (API server, any address),
 * then, for every ingress flow from a component of the stack, the same flow as the sender's egress.
 * DNS is allowed for every pod by a policy of its own.
 */
export function egressFlows(stack: StackPlan): EgressFlow[] {
  const declared = governed(stack).flatMap((component) =>
    bySettings(component.egress ?? [], stack.settings).map((rule): EgressFlow => ({ from: component.key, to: rule.to, ports: rule.ports ?? [] })),
  );
  // A component that may reach any address on any port needs no narrower rule besides.
  const unrestricted = new Set(declared.filter((flow) => flow.to === "anywhere" && flow.ports.length === 0).map((flow) => flow.from));
  const toComponents = ingressFlows(stack).flatMap((flow) =>
    isComponent(flow.from) && !unrestricted.has(flow.from.component)
      ? [{ from: flow.from.component, to: { component: flow.to }, ports: flow.ports, ...(flow.protocols !== undefined ? { protocols: flow.protocols } : {}) }]
      : [],
  );
  return [...declared, ...toComponents];
}

/** Components whose pods NetworkPolicies govern: deployed, and not on the host's network. */
function governed(stack: StackPlan) {
  return stack.deployed.filter((component) => component.hostNetwork !== true);
}

export interface NetworkPoliciesProps {
  readonly environment: Environment;
  readonly stack: StackPlan;
}

/**
 * Isolation of the namespace in both directions: `default-deny-ingress` and `default-deny-egress`
 * select every pod, `allow-dns-egress` lets every pod resolve names, and each deployed component
 * gets `<job>-ingress` and `<job>-egress` policies with exactly its flows.
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const { environment, stack } = props;
    const namespace = environment.settings.namespace;
    const labels = componentLabels(environment, "network-policy");
    const policy = (name: string, spec: k8s.NetworkPolicySpec) => new k8s.KubeNetworkPolicy(this, name, { metadata: { name, namespace, labels }, spec });
    const portsOf = (ports: readonly number[], protocols: readonly Protocol[] = ["TCP"]) =>
      ports.flatMap((p) => protocols.map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(p) })));
    const selector = (key: ComponentKey): k8s.LabelSelector => ({ matchLabels: selectorLabels(environment, stack.job(key)) });
    const pods = (key: ComponentKey): k8s.NetworkPolicyPeer => ({ podSelector: selector(key) });

    policy("default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
    for (const [target, flows] of groupBy(ingressFlows(stack), (f) => f.to)) {
      policy(`${stack.job(target)}-ingress`, {
        podSelector: selector(target),
        policyTypes: ["Ingress"],
        ingress: flows.map((flow) => ({
          ...(flow.from === "anywhere" ? {} : { from: [ingressPeer(flow.from, pods)] }),
          ports: portsOf(flow.ports, flow.protocols),
        })),
      });
    }

    policy("default-deny-egress", { podSelector: {}, policyTypes: ["Egress"] });
    // Any resolver address: node-local DNS caches listen on link-local addresses no selector matches.
    policy("allow-dns-egress", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ ports: [{ protocol: "UDP", port: k8s.IntOrString.fromNumber(DNS_PORT) }, { protocol: "TCP", port: k8s.IntOrString.fromNumber(DNS_PORT) }] }],
    });
    for (const [source, flows] of groupBy(egressFlows(stack), (f) => f.from)) {
      policy(`${stack.job(source)}-egress`, {
        podSelector: selector(source),
        policyTypes: ["Egress"],
        egress: flows.map((flow) => {
          const ports = flow.to === "kube-apiserver" ? KUBE_APISERVER_PORTS : flow.ports;
          return { ...(isComponent(flow.to) ? { to: [pods(flow.to.component)] } : {}), ...(ports.length > 0 ? { ports: portsOf(ports, flow.protocols) } : {}) };
        }),
      });
    }
  }
}

function ingressPeer(from: Exclude<IngressPeer, "anywhere">, pods: (key: ComponentKey) => k8s.NetworkPolicyPeer): k8s.NetworkPolicyPeer {
  if (from === "any-namespace") return { namespaceSelector: {} };
  if (from === "same-namespace") return { podSelector: {} };
  if ("namespaces" in from) {
    return { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: [...from.namespaces] }] } };
  }
  return pods(from.component);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
