import type { FromSchema } from "json-schema-to-ts";
import { ConfigError, type ConfigProblem } from "../config/errors.js";
import { validateAgainst } from "../config/validate.js";
import { readYamlFile } from "../config/yaml-file.js";
import { benchmarkResultsSchema } from "./results-schema.js";

/** A validated results file, defaults filled in. */
export type BenchmarkResults = FromSchema<typeof benchmarkResultsSchema>;

/**
 * Reads and validates a results file (JSON is YAML, so the strict YAML reader gives line and column
 * of every problem): schema errors, then what the schema cannot say (unique benchmark names, one
 * reading per label set: the Pushgateway refuses a push that repeats a series). Every problem is
 * reported at once, as `file:line:col: /path: message (value: …)`.
 */
export function loadBenchmarkResults(file: string, displayName: string = file): BenchmarkResults {
  const yaml = readYamlFile(file, displayName);
  const problems = validateAgainst(benchmarkResultsSchema, yaml);
  if (problems.length > 0) throw new ConfigError(problems);
  const results = yaml.data as BenchmarkResults;
  /** Entries of `list` whose `key` an earlier entry already has, reported at `/<listName>/<index><at>`. */
  const repeated = <T>(list: readonly T[], listName: string, key: (item: T) => string, at: string, what: string): ConfigProblem[] =>
    list.flatMap((item, index) =>
      list.findIndex((other) => key(other) === key(item)) < index
        ? [{ file: displayName, path: `/${listName}/${index}${at}`, message: `is used by an earlier ${what}`, value: key(item), ...yaml.locate(`/${listName}/${index}${at}`) }]
        : [],
    );
  const duplicates = [
    ...repeated(results.benchmarks, "benchmarks", (b) => b.name, "/name", "benchmark; names must be unique"),
    ...repeated(results.memory ?? [], "memory", (m) => `process=${m.process} phase=${m.phase}`, "", "memory reading; one reading per process and phase"),
    ...repeated(results.cpu ?? [], "cpu", (c) => `process=${c.process} core=${c.core}`, "", "CPU reading; one reading per process and core"),
  ];
  if (duplicates.length > 0) throw new ConfigError(duplicates);
  return results;
}
