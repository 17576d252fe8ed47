import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { ALERTMANAGER_CONFIG_FILE } from "../../src/components/alertmanager.js";
import { forAlertmanager025 } from "./alertmanager-025.js";
import { eventually } from "./eventually.js";
import { freePort, startProcess } from "./processes.js";
import { writeLocalPrometheusConfig } from "./promtool-config.js";
import { writeTree } from "../stack/stack-fixtures.js";

/** How long a binary may take to become ready on this shared 2-core machine. */
const READY_WITHIN_MS = 30_000;

/**
 * Starts the real Prometheus 2.42 on the generated configuration and rule files (loopback, a
 * temporary TSDB), waits for `/-/ready` and for every rule group to be loaded, then stops it.
 * Prometheus exits at start when its configuration or a rule file does not load, so ready means
 * accepted. Returns how many groups it loaded.
 */
export async function startPrometheusOnGenerated(config: Record<string, unknown>, ruleFiles: Record<string, string>): Promise<number> {
  const { dir, configFile } = writeLocalPrometheusConfig(config, ruleFiles);
  const port = await freePort();
  const prometheus = startProcess("prometheus", [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  try {
    return await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/rules`);
      const body = (await response.json()) as { data: { groups: unknown[] } };
      return body.data.groups.length;
    }, READY_WITHIN_MS);
  } catch (error) {
    throw new Error(`Prometheus did not start on the generated files: ${String(error)}\n${prometheus.output()}`);
  } finally {
    await prometheus.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the real Alertmanager 0.25 on the generated configuration and templates, waits for `/-/ready`, then stops it. */
export async function startAlertmanagerOnGenerated(config: Record<string, unknown>, templates: Record<string, string>): Promise<void> {
  const dir = writeTree({
    [ALERTMANAGER_CONFIG_FILE]: stringify(forAlertmanager025(config)),
    ...Object.fromEntries(Object.entries(templates).map(([name, text]) => [`templates/${name}`, text])),
  });
  mkdirSync(join(dir, "data"));
  const port = await freePort();
  const alertmanager = startProcess("prometheus-alertmanager", [
    `--config.file=${join(dir, ALERTMANAGER_CONFIG_FILE)}`,
    `--storage.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--cluster.listen-address=",
  ]);
  try {
    await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/-/ready`);
      if (!response.ok) throw new Error(`not ready: HTTP ${response.status}`);
    }, READY_WITHIN_MS);
  } catch (error) {
    throw new Error(`Alertmanager did not start on the generated files: ${String(error)}\n${alertmanager.output()}`);
  } finally {
    await alertmanager.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
