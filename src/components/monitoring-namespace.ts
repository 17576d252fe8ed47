import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import { componentLabels } from "./labels.js";

export interface MonitoringNamespaceProps {
  readonly environment: Environment;
}

/**
 * The namespace that holds the stack. Pod Security admission warns and audits at `restricted`
 * but enforces only `privileged`, because node-exporter and dcgm-exporter need host access
 * (their exceptions are documented on those components).
 */
export class MonitoringNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: MonitoringNamespaceProps) {
    super(scope, id);
    this.name = props.environment.settings.namespace;
    new ApiObject(this, "namespace", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: this.name,
        labels: {
          ...componentLabels(props.environment, "namespace"),
          "pod-security.kubernetes.io/enforce": "privileged",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
        },
      },
    });
  }
}
