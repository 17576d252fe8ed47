import type { Environment } from "../config/environment-schema.js";
import type { Artifacts } from "./artifacts.js";
import type { PackDefinition, StackPlan } from "./stack-model.js";

/**
 * One check of `nfops doctor`: a kind of finding and how to look for it in a live Prometheus.
 * Checks are data in a table (`src/doctor/checks.ts`); a pack adds its own with `doctorChecks`.
 */
export interface DoctorCheck {
  /** Kebab-case kind of the findings it reports, e.g. `metric-missing`; stable, scripts match on it. */
  readonly kind: string;
  /** What it checks, one line for `nfops doctor --help`. */
  readonly description: string;
  run(context: DoctorContext): Promise<DoctorFinding[]>;
}

export interface DoctorFinding {
  readonly kind: string;
  /** What is wrong where: the job, metric, rule group or target. */
  readonly subject: string;
  readonly message: string;
  readonly fix: string;
}

/** The read-only Prometheus HTTP API a check may use; every call is bounded in time and size. */
export interface PrometheusApi {
  /** Instant query at the time doctor started; label sets (without `__name__`) and values. */
  query(expr: string): Promise<Array<{ readonly labels: Readonly<Record<string, string>>; readonly value: number }>>;
  /** `data` of a GET of `/api/v1/<path>` (targets, rules, alertmanagers). */
  get(path: string): Promise<unknown>;
}

export interface DoctorContext {
  readonly environment: Environment;
  readonly stack: StackPlan;
  readonly packs: readonly PackDefinition[];
  readonly artifacts: Artifacts;
  readonly prometheus: PrometheusApi;
}
