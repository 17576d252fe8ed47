import { cpus, type CpuInfo } from "node:os";

/** Cumulative CPU times of one core, ms, as `os.cpus()` reports them. */
export type CpuTimes = CpuInfo["times"];

/**
 * Busy share of all cores between two readings, percent (0–100): time not idle over all time.
 * Cores present in only one reading (hot-plug) are ignored.
 */
export function cpuBusyPercent(before: readonly CpuTimes[], after: readonly CpuTimes[]): number {
  let busyMs = 0;
  let totalMs = 0;
  for (let core = 0; core < Math.min(before.length, after.length); core++) {
    const a = before[core]!;
    const b = after[core]!;
    const idle = b.idle - a.idle;
    const busy = b.user - a.user + (b.nice - a.nice) + (b.sys - a.sys) + (b.irq - a.irq);
    busyMs += busy;
    totalMs += busy + idle;
  }
  return totalMs > 0 ? (100 * busyMs) / totalMs : 0;
}

/** CPU busy percent of this host, sampled over `intervalMs` (counters are cumulative, so two readings are needed). */
export async function sampleCpuPercent(intervalMs: number, read: () => CpuTimes[] = () => cpus().map((c) => c.times)): Promise<number> {
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  return cpuBusyPercent(before, read());
}
