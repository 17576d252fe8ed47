import { readFileSync } from "node:fs";
import { freemem, totalmem } from "node:os";

const BYTES_PER_GB = 1e9;

/**
 * Memory in use from `/proc/meminfo` text, GB (1e9 bytes): MemTotal − MemAvailable, the same
 * definition as the `nf_ram_used_gb` recording rule over node-exporter. Undefined when either
 * field is missing.
 */
export function ramUsedGbFromMeminfo(meminfo: string): number | undefined {
  const kibibytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(meminfo);
    return match ? Number(match[1]) : undefined;
  };
  const total = kibibytes("MemTotal");
  const available = kibibytes("MemAvailable");
  if (total === undefined || available === undefined) return undefined;
  return ((total - available) * 1024) / BYTES_PER_GB;
}

/** Memory in use on this host, GB; outside Linux, Node's total minus free memory. */
export function ramUsedGb(meminfoPath = "/proc/meminfo"): number {
  let meminfo = "";
  try {
    meminfo = readFileSync(meminfoPath, "utf8");
  } catch {
    // Not Linux: fall through to os figures.
  }
  return ramUsedGbFromMeminfo(meminfo) ?? (totalmem() - freemem()) / BYTES_PER_GB;
}
