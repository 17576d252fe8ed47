import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { componentLabels } from "./labels.js";

export interface ServiceAccountRbacProps {
  readonly environment: Environment;
  /** `app.kubernetes.io/name` of the component; also the ServiceAccount name. */
  readonly component: string;
  readonly version?: string;
  /** Cluster-wide permissions of the ServiceAccount; keep them to what the component reads. */
  readonly rules: readonly k8s.PolicyRule[];
}

/**
 * A component's ServiceAccount with a ClusterRole and its binding. Cluster-scoped objects are
 * named `<namespace>-<component>`, so two stacks in two namespaces of one cluster do not collide.
 */
export class ServiceAccountRbac extends Construct {
  /** Name of the ServiceAccount, for `serviceAccountName`. */
  readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: ServiceAccountRbacProps) {
    super(scope, id);
    const namespace = props.environment.settings.namespace;
    const labels = componentLabels(props.environment, props.component, props.version);
    const clusterName = `${namespace}-${props.component}`;
    this.serviceAccountName = props.component;

    new k8s.KubeServiceAccount(this, "service-account", {
      metadata: { name: this.serviceAccountName, namespace, labels },
      // The token is mounted by the pod spec of the one workload that needs it.
      automountServiceAccountToken: false,
    });
    new k8s.KubeClusterRole(this, "cluster-role", {
      metadata: { name: clusterName, labels },
      rules: [...props.rules],
    });
    new k8s.KubeClusterRoleBinding(this, "cluster-role-binding", {
      metadata: { name: clusterName, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterName },
      subjects: [{ kind: "ServiceAccount", name: this.serviceAccountName, namespace }],
    });
  }
}
