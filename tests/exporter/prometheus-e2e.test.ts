import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORTER_METRIC as METRIC } from "../../src/exporter/metric-catalog.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { METRICS_PATH } from "../../src/exporter/container-contract.js";
import { loadExporterEnvironment } from "../../src/exporter/exporter-environment.js";
import { startExporter, type RunningExporter } from "../../src/exporter/exporter.js";
import { freePort, installed, queryPrometheus, startProcess, type RunningProcess } from "../helpers/processes.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { captureLogger } from "./capture-logger.js";
import { eventually } from "../helpers/eventually.js";

const hasPrometheus = installed("prometheus");
if (!hasPrometheus) console.warn("SKIPPED prometheus-e2e: the `prometheus` binary is not on PATH (Debian package `prometheus`).");

describe.skipIf(!hasPrometheus)("real Prometheus scraping the exporter", () => {
  let project: TempProject;
  let exporter: RunningExporter;
  let prometheus: RunningProcess;
  let prometheusUrl: string;
  let storage: string;

  beforeAll(async () => {
    project = tempProject({ pricing: "fixture" });
    project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\n");
    const pricing = loadPricing(project);
    exporter = await startExporter({
      pricingDir: project.pricingDir,
      settings: loadExporterEnvironment(project.stacksDir, "test", pricing)!.settings,
      port: 0,
      host: "127.0.0.1",
      log: captureLogger().log,
    });

    storage = mkdtempSync(join(tmpdir(), "nfops-prometheus-"));
    const config = join(storage, "prometheus.yml");
    writeFileSync(
      config,
      [
        "global: { scrape_interval: 1s, evaluation_interval: 1s }",
        "scrape_configs:",
        "  - job_name: nfops-cost-exporter",
        `    metrics_path: ${METRICS_PATH}`,
        `    static_configs: [{ targets: ["127.0.0.1:${exporter.port}"] }]`,
        "",
      ].join("\n"),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = startProcess("prometheus", [`--config.file=${config}`, `--storage.tsdb.path=${join(storage, "data")}`, `--web.listen-address=127.0.0.1:${port}`]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
    project?.remove();
    if (storage) rmSync(storage, { recursive: true, force: true });
  });

  const query = (expr: string) => queryPrometheus(prometheusUrl, expr);

  it("GIVEN Prometheus scraping the exporter every second WHEN queried THEN up is 1 and the gauges carry the pricing figures", async () => {
    const up = await eventually(async () => {
      const result = await query('up{job="nfops-cost-exporter"}');
      expect(result.map((s) => s.value[1])).toEqual(["1"]);
      return result;
    }, 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nprometheus log:\n${prometheus.output()}`);
    });
    expect(up[0]?.metric.instance).toBe(`127.0.0.1:${exporter.port}`);

    const table = [
      { expr: `${METRIC.electricityPrice}{region="test-region"}`, value: "0.2" },
      { expr: `${METRIC.carbonIntensity}{region="test-region"}`, value: "400" },
      { expr: `${METRIC.pue}{region="tou-region"}`, value: "1.2" },
      { expr: `${METRIC.gpuPrice}{gpu_model="NVIDIA Other GPU PCIe"}`, value: "4" },
      { expr: `${METRIC.exporterReloadErrors}`, value: "0" },
      { expr: `count(${METRIC.gpuPrice})`, value: "3" },
      // The join the cost rules make: a GPU-hour priced by DCGM's modelName.
      { expr: `sum(${METRIC.gpuPrice}{gpu_type="other-gpu"})`, value: "8" },
    ];
    for (const row of table) {
      const result = await query(row.expr);
      expect({ expr: row.expr, values: result.map((s) => s.value[1]) }).toEqual({ expr: row.expr, values: [row.value] });
    }
  });
});
