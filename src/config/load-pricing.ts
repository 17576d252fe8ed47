import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, type ConfigProblem } from "./errors.js";
import { electricitySchema, gpuSchema, llmSchema, type ElectricityPricing, type GpuPricingFile, type LlmPricingFile, type Pricing } from "./pricing-schema.js";
import { displayPath, type ProjectPaths } from "./project-paths.js";
import { validateAgainst } from "./validate.js";
import { readYamlFile, type YamlFile } from "./yaml-file.js";

export const ELECTRICITY_FILE = "electricity.yaml";
export const GPU_FILE = "gpu.yaml";
/** Optional: without it no LLM prices are published (and `LLMModelUnpriced` says which models lack one). */
export const LLM_FILE = "llm.yaml";
/** Every pricing file, in the order they are read. */
export const PRICING_FILES: readonly string[] = [ELECTRICITY_FILE, GPU_FILE, LLM_FILE];

/**
 * Loads, validates and cross-checks the pricing files of `pricingDir`; throws ConfigError listing
 * every problem. `llm.yaml` may be absent; when it exists it must be valid like the others.
 */
export function loadPricing(paths: Pick<ProjectPaths, "root" | "pricingDir">): Pricing {
  const problems: ConfigProblem[] = [];
  const electricity = loadOne<ElectricityPricing>(paths, ELECTRICITY_FILE, electricitySchema, problems);
  const gpu = loadOne<GpuPricingFile>(paths, GPU_FILE, gpuSchema, problems);
  const llmPresent = existsSync(join(paths.pricingDir, LLM_FILE));
  const llm = llmPresent ? loadOne<LlmPricingFile>(paths, LLM_FILE, llmSchema, problems) : undefined;
  if (electricity) problems.push(...checkTimezones(electricity.file, electricity.value));
  if (gpu) problems.push(...checkModelNamesAreUnique(gpu.file, gpu.value));
  if (problems.length > 0 || !electricity || !gpu) throw new ConfigError(problems);
  return { electricity: electricity.value, gpu: gpu.value, ...(llm ? { llm: llm.value } : {}) };
}

function loadOne<T>(
  paths: Pick<ProjectPaths, "root" | "pricingDir">,
  name: string,
  schema: object,
  problems: ConfigProblem[],
): { file: YamlFile; value: T } | undefined {
  const path = join(paths.pricingDir, name);
  try {
    const file = readYamlFile(path, displayPath(paths as ProjectPaths, path), paths.root);
    const found = validateAgainst(schema, file);
    problems.push(...found);
    return found.length === 0 ? { file, value: file.data as T } : undefined;
  } catch (error) {
    if (error instanceof ConfigError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}

function checkTimezones(file: YamlFile, pricing: ElectricityPricing): ConfigProblem[] {
  return Object.entries(pricing.regions).flatMap(([region, entry]) => {
    if (entry.timezone === undefined || isTimeZone(entry.timezone)) return [];
    const path = `/regions/${region}/timezone`;
    return [{ file: file.file, path, message: "is not an IANA time zone", value: entry.timezone, ...file.locate(path) }];
  });
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// dcgm's modelName selects the price; one name under two types would make the price ambiguous.
function checkModelNamesAreUnique(file: YamlFile, pricing: GpuPricingFile): ConfigProblem[] {
  const owner = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const [type, entry] of Object.entries(pricing.gpuTypes)) {
    entry.dcgmModelNames.forEach((modelName, index) => {
      const first = owner.get(modelName);
      if (first === undefined) {
        owner.set(modelName, type);
        return;
      }
      const path = `/gpuTypes/${type}/dcgmModelNames/${index}`;
      problems.push({ file: file.file, path, message: `is already listed under gpuTypes/${first}`, value: modelName, ...file.locate(path) });
    });
  }
  return problems;
}
