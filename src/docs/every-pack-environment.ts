import { environmentSchema, type Environment, type EnvironmentSettings } from "../config/environment-schema.js";
import { ConfigError } from "../config/errors.js";
import { validateAgainst } from "../config/validate.js";
import { parseYamlFile } from "../config/yaml-file.js";
import { PACK_NAMES } from "../packs/registry.js";

/** The schema defaults with every pack selected (components are on by default, so their packs are in effect too): what the docs describe. */
export function everyPackEnvironment(): Environment {
  const yaml = parseYamlFile("(every pack)", `packs: [${PACK_NAMES.join(", ")}]\n`);
  const problems = validateAgainst(environmentSchema, yaml);
  if (problems.length > 0) throw new ConfigError(problems);
  return { name: "docs", source: yaml.file, settings: yaml.data as EnvironmentSettings };
}
