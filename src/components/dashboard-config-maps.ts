import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { Environment } from "../config/environment-schema.js";
import type { DashboardFile } from "../model/artifacts.js";
import { componentLabels } from "./labels.js";

/** Label the kube-prometheus-stack Grafana sidecar watches for (its default `sidecar.dashboards.label`). */
export const GRAFANA_SIDECAR_LABEL = { grafana_dashboard: "1" } as const;
/** Annotation the sidecar reads the target folder from when `folderAnnotation` is set to it. */
export const GRAFANA_FOLDER_ANNOTATION = "grafana_folder";

export interface DashboardConfigMapsProps {
  readonly environment: Environment;
  readonly dashboards: readonly DashboardFile[];
  /**
   * Label the ConfigMaps for the Grafana sidecar of an existing Grafana (operator profile).
   * @default false
   */
  readonly sidecar?: boolean;
}

/** The ConfigMap name of a dashboard; one per dashboard keeps each far below the 256 KiB apply limit. */
export function dashboardConfigMapName(dashboard: DashboardFile): string {
  return `grafana-dashboard-${dashboard.uid}`;
}

/** The key of a dashboard's JSON in its ConfigMap. */
export function dashboardFileName(dashboard: DashboardFile): string {
  return `${dashboard.uid}.json`;
}

/** One ConfigMap per dashboard, holding its JSON exactly as in `dist/<env>/dashboards/`. */
export class DashboardConfigMaps extends Construct {
  constructor(scope: Construct, id: string, props: DashboardConfigMapsProps) {
    super(scope, id);
    const { environment } = props;
    for (const dashboard of props.dashboards) {
      new k8s.KubeConfigMap(this, dashboard.uid, {
        metadata: {
          name: dashboardConfigMapName(dashboard),
          namespace: environment.settings.namespace,
          labels: { ...componentLabels(environment, "grafana-dashboards"), ...(props.sidecar === true ? GRAFANA_SIDECAR_LABEL : {}) },
          ...(props.sidecar === true ? { annotations: { [GRAFANA_FOLDER_ANNOTATION]: environment.settings.grafana.dashboardFolder } } : {}),
        },
        data: { [dashboardFileName(dashboard)]: dashboard.json },
      });
    }
  }
}
