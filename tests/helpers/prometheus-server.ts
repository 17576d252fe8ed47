import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eventually } from "./eventually.js";
import { freePort, startProcess, type RunningProcess } from "./processes.js";

export interface PrometheusServer extends RunningProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
}

/**
 * A real Prometheus on 127.0.0.1 serving the TSDB in `dir/data` (e.g. backfilled history), with
 * nothing to scrape and a retention long enough that no backfilled block is deleted at start.
 * Resolves once `/-/ready` answers; the caller stops it. `flags` are added to the command line.
 */
export async function startPrometheusOnTsdb(dir: string, readyWithinMs = 30_000, flags: readonly string[] = []): Promise<PrometheusServer> {
  const config = join(dir, "prometheus.yml");
  writeFileSync(config, "global: { scrape_interval: 1m }\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const prometheus = startProcess("prometheus", [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    "--storage.tsdb.retention.time=100y",
    `--web.listen-address=127.0.0.1:${port}`,
    ...flags,
  ]);
  try {
    await prometheusReady(url, readyWithinMs);
  } catch (error) {
    await prometheus.stop();
    throw new Error(`Prometheus did not become ready: ${String(error)}\n${prometheus.output()}`);
  }
  return { ...prometheus, url };
}

/** Resolves once the Prometheus at `url` answers `/-/ready`; throws the last refusal after `boundMs`. */
export async function prometheusReady(url: string, boundMs: number): Promise<void> {
  await eventually(async () => {
    const response = await fetch(`${url}/-/ready`);
    if (!response.ok) throw new Error(`not ready: HTTP ${response.status}`);
  }, boundMs);
}
