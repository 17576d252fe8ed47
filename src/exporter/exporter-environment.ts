import { dirname, resolve } from "node:path";
import type { Environment } from "../config/environment-schema.js";
import { ConfigError } from "../config/errors.js";
import { loadEnvironmentNamed } from "../config/load-environments.js";
import type { Pricing } from "../config/pricing-schema.js";

/**
 * The environment the exporter runs for: `stacksDir/<envName>.yaml` (in the container, the
 * ConfigMap holding that one file), or the embedded `default`; other files are not read.
 * Undefined when the name is not defined. Throws ConfigError for invalid settings, including a
 * live carbon provider enabled without a URL.
 */
export function loadExporterEnvironment(stacksDir: string, envName: string, pricing: Pricing): Environment | undefined {
  const dir = resolve(stacksDir);
  const environment = loadEnvironmentNamed({ root: dirname(dir), stacksDir: dir }, envName, pricing);
  const live = environment?.settings.costExporter.liveCarbonIntensity;
  if (environment && live?.enabled && !/^https?:\/\/./.test(live.url)) {
    throw new ConfigError([
      {
        file: environment.source,
        path: "/costExporter/liveCarbonIntensity/url",
        message: "must be an http(s) URL when liveCarbonIntensity is enabled",
        value: live.url,
      },
    ]);
  }
  return environment;
}
