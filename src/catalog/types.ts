import type { InputContract } from "./input-contracts.js";
import type { ComponentKey } from "../config/environment-schema.js";

/**
 * Who produces a series: a component of the stack (by its `components` key), the kubelet and its
 * cAdvisor, the inference workloads, Kepler (run by the user, read when `energy.kepler` is on), a
 * recording rule, or whatever a new pack reads. Open, so that a pack names its own producers
 * without editing this file; the catalogue's docs and input contracts say what each one is.
 */
export type Producer = ComponentKey | (string & Record<never, never>);

export interface MetricEntry {
  /** Series name; for a histogram, the base name (`_bucket`, `_sum`, `_count` are implied; `_sum`, `_count` for a summary). */
  readonly name: string;
  readonly type: "counter" | "gauge" | "histogram" | "summary" | "info";
  /** Unit in words (`percent`, `GB (1e9 bytes)`, `USD`, …). */
  readonly unit: string;
  /** Labels a consumer may rely on. */
  readonly labels: readonly string[];
  readonly producer: Producer;
  readonly description: string;
  /**
   * For a series another program writes: who, when it appears, what turns it on, and its quirks
   * (`src/catalog/input-contracts.ts`). Every entry whose producer is not this stack's Prometheus,
   * Alertmanager or a recording rule has one.
   */
  readonly input?: InputContract;
  /** For recording rules: the window the value covers (e.g. `1h` for hourly roll-ups). */
  readonly window?: string;
}
