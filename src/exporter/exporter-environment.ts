import { dirname, resolve } from "node:path";
import type { Environment } from "../config/environment-schema.js";
import { loadEnvironmentNamed } from "../config/load-environments.js";
import type { Pricing } from "../config/pricing-schema.js";

/**
 * The environment the exporter runs for: `stacksDir/<envName>.yaml` (in the container, the
 * ConfigMap holding that one file), or the embedded `default`; other files are not read.
 * Undefined when the name is not defined. Throws ConfigError for invalid settings, with the same
 * checks synthesis applies (a live carbon provider enabled without a URL among them).
 */
export function loadExporterEnvironment(stacksDir: string, envName: string, pricing: Pricing): Environment | undefined {
  const dir = resolve(stacksDir);
  return loadEnvironmentNamed({ root: dirname(dir), stacksDir: dir }, envName, pricing);
}
