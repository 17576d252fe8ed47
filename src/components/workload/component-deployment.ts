import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { ComponentWorkload, type ComponentWorkloadProps } from "./component-workload.js";

export interface ComponentDeploymentProps extends ComponentWorkloadProps {
  /**
   * `Recreate` for a pod whose ReadWriteOnce volume a second pod could not attach during a rolling update.
   * @default the Kubernetes default (RollingUpdate)
   */
  readonly strategy?: "Recreate";
}

/** A Deployment of a component (one replica unless `replicas` says more), with its Service. */
export class ComponentDeployment extends ComponentWorkload {
  constructor(scope: Construct, id: string, props: ComponentDeploymentProps) {
    super(scope, id, props);
    new k8s.KubeDeployment(this, "deployment", {
      metadata: this.metadata,
      spec: {
        replicas: this.replicas,
        ...(props.strategy !== undefined ? { strategy: { type: props.strategy } } : {}),
        selector: this.selector,
        template: this.template,
      },
    });
  }
}
