import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { toYaml } from "../model/serialize.js";
import { DashboardConfigMaps, dashboardConfigMapName, dashboardFileName } from "./dashboard-config-maps.js";
import { grafanaDatasources } from "./grafana-datasources.js";
import { componentIdentity } from "./component-identity.js";
import { hasGrafanaDatabase, replicasOf } from "./high-availability.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { ComponentDeployment } from "./workload/component-deployment.js";
import { httpProbe } from "./workload/pod-defaults.js";
import { thanosQueryDeployed } from "./thanos-settings.js";
import { METRICS_PORT_NAME } from "./service-ports.js";

/** Grafana: the packs' dashboards over Prometheus, Loki, Tempo and Alertmanager. */
export const grafanaComponent: ComponentDefinition<"grafana"> = {
  key: "grafana",
  name: "grafana",
  chart: "grafana",
  image: "docker.io/grafana/grafana:12.1.1",
  profiles: ["standalone"],
  port: 3000,
  scrape: { nodeLevel: false },
  // Users reach the UI through the ingress controller's namespaces, or from pods of the stack's own
  // namespace; `kubectl port-forward` enters the pod directly and needs no rule.
  ingress: (settings) => [
    { from: "same-namespace" },
    ...(settings.grafana.ingressNamespaces.length > 0 ? [{ from: { namespaces: settings.grafana.ingressNamespaces } }] : []),
  ],
  // Its datasources: Prometheus (Thanos Query instead, where it is deployed), Loki, Tempo, Alertmanager.
  sendsTo: (settings) => [
    ...(thanosQueryDeployed(settings) ? [] : [{ to: "prometheus" as const }]),
    { to: "loki" },
    { to: "tempo" },
    { to: "alertmanager" },
    { to: "thanosQuery" },
  ],
  // The external database, when there is one (its address stays in the Secret; the port is a setting).
  egress: (settings) => (settings.grafana.database !== undefined ? [{ to: "anywhere", ports: [settings.grafana.database.port] }] : []),
  watch: { down: true, absent: true },
  notices: (stack) =>
    stack.settings.ha.enabled === true && !hasGrafanaDatabase(stack.settings)
      ? ['ha: Grafana stays a single replica: two replicas need a shared database. Set grafana.database.secretName to a Secret holding a PostgreSQL or MySQL URL (docs/scaling.md "Growing past one Prometheus").']
      : [],
  construct: (scope, context) => new Grafana(scope, "grafana", context),
};

/** The stack whose datasources it provisions, and the dashboards of the packs in effect (`artifacts.dashboards`), read-only in `grafana.dashboardFolder`. */
export type GrafanaProps = ComponentContext;

/** Keys of the admin Secret (`grafana.adminSecretName`) the user creates. */
export const GRAFANA_ADMIN_USER_KEY = "admin-user";
export const GRAFANA_ADMIN_PASSWORD_KEY = "admin-password";

const PROVISIONING_DIR = "/etc/grafana/provisioning";
const DASHBOARDS_DIR = "/etc/grafana/dashboards";
const ADMIN_SECRET_DIR = "/etc/grafana/admin";
const DATABASE_SECRET_DIR = "/etc/grafana/database";
const DATA_DIR = "/var/lib/grafana";
/** The `grafana` user of the upstream image. */
const UID = 472;

/**
 * Grafana as a Deployment with provisioned datasources (fixed uids, correlations between metrics,
 * logs and traces), dashboards from one ConfigMap each, admin credentials read from the user's
 * Secret as files, and anonymous access and sign-up off. Its state is SQLite on a
 * PersistentVolumeClaim (one replica), or an external database whose URL is read from the user's
 * Secret as a file (`grafana.database`); under `ha` with a database two stateless replicas run.
 */
export class Grafana extends Construct {
  constructor(scope: Construct, id: string, props: GrafanaProps) {
    super(scope, id);
    const { environment } = props;
    const settings = environment.settings;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, labels, port } = identity;

    const datasources = toYaml(grafanaDatasources(props.stack));
    const provider = toYaml({
      apiVersion: 1,
      providers: [
        {
          name: "nfops",
          folder: settings.grafana.dashboardFolder,
          type: "file",
          // Dashboards are code: changes go through the repository, not the UI.
          disableDeletion: true,
          allowUiUpdates: false,
          updateIntervalSeconds: 30,
          options: { path: DASHBOARDS_DIR },
        },
      ],
    });
    new k8s.KubeConfigMap(this, "provisioning", {
      metadata: { name: `${name}-provisioning`, namespace, labels },
      data: { "datasources.yaml": datasources, "dashboards.yaml": provider },
    });
    const dashboards = props.artifacts.dashboards;
    new DashboardConfigMaps(this, "dashboards", { environment, dashboards });

    const database = settings.grafana.database;
    const replicas = replicasOf(settings, "grafana");
    // Replicas share the database; what is left in the data directory (plugins, caches) is per pod.
    const volumeClaim = replicas === 1;
    if (volumeClaim) {
      new k8s.KubePersistentVolumeClaim(this, "data", {
        ...persistentVolumeClaimTemplate(settings, { name, sizeGiB: settings.storage.grafanaGiB, labels: componentLabels(environment, name) }),
        metadata: { name, namespace, labels: componentLabels(environment, name) },
      });
    }

    const health = httpProbe("/api/health");
    const env = (entries: Record<string, string>): k8s.EnvVar[] => Object.entries(entries).map(([key, value]) => ({ name: key, value }));
    new ComponentDeployment(this, "workload", {
      environment,
      identity,
      replicas,
      // The ReadWriteOnce volume cannot be attached to a second pod during a rolling update.
      ...(volumeClaim ? { strategy: "Recreate" as const } : {}),
      runAs: { uid: UID },
      configContents: [datasources, provider, ...dashboards.map((d) => d.json)],
      container: {
        env: env({
          GF_SECURITY_ADMIN_USER__FILE: `${ADMIN_SECRET_DIR}/${GRAFANA_ADMIN_USER_KEY}`,
          GF_SECURITY_ADMIN_PASSWORD__FILE: `${ADMIN_SECRET_DIR}/${GRAFANA_ADMIN_PASSWORD_KEY}`,
          ...(database !== undefined ? { GF_DATABASE_URL__FILE: `${DATABASE_SECRET_DIR}/${database.urlKey}` } : {}),
          GF_AUTH_ANONYMOUS_ENABLED: "false",
          GF_USERS_ALLOW_SIGN_UP: "false",
          GF_SERVER_HTTP_PORT: String(port),
          ...(settings.externalUrls.grafana !== "" ? { GF_SERVER_ROOT_URL: settings.externalUrls.grafana } : {}),
          GF_PATHS_DATA: DATA_DIR,
          GF_PATHS_PROVISIONING: PROVISIONING_DIR,
          // The root filesystem is read-only: log to stdout only.
          GF_LOG_MODE: "console",
          GF_ANALYTICS_REPORTING_ENABLED: "false",
          GF_ANALYTICS_CHECK_FOR_UPDATES: "false",
        }),
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...health, periodSeconds: 10, timeoutSeconds: 3 },
        // Database migrations after an upgrade can take a while.
        startupProbe: { ...health, periodSeconds: 10, failureThreshold: 30 },
        livenessProbe: { ...health, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: { cpuRequestMillis: 100, memoryRequestMiB: 256, memoryLimitMiB: 512 },
        volumeMounts: [
          { name: "provisioning", mountPath: PROVISIONING_DIR, readOnly: true },
          { name: "dashboards", mountPath: DASHBOARDS_DIR, readOnly: true },
          { name: "admin", mountPath: ADMIN_SECRET_DIR, readOnly: true },
          ...(database !== undefined ? [{ name: "database", mountPath: DATABASE_SECRET_DIR, readOnly: true }] : []),
          { name: "data", mountPath: DATA_DIR },
          { name: "tmp", mountPath: "/tmp" },
        ],
      },
      volumes: [
        {
          name: "provisioning",
          configMap: {
            name: `${name}-provisioning`,
            items: [
              { key: "datasources.yaml", path: "datasources/datasources.yaml" },
              { key: "dashboards.yaml", path: "dashboards/dashboards.yaml" },
            ],
          },
        },
        dashboards.length > 0
          ? {
              name: "dashboards",
              projected: {
                sources: dashboards.map((d) => ({
                  configMap: { name: dashboardConfigMapName(d), items: [{ key: dashboardFileName(d), path: dashboardFileName(d) }] },
                })),
              },
            }
          : { name: "dashboards", emptyDir: {} },
        { name: "admin", secret: { secretName: settings.grafana.adminSecretName } },
        ...(database !== undefined ? [{ name: "database", secret: { secretName: database.secretName, items: [{ key: database.urlKey, path: database.urlKey }] } }] : []),
        volumeClaim ? { name: "data", persistentVolumeClaim: { claimName: name } } : { name: "data", emptyDir: { sizeLimit: k8s.Quantity.fromString("1Gi") } },
        { name: "tmp", emptyDir: { sizeLimit: k8s.Quantity.fromString("256Mi") } },
      ],
    });
  }
}
