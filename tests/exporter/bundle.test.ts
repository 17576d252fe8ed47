import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORTER_METRIC as METRIC } from "../../src/exporter/metric-catalog.js";
import { repositoryRoot } from "../../src/config/project-paths.js";
import { bundleExporter } from "../../src/exporter/bundle.js";
import { EXPORTER_DEFAULT_PORT, EXPORTER_ENTRYPOINT, EXPORTER_GID, EXPORTER_UID, exporterArgs } from "../../src/exporter/container-contract.js";
import { FIXTURE_PRICING, tempProject } from "../helpers/temp-project.js";
import { parseExposition } from "./exposition.js";
import { runBundle, startBundle } from "./run-bundle.js";

// What the image COPYs and runs: built once here, into a scratch directory.
let outDir: string;
let bundle: string;
let inputs: string[];
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "nfops-bundle-"));
  bundle = join(outDir, "nfops-exporter.mjs");
  inputs = Object.keys((await bundleExporter(bundle)).inputs);
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("exporter bundle (the image's only file)", () => {
  it("GIVEN the bundle WHEN its inputs are listed THEN it holds the exporter runtime and none of the synthesis code", () => {
    expect(inputs).toContain("src/cli/container-main.ts");
    expect(inputs.some((i) => i.includes("node_modules/prom-client/"))).toBe(true);
    const synthesis = inputs.filter((i) => /node_modules\/(cdk8s|cdk8s-plus-28|constructs|@grafana\/grafana-foundation-sdk)\/|^src\/(synth|components|packs)\/|^stacks\/|^rules\/|^dashboards\//.test(i));
    expect(synthesis).toEqual([]);
  });

  it("GIVEN valid pricing WHEN the bundle runs THEN it serves metrics and exits 0 on SIGTERM after logging in JSON", async () => {
    const project = tempProject({ pricing: "fixture" });
    try {
      project.write("stacks/test.yaml", "region: test-region\ncost: { defaultGpuType: test-gpu }\n");
      const running = await startBundle(bundle, ["--pricing-dir", project.pricingDir, "--stacks-dir", project.stacksDir, "--env", "test", "--port", "0", "--host", "127.0.0.1"]);
      const metrics = parseExposition(await (await fetch(`http://127.0.0.1:${running.port}/metrics`)).text());
      expect(metrics.value(METRIC.pue, { region: "test-region" })).toBe(1.5);
      expect(metrics.value(METRIC.gpuPrice, { gpu_model: "NVIDIA Test GPU", gpu_type: "test-gpu" })).toBe(2.5);
      expect(await running.stop()).toBe(0);
      expect(running.records.map((r) => r.msg)).toEqual(["cost exporter listening", "shutting down", "cost exporter stopped"]);
      expect(running.records[0]).toMatchObject({ level: 30, name: "nfops-exporter", env: "test" });
    } finally {
      project.remove();
    }
  });

  it("GIVEN an invalid pricing value WHEN the bundle starts THEN it exits 1 naming file, line, path and value", async () => {
    const project = tempProject({ pricing: "fixture" });
    try {
      const file = join(project.pricingDir, "gpu.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("usdPerHour: 4", "usdPerHour: free"));
      const { code, stderr } = await runBundle(bundle, ["exporter", "--pricing-dir", project.pricingDir]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/pricing\/gpu\.yaml:\d+:\d+: \/gpuTypes\/other-gpu\/usdPerHour: must be number \(value: "free"\)/);
    } finally {
      project.remove();
    }
  });

  it.each([
    { case: "a missing pricing directory", args: ["exporter", "--pricing-dir", "/nonexistent/pricing"], code: 1, message: /pricing\/electricity\.yaml: \/: cannot read file/ },
    { case: "no --pricing-dir", args: ["exporter"], code: 2, message: /--pricing-dir is required/ },
    { case: "another command", args: ["synth"], code: 2, message: /the image runs "exporter" \(got "synth"\)/ },
    { case: "a bad port", args: ["exporter", "--pricing-dir", FIXTURE_PRICING, "--port", "http"], code: 2, message: /--port must be an integer from 0 to 65535 \(value: "http"\)/ },
    { case: "an unknown environment", args: ["exporter", "--pricing-dir", FIXTURE_PRICING, "--stacks-dir", FIXTURE_PRICING, "--env", "prod"], code: 2, message: /unknown environment "prod": there is no prod\.yaml in/ },
  ])("GIVEN $case WHEN the bundle starts THEN it exits $code and says why", async ({ args, code, message }) => {
    const result = await runBundle(bundle, args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(join(repositoryRoot, "Dockerfile"), "utf8");

  it("GIVEN the container contract WHEN the Dockerfile is read THEN user, port, entrypoint and default args agree with it", () => {
    expect(dockerfile).toContain(`\nUSER ${EXPORTER_UID}:${EXPORTER_GID}\n`);
    expect(dockerfile).toContain(`\nEXPOSE ${EXPORTER_DEFAULT_PORT}\n`);
    expect(dockerfile).toContain(`\nENTRYPOINT ${JSON.stringify(EXPORTER_ENTRYPOINT).replaceAll(",", ", ")}\n`);
    const cmd = JSON.parse(/\nCMD (\[.*\])\n/.exec(dockerfile)?.[1] ?? "[]") as string[];
    expect([...cmd, "--env", "default"]).toEqual(exporterArgs("default"));
  });

  it("GIVEN the Dockerfile WHEN its base images are read THEN every stage uses one exactly pinned Node 20 image", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=docker\.io\/library\/node:20\.\d+\.\d+-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(["FROM ${NODE_IMAGE} AS build", "FROM ${NODE_IMAGE} AS runtime"]);
  });

  it("GIVEN the Dockerfile WHEN its sources are read THEN it copies the runtime's sources only, no rules or dashboards", () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] as string).split(" "));
    expect(copied).toEqual(["package.json", "package-lock.json", "tsconfig.json", "src"]);
  });
});
