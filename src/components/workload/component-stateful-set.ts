import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { ComponentWorkload, type ComponentWorkloadProps } from "./component-workload.js";

export interface ComponentStatefulSetProps extends ComponentWorkloadProps {
  /** Claims of the pod's persistent volumes; a claim's name is the name of the volume mount that uses it. */
  readonly volumeClaimTemplates: readonly k8s.KubePersistentVolumeClaimProps[];
  /**
   * Service governing the pods' DNS names (`<pod>.<service>`): a headless one, for peers that find
   * each other by name (the Alertmanager cluster).
   * @default the component's ClusterIP Service (only the stable pod names matter then)
   */
  readonly governingServiceName?: string;
}

/**
 * A StatefulSet of a component with its persistent volumes (one claim per replica) and its
 * Service. One replica has no PodDisruptionBudget (a budget of one would only block node drains);
 * several start in parallel, since no replica waits for another, and get one (see the workload).
 */
export class ComponentStatefulSet extends ComponentWorkload {
  constructor(scope: Construct, id: string, props: ComponentStatefulSetProps) {
    super(scope, id, props);
    new k8s.KubeStatefulSet(this, "statefulset", {
      metadata: this.metadata,
      spec: {
        replicas: this.replicas,
        ...(this.replicas > 1 ? { podManagementPolicy: "Parallel" } : {}),
        serviceName: props.governingServiceName ?? this.serviceName,
        selector: this.selector,
        template: this.template,
        volumeClaimTemplates: [...props.volumeClaimTemplates],
      },
    });
  }
}
