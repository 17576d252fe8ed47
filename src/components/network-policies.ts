import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment, EnvironmentSettings } from "../config/environment-schema.js";
import { JOB } from "../scrape-jobs.js";
import { isDeployed } from "./deployed-components.js";
import { componentLabels, selectorLabels } from "./labels.js";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "./otlp-ports.js";
import { servicePort, type ComponentJob } from "./service-ports.js";

/** Who may open a connection: a component of the stack, any pod of any namespace, or anyone. */
export type IngressPeer = { readonly component: ComponentJob } | "any-namespace" | "anywhere";

export interface IngressFlow {
  /** The component receiving the connections. */
  readonly to: ComponentJob;
  readonly from: IngressPeer;
  readonly ports: readonly number[];
}

/** Metrics ports only Prometheus reads; node-exporter is absent: host-network pods are outside NetworkPolicy. */
const SCRAPED: readonly ComponentJob[] = [
  "prometheus", "alertmanager", "grafana", "loki", "tempo", "collector", "kubeStateMetrics", "dcgmExporter", "costExporter",
];

/**
 * Every connection the stack needs, as data: Prometheus scrapes each metrics port and pushes
 * alerts; Grafana queries Prometheus, Loki, Tempo and Alertmanager; Alloy pushes to Loki and Tempo;
 * any namespace sends OTLP to Alloy; users reach Grafana. Flows whose ends are not deployed are
 * left out. In the operator profile the scraping Prometheus runs in another namespace, so the
 * metrics ports accept any namespace.
 */
export function ingressFlows(settings: EnvironmentSettings): IngressFlow[] {
  const port = (c: ComponentJob) => servicePort(settings, c);
  const prometheus: IngressPeer = settings.profile === "operator" ? "any-namespace" : { component: "prometheus" };
  const flows: IngressFlow[] = [
    ...SCRAPED.map((to): IngressFlow => ({ to, from: prometheus, ports: [port(to)] })),
    ...(["prometheus", "loki", "tempo", "alertmanager"] as const).map((to): IngressFlow => ({ to, from: { component: "grafana" }, ports: [port(to)] })),
    { to: "loki", from: { component: "collector" }, ports: [port("loki")] },
    { to: "tempo", from: { component: "collector" }, ports: [OTLP_GRPC_PORT, OTLP_HTTP_PORT] },
    { to: "collector", from: "any-namespace", ports: [OTLP_GRPC_PORT, OTLP_HTTP_PORT] },
    { to: "grafana", from: "anywhere", ports: [port("grafana")] },
  ];
  return flows.filter((f) => isDeployed(settings, f.to) && (typeof f.from === "string" || isDeployed(settings, f.from.component)));
}

export interface NetworkPoliciesProps {
  readonly environment: Environment;
}

/**
 * Ingress isolation of the namespace: `default-deny-ingress` selects every pod, and one
 * `<job>-ingress` policy per deployed component allows exactly its flows from `ingressFlows`.
 * Egress is left open (Kubernetes API, kubelets and user-configured receivers live outside).
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const { environment } = props;
    const namespace = environment.settings.namespace;
    const labels = componentLabels(environment, "network-policy");

    new k8s.KubeNetworkPolicy(this, "default-deny-ingress", {
      metadata: { name: "default-deny-ingress", namespace, labels },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });

    const byTarget = new Map<ComponentJob, IngressFlow[]>();
    for (const flow of ingressFlows(environment.settings)) byTarget.set(flow.to, [...(byTarget.get(flow.to) ?? []), flow]);
    for (const [target, flows] of byTarget) {
      const name = `${JOB[target]}-ingress`;
      new k8s.KubeNetworkPolicy(this, name, {
        metadata: { name, namespace, labels },
        spec: {
          podSelector: { matchLabels: selectorLabels(environment, JOB[target]) },
          policyTypes: ["Ingress"],
          ingress: flows.map((flow) => ({
            ...(flow.from === "anywhere" ? {} : { from: [peer(environment, flow.from)] }),
            ports: flow.ports.map((p) => ({ protocol: "TCP", port: k8s.IntOrString.fromNumber(p) })),
          })),
        },
      });
    }
  }
}

function peer(environment: Environment, from: Exclude<IngressPeer, "anywhere">): k8s.NetworkPolicyPeer {
  if (from === "any-namespace") return { namespaceSelector: {} };
  return { podSelector: { matchLabels: selectorLabels(environment, JOB[from.component]) } };
}
