import { dirname, resolve } from "node:path";
import type { Environment } from "../config/environment-schema.js";
import { ConfigError } from "../config/errors.js";
import { loadEnvironments } from "../config/load-environments.js";
import type { Pricing } from "../config/pricing-schema.js";

export interface ExporterEnvironmentLookup {
  /** The environment asked for; undefined when `stacksDir` does not define it. */
  readonly environment: Environment | undefined;
  /** Every environment name that is defined, for the error message. */
  readonly known: readonly string[];
}

/**
 * The environment the exporter runs for, from `stacksDir` (in the container, the ConfigMap holding
 * `<env>.yaml`); the embedded `default` needs no file. Throws ConfigError for invalid settings,
 * including a live carbon provider enabled without a URL.
 */
export function loadExporterEnvironment(stacksDir: string, envName: string, pricing: Pricing): ExporterEnvironmentLookup {
  const dir = resolve(stacksDir);
  const environments = loadEnvironments({ root: dirname(dir), stacksDir: dir }, pricing);
  const known = environments.map((e) => e.name);
  const environment = environments.find((e) => e.name === envName);
  if (!environment) return { environment, known };
  const live = environment.settings.costExporter.liveCarbonIntensity;
  if (live.enabled && !/^https?:\/\/./.test(live.url)) {
    throw new ConfigError([
      {
        file: environment.source,
        path: "/costExporter/liveCarbonIntensity/url",
        message: "must be an http(s) URL when liveCarbonIntensity is enabled",
        value: live.url,
      },
    ]);
  }
  return { environment, known };
}
