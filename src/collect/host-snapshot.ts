import { hostname } from "node:os";
import { sampleCpuPercent } from "./cpu-usage.js";
import { ramUsedGb } from "./memory-usage.js";
import { queryGpus, type GpuSample } from "./nvidia-smi.js";

/** One reading of this host, in the units of the semantic metrics. */
export interface HostSnapshot {
  /** Host name, published as the `node` label like the cluster's series. */
  readonly node: string;
  readonly cpuPercent: number;
  readonly ramUsedGb: number;
  readonly gpus: readonly GpuSample[];
  /** Why GPU figures are missing although `nvidia-smi` exists, if they are. */
  readonly gpuError?: string;
}

export interface SnapshotOptions {
  /** CPU sampling interval, ms. */
  readonly cpuSampleMs: number;
  readonly nvidiaSmi?: string;
}

/** Samples CPU (over `cpuSampleMs`), memory and, when `nvidia-smi` exists, every GPU. */
export async function takeHostSnapshot(options: SnapshotOptions): Promise<HostSnapshot> {
  const gpuQuery = queryGpus(options.nvidiaSmi).then(
    (gpus) => ({ gpus }),
    (error: unknown) => ({ gpus: [], gpuError: (error as Error).message }),
  );
  const cpuPercent = await sampleCpuPercent(options.cpuSampleMs);
  return { node: hostname(), cpuPercent, ramUsedGb: ramUsedGb(), ...(await gpuQuery) };
}
