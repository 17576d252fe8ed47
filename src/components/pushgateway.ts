import { Construct } from "constructs";
import { UNBOUNDED_ITERATION_LABEL } from "../catalog/benchmark-metrics.js";
import type { ComponentContext, ComponentDefinition, IngressRule } from "../model/stack-model.js";
import { componentIdentity } from "./component-identity.js";
import { componentLabels } from "./labels.js";
import { persistentVolumeClaimTemplate } from "./persistent-volume-claim-template.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentStatefulSet } from "./workload/component-stateful-set.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";

/**
 * The Prometheus Pushgateway: benchmark runs and CI jobs end before a scrape could reach them, so
 * they push their results here and Prometheus scrapes them. Deployed with the `benchmark` pack unless
 * `components.pushgateway` says otherwise.
 */
export const pushgatewayComponent: ComponentDefinition<"pushgateway"> = {
  key: "pushgateway",
  name: "pushgateway",
  chart: "pushgateway",
  image: "prom/pushgateway:v1.11.3",
  profiles: ["standalone"],
  enabledByDefault: (settings) => settings.packs.includes("benchmark"),
  port: 9091,
  scrape: {
    nodeLevel: false,
    // Pushed series carry the pushing job's `job` (and grouping labels such as `instance`): they must win.
    honorLabels: true,
    // The original design's per-iteration label would make a series per iteration (rules/benchmark/catalog.ts).
    metricRelabelConfigs: [{ action: "labeldrop", regex: UNBOUNDED_ITERATION_LABEL }],
  },
  // Pushes from the stack's namespace, and from the namespaces of `benchmark.allowedPushNamespaces` only.
  ingress: (settings): IngressRule[] => {
    const namespaces = settings.benchmark.allowedPushNamespaces;
    return [{ from: "same-namespace" }, ...(namespaces.length > 0 ? [{ from: { namespaces } }] : [])];
  },
  watch: { down: true, absent: true },
  construct: (scope, context) => new Pushgateway(scope, "pushgateway", context),
};

/** `nobody`, the user of the upstream image. */
export const PUSHGATEWAY_UID = 65534;

export const PUSHGATEWAY_RESOURCES: ResourceSizes = { cpuRequestMillis: 25, memoryRequestMiB: 32, memoryLimitMiB: 128 };

const DATA_DIR = "/data";
/** Written every `PERSISTENCE_INTERVAL`: a restart loses at most that much of what was pushed. */
const PERSISTENCE_FILE = `${DATA_DIR}/pushgateway.db`;
const PERSISTENCE_INTERVAL = "1m";

export interface PushgatewayProps extends ComponentContext {
  /**
   * Requests and limits of the Pushgateway container.
   * @default PUSHGATEWAY_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * The Pushgateway as a one-replica StatefulSet (Service `pushgateway`), restricted, without a
 * ServiceAccount token, its pushed groups kept on a persistent volume across restarts.
 */
export class Pushgateway extends Construct {
  constructor(scope: Construct, id: string, props: PushgatewayProps) {
    super(scope, id);
    const { environment } = props;
    const identity = componentIdentity(environment, props.definition);
    new ComponentStatefulSet(this, "workload", {
      environment,
      identity,
      runAs: { uid: PUSHGATEWAY_UID },
      container: {
        args: [`--web.listen-address=:${identity.port}`, `--persistence.file=${PERSISTENCE_FILE}`, `--persistence.interval=${PERSISTENCE_INTERVAL}`],
        ports: [{ name: METRICS_PORT_NAME, port: identity.port }],
        readinessProbe: { ...httpProbe("/-/ready"), periodSeconds: 10 },
        livenessProbe: { ...httpProbe("/-/healthy"), initialDelaySeconds: 10, periodSeconds: 30, failureThreshold: 5 },
        resources: props.resources ?? PUSHGATEWAY_RESOURCES,
        volumeMounts: [{ name: "data", mountPath: DATA_DIR }],
      },
      volumeClaimTemplates: [
        persistentVolumeClaimTemplate(environment.settings, {
          name: "data",
          sizeGiB: environment.settings.benchmark.pushgatewayStorageGiB,
          labels: componentLabels(environment, identity.name),
        }),
      ],
    });
  }
}
