import { join } from "node:path";
import { loadEnvironments } from "../config/load-environments.js";
import { loadPricing } from "../config/load-pricing.js";
import { benchmarkResultsSchema } from "../bench/results-schema.js";
import { environmentSchema } from "../config/environment-schema.js";
import { electricitySchema, gpuSchema, llmSchema } from "../config/pricing-schema.js";
import type { ProjectPaths } from "../config/project-paths.js";
import { replaceDirectory } from "./atomic-directory.js";
import { LOAD_OPTIONS } from "./load-options.js";
import type { OutputFile } from "./output-file.js";
import { renderEnvironment } from "./render-environment.js";
import { toJson } from "../model/serialize.js";

export interface EnvironmentSummary {
  readonly name: string;
  readonly files: number;
  readonly objects: number;
  readonly bytes: number;
  readonly milliseconds: number;
  /** What the user should know about the environment's choices (not errors). */
  readonly notices: readonly string[];
}

export interface SynthOptions {
  /** Render only this environment and replace only `dist/<env>/`. */
  readonly only?: string;
}

/**
 * Loads and validates every input, renders every environment in memory, and only then replaces
 * `dist/` (or `dist/<env>/`) atomically. Any error is thrown before the first byte is written.
 */
export function synthesize(paths: ProjectPaths, options: SynthOptions = {}): EnvironmentSummary[] {
  const pricing = loadPricing(paths);
  const environments = loadEnvironments(paths, pricing, LOAD_OPTIONS);
  const selected = options.only === undefined ? environments : environments.filter((e) => e.name === options.only);
  if (selected.length === 0) {
    throw new Error(`unknown environment ${JSON.stringify(options.only)}; known: ${environments.map((e) => e.name).join(", ")}`);
  }

  const summaries: EnvironmentSummary[] = [];
  const rendered = selected.map((environment) => {
    const started = performance.now();
    const { files, notices } = renderEnvironment({ environment, pricing });
    summaries.push({
      name: environment.name,
      files: files.length,
      objects: files.reduce((n, f) => n + f.objects, 0),
      bytes: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
      milliseconds: Math.round(performance.now() - started),
      notices,
    });
    return { name: environment.name, files };
  });

  if (options.only !== undefined) {
    const [only] = rendered;
    if (only) replaceDirectory(join(paths.distDir, only.name), only.files);
  } else {
    const all: OutputFile[] = [
      ...editorSchemas(),
      ...rendered.flatMap(({ name, files }) => files.map((f) => ({ ...f, path: `${name}/${f.path}` }))),
    ];
    replaceDirectory(paths.distDir, all);
  }
  return summaries;
}

/** JSON Schemas for editors (`# yaml-language-server: $schema=…` in the YAML inputs). */
function editorSchemas(): OutputFile[] {
  return [
    { path: "schemas/environment.schema.json", content: toJson(environmentSchema), objects: 0 },
    { path: "schemas/electricity.schema.json", content: toJson(electricitySchema), objects: 0 },
    { path: "schemas/gpu.schema.json", content: toJson(gpuSchema), objects: 0 },
    { path: "schemas/llm.schema.json", content: toJson(llmSchema), objects: 0 },
    { path: "schemas/benchmark-results.schema.json", content: toJson(benchmarkResultsSchema), objects: 0 },
  ];
}

export function formatSummary(summary: EnvironmentSummary): string {
  const line = `${summary.name}: ${summary.files} files, ${summary.objects} objects, ${summary.bytes} bytes, ${summary.milliseconds} ms`;
  return [line, ...summary.notices.map((notice) => `  note: ${notice}`)].join("\n");
}
