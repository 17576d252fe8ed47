import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import type { ComponentKey, IngressPeer } from "../model/stack-model.js";
import type { StackPlan } from "../model/stack-model.js";
import { componentLabels, selectorLabels } from "./labels.js";

export interface IngressFlow {
  /** The component receiving the connections. */
  readonly to: ComponentKey;
  readonly from: IngressPeer;
  readonly ports: readonly number[];
}

/**
 * Every connection the stack needs, derived from the component table: Prometheus scrapes the HTTP
 * port of each deployed component (and pushes alerts to Alertmanager's), then each component's own
 * `ingress` rules. Flows whose ends are not deployed are left out; host-network pods are outside
 * NetworkPolicy and get none. In the operator profile the scraping Prometheus runs in another
 * namespace, so the metrics ports accept any namespace.
 */
export function ingressFlows(stack: StackPlan): IngressFlow[] {
  const prometheus: IngressPeer = stack.settings.profile === "operator" ? "any-namespace" : { component: "prometheus" };
  const reachable = (peer: IngressPeer) => typeof peer === "string" || stack.isDeployed(peer.component);
  return stack.deployed
    .filter((component) => component.hostNetwork !== true)
    .flatMap((component) => {
      const port = stack.port(component.key);
      return [{ from: prometheus }, ...component.ingress]
        .filter((rule) => reachable(rule.from))
        .map((rule): IngressFlow => ({ to: component.key, from: rule.from, ports: rule.ports ?? [port] }));
    });
}

export interface NetworkPoliciesProps {
  readonly environment: Environment;
  readonly stack: StackPlan;
}

/**
 * Ingress isolation of the namespace: `default-deny-ingress` selects every pod, and one
 * `<job>-ingress` policy per deployed component allows exactly its flows from `ingressFlows`.
 * Egress is left open (Kubernetes API, kubelets and user-configured receivers live outside).
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const { environment, stack } = props;
    const namespace = environment.settings.namespace;
    const labels = componentLabels(environment, "network-policy");

    new k8s.KubeNetworkPolicy(this, "default-deny-ingress", {
      metadata: { name: "default-deny-ingress", namespace, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });

    const byTarget = new Map<ComponentKey, IngressFlow[]>();
    for (const flow of ingressFlows(stack)) byTarget.set(flow.to, [...(byTarget.get(flow.to) ?? []), flow]);
    for (const [target, flows] of byTarget) {
      const name = `${stack.job(target)}-ingress`;
      new k8s.KubeNetworkPolicy(this, name, {
        metadata: { name, namespace, labels },
        spec: {
          podSelector: { matchLabels: selectorLabels(environment, stack.job(target)) },
          policyTypes: ["Ingress"],
          ingress: flows.map((flow) => ({
            ...(flow.from === "anywhere" ? {} : { from: [peer(environment, stack, flow.from)] }),
            ports: flow.ports.map((p) => ({ protocol: "TCP", port: k8s.IntOrString.fromNumber(p) })),
          })),
        },
      });
    }
  }
}

function peer(environment: Environment, stack: StackPlan, from: Exclude<IngressPeer, "anywhere">): k8s.NetworkPolicyPeer {
  if (from === "any-namespace") return { namespaceSelector: {} };
  return { podSelector: { matchLabels: selectorLabels(environment, stack.job(from.component)) } };
}
