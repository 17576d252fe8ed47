import { dirname, resolve } from "node:path";
import { costExporterSettingsOf, costExporterSettingsProblems, costExporterSettingsSchema, type CostExporterSettings } from "../config/cost-exporter-settings.js";
import { ConfigError } from "../config/errors.js";
import { readEnvironmentFile } from "../config/load-environments.js";
import type { Pricing } from "../config/pricing-schema.js";
import { validateAgainst } from "../config/validate.js";

/** The environment the exporter runs for: its name, file and the settings it reads. */
export interface ExporterEnvironment {
  readonly name: string;
  /** Repository-relative file the settings came from, or `(embedded default)`. */
  readonly source: string;
  readonly settings: CostExporterSettings;
}

/**
 * The environment the exporter runs for: `stacksDir/<envName>.yaml` (in the container, the
 * ConfigMap holding that one file with `region` and `costExporter` only), or the embedded
 * `default`; other files are not read. Of a whole environment file (`nfops exporter` run against
 * `stacks/`) only those two keys are read, and validated by the exporter's own sub-schema: the rest
 * belongs to synthesis. Undefined when the name is not defined. Throws ConfigError for invalid
 * settings, with the same checks synthesis applies to them.
 */
export function loadExporterEnvironment(stacksDir: string, envName: string, pricing: Pricing): ExporterEnvironment | undefined {
  const dir = resolve(stacksDir);
  const yaml = readEnvironmentFile({ root: dirname(dir), stacksDir: dir }, envName);
  if (yaml === undefined) return undefined;
  const whole = yaml.data;
  const own = isObject(whole) ? Object.fromEntries(["region", "costExporter"].filter((key) => Object.hasOwn(whole, key)).map((key) => [key, whole[key]])) : whole;
  const read = { ...yaml, data: own };
  const found = validateAgainst(costExporterSettingsSchema, read);
  if (found.length > 0) throw new ConfigError(found);
  const settings = costExporterSettingsOf(own as CostExporterSettings);
  const problems = costExporterSettingsProblems(settings, pricing).map((p) => ({ file: yaml.file, ...p, ...yaml.locate(p.path) }));
  if (problems.length > 0) throw new ConfigError(problems);
  return { name: envName, source: yaml.file, settings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
