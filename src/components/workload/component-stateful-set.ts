import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { ComponentWorkload, type ComponentWorkloadProps } from "./component-workload.js";

export interface ComponentStatefulSetProps extends ComponentWorkloadProps {
  /** Claims of the pod's persistent volumes; a claim's name is the name of the volume mount that uses it. */
  readonly volumeClaimTemplates: readonly k8s.KubePersistentVolumeClaimProps[];
}

/**
 * A single-replica StatefulSet of a component with its persistent volumes and its Service (with
 * one replica only the stable name matters, so the ClusterIP Service governs it). One replica, so
 * no PodDisruptionBudget: a budget of one would only block node drains.
 */
export class ComponentStatefulSet extends ComponentWorkload {
  constructor(scope: Construct, id: string, props: ComponentStatefulSetProps) {
    super(scope, id, props);
    new k8s.KubeStatefulSet(this, "statefulset", {
      metadata: this.metadata,
      spec: {
        replicas: 1,
        serviceName: this.serviceName,
        selector: this.selector,
        template: this.template,
        volumeClaimTemplates: [...props.volumeClaimTemplates],
      },
    });
  }
}
