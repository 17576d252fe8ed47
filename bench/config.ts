import { parseYamlFile } from "../src/config/yaml-file.js";
import { median, type BenchResult } from "./stats.js";

/**
 * Parsing a stacks file near the input limits (just under 1 MiB, 19,000 keys in one map, one
 * duplicate at the end): the duplicate-key check is one pass with a set, where the YAML library's
 * own compares every key with every other (a 3.3 MB file took 515 s before).
 */
export function benchConfig(): BenchResult[] {
  const text = `${Array.from({ length: 19_000 }, (_, i) => `k${i}: ${"v".repeat(40)}`).join("\n")}\nk0: duplicate\n`;
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    try {
      parseYamlFile("bench.yaml", text);
    } catch {
      // the duplicate is found, as intended
    }
    times.push(performance.now() - started);
  }
  return [{ name: "config: parse 19,000 keys (0.9 MB) with a duplicate", value: median(times), unit: "ms", note: "median of 3" }];
}
