import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { SettingsProblem } from "../config/load-environments.js";
import { toYaml } from "../model/serialize.js";
import type { ComponentContext, ComponentDefinition, StackPlan } from "../model/stack-model.js";
import { probesPack } from "../packs/probes.js";
import { BLACKBOX_MODULES, blackboxConfig, probeScrapeJobs } from "./blackbox-config.js";
import { componentIdentity } from "./component-identity.js";
import { METRICS_PORT_NAME } from "./service-ports.js";
import { ComponentDeployment } from "./workload/component-deployment.js";
import { httpProbe, type ResourceSizes } from "./workload/pod-defaults.js";

/** The Prometheus blackbox exporter: probes HTTP and TCP endpoints for Prometheus (`/probe`). */
export const blackboxExporterComponent: ComponentDefinition<"blackboxExporter"> = {
  key: "blackboxExporter",
  name: "blackbox-exporter",
  chart: "blackbox-exporter",
  image: "quay.io/prometheus/blackbox-exporter:v0.27.0",
  profiles: ["standalone"],
  port: 9115,
  // Its own metrics, then the probes it runs for Prometheus.
  scrape: { nodeLevel: false, extraJobs: probeScrapeJobs },
  // It probes whatever `probes` and the annotated Services name, on their own ports.
  egress: [{ to: "anywhere" }],
  watch: { down: true, absent: true },
  pack: probesPack,
  checkSettings: checkProbes,
  construct: (scope, context) => new BlackboxExporter(scope, "blackbox-exporter", context),
};

/** `nobody`: the exporter reads only its mounted configuration and opens outgoing connections. */
export const BLACKBOX_EXPORTER_UID = 65534;

export const BLACKBOX_EXPORTER_RESOURCES: ResourceSizes = { cpuRequestMillis: 25, memoryRequestMiB: 32, memoryLimitMiB: 128 };

const CONFIG_DIR = "/etc/blackbox_exporter";
const CONFIG_FILE = "blackbox.yml";

export interface BlackboxExporterProps extends ComponentContext {
  /**
   * Requests and limits of the exporter container.
   * @default BLACKBOX_EXPORTER_RESOURCES
   */
  readonly resources?: ResourceSizes;
}

/**
 * The blackbox exporter (Deployment and Service `blackbox-exporter`, ConfigMap
 * `blackbox-exporter-config` with the modules), restricted, without a ServiceAccount token.
 * Prometheus scrapes its `/probe` for every listed probe and annotated Service.
 */
export class BlackboxExporter extends Construct {
  constructor(scope: Construct, id: string, props: BlackboxExporterProps) {
    super(scope, id);
    const { environment } = props;
    const identity = componentIdentity(environment, props.definition);
    const { namespace, name, labels, port } = identity;
    const config = toYaml(blackboxConfig());
    const configMapName = `${name}-config`;

    new k8s.KubeConfigMap(this, "config", {
      metadata: { name: configMapName, namespace, labels },
      data: { [CONFIG_FILE]: config },
    });

    const health = httpProbe("/-/healthy");
    new ComponentDeployment(this, "workload", {
      environment,
      identity,
      runAs: { uid: BLACKBOX_EXPORTER_UID },
      configContents: [config],
      container: {
        args: [`--config.file=${CONFIG_DIR}/${CONFIG_FILE}`, `--web.listen-address=:${port}`],
        ports: [{ name: METRICS_PORT_NAME, port }],
        readinessProbe: { ...health, periodSeconds: 10 },
        livenessProbe: { ...health, initialDelaySeconds: 10, periodSeconds: 30, failureThreshold: 5 },
        resources: props.resources ?? BLACKBOX_EXPORTER_RESOURCES,
        volumeMounts: [{ name: "config", mountPath: CONFIG_DIR, readOnly: true }],
      },
      volumes: [{ name: "config", configMap: { name: configMapName } }],
    });
  }
}

/**
 * What the schema cannot say about `probes`: names are unique (they are the `probe` label), each
 * URL has the form its module probes, and probes need a deployed exporter. The schema's module
 * names are the keys of `BLACKBOX_MODULES` (a test holds them equal).
 */
function checkProbes(stack: StackPlan): SettingsProblem[] {
  const { probes } = stack.settings;
  const problems: SettingsProblem[] = [];
  if (probes.length > 0 && !stack.isDeployed("blackboxExporter")) {
    problems.push({
      path: "/probes",
      message: "needs the blackbox exporter, which this environment does not deploy (components.blackboxExporter is off, or the profile is operator)",
      value: probes.map((p) => p.name),
    });
  }
  probes.forEach((probe, index) => {
    if (probes.findIndex((other) => other.name === probe.name) < index) {
      problems.push({ path: `/probes/${index}/name`, message: "is used by an earlier probe; names must be unique", value: probe.name });
    }
    const prober = BLACKBOX_MODULES[probe.module].prober;
    if (!urlFits(prober, probe.url)) {
      const expected = prober === "http" ? "an http:// or https:// URL" : "host:port";
      problems.push({ path: `/probes/${index}/url`, message: `must be ${expected} for module ${probe.module}`, value: probe.url });
    } else if (!portFits(prober, probe.url)) {
      problems.push({ path: `/probes/${index}/url`, message: "has a port outside 1-65535, which no TCP connection can use", value: probe.url });
    }
  });
  return problems;
}

/** The port of a probe's target, when it names one, is a TCP port (the URL parser takes 0; `host:port` any digits). */
function portFits(prober: "http" | "tcp", url: string): boolean {
  const port = prober === "http" ? new URL(url).port : url.slice(url.lastIndexOf(":") + 1);
  return port === "" || (Number(port) >= 1 && Number(port) <= 65535);
}

function urlFits(prober: "http" | "tcp", url: string): boolean {
  if (prober === "http") {
    try {
      const parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
    } catch {
      return false;
    }
  }
  return /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):\d{1,5}$/.test(url);
}
