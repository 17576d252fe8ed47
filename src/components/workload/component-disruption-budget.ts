import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";

export interface ComponentDisruptionBudgetProps {
  readonly metadata: k8s.ObjectMeta;
  /** The replicated workload's selector. */
  readonly selector: k8s.LabelSelector;
}

/**
 * A PodDisruptionBudget letting voluntary disruptions (node drains, upgrades) take one replica at
 * a time: `maxUnavailable: 1` rather than a `minAvailable`, so that it never blocks a drain
 * outright, whatever the replica count.
 */
export class ComponentDisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: ComponentDisruptionBudgetProps) {
    super(scope, id);
    new k8s.KubePodDisruptionBudget(this, "pdb", {
      metadata: props.metadata,
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: props.selector },
    });
  }
}
