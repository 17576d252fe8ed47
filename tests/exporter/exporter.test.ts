import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { EXPORTER_METRIC as METRIC } from "../../src/exporter/metric-catalog.js";
import type { ElectricityPricing, GpuPricingFile } from "../../src/config/pricing-schema.js";
import { loadEnvironments } from "../../src/config/load-environments.js";
import { loadPricing } from "../../src/config/load-pricing.js";
import { projectPaths } from "../../src/config/project-paths.js";
import { HEALTH_PATH, METRICS_PATH, READY_PATH } from "../../src/exporter/container-contract.js";
import { costExporterSettingsOf } from "../../src/config/cost-exporter-settings.js";
import { loadExporterEnvironment } from "../../src/exporter/exporter-environment.js";
import { startExporter, type RunningExporter } from "../../src/exporter/exporter.js";
import { FIXTURE_PRICING, tempProject, type TempProject } from "../helpers/temp-project.js";
import { captureLogger } from "./capture-logger.js";
import { eventually } from "../helpers/eventually.js";
import { parseExposition } from "./exposition.js";
import { json, startFakeProvider, type FakeProvider } from "./fake-carbon-provider.js";

let project: TempProject;
let exporter: RunningExporter | undefined;
let provider: FakeProvider | undefined;
beforeEach(() => {
  project = tempProject({ pricing: "fixture" });
});
afterEach(async () => {
  await exporter?.close();
  exporter = undefined;
  await provider?.close();
  provider = undefined;
  project.remove();
});

async function start(stackYaml = "region: test-region\ncost: { defaultGpuType: test-gpu }\n", pricingDir = project.pricingDir) {
  project.write("stacks/test.yaml", stackYaml);
  const pricing = loadPricing({ root: project.root, pricingDir });
  const environment = loadExporterEnvironment(project.stacksDir, "test", pricing);
  exporter = await startExporter({ pricingDir, settings: environment!.settings, port: 0, host: "127.0.0.1", log: captureLogger().log });
  return exporter;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(port: number, path: string, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function scrape(port: number) {
  const reply = await call(port, METRICS_PATH);
  expect(reply.status).toBe(200);
  return parseExposition(reply.body);
}

describe("cost exporter over HTTP", () => {
  it("GIVEN the fixture pricing WHEN /metrics is scraped THEN every gauge equals the figure in the pricing files", async () => {
    const { port } = await start();
    const reply = await call(port, METRICS_PATH);
    expect(reply.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    const metrics = parseExposition(reply.body);

    const electricity = parse(readFileSync(join(FIXTURE_PRICING, "electricity.yaml"), "utf8")) as ElectricityPricing;
    const gpu = parse(readFileSync(join(FIXTURE_PRICING, "gpu.yaml"), "utf8")) as GpuPricingFile;
    for (const [region, entry] of Object.entries(electricity.regions)) {
      expect(metrics.value(METRIC.carbonIntensity, { region })).toBe(entry.carbonIntensityGPerKwh);
      expect(metrics.value(METRIC.pue, { region })).toBe(entry.pue);
      const price = metrics.value(METRIC.electricityPrice, { region });
      expect([entry.priceUsdPerKwh, ...(entry.timeOfUse ?? []).map((w) => w.priceUsdPerKwh)]).toContain(price);
    }
    expect(metrics.value(METRIC.electricityPrice, { region: "test-region" })).toBe(0.2); // no schedule: always flat
    for (const [gpuType, entry] of Object.entries(gpu.gpuTypes)) {
      for (const gpuModel of entry.dcgmModelNames) {
        expect(metrics.value(METRIC.gpuPrice, { gpu_model: gpuModel, gpu_type: gpuType })).toBe(entry.usdPerHour);
      }
    }
    expect(metrics.samples(METRIC.gpuPrice)).toHaveLength(3);
    expect(metrics.value(METRIC.exporterReloadErrors)).toBe(0);
  });

  it.each([
    { path: HEALTH_PATH, body: "ok\n" },
    { path: READY_PATH, body: "ready\n" },
    { path: `${HEALTH_PATH}?verbose=1`, body: "ok\n" },
  ])("GIVEN a running exporter WHEN GET $path THEN 200 $body", async ({ path, body }) => {
    const { port } = await start();
    expect(await call(port, path)).toMatchObject({ status: 200, body });
  });

  it("GIVEN a running exporter WHEN a path is unknown THEN 404; WHEN the method is wrong THEN 405 with Allow; HEAD has no body", async () => {
    const { port } = await start();
    expect((await call(port, "/nope")).status).toBe(404);
    expect((await call(port, "/metrics/extra")).status).toBe(404);
    const post = await call(port, METRICS_PATH, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    expect((await call(port, READY_PATH, "DELETE")).status).toBe(405);
    const head = await call(port, METRICS_PATH, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("GIVEN a running exporter WHEN a pricing file is edited THEN the watch reloads it without waiting for the periodic check", async () => {
    const { port } = await start(); // reloadCheckSeconds defaults to 30 s: only the watch can be this quick
    const file = join(project.pricingDir, "gpu.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("usdPerHour: 2.5", "usdPerHour: 2.75"));
    await eventually(async () => expect((await scrape(port)).value(METRIC.gpuPrice, { gpu_model: "NVIDIA Test GPU", gpu_type: "test-gpu" })).toBe(2.75));
  });

  it.each([
    {
      file: "electricity.yaml",
      edit: ["pue: 1.5", "pue: nine"],
      kept: [
        { name: METRIC.pue, labels: { region: "test-region" }, value: 1.5 },
        { name: METRIC.electricityPrice, labels: { region: "test-region" }, value: 0.2 },
      ],
    },
    {
      file: "llm.yaml",
      edit: ["promptUsdPerMillion: 1,", "promptUsdPerMillion: -1,"],
      kept: [
        { name: METRIC.llmPrice, labels: { provider: "test-provider", model: "test-model", kind: "prompt" }, value: 1 },
        { name: METRIC.llmPrice, labels: { provider: "test-provider", model: "test-model", kind: "completion" }, value: 4 },
      ],
    },
  ])("GIVEN a running exporter WHEN an invalid $file is written THEN the last good values stay and reload errors count 1", async ({ file, edit, kept }) => {
    const { port } = await start();
    const path = join(project.pricingDir, file);
    const [from, to] = edit as [string, string];
    expect(readFileSync(path, "utf8")).toContain(from);
    writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
    const metrics = await eventually(async () => {
      const m = await scrape(port);
      expect(m.value(METRIC.exporterReloadErrors)).toBe(1);
      return m;
    });
    for (const { name, labels, value } of kept) expect(metrics.value(name, labels)).toBe(value);
  });

  it("GIVEN a ConfigMap-style mount WHEN the ..data symlink is swapped THEN the new version is served", async () => {
    const mount = join(project.root, "configmap");
    const version = (name: string, pue: string) => {
      mkdirSync(join(mount, name), { recursive: true });
      writeFileSync(join(mount, name, "electricity.yaml"), readFileSync(join(FIXTURE_PRICING, "electricity.yaml"), "utf8").replace("pue: 1.5", `pue: ${pue}`));
      writeFileSync(join(mount, name, "gpu.yaml"), readFileSync(join(FIXTURE_PRICING, "gpu.yaml"), "utf8"));
    };
    version("..2026_01_01_00_00_00.1", "1.5");
    symlinkSync("..2026_01_01_00_00_00.1", join(mount, "..data"));
    symlinkSync("..data/electricity.yaml", join(mount, "electricity.yaml"));
    symlinkSync("..data/gpu.yaml", join(mount, "gpu.yaml"));
    const { port } = await start(undefined, mount);
    expect((await scrape(port)).value(METRIC.pue, { region: "test-region" })).toBe(1.5);

    // What the kubelet does: write a new timestamped directory, then atomically rename a new ..data link over the old.
    version("..2026_01_02_00_00_00.2", "1.3");
    symlinkSync("..2026_01_02_00_00_00.2", join(mount, "..data_tmp"));
    renameSync(join(mount, "..data_tmp"), join(mount, "..data"));
    await eventually(async () => expect((await scrape(port)).value(METRIC.pue, { region: "test-region" })).toBe(1.3));
  });

  it("GIVEN a live carbon provider WHEN scraped THEN the environment's region is live, other regions static; provider errors fall back", async () => {
    provider = await startFakeProvider();
    provider.respond = json({ carbonIntensity: 42 });
    const live = `costExporter: { liveCarbonIntensity: { enabled: true, url: "${provider.url}", timeoutMs: 200, cacheTtlSeconds: 1 } }`;
    const { port } = await start(`region: test-region\ncost: { defaultGpuType: test-gpu }\n${live}\n`);
    await eventually(async () => expect((await scrape(port)).value(METRIC.carbonIntensity, { region: "test-region" })).toBe(42));
    const metrics = await scrape(port);
    expect(metrics.value(METRIC.carbonIntensity, { region: "tou-region" })).toBe(100);
    expect(provider.requests.every((r) => r.path === "/v1/intensity/test-region")).toBe(true);

    provider.respond = json({ down: true }, 500);
    await eventually(async () => {
      const m = await scrape(port);
      expect(m.value(METRIC.carbonIntensity, { region: "test-region" })).toBe(400);
      expect(m.value(METRIC.exporterCarbonProviderErrors)).toBeGreaterThanOrEqual(1);
    });
  });

  it("GIVEN a running exporter WHEN closed THEN it refuses new connections and readiness is gone", async () => {
    const running = await start();
    await running.close();
    await expect(call(running.port, HEALTH_PATH)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("exporter environment", () => {
  it("GIVEN live carbon enabled without a URL WHEN loaded THEN the error names the stack file, path and value", () => {
    project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\ncostExporter: { liveCarbonIntensity: { enabled: true } }\n");
    const pricing = loadPricing(project);
    expect(() => loadExporterEnvironment(project.stacksDir, "test", pricing)).toThrow(
      'stacks/test.yaml:3:38: /costExporter/liveCarbonIntensity/url: must be an http(s) URL when liveCarbonIntensity is enabled (value: "")',
    );
  });

  it("GIVEN other environments that are invalid for this pricing WHEN one is looked up THEN only its own file counts", () => {
    project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\n");
    project.write("stacks/broken.yaml", "region: nowhere\n");
    const pricing = loadPricing(project);
    expect(loadExporterEnvironment(project.stacksDir, "test", pricing)?.settings.region).toBe("test-region");
    expect(loadExporterEnvironment(project.stacksDir, "prod", pricing)).toBeUndefined();
    expect(loadExporterEnvironment(project.stacksDir, "../stacks/test", pricing)).toBeUndefined();
    // The embedded default names us-east-1, which the fixture pricing lacks: asked for, it is an error.
    expect(() => loadExporterEnvironment(project.stacksDir, "default", pricing)).toThrow(/\(embedded default\):1:1: \/region: is not defined/);
  });
});

describe("exporter environment from the stack's ConfigMap", () => {
  it("GIVEN each repository environment's exporter settings written as <env>.yaml WHEN the exporter loads it THEN it reads the same settings back", () => {
    const repository = projectPaths();
    const pricing = loadPricing(repository);
    for (const environment of loadEnvironments(repository, pricing)) {
      const mounted = costExporterSettingsOf(environment.settings);
      project.write(`mounted-${environment.name}/${environment.name}.yaml`, stringify(mounted));
      const loaded = loadExporterEnvironment(join(project.root, `mounted-${environment.name}`), environment.name, pricing);
      expect(loaded?.settings).toEqual(mounted);
    }
  });

  it("GIVEN a whole environment file WHEN the exporter loads it THEN it keeps region and costExporter and leaves the rest to synthesis", () => {
    project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\ngpu: { temperatureCelsius: 80 }\n");
    const loaded = loadExporterEnvironment(project.stacksDir, "test", loadPricing(project));
    expect(Object.keys(loaded?.settings ?? {})).toEqual(["region", "costExporter"]);
    expect(loaded?.settings.costExporter.reloadCheckSeconds).toBe(30);
  });

  it("GIVEN an invalid costExporter setting WHEN the exporter loads it THEN its own sub-schema names file, path and value", () => {
    project.write("stacks/test.yaml", "region: test-region\ncostExporter: { reloadCheckSeconds: 0 }\n");
    expect(() => loadExporterEnvironment(project.stacksDir, "test", loadPricing(project))).toThrow(
      "stacks/test.yaml:2:37: /costExporter/reloadCheckSeconds: must be >= 1 (value: 0)",
    );
  });
});
