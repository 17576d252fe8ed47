import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import { costExporterSettingsOf } from "../config/cost-exporter-settings.js";
import { ELECTRICITY_FILE, GPU_FILE, LLM_FILE } from "../config/load-pricing.js";
import type { ComponentContext, ComponentDefinition } from "../model/stack-model.js";
import { CARBON_TOKEN_MOUNT_DIR, CARBON_TOKEN_SECRET_KEY, EXPORTER_GID, EXPORTER_PORT_NAME, EXPORTER_UID, HEALTH_PATH, PRICING_MOUNT_DIR, READY_PATH, STACKS_MOUNT_DIR, exporterArgs } from "../exporter/container-contract.js";
import { toYaml } from "../model/serialize.js";
import { componentIdentity } from "./component-identity.js";
import { ComponentDeployment } from "./workload/component-deployment.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";
import { COST_EXPORTER_ALERTS } from "./cost-exporter-alerts.js";

// The bundled exporter settles at about 72 MB RSS (npm run bench), so the request covers that.
export const COST_EXPORTER_RESOURCES: ResourceSizes = { cpuRequestMillis: 20, memoryRequestMiB: 96, memoryLimitMiB: 128 };

/** The nfops cost/CO2 exporter: electricity price, carbon intensity, PUE, GPU and LLM token prices from `pricing/`. */
export const costExporterComponent: ComponentDefinition<"costExporter"> = {
  key: "costExporter",
  name: "nfops-cost-exporter",
  chart: "cost-exporter",
  // Built from this repository's Dockerfile; the tag follows package.json's version.
  image: "ghcr.io/nfops/nfops-cost-exporter:0.1.0",
  profiles: ["standalone", "operator"],
  port: (settings) => settings.costExporter.port,
  scrape: { nodeLevel: false },
  // The live carbon provider, when one is configured; pricing comes from a mounted ConfigMap.
  egress: (settings) => {
    const live = settings.costExporter.liveCarbonIntensity;
    if (!live.enabled) return [];
    const url = new URL(live.url.replaceAll("{region}", "region"));
    return [{ to: "anywhere", ports: [Number(url.port || (url.protocol === "https:" ? 443 : 80))] }];
  },
  // CostPricingAbsent says more when its prices are missing than StackComponentDown would.
  watch: { down: false, absent: true },
  alerts: COST_EXPORTER_ALERTS,
  ruleTests: "src/components/tests/cost-exporter.test.yaml",
  construct: (scope, context) => new CostExporter(scope, "cost-exporter", context),
};

/** Mounts `pricing` (the loaded files, as they were validated) and the environment's `region` and `costExporter` settings. */
export interface CostExporterProps extends ComponentContext {
  /**
   * Requests and limits of the exporter container.
   * @default COST_EXPORTER_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * The nfops cost/CO2 exporter (Deployment and Service `nfops-cost-exporter`), used by both
 * profiles. It reads pricing from ConfigMap `nfops-cost-exporter-pricing` and the environment's
 * `region` and `costExporter` settings from `nfops-cost-exporter-stacks`; the live-carbon token, when configured, comes from
 * the user's Secret as a file. Paths, port, user and arguments follow the container contract.
 */
export class CostExporter extends Construct {
  constructor(scope: Construct, id: string, props: CostExporterProps) {
    super(scope, id);
    const { environment, pricing } = props;
    const { settings } = environment;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, labels, port: httpPort } = identity;
    const pricingConfigMap = `${name}-pricing`;
    const stacksConfigMap = `${name}-stacks`;
    // Only what the exporter reads: other settings neither restart it nor show in its manifests.
    const stacks = toYaml(costExporterSettingsOf(settings));
    const tokenSecretName = settings.costExporter.liveCarbonIntensity.tokenSecretName;

    new k8s.KubeConfigMap(this, "pricing", {
      metadata: { name: pricingConfigMap, namespace, labels },
      data: {
        [ELECTRICITY_FILE]: toYaml(pricing.electricity),
        [GPU_FILE]: toYaml(pricing.gpu),
        // Optional: absent from the ConfigMap when pricing/ has no llm.yaml, as the exporter expects.
        ...(pricing.llm ? { [LLM_FILE]: toYaml(pricing.llm) } : {}),
      },
    });
    new k8s.KubeConfigMap(this, "stacks", {
      metadata: { name: stacksConfigMap, namespace, labels },
      data: { [`${environment.name}.yaml`]: stacks },
    });

    new ComponentDeployment(this, "workload", {
      environment,
      identity,
      runAs: { uid: EXPORTER_UID, gid: EXPORTER_GID },
      // Only the settings roll the pod: the exporter reloads pricing files by itself, and a
      // restart would reset its reload counters for nothing.
      configContents: [stacks],
      container: {
        args: exporterArgs(environment.name),
        ports: [{ name: EXPORTER_PORT_NAME, port: httpPort }],
        livenessProbe: { ...httpProbe(HEALTH_PATH, EXPORTER_PORT_NAME), periodSeconds: 30, failureThreshold: 3 },
        readinessProbe: { ...httpProbe(READY_PATH, EXPORTER_PORT_NAME), initialDelaySeconds: 2, periodSeconds: 10 },
        resources: props.resources ?? COST_EXPORTER_RESOURCES,
        volumeMounts: [
          { name: "pricing", mountPath: PRICING_MOUNT_DIR, readOnly: true },
          { name: "stacks", mountPath: STACKS_MOUNT_DIR, readOnly: true },
          ...(tokenSecretName !== "" ? [{ name: "carbon-token", mountPath: CARBON_TOKEN_MOUNT_DIR, readOnly: true }] : []),
        ],
      },
      volumes: [
        { name: "pricing", configMap: { name: pricingConfigMap } },
        { name: "stacks", configMap: { name: stacksConfigMap } },
        ...(tokenSecretName !== ""
          ? [{
              name: "carbon-token",
              secret: { secretName: tokenSecretName, items: [{ key: CARBON_TOKEN_SECRET_KEY, path: CARBON_TOKEN_SECRET_KEY }], defaultMode: 0o440 },
            }]
          : []),
      ],
    });
  }
}
