import { Construct } from "constructs";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { componentIdentity } from "./component-identity.js";
import { replicasOf } from "./high-availability.js";
import { PROMETHEUS_REPLICA_LABEL } from "./prometheus-config.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import {
  THANOS_GRPC_PORT,
  THANOS_HTTP_PORT,
  THANOS_IMAGE,
  THANOS_SIDECAR_SERVICE,
  THANOS_UID,
  checkLongTermStorage,
  grpcEndpoint,
  thanosOf,
} from "./thanos-settings.js";
import { ComponentDeployment } from "./workload/component-deployment.js";
import { httpProbe } from "./workload/pod-defaults.js";

/** Thanos Query: one PromQL API over every Prometheus replica (deduplicated) and the bucket. */
export const thanosQueryComponent: ComponentDefinition<"thanosQuery"> = {
  key: "thanosQuery",
  name: "thanos-query",
  chart: "thanos-query",
  image: THANOS_IMAGE,
  profiles: ["standalone"],
  deployedWhen: (settings) => thanosOf(settings) !== undefined,
  port: THANOS_HTTP_PORT,
  scrape: { nodeLevel: false },
  // The StoreAPI of every Prometheus sidecar and of the Store Gateway (`--endpoint`).
  sendsTo: [
    { to: "prometheus", ports: [THANOS_GRPC_PORT] },
    { to: "thanosStore", ports: [THANOS_GRPC_PORT] },
  ],
  watch: { down: true, absent: true },
  // `longTermStorage` as a whole is checked here, once, whether Query is deployed or not.
  checkSettings: (stack) => checkLongTermStorage(stack.settings),
  construct: (scope, context) => new ThanosQuery(scope, "thanos-query", context),
};

export type ThanosQueryProps = ComponentContext;

/**
 * Thanos Query as a stateless Deployment (two replicas under `ha`). It finds every Prometheus
 * sidecar through their headless Service (one StoreAPI per replica) and the Store Gateway through
 * its Service, merges them, and removes the `prometheus_replica` label so that the replicas'
 * copies of a series become one, filling one replica's gaps from the other.
 */
export class ThanosQuery extends Construct {
  constructor(scope: Construct, id: string, props: ThanosQueryProps) {
    super(scope, id);
    const { environment, stack } = props;
    const identity = componentIdentity(environment, props.definition);
    const { namespace } = identity;
    const endpoints = [
      grpcEndpoint(THANOS_SIDECAR_SERVICE, namespace),
      ...(stack.isDeployed("thanosStore") ? [grpcEndpoint(stack.job("thanosStore"), namespace)] : []),
    ];
    new ComponentDeployment(this, "workload", {
      environment,
      identity,
      replicas: replicasOf(environment.settings, "thanosQuery"),
      runAs: { uid: THANOS_UID },
      container: {
        args: [
          "query",
          `--http-address=0.0.0.0:${identity.port}`,
          `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`,
          `--query.replica-label=${PROMETHEUS_REPLICA_LABEL}`,
          // Long ranges read the 5-minute and 1-hour blocks the Compactor writes.
          "--query.auto-downsampling",
          ...endpoints.map((endpoint) => `--endpoint=${endpoint}`),
        ],
        ports: [{ name: METRICS_PORT_NAME, port: identity.port }],
        readinessProbe: { ...httpProbe("/-/ready"), periodSeconds: 10, timeoutSeconds: 3 },
        livenessProbe: { ...httpProbe("/-/healthy"), periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
        resources: { cpuRequestMillis: 200, memoryRequestMiB: 512, memoryLimitMiB: 2048 },
      },
    });
  }
}
