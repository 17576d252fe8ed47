import type { FromSchema } from "json-schema-to-ts";
import { ConfigError, type ConfigProblem } from "../config/errors.js";
import { validateAgainst } from "../config/validate.js";
import { readYamlFile } from "../config/yaml-file.js";
import { benchmarkResultsSchema } from "./results-schema.js";

/** A validated results file, defaults filled in. */
export type BenchmarkResults = FromSchema<typeof benchmarkResultsSchema>;

/**
 * Reads and validates a results file (JSON is YAML, so the strict YAML reader gives line and column
 * of every problem): schema errors, then what the schema cannot say (unique benchmark names). Every
 * problem is reported at once, as `file:line:col: /path: message (value: …)`.
 */
export function loadBenchmarkResults(file: string, displayName: string = file): BenchmarkResults {
  const yaml = readYamlFile(file, displayName);
  const problems = validateAgainst(benchmarkResultsSchema, yaml);
  if (problems.length > 0) throw new ConfigError(problems);
  const results = yaml.data as BenchmarkResults;
  const duplicates: ConfigProblem[] = results.benchmarks.flatMap((benchmark, index) =>
    results.benchmarks.findIndex((other) => other.name === benchmark.name) < index
      ? [{ file: displayName, path: `/benchmarks/${index}/name`, message: "is used by an earlier benchmark; names must be unique", value: benchmark.name, ...yaml.locate(`/benchmarks/${index}/name`) }]
      : [],
  );
  if (duplicates.length > 0) throw new ConfigError(duplicates);
  return results;
}
