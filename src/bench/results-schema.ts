import { REGRESSION_SEVERITIES } from "../catalog/benchmark-metrics.js";

/** A label value the exposition writes verbatim after escaping: no control characters. */
const labelValue = (description: string, maxLength = 256) => ({ type: "string", minLength: 1, maxLength, pattern: "^[^\\u0000-\\u001f]+$", description }) as const;
const nonNegative = (description: string) => ({ type: "number", minimum: 0, description }) as const;
/** A list of gauge readings, each with every one of its labels and its value required. */
const readings = <P extends Record<string, object>>(description: string, properties: P) =>
  ({ type: "array", default: [], description, items: { type: "object", additionalProperties: false, required: Object.keys(properties) as (keyof P & string)[], properties } }) as const;

/**
 * JSON Schema of a benchmark results file (`nfops bench push --file results.json`): one run of a
 * benchmark suite, turned into the benchmark metric contract (src/catalog/benchmark-metrics.ts).
 * Written to `dist/schemas/benchmark-results.schema.json` for editors and CI scripts.
 */
export const benchmarkResultsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://nfops.dev/schemas/benchmark-results.schema.json",
  title: "nfops benchmark results (nfops bench push)",
  description: "One run of a benchmark suite: per benchmark its iteration times and speed-ups, detected regressions, resources, suite duration and the CI result.",
  type: "object",
  additionalProperties: false,
  required: ["commit", "baselineVersion", "benchmarks"],
  properties: {
    $schema: { type: "string", description: "Editor hint; ignored." },
    commit: { type: "string", pattern: "^[0-9a-f]{7,40}$", description: "Commit the run measured (`commit_hash` of detected regressions)." },
    baselineVersion: labelValue("Version the speed-ups are measured against (`baseline_version`)."),
    environment: { ...labelValue("Where the run happened (`environment` of the execution-time histogram).", 63), default: "ci" },
    benchmarks: {
      type: "array",
      minItems: 1,
      description: "The suite's benchmarks; names are unique.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "iterationsMs"],
        properties: {
          name: { type: "string", pattern: "^[A-Za-z0-9][-A-Za-z0-9_.:/]*$", maxLength: 128, description: "`benchmark_name`." },
          iterationsMs: {
            type: "array",
            minItems: 1,
            maxItems: 1000000,
            items: nonNegative("One iteration's execution time in milliseconds."),
            description: "Execution time of every iteration, in ms: one histogram observation each (no per-iteration series).",
          },
          speedup: {
            type: "object",
            propertyNames: { pattern: "^p(100|[1-9]?[0-9](\\.[0-9]+)?)$" },
            additionalProperties: { type: "number", exclusiveMinimum: 0 },
            description: "Speed-up against the baseline per percentile (`p50`, `p95`, …): the `percentile` label of `speedup_ratio`.",
          },
          regression: {
            type: "object",
            additionalProperties: false,
            required: ["severity"],
            description: "Present when the run's guard detected a regression of this benchmark at `commit`.",
            properties: {
              severity: { type: "string", enum: [...REGRESSION_SEVERITIES], description: "How bad it is; PerformanceRegressionDetected takes its severity from it." },
              count: { type: "integer", minimum: 1, default: 1, description: "Regressions detected (the counter's value)." },
            },
          },
        },
      },
    },
    memory: readings("Memory per process and phase (`memory_usage_mb`).", {
      process: labelValue("`process`.", 128),
      phase: labelValue("`phase`, e.g. `peak`.", 63),
      mb: nonNegative("Memory in MB."),
    }),
    cpu: readings("CPU utilisation per process and core (`cpu_utilization_percent`).", {
      process: labelValue("`process`.", 128),
      core: labelValue("`core`, or `all`.", 16),
      percent: nonNegative("Utilisation in percent of one core."),
    }),
    suiteDurationSeconds: nonNegative("Duration of the whole suite in seconds (`benchmark_suite_duration_seconds`)."),
    ci: {
      type: "object",
      additionalProperties: false,
      required: ["pipeline", "branch", "trigger", "passed"],
      description: "The CI pipeline run this suite belonged to (`ci_pipeline_status`).",
      properties: {
        pipeline: labelValue("`pipeline`.", 128),
        branch: labelValue("`branch`.", 256),
        trigger: labelValue("`trigger`, e.g. `push`, `schedule`.", 63),
        passed: { type: "boolean", description: "Whether the pipeline passed (1) or failed (0)." },
      },
    },
  },
} as const;
