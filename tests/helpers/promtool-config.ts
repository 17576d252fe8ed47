import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROMETHEUS_RULES_DIR } from "../../src/components/prometheus-config.js";
import { toYaml } from "../../src/model/serialize.js";
import { run, writeTree } from "../stack/stack-fixtures.js";

type Json = Record<string, unknown>;

/**
 * The generated Prometheus configuration in a temporary directory, as the Debian binaries here can
 * read it. promtool and Prometheus 2.42 from Debian are built without Kubernetes service discovery
 * (`kubernetes_sd_configs` is an unknown field there), so each `kubernetes_sd_configs` block becomes
 * an empty `static_configs` (the blocks themselves are checked elsewhere), and the top-level `otlp`
 * block, which Prometheus 3 added, is left out (tests/stack read it); every other field is as
 * generated. Absolute in-pod files (ServiceAccount token, CA, remote-write password) are placed
 * under the directory, because promtool checks that they exist. Returns the directory (the caller
 * removes it) and the configuration file, which sits next to `rules/` as in the pod.
 */
export function writeLocalPrometheusConfig(config: Json, ruleFiles: Record<string, string>): { dir: string; configFile: string } {
  const mounted = new Set<string>();
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === "kubernetes_sd_configs") out.static_configs = [];
      else if (key === "otlp" && value === config) continue;
      else if (key.endsWith("_file") && typeof inner === "string" && inner.startsWith("/")) {
        mounted.add(inner);
        out[key] = `ROOT${inner}`;
      } else out[key] = rewrite(inner);
    }
    return out;
  };
  const rewritten = toYaml(rewrite(config));
  const files: Record<string, string> = { ...Object.fromEntries([...mounted].map((p) => [`root${p}`, "placeholder\n"])) };
  for (const [name, text] of Object.entries(ruleFiles)) files[`${PROMETHEUS_RULES_DIR}/${name}`] = text;
  const dir = writeTree(files);
  const configFile = join(dir, "prometheus.yml");
  writeFileSync(configFile, rewritten.replaceAll("ROOT/", `${join(dir, "root")}/`));
  return { dir, configFile };
}

/** `promtool check config` on the generated configuration (see `writeLocalPrometheusConfig`). */
export function promtoolCheckConfig(config: Json, ruleFiles: Record<string, string>): { status: number | null; output: string } {
  const { dir, configFile } = writeLocalPrometheusConfig(config, ruleFiles);
  try {
    return run("promtool", ["check", "config", configFile], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
