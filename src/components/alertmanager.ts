import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environment-schema.js";
import type { SettingsProblem } from "../config/load-environments.js";
import { goTemplateProblem } from "../config/go-template.js";
import { ALERTMANAGER_TEMPLATE } from "../config/go-template-consumers.js";
import { matchesEmptyString, re2Problem } from "../config/re2.js";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { toYaml } from "../model/serialize.js";
import { ALERTMANAGER_CLUSTER_PORT, POD_IP_ENV, alertmanagerClusterArgs, alertmanagerClusterServiceName } from "./alertmanager-cluster.js";
import { ALERTMANAGER_SECRET_DIR, ALERTMANAGER_TEMPLATES, ALERTMANAGER_TEMPLATES_DIR, alertmanagerConfig, receiverPorts, teamReceivers } from "./alertmanager-config.js";
import { componentIdentity } from "./component-identity.js";
import { ComponentService } from "./component-service.js";
import { replicasOf } from "./high-availability.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import { httpProbe } from "./workload/pod-defaults.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { alertmanagerNotificationsFailed } from "../catalog/self-metrics.js";
import { ALERTMANAGER_ALERTS } from "./alertmanager-alerts.js";

/** Alertmanager: routes, groups and inhibits the alerts Prometheus sends, and delivers them. */
export const alertmanagerComponent: ComponentDefinition<"alertmanager"> = {
  key: "alertmanager",
  name: "alertmanager",
  chart: "alertmanager",
  image: "quay.io/prometheus/alertmanager:v0.28.1",
  profiles: ["standalone"],
  port: 9093,
  scrape: { nodeLevel: false },
  // Under `ha`, the peers gossip over the cluster port (memberlist speaks TCP and UDP).
  sendsTo: (settings) =>
    replicasOf(settings, "alertmanager") > 1 ? [{ to: "alertmanager", ports: [ALERTMANAGER_CLUSTER_PORT], protocols: ["TCP", "UDP"] }] : [],
  // Receivers: PagerDuty and Slack over HTTPS, the SMTP smarthost on its own port.
  egress: (settings) => [{ to: "anywhere", ports: receiverPorts(settings) }],
  watch: { down: true, absent: true },
  alerts: ALERTMANAGER_ALERTS,
  metrics: [alertmanagerNotificationsFailed],
  ruleTests: "src/components/tests/alertmanager.test.yaml",
  checkSettings: (stack) => [...checkTeams(stack.settings.alerting.teams), ...checkReceiverTemplates(stack.settings.alerting)],
  notices: (stack) =>
    stack.settings.alerting.heartbeatUrlKey === ""
      ? ['Watchdog goes to the null receiver: nothing notices when alerting itself breaks. Set alerting.heartbeatUrlKey to the Secret key of a dead man\'s switch URL (docs/alerting.md "Heartbeat").']
      : [],
  construct: (scope, context) => new Alertmanager(scope, "alertmanager", context),
};

export type AlertmanagerProps = ComponentContext;

/** Directory of `alertmanager.yml`; templates sit in `templates/` below it. */
export const ALERTMANAGER_CONFIG_DIR = "/etc/alertmanager";
export const ALERTMANAGER_CONFIG_FILE = "alertmanager.yml";
const DATA_DIR = "/alertmanager";
/** `nobody`, the user of the upstream image. */
const UID = 65534;

/**
 * Alertmanager as a StatefulSet (silences and the notification log on a persistent volume), its
 * configuration and templates from ConfigMaps, and receiver credentials from the Secret the user
 * creates (`alerting.secretName`), mounted as files. One replica has clustering off; under `ha`
 * the replicas form a gossip cluster through a headless Service (`alertmanager-cluster.ts`).
 */
export class Alertmanager extends Construct {
  constructor(scope: Construct, id: string, props: AlertmanagerProps) {
    super(scope, id);
    const { environment } = props;
    const settings = environment.settings;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, labels, port } = identity;

    const config = toYaml(alertmanagerConfig(settings, props.artifacts.inhibitions));
    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: `${name}-config`, namespace, labels },
      data: { [ALERTMANAGER_CONFIG_FILE]: config },
    });
    new k8s.KubeConfigMap(this, "templates", {
      metadata: { name: `${name}-templates`, namespace, labels },
      data: { ...ALERTMANAGER_TEMPLATES },
    });

    const replicas = replicasOf(settings, "alertmanager");
    const clustered = replicas > 1;
    const governing = clustered
      ? new ComponentService(this, "cluster", {
          environment,
          component: name,
          name: alertmanagerClusterServiceName(name),
          version: identity.version,
          headless: true,
          publishNotReadyAddresses: true,
          ports: (["TCP", "UDP"] as const).map((protocol) => ({
            name: `${protocol.toLowerCase()}-cluster`,
            port: ALERTMANAGER_CLUSTER_PORT,
            targetPort: ALERTMANAGER_CLUSTER_PORT,
            protocol,
          })),
        }).name
      : undefined;

    const ready = httpProbe("/-/ready");
    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      replicas,
      ...(governing !== undefined ? { governingServiceName: governing } : {}),
      runAs: { uid: UID },
      configContents: [config, ...Object.values(ALERTMANAGER_TEMPLATES)],
      container: {
        args: [
          `--config.file=${ALERTMANAGER_CONFIG_DIR}/${ALERTMANAGER_CONFIG_FILE}`,
          `--storage.path=${DATA_DIR}`,
          `--web.listen-address=:${port}`,
          // Links in notifications (silences, the alert list) point here instead of at the pod.
          ...(settings.externalUrls.alertmanager !== "" ? [`--web.external-url=${settings.externalUrls.alertmanager}`] : []),
          ...alertmanagerClusterArgs(name, namespace, replicas),
        ],
        ...(clustered ? { env: [{ name: POD_IP_ENV, valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }] } : {}),
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...ready, periodSeconds: 10, timeoutSeconds: 3 },
        livenessProbe: { ...httpProbe("/-/healthy"), initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5 },
        resources: { cpuRequestMillis: 50, memoryRequestMiB: 64, memoryLimitMiB: 256 },
        volumeMounts: [
          { name: "config", mountPath: ALERTMANAGER_CONFIG_DIR, readOnly: true },
          { name: "receivers", mountPath: ALERTMANAGER_SECRET_DIR, readOnly: true },
          { name: "data", mountPath: DATA_DIR },
        ],
      },
      volumes: [
        {
          name: "config",
          projected: {
            sources: [
              { configMap: { name: `${name}-config`, items: [{ key: ALERTMANAGER_CONFIG_FILE, path: ALERTMANAGER_CONFIG_FILE }] } },
              {
                configMap: {
                  name: `${name}-templates`,
                  items: Object.keys(ALERTMANAGER_TEMPLATES).map((key) => ({ key, path: `${ALERTMANAGER_TEMPLATES_DIR}/${key}` })),
                },
              },
            ],
          },
        },
        // Created by the user (docs/alerting.md "Alert delivery"); the pod waits for it rather than starting with receivers that cannot send.
        { name: "receivers", secret: { secretName: settings.alerting.secretName } },
      ],
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(settings, { name: "data", sizeGiB: settings.storage.alertmanagerGiB, labels: componentLabels(environment, name) }),
      ],
    });
  }
}

/**
 * What the schema cannot say about `alerting.teams`: each has a receiver; names are unique and so
 * are the receiver names they make (`llm` makes `team-llm-pager`, which a team `llm-pager` would
 * make too, and Alertmanager refuses a duplicate receiver); patterns are RE2, as Alertmanager
 * compiles them anchored (alertmanager pkg/labels/matcher.go v0.25.0 `NewMatcher`:
 * `"^(?:" + v + ")$"`), and match no empty `namespace` — alerts without one (SystemDown, every
 * cluster-level alert) would leave the default pager for the team's.
 */
function checkTeams(teams: EnvironmentSettings["alerting"]["teams"]): SettingsProblem[] {
  const receivers = new Map<string, string>();
  return teams.flatMap((team, index): SettingsProblem[] => [
    ...(team.slackChannel === undefined && team.email === undefined && team.pagerRoutingKeyKey === undefined
      ? [{ path: `/alerting/teams/${index}`, message: "needs at least one receiver: slackChannel, email or pagerRoutingKeyKey", value: team.name }]
      : []),
    ...(teams.findIndex((other) => other.name === team.name) < index
      ? [{ path: `/alerting/teams/${index}/name`, message: "is used by an earlier team; names must be unique", value: team.name }]
      : Object.values(teamReceivers(team.name)).flatMap((receiver) => {
          const owner = receivers.get(receiver);
          receivers.set(receiver, team.name);
          return owner === undefined
            ? []
            : [{ path: `/alerting/teams/${index}/name`, message: `makes the receiver ${receiver}, which team ${owner} makes too; Alertmanager refuses two receivers of one name`, value: team.name }];
        })),
    ...team.namespaces.flatMap((pattern, i) => {
      const path = `/alerting/teams/${index}/namespaces/${i}`;
      const problem = re2Problem(pattern);
      if (problem !== undefined) return [{ path, message: `${problem} (Alertmanager compiles it as Go RE2)`, value: pattern }];
      if (matchesEmptyString(pattern)) {
        return [{ path, message: "matches the empty namespace, so alerts without one (SystemDown, every cluster-level alert) would go to the team instead of the default pager", value: pattern }];
      }
      return [];
    }),
  ]);
}

/**
 * Receiver fields Alertmanager expands as templates when it notifies (e-mail `to` and `from`, Slack
 * `channel`; alertmanager config/notifiers.go v0.25.0 and notify/email, notify/slack `tmpl`): a
 * text its parser refuses fails every notification of the route, so the alert is never delivered.
 */
function checkReceiverTemplates(alerting: EnvironmentSettings["alerting"]): SettingsProblem[] {
  const fields: [string, string | undefined][] = [
    ["/alerting/finopsEmail", alerting.finopsEmail],
    ["/alerting/smtpFrom", alerting.smtpFrom],
    ["/alerting/chatChannel", alerting.chatChannel],
    ...alerting.teams.flatMap((team, index): [string, string | undefined][] => [
      [`/alerting/teams/${index}/email`, team.email],
      [`/alerting/teams/${index}/slackChannel`, team.slackChannel],
    ]),
  ];
  return fields.flatMap(([path, text]) => {
    const problem = text === undefined ? undefined : goTemplateProblem(text, ALERTMANAGER_TEMPLATE);
    return problem === undefined ? [] : [{ path, message: `is expanded as a template by Alertmanager, which cannot parse it: ${problem}`, value: text }];
  });
}
