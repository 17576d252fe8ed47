import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { ComponentWorkload, type ComponentWorkloadProps } from "./component-workload.js";

export interface ComponentDaemonSetProps extends ComponentWorkloadProps {
  /**
   * Share of nodes whose pod may be replaced at once during an update.
   * @default the Kubernetes default (one pod at a time)
   */
  readonly maxUnavailable?: string;
}

/** A component on every node its selector and tolerations allow, with its Service. */
export class ComponentDaemonSet extends ComponentWorkload {
  constructor(scope: Construct, id: string, props: ComponentDaemonSetProps) {
    super(scope, id, props);
    new k8s.KubeDaemonSet(this, "daemonset", {
      metadata: this.metadata,
      spec: {
        selector: this.selector,
        ...(props.maxUnavailable !== undefined
          ? { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString(props.maxUnavailable) } } }
          : {}),
        template: this.template,
      },
    });
  }
}
