import { INPUT_PRODUCERS, type BuiltInProducerId, type InputProducer, type InputProducerId, type LabelCheck } from "../../src/catalog/input-contracts.js";
import type { MetricEntry } from "../../src/catalog/types.js";
import type { ComponentKey, PackDefinition, StackPlan } from "../../src/model/stack-model.js";
import { catalogInEffect, declaredProducers } from "../../src/model/catalog-in-effect.js";
import { CLUSTER_JOB } from "../../src/model/scrape-config.js";
import { PROBE_JOB } from "../probes/catalog.js";
import { dcgmJob } from "../core/selectors.js";

/**
 * Where an environment finds each producer of the packs' inputs: the job matcher of its targets,
 * or, for model servers that share the `inference` job, the marker series that says a pod is one.
 * Undefined when the environment reads nothing of it (Kepler without `energy.kepler`, say).
 */
export interface ProducerScope {
  readonly producer: InputProducerId;
  /** What the producer is: its name, marker, label checks. */
  readonly definition: InputProducer;
  /** `job="…"` or `job=~"…"`, empty for producers found by their marker alone. */
  readonly jobMatcher: string;
  /** Labels that identify one target of the producer in the alerts: its `job` and `instance` (one exporter of several may lack an input), or the pod of a model server. */
  readonly by: readonly string[];
  /** The external catalog entries of the packs in effect that this producer writes. */
  readonly metrics: readonly MetricEntry[];
  readonly labelChecks: readonly LabelCheck[];
}

function jobMatcher(stack: StackPlan, producer: BuiltInProducerId): string | undefined {
  const { settings } = stack;
  const job = (name: string) => `job="${name}"`;
  // The stack's own servers at their pinned versions: their eager series are checked like any exporter's, where deployed.
  const ownServer = (key: ComponentKey) => (stack.isDeployed(key) ? job(stack.job(key)) : undefined);
  switch (producer) {
    case "dcgm-exporter":
      return settings.gpu.exporter === "existing" || stack.isDeployed("dcgmExporter") ? job(dcgmJob(stack)) : undefined;
    case "node-exporter":
      // The operator profile reads kube-prometheus-stack's node-exporter, whose job has the same name.
      return job(stack.job("nodeExporter"));
    case "kube-state-metrics":
      return job(stack.job("kubeStateMetrics"));
    case "kubelet":
      return job(CLUSTER_JOB.kubelet);
    case "cadvisor":
      return job(CLUSTER_JOB.cadvisor);
    case "kepler":
      return settings.energy.kepler ? job(CLUSTER_JOB.kepler) : undefined;
    case "blackbox-exporter":
      return stack.isDeployed("blackboxExporter") ? `job=~"${PROBE_JOB.listed}|${PROBE_JOB.services}"` : undefined;
    case "pushgateway":
      return stack.isDeployed("pushgateway") ? job(stack.job("pushgateway")) : undefined;
    case "cost-exporter":
      return stack.isDeployed("costExporter") ? job(stack.job("costExporter")) : undefined;
    case "thanos-compactor":
      return ownServer("thanosCompactor");
    case "thanos-store":
      return ownServer("thanosStore");
    case "thanos-query":
      return ownServer("thanosQuery");
    case "loki":
    case "tempo":
    case "grafana":
      return ownServer(producer);
    case "vllm":
    case "tgi":
    case "triton":
    case "inference-services":
    // Applications push over OTLP under their own `job` (service.name): no job of ours to match.
    case "genai-applications":
      return "";
  }
}

/**
 * The producers whose series the packs in effect read: the built-in ones in the order of
 * `INPUT_PRODUCERS`, then those the packs and watched components declare. An input contract naming
 * a producer nobody declares is a mistake of its catalog and throws, naming both.
 */
export function producerScopes(stack: StackPlan, packs: readonly PackDefinition[]): ProducerScope[] {
  const inputs = new Map<string, MetricEntry>();
  for (const entry of catalogInEffect(stack, packs)) if (entry.input && !inputs.has(entry.name)) inputs.set(entry.name, entry);
  const known = [
    ...(Object.keys(INPUT_PRODUCERS) as BuiltInProducerId[]).map((id) => ({ producer: INPUT_PRODUCERS[id], matcher: jobMatcher(stack, id) })),
    ...declaredProducers(stack, packs).map((producer) => ({ producer, matcher: producer.jobMatcher(stack) })),
  ];
  const unknown = [...inputs.values()].find((entry) => !known.some(({ producer }) => producer.id === entry.input?.producer));
  if (unknown) throw new Error(`catalog entry ${unknown.name} is written by "${unknown.input?.producer}", which neither src/catalog/input-contracts.ts nor a pack in effect or a watched component (producers) declares`);
  return known.flatMap(({ producer, matcher }): ProducerScope[] => {
    const metrics = [...inputs.values()].filter((entry) => entry.input?.producer === producer.id);
    if (metrics.length === 0 || matcher === undefined) return [];
    return [{ producer: producer.id, definition: producer, jobMatcher: matcher, by: producer.marker ? ["namespace", "pod"] : ["job", "instance"], metrics, labelChecks: producer.labelChecks }];
  });
}

/** The series name that carries a catalog entry: a histogram or summary by its `_count`. */
export function seriesName(entry: MetricEntry): string {
  return entry.type === "histogram" || entry.type === "summary" ? `${entry.name}_count` : entry.name;
}

/** The series of an input whose presence on a target says the producer writes it: its series name, narrowed to the values it always carries. */
export function presenceSelector(entry: MetricEntry, jobMatcher: string): string {
  const always = Object.entries(entry.input?.alwaysWith ?? {}).map(([label, value]) => `${label}="${value}"`);
  return selector(seriesName(entry), jobMatcher, ...always);
}

/** `metric{matchers}`, leaving out empty matchers. */
export function selector(metric: string, ...matchers: string[]): string {
  const present = matchers.filter((m) => m !== "");
  return present.length > 0 ? `${metric}{${present.join(",")}}` : metric;
}
