import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { componentLabels, selectorLabels } from "./labels.js";

export interface ComponentServicePort {
  /** Port name; scrape configs and ServiceMonitors refer to ports by name. */
  readonly name: string;
  readonly port: number;
  /**
   * Container port name or number the Service forwards to.
   * @default the same as `name`
   */
  readonly targetPort?: string | number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

export interface ComponentServiceProps {
  readonly environment: Environment;
  /** `app.kubernetes.io/name` of the workload the Service selects. */
  readonly component: string;
  /** Service name; use the component's `JOB` name so the operator's job label matches the scrape job. */
  readonly name: string;
  readonly ports: readonly ComponentServicePort[];
  /** Value of the `app.kubernetes.io/version` label. */
  readonly version?: string;
  /**
   * Headless Service (`clusterIP: None`), e.g. the governing Service of a StatefulSet.
   * @default false
   */
  readonly headless?: boolean;
  /**
   * List pods before they are ready: peers of a cluster must find each other to become ready at all.
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

/** A ClusterIP (or headless) Service selecting one component's pods by its selector labels. */
export class ComponentService extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: ComponentServiceProps) {
    super(scope, id);
    this.name = props.name;
    new k8s.KubeService(this, "service", {
      metadata: {
        name: props.name,
        namespace: props.environment.settings.namespace,
        labels: componentLabels(props.environment, props.component, props.version),
      },
      spec: {
        ...(props.headless === true ? { clusterIp: "None" } : {}),
        ...(props.publishNotReadyAddresses === true ? { publishNotReadyAddresses: true } : {}),
        selector: selectorLabels(props.environment, props.component),
        ports: props.ports.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: typeof p.targetPort === "number" ? k8s.IntOrString.fromNumber(p.targetPort) : k8s.IntOrString.fromString(p.targetPort ?? p.name),
          protocol: p.protocol ?? "TCP",
        })),
      },
    });
  }
}
