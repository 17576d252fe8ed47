import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** One GPU as `nvidia-smi` reports it. Utilisation is undefined where the driver says `[N/A]` (e.g. MIG). */
export interface GpuSample {
  /** nvidia-smi's index, the same as dcgm-exporter's `gpu` label. */
  readonly index: string;
  readonly uuid: string;
  /** Product name, the same string as dcgm-exporter's `modelName`. */
  readonly name: string;
  readonly utilizationPercent: number | undefined;
  /** Framebuffer memory used, GB (1e9 bytes). */
  readonly memoryUsedGb: number | undefined;
}

export const NVIDIA_SMI_ARGS: readonly string[] = [
  "--query-gpu=index,uuid,name,utilization.gpu,memory.used",
  "--format=csv,noheader,nounits",
];

const BYTES_PER_MIB = 1024 * 1024;

/** Parses the CSV of `nvidia-smi NVIDIA_SMI_ARGS`; throws naming the line and its text when one is malformed. */
export function parseNvidiaSmiCsv(csv: string): GpuSample[] {
  return csv
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, number }) => {
      const fields = line.split(",").map((f) => f.trim());
      // Name sits in the middle so that a comma inside it cannot shift the numeric columns.
      const [index, uuid] = fields;
      const [utilization, memoryMiB] = fields.slice(-2);
      const name = fields.slice(2, -2).join(", ");
      if (fields.length < 5 || !/^\d+$/.test(index ?? "") || !uuid || !name) {
        throw new Error(`nvidia-smi output line ${number} is not "index, uuid, name, utilization.gpu, memory.used" (value: ${JSON.stringify(line)})`);
      }
      const memory = reading(memoryMiB, number, line);
      return { index: index!, uuid, name, utilizationPercent: reading(utilization, number, line), memoryUsedGb: memory === undefined ? undefined : (memory * BYTES_PER_MIB) / 1e9 };
    });
}

/** A numeric field, or undefined for nvidia-smi's `[N/A]` / `[Not Supported]`. */
function reading(field: string | undefined, lineNumber: number, line: string): number | undefined {
  if (field !== undefined && /^\[.*\]$/.test(field)) return undefined;
  const value = Number(field);
  if (field === undefined || field === "" || !Number.isFinite(value)) {
    throw new Error(`nvidia-smi output line ${lineNumber} has a non-numeric reading ${JSON.stringify(field)} (value: ${JSON.stringify(line)})`);
  }
  return value;
}

/**
 * GPUs of this host via `nvidia-smi`; an empty list when the command does not exist (no NVIDIA
 * driver). Throws when it exists but fails, e.g. the driver is not loaded.
 */
export async function queryGpus(command = "nvidia-smi", timeoutMs = 10_000): Promise<GpuSample[]> {
  try {
    const { stdout } = await run(command, [...NVIDIA_SMI_ARGS], { timeout: timeoutMs, encoding: "utf8" });
    return parseNvidiaSmiCsv(stdout);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    const detail = (error as { stderr?: string; stdout?: string }).stderr?.trim() || (error as { stdout?: string }).stdout?.trim() || (error as Error).message;
    throw new Error(`${command} failed: ${detail}`);
  }
}
