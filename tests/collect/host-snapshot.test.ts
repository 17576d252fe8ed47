import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cpuBusyPercent, sampleCpuPercent, type CpuTimes } from "../../src/collect/cpu-usage.js";
import { ramUsedGbFromMeminfo } from "../../src/collect/memory-usage.js";
import { snapshotExposition } from "../../src/collect/snapshot-exposition.js";
import { writeFileAtomic } from "../../src/collect/write-file-atomic.js";
import { collectCommand } from "../../src/cli/commands/collect.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { parseExposition } from "../exporter/exposition.js";
import { promtoolParseError } from "../helpers/promtool-metrics.js";

const times = (user: number, sys: number, idle: number, nice = 0, irq = 0): CpuTimes => ({ user, nice, sys, idle, irq });

describe("cpuBusyPercent", () => {
  it.each([
    { case: "one core, 3 of 4 ms busy", before: [times(0, 0, 0)], after: [times(200, 100, 100)], percent: 75 },
    { case: "two cores, one busy one idle", before: [times(0, 0, 0), times(0, 0, 0)], after: [times(100, 0, 0), times(0, 0, 100)], percent: 50 },
    { case: "nice and irq count as busy", before: [times(10, 10, 10, 10, 10)], after: [times(10, 10, 70, 30, 30)], percent: 40 },
    { case: "no time passed", before: [times(5, 5, 5)], after: [times(5, 5, 5)], percent: 0 },
    { case: "a core that disappeared is ignored", before: [times(0, 0, 0), times(0, 0, 0)], after: [times(0, 0, 100)], percent: 0 },
  ])("GIVEN $case WHEN compared THEN $percent %", ({ before, after, percent }) => {
    expect(cpuBusyPercent(before, after)).toBe(percent);
  });

  it("GIVEN two readings WHEN sampled THEN the percent is computed from the first and second reading", async () => {
    const readings = [[times(0, 0, 0)], [times(30, 0, 70)]];
    expect(await sampleCpuPercent(1, () => readings.shift()!)).toBe(30);
  });
});

describe("ramUsedGbFromMeminfo", () => {
  it("GIVEN /proc/meminfo text WHEN read THEN used = (MemTotal - MemAvailable) kB x 1024 / 1e9", () => {
    const meminfo = "MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\nBuffers:          100 kB\n";
    expect(ramUsedGbFromMeminfo(meminfo)).toBe(10.24);
  });

  it("GIVEN meminfo without MemAvailable WHEN read THEN undefined (the caller falls back)", () => {
    expect(ramUsedGbFromMeminfo("MemTotal: 1 kB\n")).toBeUndefined();
  });
});

describe("snapshotExposition", () => {
  it("GIVEN a node and GPU name with quotes, backslashes and a newline WHEN rendered THEN Prometheus' parser reads it and gives back the same labels", async () => {
    const node = 'node "a"\\b';
    const modelName = 'NVIDIA "H100"\nrev\\2';
    const text = await snapshotExposition({ node, cpuPercent: 1, ramUsedGb: 2, gpus: [{ index: "0", uuid: "GPU-\\", name: modelName, utilizationPercent: 50, memoryUsedGb: 3 }] });
    expect(promtoolParseError(text)).toBe("");
    const metrics = parseExposition(text);
    expect(metrics.value("nf_cpu_percent", { node })).toBe(1);
    expect(metrics.samples("nf_gpu_util")).toEqual([{ labels: { node, gpu: "0", UUID: "GPU-\\", modelName }, value: 50 }]);
  });

  it("GIVEN a snapshot with two GPUs WHEN rendered THEN a real parser reads the semantic metrics with dcgm-style labels", async () => {
    const text = await snapshotExposition({
      node: "gpu-node-1",
      cpuPercent: 12.5,
      ramUsedGb: 10.24,
      gpus: [
        { index: "0", uuid: "GPU-a", name: "NVIDIA H100 80GB HBM3", utilizationPercent: 97, memoryUsedGb: 74.5 },
        { index: "1", uuid: "GPU-b", name: "NVIDIA H100 80GB HBM3", utilizationPercent: undefined, memoryUsedGb: 1 },
      ],
    });
    expect(text.endsWith("\n")).toBe(true);
    const metrics = parseExposition(text);
    expect(metrics.value("nf_cpu_percent", { node: "gpu-node-1" })).toBe(12.5);
    expect(metrics.value("nf_ram_used_gb", { node: "gpu-node-1" })).toBe(10.24);
    expect(metrics.samples("nf_gpu_util")).toEqual([{ labels: { node: "gpu-node-1", gpu: "0", UUID: "GPU-a", modelName: "NVIDIA H100 80GB HBM3" }, value: 97 }]);
    expect(metrics.value("nf_vram_used_gb", { node: "gpu-node-1", gpu: "1", UUID: "GPU-b", modelName: "NVIDIA H100 80GB HBM3" })).toBe(1);
  });

  it("GIVEN a host without GPUs WHEN rendered THEN there are no GPU metrics at all", async () => {
    const metrics = parseExposition(await snapshotExposition({ node: "cpu-only", cpuPercent: 1, ramUsedGb: 2, gpus: [] }));
    expect(metrics.families.map((f) => f.name)).toEqual(["nf_cpu_percent", "nf_ram_used_gb"]);
  });
});

describe("nfops collect", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("GIVEN an output path in a missing directory WHEN collected THEN the file is created with this host's figures and no temporary file is left", async () => {
    dir = mkdtempSync(join(tmpdir(), "nfops-collect-"));
    const out = join(dir, "monitor", "metrics.txt");
    expect(await collectCommand.run(["--out", out, "--cpu-sample-ms", "20"])).toBe(0);
    const metrics = parseExposition(readFileSync(out, "utf8"));
    const [cpu] = metrics.samples("nf_cpu_percent");
    expect(cpu!.value).toBeGreaterThanOrEqual(0);
    expect(cpu!.value).toBeLessThanOrEqual(100);
    expect(metrics.samples("nf_ram_used_gb")[0]!.value).toBeGreaterThan(0);
    expect(readdirSync(join(dir, "monitor"))).toEqual(["metrics.txt"]);
  });

  it("GIVEN an existing file WHEN written atomically THEN it is replaced whole and no temporary remains", () => {
    dir = mkdtempSync(join(tmpdir(), "nfops-collect-"));
    const out = join(dir, "metrics.txt");
    writeFileAtomic(out, "old\n");
    writeFileAtomic(out, "new\n");
    expect(readFileSync(out, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["metrics.txt"]);
  });

  it("GIVEN a directory where the file should go WHEN written THEN it fails and removes its temporary file", () => {
    dir = mkdtempSync(join(tmpdir(), "nfops-collect-"));
    const out = join(dir, "metrics.txt");
    writeFileAtomic(join(out, "inner"), "x"); // makes metrics.txt a directory
    expect(() => writeFileAtomic(out, "new\n")).toThrow();
    expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });

  it.each(["0", "abc", "1.5", "999999"])("GIVEN --cpu-sample-ms %s WHEN run THEN a usage error names the value", async (raw) => {
    await expect(collectCommand.run(["--cpu-sample-ms", raw])).rejects.toThrow(UsageError);
    await expect(collectCommand.run(["--cpu-sample-ms", raw])).rejects.toThrow(`(value: "${raw}")`);
  });
});
