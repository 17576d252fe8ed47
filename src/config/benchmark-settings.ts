import { environmentSchema, type EnvironmentSettings } from "./environment-schema.js";
import { schemaDefaults } from "./schema-defaults.js";

/** The `benchmark` settings with every default filled in. */
export type BenchmarkSettings = NonNullable<EnvironmentSettings["benchmark"]>;

const DEFAULTS = schemaDefaults(environmentSchema.properties.benchmark) as BenchmarkSettings;

/**
 * An environment's `benchmark` settings: as written (ajv has filled in the defaults) or, when the
 * block is left out, the schema's defaults. The block has no object default so that environments
 * without the pack resolve exactly as before it existed.
 */
export function benchmarkSettings(settings: EnvironmentSettings): BenchmarkSettings {
  return settings.benchmark ?? DEFAULTS;
}
