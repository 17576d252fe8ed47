import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prometheusConfig } from "../../src/components/prometheus-config.js";
import { ruleFileYaml, type RuleFile } from "../../src/model/artifacts.js";
import type { StackPlan } from "../../src/model/stack-model.js";
import { toYaml } from "../../src/model/serialize.js";

/** One static target as Kubernetes discovery would have found it: address and the meta labels the relabelling reads. */
export type StaticTarget = { targets: string[]; labels: Record<string, string> };

/**
 * The generated Prometheus configuration with its Kubernetes discovery swapped for static loopback
 * targets (the local binary has no Kubernetes discovery), written to `<dir>/prometheus.yml` with
 * the rule files beside it in `rules/`. Jobs without targets in `discovered` are left out; without
 * `alertmanagers` the alerting section is dropped. Jobs named in `plainHttp` (the kubelet's, which
 * speak TLS with the service account's token in a cluster) scrape plain HTTP without credentials.
 * Returns the configuration file's path.
 */
export function writeLoopbackPrometheus(
  dir: string,
  stack: StackPlan,
  ruleFiles: readonly RuleFile[],
  discovered: Readonly<Record<string, StaticTarget[]>>,
  alertmanagers?: StaticTarget[],
  plainHttp: readonly string[] = [],
): string {
  const config = prometheusConfig(stack) as Record<string, any>;
  const onLoopback = ({ kubernetes_sd_configs: _sd, ...job }: Record<string, any>) => {
    if (!plainHttp.includes(job.job_name)) return job;
    const { authorization: _token, tls_config: _tls, ...plain } = job;
    return { ...plain, scheme: "http" };
  };
  config.scrape_configs = (config.scrape_configs as Record<string, any>[])
    .filter((job) => discovered[job.job_name] !== undefined)
    .map((job) => ({ ...onLoopback(job), static_configs: discovered[job.job_name] }));
  // Prometheus 3's OTLP receiver settings: 2.42 rejects the block (tests/e2e/genai-e2e.test.ts writes the series as it translates them).
  delete config.otlp;
  if (alertmanagers) {
    config.alerting.alertmanagers = [{ api_version: "v2", static_configs: alertmanagers, relabel_configs: config.alerting.alertmanagers[0].relabel_configs }];
  } else {
    delete config.alerting;
  }
  mkdirSync(join(dir, "rules"), { recursive: true });
  const file = join(dir, "prometheus.yml");
  writeFileSync(file, toYaml(config));
  for (const ruleFile of ruleFiles) writeFileSync(join(dir, "rules", `${ruleFile.name}.yaml`), ruleFileYaml(ruleFile));
  return file;
}
