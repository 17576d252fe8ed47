import type { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../../config/environment-schema.js";
import { ComponentService } from "../component-service.js";
import { selectorLabels } from "../labels.js";
import { ComponentDisruptionBudget } from "./component-disruption-budget.js";
import { componentPodTemplate, type ComponentPodProps } from "./pod-template.js";
import { spreadConstraints } from "./spread-constraints.js";

export interface ComponentWorkloadProps extends ComponentPodProps {
  readonly environment: Environment;
  /**
   * Pods of the workload (Deployment and StatefulSet; `src/components/high-availability.ts` says
   * how many). More than one adds a PodDisruptionBudget and spreads them over nodes and zones.
   * @default 1
   */
  readonly replicas?: number;
}

/**
 * What every component workload shares, cdk8s-plus style (pod → workload → Deployment,
 * StatefulSet, DaemonSet): explicit name and labels, a selector without the version (immutable
 * across upgrades), the baseline pod template, and a Service whose ports are the container's.
 * A baseline change is an edit here or in `pod-template.ts`, for every component at once.
 */
export abstract class ComponentWorkload extends Construct {
  /** The Service in front of the pods, named after the component (its scrape job). */
  readonly serviceName: string;
  protected readonly metadata: k8s.ObjectMeta;
  protected readonly selector: k8s.LabelSelector;
  protected readonly template: k8s.PodTemplateSpec;
  protected readonly replicas: number;

  protected constructor(scope: Construct, id: string, props: ComponentWorkloadProps) {
    super(scope, id);
    const { environment, identity } = props;
    this.serviceName = new ComponentService(this, "service", {
      environment,
      component: identity.name,
      name: identity.name,
      version: identity.version,
      ports: props.container.ports,
    }).name;
    this.metadata = { name: identity.name, namespace: identity.namespace, labels: identity.labels };
    this.selector = { matchLabels: selectorLabels(environment, identity.name) };
    this.replicas = props.replicas ?? 1;
    const template = componentPodTemplate({ cpuLimitFactor: environment.settings.workloads.cpuLimitFactor, ...props });
    if (this.replicas > 1) {
      this.template = { ...template, spec: { ...template.spec, containers: template.spec?.containers ?? [], topologySpreadConstraints: spreadConstraints(this.selector) } };
      new ComponentDisruptionBudget(this, "disruption-budget", { metadata: this.metadata, selector: this.selector });
    } else {
      this.template = template;
    }
  }
}
