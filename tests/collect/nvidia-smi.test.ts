import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseNvidiaSmiCsv, queryGpus } from "../../src/collect/nvidia-smi.js";

// Canned output in the format of `nvidia-smi --query-gpu=index,uuid,name,utilization.gpu,memory.used
// --format=csv,noheader,nounits` (MiB for memory): three H100s, and a MIG-enabled A100 whose utilisation is [N/A].
const H100 = `0, GPU-4f4e5a8c-1d2b-7e6f-9a0b-3c4d5e6f7a8b, NVIDIA H100 80GB HBM3, 97, 71234
1, GPU-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d, NVIDIA H100 80GB HBM3, 0, 1
2, GPU-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0, NVIDIA H100 80GB HBM3, 45, 40960
`;
const MIG_A100 = "0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA A100-SXM4-80GB, [N/A], 1024\n";

describe("parseNvidiaSmiCsv", () => {
  it("GIVEN canned output of three GPUs WHEN parsed THEN index, UUID, name, utilisation and VRAM in GB (1e9 bytes) are exact", () => {
    expect(parseNvidiaSmiCsv(H100)).toEqual([
      { index: "0", uuid: "GPU-4f4e5a8c-1d2b-7e6f-9a0b-3c4d5e6f7a8b", name: "NVIDIA H100 80GB HBM3", utilizationPercent: 97, memoryUsedGb: 74.694262784 },
      { index: "1", uuid: "GPU-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", name: "NVIDIA H100 80GB HBM3", utilizationPercent: 0, memoryUsedGb: 0.001048576 },
      { index: "2", uuid: "GPU-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0", name: "NVIDIA H100 80GB HBM3", utilizationPercent: 45, memoryUsedGb: 42.94967296 },
    ]);
  });

  it("GIVEN a MIG GPU reporting [N/A] utilisation WHEN parsed THEN utilisation is absent and VRAM is kept", () => {
    expect(parseNvidiaSmiCsv(MIG_A100)).toEqual([
      { index: "0", uuid: "GPU-11111111-2222-3333-4444-555555555555", name: "NVIDIA A100-SXM4-80GB", utilizationPercent: undefined, memoryUsedGb: 1.073741824 },
    ]);
  });

  it("GIVEN a name with a comma WHEN parsed THEN the numeric columns are still read from the end", () => {
    expect(parseNvidiaSmiCsv("3, GPU-x, Odd, Name, 12, 2048")[0]).toMatchObject({ name: "Odd, Name", utilizationPercent: 12, memoryUsedGb: 2.147483648 });
  });

  it("GIVEN empty output (no GPUs) WHEN parsed THEN there are none", () => {
    expect(parseNvidiaSmiCsv("\n")).toEqual([]);
  });

  it.each([
    { text: "No devices were found", error: /line 1 is not "index, uuid, name, utilization.gpu, memory.used" \(value: "No devices were found"\)/ },
    { text: `${MIG_A100}0, GPU-a, T4, busy, 12`, error: /line 2 has a non-numeric reading "busy"/ },
    { text: "x, GPU-a, T4, 1, 12", error: /line 1 is not/ },
  ])("GIVEN malformed output WHEN parsed THEN the error names the line and its text: $text", ({ text, error }) => {
    expect(() => parseNvidiaSmiCsv(text)).toThrow(error);
  });
});

describe("queryGpus", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  function fakeNvidiaSmi(script: string): string {
    dir = mkdtempSync(join(tmpdir(), "nfops-smi-"));
    const path = join(dir, "nvidia-smi");
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it("GIVEN no nvidia-smi on the host WHEN queried THEN there are no GPUs and no error", async () => {
    expect(await queryGpus("/nonexistent/nvidia-smi")).toEqual([]);
  });

  it("GIVEN an nvidia-smi WHEN queried THEN it is called with the query arguments and its output parsed", async () => {
    const command = fakeNvidiaSmi(`[ "$1" = "--query-gpu=index,uuid,name,utilization.gpu,memory.used" ] && [ "$2" = "--format=csv,noheader,nounits" ] || exit 3\nprintf '%s' '${H100}'`);
    expect((await queryGpus(command)).map((g) => g.utilizationPercent)).toEqual([97, 0, 45]);
  });

  it("GIVEN an nvidia-smi that cannot reach the driver WHEN queried THEN the error carries its message", async () => {
    const command = fakeNvidiaSmi(`echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." ; exit 9`);
    await expect(queryGpus(command)).rejects.toThrow(/failed: NVIDIA-SMI has failed because it couldn't communicate/);
  });
});
